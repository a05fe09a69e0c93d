package audit

import (
	"math/rand"
	"strings"
	"testing"
)

// TestAppendFieldsReference holds appendFields to the first fields
// strings.Fields splits, on random texts with white space of every kind,
// multi-byte runes and invalid UTF-8, with and without fields before.
func TestAppendFieldsReference(t *testing.T) {
	pieces := []string{"a", "bc", " ", "  ", "\n", "\t", "\v", "\u00a0", "\u2009", "\u0085", "“", "é", "\xff", "\xe2", "x y", ""}
	rng := rand.New(rand.NewSource(4))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(10); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		before := []string{"w"}[:rng.Intn(2)]
		limit := rng.Intn(5)
		want := append([]string(nil), before...)
		for _, w := range strings.Fields(s) {
			if len(want) >= limit {
				break
			}
			want = append(want, w)
		}
		got := appendFields(append([]string(nil), before...), s, limit)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("appendFields(%q, %q, %d) = %q, want %q", before, s, limit, got, want)
		}
	}
}

// TestHasLexKey holds hasLexKey to a look-up of lexKey, on random words
// with capitals, white space around them, curly apostrophes, non-ASCII
// letters and lengths either side of maxStackKey.
func TestHasLexKey(t *testing.T) {
	pieces := []string{"a", "B", "he", "She", "HE", " ", "\t", "\u00a0", "’", "'", "É", "é", "x", strings.Repeat("Ab", 20)}
	set := map[string]bool{}
	rng := rand.New(rand.NewSource(5))
	var words []string
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.Intn(6); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		words = append(words, b.String())
		if rng.Intn(3) == 0 {
			set[lexKey(b.String())] = true
		}
	}
	for _, w := range words {
		if got, want := hasLexKey(set, w), set[lexKey(w)]; got != want {
			t.Fatalf("hasLexKey(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestExcepted holds anonymousSource.excepted to the look-up of
// strings.ReplaceAll it stands for, on roles of hyphens, spaces and
// letters either side of its buffer's length.
func TestExcepted(t *testing.T) {
	a := anonymousSource{except: map[string]bool{}}
	pieces := []string{"a", "source", "-", " ", "close", "to", "é", strings.Repeat("x", 30)}
	rng := rand.New(rand.NewSource(7))
	var roles []string
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.Intn(6); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		roles = append(roles, b.String())
		if rng.Intn(3) == 0 {
			a.except[strings.ReplaceAll(b.String(), "-", " ")] = true
		}
	}
	for _, r := range roles {
		if got, want := a.excepted(r), a.except[strings.ReplaceAll(r, "-", " ")]; got != want {
			t.Fatalf("excepted(%q) = %v, want %v", r, got, want)
		}
	}
}
