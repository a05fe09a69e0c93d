package audit

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestHasDirective holds hasDirective to strings.Contains on the corpora,
// on crafted texts and on random texts of pieces of the prefix.
func TestHasDirective(t *testing.T) {
	check := func(text string) {
		t.Helper()
		if got, want := hasDirective(text), strings.Contains(text, directivePrefix); got != want {
			t.Fatalf("hasDirective(%q) = %v, want %v", text, got, want)
		}
	}
	for _, text := range []string{"", "-", "sourcecheck", "sourcecheck-", "ourcecheck-", "xsourcecheck-", "sourcecheck-x",
		"sourcecheck--", "-sourcecheck-", "sourcecheck sourcecheck-", "source-check-", "SOURCECHECK-", "<!-- sourcecheck-disable x -->"} {
		check(text)
	}
	pieces := []string{"s", "source", "check", "-", "sourcecheck", "ck-", " ", "x-y", "é"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		check(pieceText(rng, pieces, 12))
	}
	for _, set := range corpustest.Sets(t) {
		for _, art := range set.Articles {
			check(art.Body)
			check(art.Body + "<!-- sourcecheck-enable all -->")
		}
	}
}

func BenchmarkHasDirective(b *testing.B) {
	sets := corpustest.Sets(b)
	for _, f := range []struct {
		name string
		fn   func(string) bool
	}{{"contains", func(s string) bool { return strings.Contains(s, directivePrefix) }}, {"hasDirective", hasDirective}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				for _, set := range sets {
					for _, art := range set.Articles {
						f.fn(art.Body)
					}
				}
			}
		})
	}
}
