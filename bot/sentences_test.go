package bot

import (
	"testing"

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
