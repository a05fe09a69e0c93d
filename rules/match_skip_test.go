package rules

import (
	"slices"
	"testing"
)

// TestLe64Short holds le64Short to reading its bytes one at a time, for
// every text of fewer than eight bytes and every offset in it. (The
// tokenizer's eight-byte loads near the end of longer texts are held to
// the reference tokenizer by TestTokenizeAsReference and
// TestMatchAsReference, at every length of the match cases.)
func TestLe64Short(t *testing.T) {
	const text = "abcdefg"
	for n := 0; n <= len(text); n++ {
		s := text[:n]
		for i := 0; i < n; i++ {
			var want uint64
			for k := i; k < n; k++ {
				want |= uint64(s[k]) << (8 * (k - i))
			}
			if got := le64Short(s, i); got != want {
				t.Errorf("le64Short(%q, %d) = %#x, want %#x", s, i, got, want)
			}
		}
	}
}

// TestSkipDroppedAgain holds skipDropped to what tokenize relies on when
// it does not ask it again where AppendMatch's call stopped: from where it
// stops, at every offset of the match cases, it stops there again.
func TestSkipDroppedAgain(t *testing.T) {
	r := DefaultRegistry()
	words := &r.m.words
	for _, text := range matchCases(t, r, true) {
		for i := 0; i < len(text); i++ {
			if j := words.skipDropped(text, i); j < len(text) {
				if k := words.skipDropped(text, j); k != j {
					t.Fatalf("skipDropped(%q, %d) = %d, and from there %d", text, i, j, k)
				}
			}
		}
	}
}

// TestSkipDroppedApostrophes checks the filtered tokeniser and the
// matcher, which skipDropped's apostropheWord spares most words with an
// apostrophe, against the unfiltered tokeniser and the reference matcher
// on such words: elided, possessive, with the apostrophe dropped, of
// every length around the eight bytes it reads, with every ASCII byte
// and a few past ASCII after the apostrophe and after the word.
func TestSkipDroppedApostrophes(t *testing.T) {
	r := DefaultRegistry()
	ref := refNewMatcher(r.entries)
	words := []string{"l", "L", "d", "qu", "QU", "jusqu", "lorsqu", "puisqu", "it", "don", "SOHR", "Sohr", "sana", "SANA", "AFP",
		"Reuters", "Hay", "ngo", "NGO", "the", "The", "abcdef", "abcdefg", "Abcs", "Observatory"}
	afters := []string{"s", "S", "t", "at", "ats", "Ats", "OSDH", "Etat", "AFP", "Reuters", "abcdef", "s's", "9", ""}
	for c := range 130 {
		for _, w := range words {
			for _, a := range afters {
				word := w + "'" + a
				for _, text := range []string{
					word + string(rune(c)) + "the NGO said",
					"said the " + word + string([]byte{byte(c)}),
					"the " + word + " " + string([]byte{byte(c)}) + "AFP, " + word,
					word + "'" + string(rune(c)) + "s " + word + "\u00e9",
				} {
					checkTokenizeFiltered(t, &r.m.words, text)
					if got, want := r.Match(text), refMatch(ref, text); !slices.Equal(got, want) {
						t.Fatalf("Match(%q)\n got %+v\nwant %+v", text, got, want)
					}
				}
			}
		}
	}
}
