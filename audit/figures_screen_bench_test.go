package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// BenchmarkFigScreen measures mayHold alone over the body sentences of
// the BBC corpus: a chain of dependent table loads, one a byte, whose
// time cachegrind's instruction counts do not show.
func BenchmarkFigScreen(b *testing.B) {
	root, ok := corpus.Root()
	if !ok {
		b.Skip("corpora not found")
	}
	lex := DefaultLexicon()
	arts, err := corpus.BBC(root)
	if err != nil {
		b.Fatal(err)
	}
	var sents []string
	n := 0
	for _, a := range arts {
		doc := NewDocument(a.Ref, FormatText, a.Body)
		Structure(doc, lex)
		for _, s := range doc.Sentences {
			if doc.Blocks[s.Block].Kind == BlockBody {
				sents = append(sents, s.Text)
				n += len(s.Text)
			}
		}
	}
	c := lex.Figures.c
	b.SetBytes(int64(n))
	held := 0
	for b.Loop() {
		for _, s := range sents {
			if c.mayHold(s) {
				held++
			}
		}
	}
}
