package audit_test

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// BenchmarkAnalyzeCorpora measures Analyze alone over every article of
// the shared corpora, structured beforehand outside the measurement. It
// skips when the corpora are absent.
func BenchmarkAnalyzeCorpora(b *testing.B) {
	sets := corpustest.Sets(b)
	an := audit.NewAnalyzer(nil, nil)
	for _, set := range sets {
		arts := set.Articles
		docs := make([]*audit.Document, len(arts))
		b.Run(set.Name, func(b *testing.B) {
			measure(b, set.Bytes, func() {
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
