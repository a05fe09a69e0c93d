package audit

import (
	"slices"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestSentenceShared holds what a run's shared sentence state gives to
// what it stands for: sentenceWords to appendQWords of the text,
// wrappedText to softWrap, and sentenceCues (which reuses the words when
// the wrapped text is the text's length) to FindCues of the wrapped
// text, on texts with line breaks, CRLF and invalid UTF-8 in the three
// formats, and on a share of the corpora when they are present. Cues are
// asked for first for half the sentences, words first for the rest.
func TestSentenceShared(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	check := func(t *testing.T, doc *Document) {
		t.Helper()
		Structure(doc, a.Lexicon())
		a.Analyze(doc)
		c := &Context{Doc: doc, Lexicon: a.Lexicon(), Registry: a.Registry()}
		for si, s := range doc.Sentences {
			if si%2 == 0 {
				c.sentenceCues(si)
			}
			if got, want := c.sentenceWords(si), appendQWords(nil, s.Text, 0, len(s.Text)); !slices.Equal(got, want) {
				t.Fatalf("%s sentence %d %q: words %v, want %v", doc.Path, si, s.Text, got, want)
			}
			if got, want := c.wrappedText(si), softWrap(s.Text); got != want {
				t.Fatalf("%s sentence %d %q: wrapped %q, want %q", doc.Path, si, s.Text, got, want)
			}
			if got, want := c.sentenceCues(si), a.Lexicon().Reporting.FindCues(softWrap(s.Text)); !slices.Equal(got, want) {
				t.Fatalf("%s sentence %d %q: cues %v, want %v", doc.Path, si, s.Text, got, want)
			}
		}
	}
	texts := []string{
		"The monitor said on\nTuesday that 40 people\r\nwere killed, AFP reported.\n\nResidents say the\nfighting continued, the ministry claimed.",
		"Officials said \xff the toll\nrose, according to the\rSOHR. He told\nReuters: “It is bad,” she added.",
		"# Headline said\n\nA spokesman\r\nsaid the figures, which the\nministry disputed, were accurate.",
	}
	for _, text := range texts {
		for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML} {
			check(t, NewDocument("t", f, text))
		}
	}
	t.Run("corpus", func(t *testing.T) {
		for _, set := range corpustest.Sets(t) {
			for ai, art := range set.Articles {
				if ai%11 == 0 { // a share of each corpus keeps the test short
					check(t, NewDocument(art.Ref, FormatText, art.Body))
				}
			}
		}
	})
}
