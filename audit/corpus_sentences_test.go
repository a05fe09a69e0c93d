package audit

import (
	"iter"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// corpusSentences yields every sentence of the corpora (skipping the test
// when they are absent) with its document, structured with lex, and its
// text as the analysis reads it (softWrap). Breaking out of the loop
// stops the walk.
func corpusSentences(t *testing.T, lex *Lexicon) iter.Seq2[*Document, Sentence] {
	sets := corpustest.Sets(t)
	return func(yield func(*Document, Sentence) bool) {
		for _, set := range sets {
			for _, art := range set.Articles {
				doc := NewDocument(art.Ref, FormatText, art.Body)
				Structure(doc, lex)
				for _, s := range doc.Sentences {
					s.Text = softWrap(s.Text)
					if !yield(doc, s) {
						return
					}
				}
			}
		}
	}
}

// pieceText returns a random text of up to most-1 of pieces, drawn with
// rng: the random texts the reference tests put fast paths to.
func pieceText(rng *rand.Rand, pieces []string, most int) string {
	var b strings.Builder
	for n := rng.IntN(most); n > 0; n-- {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}
