package audit_test

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// BenchmarkAnalyzeCorpora measures Analyze alone over every article of
// the shared corpora, structured beforehand outside the measurement. It
// skips when the corpora are absent.
func BenchmarkAnalyzeCorpora(b *testing.B) {
	root, ok := corpus.Root()
	if !ok {
		b.Skip("corpora not found")
	}
	an := audit.NewAnalyzer(nil, nil)
	for _, set := range []struct {
		name string
		load func(string) ([]corpus.Article, error)
	}{{"bbc", corpus.BBC}, {"reuters", corpus.Reuters}, {"fakes", corpus.Fakes}} {
		arts, err := set.load(root)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, a := range arts {
			n += len(a.Body)
		}
		docs := make([]*audit.Document, len(arts))
		b.Run(set.name, func(b *testing.B) {
			measure(b, n, func() {
				for i, a := range arts {
					docs[i] = audit.NewDocument(a.Ref, audit.FormatText, a.Body)
					audit.Structure(docs[i], an.Lexicon())
				}
			}, func() {
				for _, d := range docs {
					an.Analyze(d)
				}
			})
		})
	}
}
