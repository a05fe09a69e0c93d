package audit

import (
	"math/rand"
	"strings"
	"testing"
)

// TestCollapse checks collapse against the words of strings.Fields
// joined by single spaces, on random texts.
func TestCollapse(t *testing.T) {
	pieces := []string{"a", "bc", " ", "  ", "\n", "\t", "\u00a0", "\u2009", "“", "é", "\xff", "\xe2", "x y", ""}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(6); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}
