package audit

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refTagStop is tagStop as it was before skipTagPlain: byte by byte.
func refTagStop(view string, pos, hi int) int {
	stop := pos
	for stop < hi {
		if c := view[stop]; c < utf8.RuneSelf {
			if isSentenceEnd(rune(c)) || c == ';' || c == ':' || c == '"' {
				break
			}
			stop++
			continue
		}
		r, n := utf8.DecodeRuneInString(view[stop:hi])
		if isSentenceEnd(r) || strings.ContainsRune("“„«”»", r) {
			break
		}
		stop += n
	}
	return stop
}

// TestTagStopRandom holds tagStop to refTagStop on random texts of the
// bytes it stops at, those that look like them (# & , ' -), other scripts
// and invalid bytes, over every range of the short ones.
func TestTagStopRandom(t *testing.T) {
	pieces := []string{"a", "said", " ", "  he told", ".", "!", "?", ";", ":", "\"", "'", ",", "#", "&", "-", "…", "“", "„", "«", "”", "»",
		"’", "é", "日本", "\xe2", "\xe2\x80", "\xff", "\x80", "\n", "abcdefghijkl"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		text := pieceText(rng, pieces, 30)
		for pos := 0; pos <= len(text); pos++ {
			for hi := pos; hi <= len(text); hi++ {
				if got, want := tagStop(text, pos, hi), refTagStop(text, pos, hi); got != want {
					t.Fatalf("tagStop(%q, %d, %d) = %d, want %d", text, pos, hi, got, want)
				}
			}
		}
	}
}

// TestStartsUpper holds startsUpper, which answers ASCII bytes itself, to
// unicode.IsUpper of the first rune, on every first byte and some runes
// past ASCII.
func TestStartsUpper(t *testing.T) {
	check := func(s string) {
		t.Helper()
		r, _ := utf8.DecodeRuneInString(s)
		if got, want := startsUpper(s), unicode.IsUpper(r); got != want {
			t.Fatalf("startsUpper(%q) = %v, want %v", s, got, want)
		}
	}
	check("")
	for c := range 256 {
		check(string([]byte{byte(c)}))
		check(string([]byte{byte(c)}) + "ay")
	}
	for _, s := range []string{"Émile", "émile", "Ωmega", "ωmega", "日本", "\xe2\x80", "ǅ"} {
		check(s)
	}
}
