package audit_test

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// BenchmarkRulesCorpora measures Engine.Run alone, with the full rule
// pack, on every article of the shared corpora analysed beforehand: the
// rule engine's share of BenchmarkCorpora. It skips when the corpora are
// absent.
func BenchmarkRulesCorpora(b *testing.B) {
	root, ok := corpus.Root()
	if !ok {
		b.Skip("corpora not found")
	}
	e := defaultEngine(b)
	for _, set := range []struct {
		name string
		load func(string) ([]corpus.Article, error)
	}{{"bbc", corpus.BBC}, {"reuters", corpus.Reuters}, {"fakes", corpus.Fakes}} {
		arts, err := set.load(root)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		docs := make([]*audit.Document, len(arts))
		for i, a := range arts {
			n += len(a.Body)
			docs[i] = audit.NewDocument(a.Ref, audit.FormatText, a.Body)
			audit.Structure(docs[i], e.Analyzer().Lexicon())
			e.Analyzer().Analyze(docs[i])
		}
		b.Run(set.name, func(b *testing.B) {
			measure(b, n, nil, func() {
				for _, d := range docs {
					e.Run(d)
				}
			})
		})
	}
}
