package knowledge

// stopWords are folded French function words, chat fillers and SMS spellings that carry no
// topic. Words that do carry intent for our guides ("combien", "prix", "gratuit") are kept.
var stopWords = toSet(`
a ai aie aient aies ait as au aucun aucune aupres aussi autre autres aux avaient avais avait
avant avec avez aviez avions avoir avons ayant ayez ayons
bah ben bien bon bonjour bonsoir
c ca car ce ceci cela celle celles celui cependant ces cet cette ceux chaque chez ci comme
comment cela
d dans de des deja depuis devrais devrait dois doit donc dont du
elle elles en encore entre es est et etaient etais etait etant etc ete etes etiez etions etre
eu eue eues eurent eus eusse eussent eusses eussiez eussions eut eux
fais faire fait faut
hello hey hi
il ils
j je jusqu
l la le les leur leurs lui
m ma mais me meme memes merci mes moi mon
n ne ni nos notre nous
o on ont ou
par parce pas peu peut peuvent peux plus pour pourquoi pourrais pourrait pouvez pouvoir
puis puisque
qu quand que quel quelle quelles quels qui quoi
s sa sans se sera serai seraient serais serait seras serez seriez serions serons seront ses
si soi soient sois soit sommes son sont soyez soyons suis sur svp stp
t ta te tes toi ton tous tout toute toutes tres tu
un une unes uns
vers voila vos votre vous voudrais voulez voulons vouloir veux veut
y
salut coucou slt cc bjr bsr
jveux jvoudrais jsuis chui jsp jpeux jai g c koi kwa kom cmt pk pq pr ds tt bcp dc qd qq
mn ma mes ke ki ya y'a
aimerais souhaiterais souhaite voudrait aider dire savoir besoin question
svp stp merci mercii svpp please pls
est-ce estce
quelqu aujourdhui
passe passent passer passes vont va viens vient venir viennent prend prends prendre prennent
`)

func toSet(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range appendWords(nil, words) {
		m[w] = true
	}
	return m
}

// IsStopWord reports whether a folded word carries no topic.
func IsStopWord(w string) bool { return stopWords[w] }
