package audit_test

import (
	"path/filepath"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// TestCorporaStructure reads every article of ../shared/corpora (BBC
// files through the file reader, so encodings are exercised; Reuters and
// FA-KES bodies as text) and checks that nothing panics and every span
// lies inside the input, in order. TestRulesOnCorpora audits the same
// articles with the rule pack.
func TestCorporaStructure(t *testing.T) {
	root, ok := corpus.Root()
	if !ok {
		t.Skip("corpora not found (../shared/corpora beside the checkout, or SOURCECHECK_CORPORA): skipping the corpus robustness test")
	}
	var docs []*audit.Document
	bbc, err := filepath.Glob(filepath.Join(root, "bbc-news", "bbc", "*", "*.txt"))
	if err != nil || len(bbc) == 0 {
		t.Fatalf("no BBC files under %s: %v", root, err)
	}
	for _, p := range bbc {
		ds, err := audit.ReadFile(p, audit.ReadOptions{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		docs = append(docs, ds...)
	}
	for _, load := range []func(string) ([]corpus.Article, error){corpus.Reuters, corpus.Fakes} {
		arts, err := load(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			docs = append(docs, audit.NewDocument(a.Ref, audit.FormatText, a.Body))
		}
	}
	for _, d := range docs {
		audit.Structure(d, nil)
		checkSpans(t, d)
	}
	t.Logf("checked %d articles", len(docs))
}

// checkSpans reports any block, sentence or quote span outside the text
// or out of order.
func checkSpans(t *testing.T, d *audit.Document) {
	t.Helper()
	n := len(d.Text)
	in := func(s audit.Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }
	prev := 0
	for i, b := range d.Blocks {
		if !in(b.Span) || b.Start < prev || b.Start == b.End {
			t.Errorf("%s: block %d %v out of range or order (text %d bytes, previous end %d)", d.Path, i, b.Span, n, prev)
			return
		}
		prev = b.End
	}
	prev = 0
	for i, s := range d.Sentences {
		if !in(s.Span) || s.Start < prev || s.Block < 0 || s.Block >= len(d.Blocks) || !d.Blocks[s.Block].Contains(s.Span) {
			t.Errorf("%s: sentence %d %v out of range, order or block", d.Path, i, s.Span)
			return
		}
		prev = s.End
	}
	for i, q := range d.Quotes {
		if !in(q.Span) || !q.Span.Contains(q.Inner) {
			t.Errorf("%s: quote %d %v (inner %v) out of range", d.Path, i, q.Span, q.Inner)
			return
		}
	}
}
