package knowledge

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func norm(v Vector) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestHashEmbedderBasics(t *testing.T) {
	e := NewHashEmbedder()
	if e.Model() != OfflineModel {
		t.Errorf("Model: got %q, want %q", e.Model(), OfflineModel)
	}
	if e.Dim() != OfflineDim {
		t.Errorf("Dim: got %d, want %d", e.Dim(), OfflineDim)
	}
	var _ Embedder = e
}

func TestHashEmbedderVectors(t *testing.T) {
	e := NewHashEmbedder()
	for _, text := range []string{
		"créer ma fiche Google",
		"Comment améliorer mon référencement naturel ?",
		"GMB",
		"2026",
		"une phrase un peu plus longue sur les mentions légales d'un site e-commerce, avec des mots répétés répétés répétés",
	} {
		t.Run(text, func(t *testing.T) {
			v := e.EmbedText(text)
			if len(v) != OfflineDim {
				t.Fatalf("dimension: got %d, want %d", len(v), OfflineDim)
			}
			if n := norm(v); math.Abs(n-1) > 1e-5 {
				t.Errorf("norm: got %.7f, want 1", n)
			}
			if again := e.EmbedText(text); !cmp.Equal(v, again) {
				t.Errorf("got a different vector the second time, want the same")
			}
			if other := NewHashEmbedder().EmbedText(text); !cmp.Equal(v, other) {
				t.Errorf("got a different vector from another embedder, want the same")
			}
		})
	}
}

// A text with nothing to embed (no word, or only stop words) gives the zero vector rather than NaNs.
func TestHashEmbedderEmptyText(t *testing.T) {
	e := NewHashEmbedder()
	for _, text := range []string{"", "   ", "!!! 🙂", "a", "je le"} {
		v := e.EmbedText(text)
		if len(v) != OfflineDim {
			t.Fatalf("EmbedText(%q): got dimension %d, want %d", text, len(v), OfflineDim)
		}
		for i, x := range v {
			if x != 0 {
				t.Fatalf("EmbedText(%q): got v[%d] = %v, want the zero vector", text, i, x)
			}
		}
	}
}

func TestHashEmbedderEmbed(t *testing.T) {
	e := NewHashEmbedder()
	texts := []string{"créer ma fiche Google", "mentions légales", ""}
	vs, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatalf("Embed: got error %v, want none", err)
	}
	if len(vs) != len(texts) {
		t.Fatalf("Embed: got %d vectors, want %d", len(vs), len(texts))
	}
	for i, text := range texts {
		if want := e.EmbedText(text); !cmp.Equal(vs[i], want) {
			t.Errorf("Embed[%d]: got a vector different from EmbedText(%q)", i, text)
		}
	}
	if vs, err := e.Embed(context.Background(), nil); err != nil || len(vs) != 0 {
		t.Errorf("Embed(nil): got %d vectors, %v, want none and no error", len(vs), err)
	}
}

func TestHashEmbedderSimilarity(t *testing.T) {
	e := NewHashEmbedder()
	cos := func(a, b string) float32 { return Dot(e.EmbedText(a), e.EmbedText(b)) }
	tests := []struct {
		name            string
		text, near, far string
	}{
		{"paraphrase of the business profile", "créer ma fiche Google", "créer une fiche d'établissement Google", "recette de la tarte aux pommes"},
		{"synonyms through the glossary", "ma fiche GMB", "mon profil Google My Business", "mon vélo est cassé"},
		{"accents and case do not matter", "Mentions Légales", "mentions legales", "horaires d'ouverture"},
		{"misspelt word close to the right one", "referencment", "referencement", "boulangerie"},
		{"misspelt word in a question", "améliorer mon referencment naturel", "améliorer mon référencement naturel", "améliorer ma recette de cuisine"},
		{"misspelt brand", "instagrm", "instagram", "comptabilité"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			near, far := cos(tt.text, tt.near), cos(tt.text, tt.far)
			if near <= far {
				t.Errorf("cos(%q, %q) = %.3f, cos(%q, %q) = %.3f: got near <= far, want near > far",
					tt.text, tt.near, near, tt.text, tt.far, far)
			}
		})
	}
	if c := cos("créer ma fiche Google", "créer ma fiche Google"); math.Abs(float64(c)-1) > 1e-5 {
		t.Errorf("cos of a text with itself: got %.6f, want 1", c)
	}
	if c := cos("créer ma fiche Google", "créer une fiche d'établissement Google"); c < 0.5 {
		t.Errorf("cos of two paraphrases: got %.3f, want at least 0.5", c)
	}
	if c := cos("créer ma fiche Google", "recette de la tarte aux pommes"); c > 0.2 {
		t.Errorf("cos of unrelated texts: got %.3f, want at most 0.2", c)
	}
}

func TestDot(t *testing.T) {
	tests := []struct {
		name string
		a, b Vector
		want float32
	}{
		{"empty", Vector{}, Vector{}, 0},
		{"nil", nil, nil, 0},
		{"one", Vector{2}, Vector{3}, 6},
		{"orthogonal", Vector{1, 0}, Vector{0, 1}, 0},
		{"opposite", Vector{1, 0}, Vector{-1, 0}, -1},
		{"four", Vector{1, 2, 3, 4}, Vector{1, 1, 1, 1}, 10},
		{"not a multiple of four", Vector{1, 2, 3, 4, 5, 6, 7}, Vector{1, 1, 1, 1, 1, 1, 2}, 35},
		{"different dimensions", Vector{1, 2, 3}, Vector{1, 2}, 0},
	}
	for _, tt := range tests {
		if got := Dot(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: Dot(%v, %v): got %v, want %v", tt.name, tt.a, tt.b, got, tt.want)
		}
		if got := Dot(tt.b, tt.a); got != tt.want {
			t.Errorf("%s: Dot is not symmetric: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   Vector
		want Vector
	}{
		{"nil", nil, nil},
		{"zero stays zero", Vector{0, 0, 0}, Vector{0, 0, 0}},
		{"3-4-5", Vector{3, 4}, Vector{0.6, 0.8}},
		{"negative", Vector{0, -2}, Vector{0, -1}},
		{"already unit", Vector{1, 0, 0}, Vector{1, 0, 0}},
	}
	approx := cmp.Comparer(func(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-6 })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append(Vector(nil), tt.in...)
			got := Normalize(in)
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Normalize(%v): got %v, want %v (-want +got):\n%s", tt.in, got, tt.want, diff)
			}
			if len(in) > 0 && &got[0] != &in[0] {
				t.Errorf("Normalize(%v): got a new slice, want v scaled in place", tt.in)
			}
		})
	}
}
