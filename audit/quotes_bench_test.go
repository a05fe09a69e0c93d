package audit_test

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// BenchmarkQuotesBBC measures the quotation finder and the reporting-cue
// finders alone on the BBC corpus, structured beforehand. It skips when the
// corpora are absent.
func BenchmarkQuotesBBC(b *testing.B) {
	arts := corpustest.BBC(b)
	docs := make([]*audit.Document, len(arts))
	for i, a := range arts {
		docs[i] = audit.NewDocument(a.Ref, audit.FormatText, a.Body)
	}
	qb := audit.NewQuoteBench(docs)
	b.Run("FindCues", func(b *testing.B) { measure(b, qb.SentenceBytes, nil, qb.FindCues) })
	b.Run("AnalyzerCues", func(b *testing.B) { measure(b, qb.SentenceBytes, nil, qb.AnalyzerCues) })
	b.Run("FindQuotes", func(b *testing.B) { measure(b, qb.ViewBytes, nil, qb.FindQuotes) })
}
