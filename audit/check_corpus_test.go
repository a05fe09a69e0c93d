package audit_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// claimRules are the built-in rules of the check kinds that judge claims
// and sources.
var claimRules = []string{
	"unattributed-casualty-figure", "unattributed-figure", "quote-without-speaker", "ambiguous-quote-speaker",
	"vague-attribution", "unexplained-anonymous-source", "party-only-source", "state-media-unlabelled",
	"single-source-dependence",
}

// TestClaimRulesOnCorpora runs the claim and source rules over every
// article of the shared corpora: nothing may panic, every finding must lie
// inside its article with its claim index in range, and the noise must
// stay sane: a bound on the findings per article of each set, a little
// above what the rules find today (BBC 1.24, of which 0.87 are quotations
// whose speaker the attribution stage misses; Reuters 0.31; FA-KES, which
// is casualty reports copied without paragraphs, 2.75). Set
// SOURCECHECK_SAMPLES=rule-id to print that rule's findings.
func TestClaimRulesOnCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every article of the corpora: skipped with -short")
	}
	root := corpustest.Root(t)
	var rs []*rules.Rule
	for _, id := range claimRules {
		r, ok := rules.Find(rules.DefaultRules(), id)
		if !ok {
			t.Fatalf("built-in rule %s missing", id)
		}
		rs = append(rs, r)
	}
	e, err := audit.NewEngine(nil, rs)
	if err != nil {
		t.Fatal(err)
	}
	sample := os.Getenv("SOURCECHECK_SAMPLES")
	for _, set := range []struct {
		name   string
		load   func(string) ([]corpus.Article, error)
		perDoc float64 // the most findings per article on average
	}{{"bbc", corpus.BBC, 1.6}, {"reuters", corpus.Reuters, 0.6}, {"fakes", corpus.Fakes, 3.5}} {
		arts, err := set.load(root)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		total := 0
		for _, a := range arts {
			doc := audit.NewDocument(a.Ref, audit.FormatText, a.Body)
			for _, f := range e.Audit(doc) {
				if f.Start < 0 || f.End > len(doc.Text) || f.Start > f.End || f.Claim >= len(doc.Claims) || f.Message == "" {
					t.Errorf("%s: bad finding %+v", a.Ref, f)
				}
				counts[f.Rule]++
				total++
				if f.Rule == sample {
					fmt.Printf("%s:%d:%d: %s\n    %s\n", a.Ref, f.Line, f.Column, f.Message, sentenceAround(doc, f.Span))
				}
			}
		}
		var lines []string
		for _, id := range claimRules {
			lines = append(lines, fmt.Sprintf("%s %d (%.2f/article)", id, counts[id], float64(counts[id])/float64(len(arts))))
		}
		sort.Strings(lines)
		t.Logf("%s: %d articles, %d findings (%.2f/article)\n  %s", set.name, len(arts), total, float64(total)/float64(len(arts)), strings.Join(lines, "\n  "))
		if avg := float64(total) / float64(len(arts)); avg > set.perDoc {
			t.Errorf("%s: %.2f findings per article, want at most %.1f", set.name, avg, set.perDoc)
		}
	}
}

// sentenceAround returns the text of the sentence holding span, for
// samples.
func sentenceAround(doc *audit.Document, s audit.Span) string {
	for _, st := range doc.Sentences {
		if st.Start <= s.Start && s.Start < st.End {
			return audit.Excerpt(doc.Slice(st.Span))
		}
	}
	return audit.Excerpt(doc.Slice(s))
}
