package audit

import (
	"slices"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// checkFigTokenizeRoomy holds figTokenize with room for the tokens, which
// appendASCIITokens takes, to figTokenize with none, which takes every
// token one at a time as figTokenizeRef does (checkFigTokenizeRef).
func checkFigTokenizeRoomy(t *testing.T, c *figCompiled, s string) {
	t.Helper()
	want, wantNums := figTokenize(s, nil, nil, c)
	for _, room := range []int{len(s) + 1, 3} {
		got, gotNums := figTokenize(s, make([]figToken, 0, room), nil, c)
		if !slices.Equal(got, want) || !slices.Equal(gotNums, wantNums) {
			t.Fatalf("%q with room for %d: tokens\n%+v\nwant\n%+v", s, room, got, want)
		}
	}
}

// TestFigTokenizeRoomy holds appendASCIITokens to the token-by-token
// reading for every byte, alone or doubled, at every place of texts whose
// words end in the first or second eight bytes it loads, ended by a space,
// a dot, an apostrophe or the end of the text, and over the corpora.
func TestFigTokenizeRoomy(t *testing.T) {
	c := figLexicon(t).c
	bases := []string{"Five. U.S. men", "TEN thousand.", "Thousands. of", "abcdefghijklmno p", "ABCDEFGH's men", "Internationally"}
	eachByteVariant(bases, func(s string) { checkFigTokenizeRoomy(t, c, s) })
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			checkFigTokenizeRoomy(t, c, a.Body)
		}
	}
}
