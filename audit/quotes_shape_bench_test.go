package audit

import (
	"strings"
	"testing"
)

// BenchmarkFindQuotesShapes measures findQuotes alone on the quote-heavy
// and the spaceless inputs of BenchmarkShape, structured beforehand: the
// end-to-end shapes take minutes, most of it outside the quote finder.
func BenchmarkFindQuotesShapes(b *testing.B) {
	repeat := func(s string, n int) string { return strings.Repeat(s, n/len(s)+1)[:n] }
	lex := DefaultLexicon()
	for _, s := range []struct{ name, text string }{
		{"quotes100k", strings.Repeat("“We heard an explosion,” a resident told AFP, citing the SOHR. ", 50000)},
		{"line1MBNoSpaces", repeat("Aleppo-Homs/Damascus.SOHR,1,000“dead”", 1<<20)},
	} {
		doc := NewDocument("bench", FormatText, s.text)
		Structure(doc, lex)
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(doc.view.Text)))
			b.ReportAllocs()
			for b.Loop() {
				findQuotes(doc.view.Text, doc.Blocks, doc.Sentences, lex)
			}
		})
	}
}
