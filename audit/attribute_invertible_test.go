package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// refInvertible, the reference invertible is held to, tries every mark.
func refInvertible(text string, off int) bool {
	t := strings.TrimRight(text[:off], " \t\n")
	if t == "" {
		return false
	}
	for _, suf := range []string{",", "”", "\"", "»", "“", "›", ":"} {
		if strings.HasSuffix(t, suf) {
			return true
		}
	}
	return false
}

// TestInvertibleMatchesReference holds invertible, which rules out most
// offsets by the byte before them, to refInvertible at every word of the
// corpora and on a few texts.
func TestInvertibleMatchesReference(t *testing.T) {
	check := func(text string, off int) bool {
		if got, want := invertible(text, off), refInvertible(text, off); got != want {
			t.Errorf("invertible(%q, %d) = %v, want %v", text, off, got, want)
			return false
		}
		return true
	}
	for _, text := range []string{"“Go,” said", "“Go” said", "«Non» dit", "‹a› said", "x: said", "x\" said", "x' said", "said", " said", "é said", "\xff said"} {
		for off := 0; off <= len(text); off++ {
			check(text, off)
		}
	}
	for _, set := range corpustest.Sets(t) {
		for _, art := range set.Articles {
			text := art.Body
			for _, w := range appendWords(nil, text) {
				if !check(text, w.start) {
					return
				}
			}
		}
	}
}
