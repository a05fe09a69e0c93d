package audit

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAppendQWordsRandom holds appendQWordsLower, with and without the
// lower-cased text, to refAppendQWords on random texts of ASCII runs
// longer and shorter than its eight-byte steps, joiners, other scripts and
// invalid bytes, over every range of the short ones (the corpora are in
// TestFindCuesMatchesReference).
func TestAppendQWordsRandom(t *testing.T) {
	check := func(text string, start, end int) {
		t.Helper()
		want := refAppendQWords(nil, text, start, end)
		for _, lower := range []string{"", lowerASCII(text)} {
			if got := appendQWordsLower(nil, text, lower, start, end); !slices.Equal(got, want) {
				t.Fatalf("appendQWordsLower(%q, %d, %d, lower %v):\ngot  %+v\nwant %+v", text, start, end, lower != "", got, want)
			}
		}
	}
	pieces := []string{"a", "Z", "0", "9", "word", "Words", "ABCDEFGHIJ", "abcdefghijkl", " ", "  ", ".", ",", "-", "'", "’",
		"é", "É", "日本", "ª", "\xe2", "\xe2\x80", "\xff", "\x80", "\n", "--", "''", "it's", "o’clock", "U.S.", "x-ray"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		text := pieceText(rng, pieces, 30)
		if len(text) > 24 {
			check(text, 0, len(text))
			check(text, rng.IntN(len(text)), len(text))
			continue
		}
		for start := 0; start <= len(text); start++ {
			for end := start; end <= len(text); end++ {
				check(text, start, end)
			}
		}
	}
}

// TestGeneralPunctuationNoWord holds what appendQWordsIn skips without
// decoding: no rune from U+2000 to U+203F (lead bytes E2 80) is a letter
// or digit.
func TestGeneralPunctuationNoWord(t *testing.T) {
	for r := rune(0x2000); r <= 0x203F; r++ {
		if isWordRune(r) {
			t.Errorf("isWordRune(%U) = true", r)
		}
		if b := []byte(string(r)); b[0] != 0xE2 || b[1] != 0x80 {
			t.Errorf("%U encodes as % x", r, b)
		}
	}
}
