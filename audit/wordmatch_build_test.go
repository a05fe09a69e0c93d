package audit

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// refRootPairs is how newPhraseMatcher first filled the pairs of the
// ASCII first bytes of phrases: for every byte b the root has a node n
// for, every byte c after it, looked up in n's edges.
func refRootPairs(m *phraseMatcher) (pairs [1024]uint64) {
	set := func(b, c byte) {
		k := uint(c)<<8 | uint(b)
		pairs[k>>6] |= 1 << (k & 63)
	}
	for b, n := range m.root {
		if n == 0 {
			continue
		}
		for c := range 256 {
			if !isASCIIWord(byte(c)) {
				if c == 0 || m.mayRun(byte(b), 1) {
					set(byte(b), byte(c))
				}
			} else if m.next(n, foldRune(rune(c))) != 0 {
				set(byte(b), byte(c))
			}
		}
	}
	return pairs
}

// TestPhraseMatcherRootPairs holds newPhraseMatcher's pairs of ASCII
// first bytes to refRootPairs, for phrase lists of hand-picked and random
// words, and checks that edges carved from a shared block keep their
// nodes apart.
func TestPhraseMatcherRootPairs(t *testing.T) {
	words := []string{"sources", "say", "Said", "it", "is", "_x", "x_", "9", "9a", "k", "K", "\u212aelvin", "ſtate",
		"state", "café", "Ünion", "a", "ab", "aB", "a_", "a9", "(a", "x(y", "\ufffd", "zz", "Zebra", "über", "U.S.",
		"according", "to", "reports", "kk", "ks", "s", "S", "q-r", "é", "1st"}
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 3000; n++ {
		var phrases [][]string
		var text []string
		for k := rng.Intn(12); k >= 0; k-- {
			var p []string
			for j := rng.Intn(3); j >= 0; j-- {
				p = append(p, words[rng.Intn(len(words))])
			}
			phrases = append(phrases, p)
			text = append(text, strings.Join(p, " "))
		}
		m := newPhraseMatcher(phrases, n%2 == 0)
		want := refRootPairs(m)
		for k := range want {
			// The pairs of first bytes of multi-byte sequences are
			// newPhraseMatcher's alone.
			for bit := range 64 {
				if b := (k<<6 | bit) & 255; b >= utf8.RuneSelf {
					want[k] |= m.pairs[k] & (1 << bit)
				}
			}
		}
		if m.pairs != want {
			t.Fatalf("%q: pairs differ from the reference", phrases)
		}
		// Edges carved from one block must not overwrite each other:
		// the matcher still finds what its regular expression finds.
		all := strings.Join(text, " ")
		if got, want := m.find(all), phraseRegexp(phrases, n%2 == 0).FindStringIndex(all); !slices.Equal(got, want) {
			t.Fatalf("%q: find %q = %v, want %v", phrases, all, got, want)
		}
	}
}
