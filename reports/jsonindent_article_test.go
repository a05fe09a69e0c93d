package reports

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/rules"
)

// checkArticleEncoder fails t unless articleEncoder encodes art as
// appendIndented does, and returns the encoding.
func checkArticleEncoder(t *testing.T, art *AuditArticle) []byte {
	t.Helper()
	want, err := appendIndented(nil, art, "    ", "  ")
	if err != nil {
		t.Fatal(err)
	}
	e := articleEncoder{prefix: "    "}
	if err := e.auditArticle(art); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(e.buf, want) {
		i := 0
		for i < len(want) && i < len(e.buf) && want[i] == e.buf[i] {
			i++
		}
		t.Fatalf("%s: encodings differ at byte %d:\nhand: %q\njson: %q", art.Path, i,
			e.buf[max(0, i-80):min(len(e.buf), i+80)], want[max(0, i-80):min(len(want), i+80)])
	}
	return want
}

// TestArticleEncoder holds the hand-written encoder of the JSON report's
// articles to encoding/json's bytes: on odd values of every field, and on
// the corpora when they are present.
func TestArticleEncoder(t *testing.T) {
	share := 0.3333
	tiny := 1e-7
	odd := "tab\there \"q\" back\\slash nl\n cr\r \b\f \x01\x1f del\x7f <&> \u2028\u2029 bad\xff\xfe end é 日本"
	art := &AuditArticle{
		Article: Article{Path: odd, ID: "id", Record: 3, Meta: &audit.Meta{Title: odd, Outlet: "AFP"},
			Format: "text", Encoding: "utf-8", Bytes: 12, Warnings: []string{odd, ""},
			Blocks:    []Block{{Kind: "p", Start: 1, End: 2, Reason: odd, Location: Location{1, 2, 3}, Text: odd}},
			Sentences: []Sentence{{Start: -1, End: 2, Block: 0, Text: ""}},
			Quotes: []Quote{{Text: odd, Closed: true, Inner: audit.Span{Start: 4, End: 5}, Reason: "r"},
				{Speaker: &Speaker{Name: odd, SourceID: "x", Type: "y"}}},
			Claims: []Claim{{Text: odd, Quantity: &audit.Quantity{Min: 1e21, Max: tiny, Exact: true, Approx: "a", Unit: "%"},
				Attribution: &Attribution{Source: SourceRef{Name: "n"}, Mention: Range{1, 2}, Cue: Cue{Text: odd}, Link: "l"},
				Vague:       &Vague{Cue: odd, Start: 1}},
				{Quantity: &audit.Quantity{Min: -0.5, Max: math.MaxFloat64}}, {}},
			Sources: []Source{{ID: "a", Mentions: []Range{}, Descriptor: "d", Party: true, Registry: true},
				{ID: "b", Mentions: []Range{{1, 2}, {3, 4}}}},
			VagueCues: []Cue{{Text: odd}},
		},
		Findings: []Finding{{Rule: "r", Level: rules.LevelWarning, Message: odd, Fix: odd, Excerpt: odd, Claim: -1},
			{Level: rules.Level(9)}},
		Metrics: Metrics{ClaimsByKind: map[string]int{"z": 1, "a": 2, odd: 3}, AttributedShare: &share,
			NamedQuoteShare: &tiny, TopSource: &TopSource{ID: odd, Share: 1}, Sources: []SourceCount{{ID: "s", Party: true}}},
	}
	checkArticleEncoder(t, art)
	checkArticleEncoder(t, &AuditArticle{})
	checkArticleEncoder(t, &AuditArticle{Article: Article{Meta: &audit.Meta{}, Warnings: []string{}}, Findings: []Finding{},
		Metrics: Metrics{ClaimsByKind: map[string]int{}, Sources: []SourceCount{}}})

	root, ok := corpus.Root()
	if !ok || testing.Short() {
		return
	}
	eng, err := audit.NewEngine(nil, rules.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	for _, load := range []func(string) ([]corpus.Article, error){corpus.BBC, corpus.Reuters, corpus.Fakes} {
		arts, err := load(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts[:min(len(arts), 300)] {
			d := audit.NewDocument(a.Ref, audit.FormatText, a.Body)
			r := Result{Doc: d, Findings: eng.Audit(d)}
			art := newAuditArticle(r, true)
			want := checkArticleEncoder(t, &art)
			light := newAuditArticle(r, false)
			buf, err := encodeArticleOf(&light, d)
			if err != nil {
				t.Fatal(err)
			}
			got := *buf
			if !bytes.Equal(got, want) {
				i := 0
				for i < len(want) && i < len(got) && want[i] == got[i] {
					i++
				}
				t.Fatalf("%s: encodeArticleOf differs from the encoding of the whole article at byte %d:\n%q\n%q", art.Path, i,
					got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
			}
			releaseEncoded(buf)
		}
	}
}

// TestAppendJSONString holds appendJSONString to json.Encoder's quoting
// of every byte and of runes that need care.
func TestAppendJSONString(t *testing.T) {
	var cases []string
	for b := range 256 {
		cases = append(cases, string([]byte{byte(b)}), "a"+string([]byte{byte(b)})+"é")
	}
	cases = append(cases, "", "\u2027\u2028\u2029\u202a", "\xe2\x80", "日本語\xf0\x9f\x98", "😀", "\xed\xa0\x80")
	for _, c := range cases {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := appendJSONString(nil, c); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", c, got, want)
		}
	}
}
