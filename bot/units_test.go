package bot

import (
	"strings"
	"testing"

	"github.com/coachbot/coachbot/knowledge"
	"github.com/google/go-cmp/cmp"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Une phrase. Une autre ! Et une question ?", []string{"Une phrase.", "Une autre !", "Et une question ?"}},
		{"Comptez 1.5 € par mois. Puis 3 €.", []string{"Comptez 1.5 € par mois.", "Puis 3 €."}},
		{"Par ex. Google, etc. Voilà.", []string{"Par ex. Google, etc. Voilà."}},
		{"M. Dupont est coach. Il aide.", []string{"M. Dupont est coach.", "Il aide."}},
		{"Il a dit « oui. » Ensuite il est parti.", []string{"Il a dit « oui. » Ensuite il est parti."}},
		{"Fin… Début.", []string{"Fin…", "Début."}},
		{"sans point final", []string{"sans point final"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, splitSentences(tt.in)); diff != "" {
			t.Errorf("splitSentences(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestSplitUnitsKeepsListsAndParagraphs(t *testing.T) {
	text := "Les étapes :\n\n1. Ouvrez le site.\n2. Créez un compte.\n\nC'est gratuit. Comptez dix minutes."
	us := splitUnits(text)
	var got []string
	for _, u := range us {
		got = append(got, u.text)
	}
	want := []string{"Les étapes :", "1. Ouvrez le site.", "2. Créez un compte.", "C'est gratuit.", "Comptez dix minutes."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("units (-want +got):\n%s", diff)
	}
	if !us[1].item || !us[2].item || us[3].item || us[1].block != us[2].block {
		t.Errorf("list items not marked: %+v", us)
	}
	joined := joinUnits(us)
	if !strings.Contains(joined, "Les étapes :\n1. Ouvrez le site.\n2. Créez un compte.") {
		t.Errorf("joinUnits lost the list layout:\n%s", joined)
	}
}

func TestPickUnitsNeverLeavesHolesInNumberedLists(t *testing.T) {
	text := "Les étapes :\n\n1. Ouvrez Google Maps et cherchez votre entreprise.\n2. Revendiquez la fiche si elle existe.\n3. Choisissez la catégorie principale la plus précise possible.\n4. Ajoutez le téléphone et le site.\n5. Lancez la validation proposée par Google.\n6. Complétez horaires et photos."
	q := knowledge.Query{Terms: []string{"valid", "telephon"}, IDF: []float64{3, 3}}
	for _, budget := range []int{60, 150, 400, 2000} {
		got := pickUnits(splitUnits(text), q, budget)
		if got[0].text != "Les étapes :" {
			t.Errorf("budget %d: the list lost its introduction: %q", budget, got[0].text)
		}
		n := 0
		for _, u := range got {
			if u.item {
				n++
				if want := string(rune('0' + n)); !strings.HasPrefix(u.text, want+". ") {
					t.Errorf("budget %d: item %d is %q: a step is missing", budget, n, u.text)
				}
			}
		}
		if budget >= 400 && n < 5 {
			t.Errorf("budget %d: %d steps quoted, want at least up to the matching step 5", budget, n)
		}
	}
}
