package audit

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestClassifyCtxMore holds the words classifyCtx.more makes, a few at a
// time, to those of the whole sentence at once: for every n, they are a
// prefix of them that holds word n, or every word that starts before
// the bound asked, or all of them. Sentences are the corpora's and
// random ones of words, spaces, joiners and long runs.
func TestClassifyCtxMore(t *testing.T) {
	lex := DefaultLexicon()
	rng := rand.New(rand.NewPCG(7, 8))
	check := func(view string, span Span) {
		t.Helper()
		f := &quoteFinder{view: view, lex: &lex.Reporting}
		want := f.words(nil, span.Start, span.End)
		var c classifyCtx
		c.reset(f, span)
		upto := span.Start
		for n := 0; n <= len(want)+1; n++ {
			// Every other step unbounded, the others up to an offset
			// moving on through the sentence.
			bound := span.End
			if n%2 == 1 {
				upto += rng.IntN(12)
				bound = upto
			}
			c.more(f, n, bound)
			before := 0 // the words that start before the bound
			for before < len(want) && want[before].start < bound {
				before++
			}
			if len(c.toks) <= n && len(c.toks) < before || !slices.Equal(c.toks, want[:len(c.toks)]) {
				t.Fatalf("more(%d, %d) of %q:\ngot  %+v\nwant %+v", n, bound, view[span.Start:span.End], c.toks, want)
			}
		}
	}
	docs, err := cueTestDocs()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		for _, s := range d.Sentences {
			check(d.view.Text, s.view)
		}
	}
	pieces := []string{"word ", "Word", " ", "  ", "-", "'", "’", "x-ray", "it's", "é", "\xff", ",", strings.Repeat("a", 70), strings.Repeat("b ", 40)}
	for range 5000 {
		text := pieceText(rng, pieces, 60)
		check(text, Span{0, len(text)})
		if len(text) > 0 {
			check(text, Span{rng.IntN(len(text)), len(text)})
		}
	}
}
