package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// checkQuoteScreen holds antecedents.innerFrom (offsets in order) and
// the quote screen (antecedents.inner, sentences screened in order, then
// backwards) to quoteInner at every offset of doc's view.
func checkQuoteScreen(t *testing.T, doc *Document) bool {
	t.Helper()
	x := &antecedents{doc: doc, ordered: quotesInOrder(doc.Quotes), quoted: true}
	n := len(doc.view.Text)
	k := 0
	for off := 0; off <= n; off++ {
		if got, want := x.innerFrom(&k, off), quoteInner(doc, off); got != want {
			t.Errorf("%s: innerFrom(%d) = %v, quoteInner %v", doc.Path, off, got, want)
			return false
		}
	}
	check := func(si int) bool {
		s := doc.Sentences[si]
		x.screen(s.view.Start, s.view.End)
		for off := max(0, s.view.Start-2); off < min(n, s.view.End+2); off++ {
			if got, want := x.inner(off), quoteInner(doc, off); got != want {
				t.Errorf("%s: sentence %d %q screened: inner(%d) = %v, quoteInner %v", doc.Path, si, s.Text, off, got, want)
				return false
			}
		}
		return true
	}
	for si := range doc.Sentences {
		if !check(si) {
			return false
		}
	}
	for si := len(doc.Sentences) - 1; si >= 0; si-- {
		if !check(si) {
			return false
		}
	}
	return true
}

// TestQuoteScreen holds the quote screen and innerFrom to quoteInner on
// quotations nested, scare, unclosed and glued.
func TestQuoteScreen(t *testing.T) {
	lex := NewAnalyzer(nil, nil).lex
	for _, text := range []string{
		"No quotation here. None at all.",
		"“He called it ‘madness’ and left,” she said. Then “it” ended.\n\nShe said: “We are afraid.” The “government” said so.",
		"« Il a dit “non” et ‘oui’ » a-t-il dit. “Outer ‘inner’ still outer” she said. He went.",
		"“We heard an explosion. “I saw it,” he said. The so-called “experts” said “nothing” at all.",
		"“I can't realizehe confides. It was late. “Never mind\n\n“Again,” she says.",
		"– We are here, says the coalition. Then “fine” and ‘fine’ and \"fine\".",
	} {
		doc := NewDocument("test", FormatText, text)
		Structure(doc, lex)
		if !checkQuoteScreen(t, doc) {
			return
		}
	}
}

// TestQuoteScreenCorpora holds the quote screen and innerFrom to
// quoteInner on every document of the corpora.
func TestQuoteScreenCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("corpora")
	}
	lex := NewAnalyzer(nil, nil).lex
	nested := 0
	for _, set := range corpustest.Sets(t) {
		for _, art := range set.Articles {
			doc := NewDocument(art.Ref, FormatText, art.Body)
			Structure(doc, lex)
			if !quotesInOrder(doc.Quotes) {
				nested++
			}
			if !checkQuoteScreen(t, doc) {
				return
			}
		}
	}
	t.Logf("%d documents with nested quotations", nested)
}
