package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// BenchmarkFigureSentences measures figure finding as the analyzer does
// it: one body sentence at a time, over the BBC and Reuters corpora.
// "exported" calls FindFigures for each sentence; "finder" takes one
// figFinder from the pool per article, as claims does. Besides MB/s it reports
// cpu-MB/s, throughput per second of the process's CPU time, which is
// steadier on a busy machine.
func BenchmarkFigureSentences(b *testing.B) {
	root, ok := corpus.Root()
	if !ok {
		b.Skip("corpora not found")
	}
	lex := DefaultLexicon()
	for _, set := range []struct {
		name string
		load func(string) ([]corpus.Article, error)
	}{{"bbc", corpus.BBC}, {"reuters", corpus.Reuters}} {
		arts, err := set.load(root)
		if err != nil {
			b.Fatal(err)
		}
		var docs [][]string
		n := 0
		for _, a := range arts {
			doc := NewDocument(a.Ref, FormatText, a.Body)
			Structure(doc, lex)
			var sents []string
			for _, s := range doc.Sentences {
				if doc.Blocks[s.Block].Kind == BlockBody {
					sents = append(sents, s.Text)
					n += len(s.Text)
				}
			}
			docs = append(docs, sents)
		}
		b.Run(set.name+"/exported", func(b *testing.B) {
			figMeasure(b, n, func() {
				for _, sents := range docs {
					for _, s := range sents {
						FindFigures(s, &lex.Figures)
					}
				}
			})
		})
		b.Run(set.name+"/finder", func(b *testing.B) {
			figMeasure(b, n, func() {
				for _, sents := range docs {
					f := figFinders.Get().(*figFinder)
					for _, s := range sents {
						f.find(s, &lex.Figures)
					}
					figFinders.Put(f)
				}
			})
		})
	}
}

// figMeasure runs op b.N times over n bytes, reporting MB/s, allocations
// and cpu-MB/s.
func figMeasure(b *testing.B, n int, op func()) {
	b.SetBytes(int64(n))
	b.ReportAllocs()
	t0 := corpustest.CPUTime()
	for b.Loop() {
		op()
	}
	corpustest.ReportCPU(b, n, corpustest.CPUTime()-t0)
}
