package audit

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// refFigMayHold is mayHold as it was before the screen: word by word, a
// run of ASCII letters looked up in the vocabulary.
func refFigMayHold(c *figCompiled, s string) bool {
	const letter = figByteLower | figByteUpper
	for i := 0; i < len(s); {
		b := s[i]
		switch k := figWordByte[b]; {
		case k&letter != 0:
			j := i + 1
			for j < len(s) && figWordByte[s[j]]&letter != 0 {
				j++
			}
			if c.words[c.table.lookup(s[i:j], true)].flags&figFValue != 0 {
				return true
			}
			i = j
		case k != 0: // a digit
			return true
		case b < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.ToLower(r) < utf8.RuneSelf {
				return true
			}
			i += size
		}
	}
	return false
}

// TestFigScreenAsReference holds mayHold's screen to the word-by-word
// reference over the corpora's sentences and every byte, alone or
// doubled, at every place of short texts around value words and the
// encodings of the letters folding to ASCII.
func TestFigScreenAsReference(t *testing.T) {
	lex := DefaultLexicon()
	c := lex.Figures.c
	if !c.prefilter {
		t.Fatal("no screen")
	}
	check := func(s string) {
		t.Helper()
		if got, want := c.mayHold(s), refFigMayHold(c, s); got != want {
			t.Fatalf("mayHold(%q) = %v, want %v", s, got, want)
		}
	}
	bases := []string{"", "a", "five", "Five", "fives", "afive", "dozen", "dozens of", "half", "hal",
		"tens thousand", "x \u212a y", "\u0130", "\xe2\x84", "\xc4", "million", "the millionth"}
	eachByteVariant(bases, check)
	// Texts of 64 bytes or more are read in two halves (figScreen.pair):
	// every byte at every place of long texts with value words and fold
	// encodings on either side of their middle and at their ends.
	long := []string{
		"the dozens of men and women who gathered in the square on Tuesday x",
		"at the start of the day a Kelvin \u212a sign and then half of them left",
		"nothing to see here at all in this sentence, though it is long enough five",
		"fivefold increases were not reported by anyone in the region this week, hal",
	}
	eachByteVariant(long, check)
	n := 0
	for _, s := range corpusSentences(t, lex) {
		check(s.Text)
		n++
	}
	if n == 0 {
		t.Log("no corpus sentences")
	}
}

// FuzzFigScreen holds mayHold's screen to the reference on any text.
func FuzzFigScreen(f *testing.F) {
	for _, s := range []string{"Dozens of people", "\u212aelvin", "a few", "Twenty-eight", "no figure here"} {
		f.Add(s)
	}
	c := DefaultLexicon().Figures.c
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := c.mayHold(s), refFigMayHold(c, s); got != want {
			t.Fatalf("mayHold(%q) = %v, want %v", s, got, want)
		}
	})
}
