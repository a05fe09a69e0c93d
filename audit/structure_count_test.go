package audit

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestNewItemCountsRandom holds newItem's counts, eight ASCII bytes at a
// time where it can, to utf8.RuneCountInString, strings.Fields and
// unicode.IsSpace on random texts mixing every ASCII white-space byte,
// other control bytes, letters, wide spaces and invalid bytes.
func TestNewItemCountsRandom(t *testing.T) {
	lex := testBlockLexicon(t)
	pieces := []string{"a", "Z", "0", ".", " ", "\t", "\n", "\v", "\f", "\r", "\x08", "\x0e", "\x1f", "!", "\x7f",
		"é", "\u00a0", "\u2003", "\u0085", "\xff", "\xe2\x80", "word", "  ", "\x21", "\x19"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		text := pieceText(rng, pieces, 40)
		it := lex.newItem(text, Span{0, len(text)}, "")
		solid := 0
		for _, r := range text {
			if !unicode.IsSpace(r) {
				solid++
			}
		}
		if it.chars != utf8.RuneCountInString(text) || it.words != len(strings.Fields(text)) || it.solid != solid {
			t.Fatalf("%q: chars %d, words %d, solid %d; want %d, %d, %d", text, it.chars, it.words, it.solid,
				utf8.RuneCountInString(text), len(strings.Fields(text)), solid)
		}
	}
	for c := range 128 {
		if got := swarSpaces(uint64(c)) != 0; got != (asciiSpace[c] != 0) {
			t.Errorf("swarSpaces(%#x) = %v", c, got)
		}
	}
}

// TestSkipPlainRandom holds skipPlain, eight ASCII bytes at a time where
// it can, to the byte loop over plainStop it replaced, on random texts and
// every start and limit in them.
func TestSkipPlainRandom(t *testing.T) {
	ref := func(text string, i, lim int) (int, int) {
		j := i
		for j < lim && !plainStop[text[j]] {
			j++
		}
		return skipPlainBlanks(text, i, j)
	}
	pieces := []string{"a", "word ", " ", "\t", "\n", ")", "]", "\"", "'", "“", "”", "«", "é", "\u00a0", "\xff", "\u2019",
		"!", "&", "(", "the quick brown fox ", "\x22\x27", "#", "%"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		text := pieceText(rng, pieces, 30)
		for i := 0; i <= len(text); i++ {
			for lim := i; lim <= len(text); lim += 1 + rng.IntN(5) {
				gj, gl := skipPlain(text, i, lim)
				wj, wl := ref(text, i, lim)
				if gj != wj || gl != wl {
					t.Fatalf("skipPlain(%q, %d, %d) = %d, %d; want %d, %d", text, i, lim, gj, gl, wj, wl)
				}
			}
		}
	}
}

// TestRuneCountRandom holds runeCount to utf8.RuneCountInString on random
// texts of ASCII runs, other scripts and invalid or cut sequences.
func TestRuneCountRandom(t *testing.T) {
	pieces := []string{"a", " ", "abcdefghij", "é", "日本", "\U0001F600", "\xff", "\x80", "\xe2\x80", "\xf0\x9f", "\xc2"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		text := pieceText(rng, pieces, 30)
		if got, want := runeCount(text), utf8.RuneCountInString(text); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", text, got, want)
		}
	}
	// ASCII strings of every length up to 40 (their count their length),
	// and each with one byte of 0x80 or more at each position, which the
	// ASCII screen must see whether it falls in a step or the last eight.
	ascii := strings.Repeat("The quick brown fox. ", 2)
	for n := range 41 {
		text := ascii[:n]
		if got := runeCount(text); got != n {
			t.Fatalf("runeCount(%q) = %d, want %d", text, got, n)
		}
		for k := range n {
			for _, c := range []string{"\x80", "\xff", "é"} {
				text := ascii[:k] + c + ascii[k+1:n]
				if got, want := runeCount(text), utf8.RuneCountInString(text); got != want {
					t.Fatalf("runeCount(%q) = %d, want %d", text, got, want)
				}
			}
		}
	}
}

// TestIsSpace holds isSpace to unicode.IsSpace over the runes that matter
// (ASCII, Latin-1 and the spaces beyond) and a few out of range.
func TestIsSpace(t *testing.T) {
	for r := rune(-2); r < 0x3100; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Errorf("isSpace(%U) = %v", r, isSpace(r))
		}
	}
	for _, r := range []rune{0xFEFF, 0x10FFFF, 0x110000, utf8.RuneError} {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Errorf("isSpace(%U) = %v", r, isSpace(r))
		}
	}
}
