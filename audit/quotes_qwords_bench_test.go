package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// BenchmarkQWords splits the sentences of the BBC corpus into words, as
// the checks' sentence words and the quotation finder do: with the view
// lower-cased once.
func BenchmarkQWords(b *testing.B) {
	sets := corpustest.Sets(b)
	type sent struct{ text, lower string }
	var sents []sent
	n := 0
	for _, art := range sets[0].Articles {
		doc := NewDocument(art.Ref, FormatText, art.Body)
		Structure(doc, nil)
		lower := doc.lowerView()
		for _, s := range doc.Sentences {
			if doc.sentenceInView(&s) {
				sents = append(sents, sent{s.Text, lower[s.view.Start:s.view.End]})
				n += len(s.Text)
			}
		}
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var toks []qword
	for b.Loop() {
		for _, s := range sents {
			toks = appendQWordsLower(toks[:0], s.text, s.lower, 0, len(s.text))
		}
	}
}
