package knowledge

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"sync"
)

// frwords.txt.gz lists the folded base forms, of six letters or more, of a French dictionary
// (scripts/gen-frwords.sh): what typo correction must not turn into another word.
//
//go:embed frwords.txt.gz
var frwordsGz []byte

var frenchStems struct {
	once  sync.Once
	words map[string]struct{} // the dictionary's base forms
	set   map[string]struct{} // their stems
}

// isFrenchWord reports whether a folded word is a French word: a dictionary word ("toulon"),
// or an inflected form of one ("savonniere", "expedie": longer than a stem of the
// dictionary). A bare stem ("magazin") is not a word: it is more likely a typo.
func isFrenchWord(w string) bool {
	frenchStems.once.Do(loadFrenchStems)
	if _, ok := frenchStems.words[w]; ok {
		return true
	}
	st := stem(w)
	if st == w {
		return false
	}
	_, ok := frenchStems.set[st]
	return ok
}

// dictionary returns the dictionary's base forms.
func dictionary() map[string]struct{} {
	frenchStems.once.Do(loadFrenchStems)
	return frenchStems.words
}

func loadFrenchStems() {
	frenchStems.words = map[string]struct{}{}
	frenchStems.set = map[string]struct{}{}
	zr, err := gzip.NewReader(bytes.NewReader(frwordsGz))
	if err != nil {
		panic("knowledge: frwords.txt.gz: " + err.Error())
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w := sc.Text()
		frenchStems.words[w] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		panic("knowledge: frwords.txt.gz: " + err.Error())
	}
	// the stems are taken once every base form is known: stemming asks the dictionary
	for w := range frenchStems.words {
		frenchStems.set[stemIn(w, frenchStems.words)] = struct{}{}
	}
}
