package audit_test

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// BenchmarkRulesCorpora measures Engine.Run alone, with the full rule
// pack, on every article of the shared corpora analysed beforehand: the
// rule engine's share of BenchmarkCorpora. It skips when the corpora are
// absent.
func BenchmarkRulesCorpora(b *testing.B) {
	sets := corpustest.Sets(b)
	e := defaultEngine(b)
	for _, set := range sets {
		docs := make([]*audit.Document, len(set.Articles))
		for i, a := range set.Articles {
			docs[i] = audit.NewDocument(a.Ref, audit.FormatText, a.Body)
			audit.Structure(docs[i], e.Analyzer().Lexicon())
			e.Analyzer().Analyze(docs[i])
		}
		b.Run(set.Name, func(b *testing.B) {
			measure(b, set.Bytes, nil, func() {
				for _, d := range docs {
					e.Run(d)
				}
			})
		})
	}
}
