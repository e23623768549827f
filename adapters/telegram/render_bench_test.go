package telegram

import (
	"strings"
	"testing"

	"github.com/coachbot/coachbot/bot"
)

// BenchmarkRender renders a typical answer (a quote, sources with links, buttons) and a long
// one that must be split over several messages.
func BenchmarkRender(b *testing.B) {
	answer := bot.Reply{
		Text: "La fiche d'établissement Google est gratuite : création, validation et mises à jour [1]. " +
			"Cherchez d'abord si une fiche existe déjà dans Google Maps, puis revendiquez-la (« Vous êtes le propriétaire ? ») [1].\n\n" +
			"À lire aussi, dans « Répondre aux avis » : une réponse calme rassure les lecteurs <plus> qu'une note parfaite & polie [2].",
		Sources: []bot.Source{
			{GuideID: "creer-fiche-google", Title: "Créer sa fiche d'établissement Google", URL: "https://support.google.com/business/?hl=fr"},
			{GuideID: "repondre-avis-clients", Title: "Répondre aux avis, même négatifs", URL: "https://support.google.com/business/answer/4596773?hl=fr"},
		},
		Outcome: bot.Answered,
	}
	long := answer
	long.Text = strings.Repeat(answer.Text+"\n\n", 20)
	for _, tc := range []struct {
		name string
		r    bot.Reply
	}{{"answer", answer}, {"long", long}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(Render(tc.r)) == 0 {
					b.Fatal("nothing rendered")
				}
			}
		})
	}
}
