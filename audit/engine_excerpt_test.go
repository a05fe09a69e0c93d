package audit

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// refExcerpt is Excerpt as it was written before it collapsed only the
// words it shows: collapse all of s, then cut it.
func refExcerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= ExcerptRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == ExcerptRunes-1 {
			return strings.TrimSpace(s[:i]) + "…"
		}
		n++
	}
	return s
}

// TestExcerptReference holds Excerpt and collapsed to refExcerpt and
// strings.Fields on random texts around the excerpt's length, with white
// space of every kind, multi-byte runes and invalid UTF-8.
func TestExcerptReference(t *testing.T) {
	pieces := []string{"a", "bc", "word", " ", "  ", "\n", "\t", "\v", "\u00a0", "\u2009", "\u0085", "“", "é", "😀", "\xff", "\xe2", "\xe2\x80", "x y", "", strings.Repeat("z", 40)}
	rng := rand.New(rand.NewSource(3))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(120); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := Excerpt(s), refExcerpt(s); got != want {
			t.Fatalf("Excerpt(%q) = %q, want %q", s, got, want)
		}
		if got, want := collapsed(s), strings.Join(strings.Fields(s), " ") == s; got != want {
			t.Fatalf("collapsed(%q) = %v, want %v", s, got, want)
		}
	}
}
