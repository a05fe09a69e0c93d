package audit

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestTerminatorFastPath holds terminator, which decides a period, a
// space and an ASCII letter, and a period ending the text, without its
// loops, to terminatorRun, the general path, at every such period of
// random texts and the corpora's articles (when present), from states with and without a sentence and
// word open, a list marker or abbreviation before the period, and open
// quotations: the same state after and the same place to go on.
func TestTerminatorFastPath(t *testing.T) {
	lex := &DefaultLexicon().Sentences
	pieces := []string{"a", "Word", "U.S", "Mr", "p.m", "1", "b", " ", ". ", ".", ". The ", ". the ", ". A ", ". é", ". 5",
		". (", ". “", ".  X", ". .", ". . . ", "’", "\"", "e.g", "No", "Inc", "W", "Jan", ". Sunday", ". Sundays."}
	rng := rand.New(rand.NewPCG(9, 10))
	var texts []string
	for range 20000 {
		texts = append(texts, pieceText(rng, pieces, 30))
	}
	if _, ok := corpus.Root(); ok && !testing.Short() {
		for _, set := range corpustest.Sets(t) {
			for _, a := range set.Articles {
				texts = append(texts, a.Body)
			}
		}
	}
	n, last := 0, 0
	for _, text := range texts {
		if strings.HasSuffix(text, ".") {
			last++
			for _, t2 := range []string{text, text + "x"} {
				i := len(text) - 1
				base := segmenter{text: t2, lex: lex, start: max(0, i-5), end: i, wordStart: max(0, i-2)}
				fast, slow := base, base
				if got, want := fast.terminator(i, runPeriod), slow.terminatorRun(i, runPeriod); got != want || !reflect.DeepEqual(fast, slow) {
					t.Fatalf("%q at %d from %+v: fast %d %+v, want %d %+v", t2, i, base, got, fast, want, slow)
				}
			}
		}
		for i := strings.Index(text, ". "); i >= 0; {
			if c := text[min(i+2, len(text)-1)] | 0x20; i+2 < len(text) && 'a' <= c && c <= 'z' {
				n++
				for _, start := range []int{-1, 0, max(0, i-3)} {
					for _, word := range []int{-1, max(0, i-1), max(0, i-2), max(0, i-3), start} {
						base := segmenter{text: text, lex: lex, start: start, end: i, wordStart: word, quotes: rng.IntN(2), tokURL: rng.IntN(2) == 0}
						fast, slow := base, base
						if got, want := fast.terminator(i, runPeriod), slow.terminatorRun(i, runPeriod); got != want || !reflect.DeepEqual(fast, slow) {
							t.Fatalf("%q at %d from %+v: fast %d %+v, want %d %+v", text, i, base, got, fast, want, slow)
						}
					}
				}
			}
			k := strings.Index(text[i+1:], ". ")
			if k < 0 {
				break
			}
			i += 1 + k
		}
	}
	if n == 0 || last == 0 {
		t.Errorf("%d periods before a letter and %d at the end took the fast paths", n, last)
	}
}
