package reports_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unsafe"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/reports"
)

// analysed reads text as an article of the given format and analyses it.
func analysed(t *testing.T, name string, format audit.Format, text string) []*audit.Document {
	t.Helper()
	docs, err := audit.Read(strings.NewReader(text), name, format, audit.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	an := audit.NewAnalyzer(nil, nil)
	for _, d := range docs {
		audit.Structure(d, an.Lexicon())
		an.Analyze(d)
	}
	return docs
}

func ptr(v float64) *float64 { return &v }

func TestArticleMetrics(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		format     audit.Format
		want       reports.Metrics
		// top is the expected top source's id, "" for none.
		top string
	}{
		{
			name: "mixed sourcing",
			text: "More than 370 people have been killed, according to the Syrian Observatory for Human Rights.\n\n" +
				"The SOHR said rebels had taken 50 villages.\n\n" +
				"The Syrian army said it had retaken 12 villages near Hama.\n\n" +
				"“We heard an explosion and the walls fell on us,” Umm Mohamad, a resident of Aleppo, told AFP.\n\n" +
				"“We are afraid,” a resident said.\n\n" +
				"Dozens of civilians were wounded.\n\n" +
				"At least 130 people are said to have been killed.\n",
			want: reports.Metrics{
				Claims: 10, ClaimsByKind: map[string]int{"figure": 5, "quote": 2, "reported": 3},
				Attributed: 8, Vague: 1, Unattributed: 1, AttributedShare: ptr(0.8),
				Quotes: 2, NamedQuotes: 1, NamedQuoteShare: ptr(0.5),
				SourcesCited: 4, SourcesByType: map[string]int{"ngo_monitor": 1, "military": 1, "eyewitness": 2},
				PartySources: 1, IndependentSources: 3,
			},
			top: "sohr",
		},
		{
			name:   "own outlet is not a second source",
			format: audit.FormatJSONL,
			text:   `{"id":"a1","outlet":"Agence France-Presse","body":"Rebels entered Aleppo on Friday, AFP journalists said.\n\nAt least 20 people were killed, the Syrian Observatory for Human Rights said."}` + "\n",
			want: reports.Metrics{
				Claims: 3, ClaimsByKind: map[string]int{"figure": 1, "quote": 0, "reported": 2},
				Attributed: 3, AttributedShare: ptr(1),
				SourcesCited: 2, SourcesByType: map[string]int{"wire_agency": 1, "ngo_monitor": 1},
				IndependentSources: 1,
			},
			top: "sohr",
		},
		{
			name: "nothing to count",
			text: "Rain is expected in the north.\n",
			want: reports.Metrics{ClaimsByKind: map[string]int{"figure": 0, "quote": 0, "reported": 0}, SourcesByType: map[string]int{}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			format := tc.format
			if format == "" {
				format = audit.FormatText
			}
			name := "a.txt"
			if format == audit.FormatJSONL {
				name = "a.jsonl"
			}
			docs := analysed(t, name, format, tc.text)
			got := reports.ArticleMetrics(docs[0])
			if t.Failed() {
				return
			}
			check := func(field string, got, want any) {
				t.Helper()
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				if string(g) != string(w) {
					t.Errorf("%s = %s, want %s", field, g, w)
				}
			}
			check("claims", got.Claims, tc.want.Claims)
			check("claims_by_kind", got.ClaimsByKind, tc.want.ClaimsByKind)
			check("attributed/vague/unattributed", []int{got.Attributed, got.Vague, got.Unattributed}, []int{tc.want.Attributed, tc.want.Vague, tc.want.Unattributed})
			check("attributed_share", got.AttributedShare, tc.want.AttributedShare)
			check("quotes", []int{got.Quotes, got.NamedQuotes}, []int{tc.want.Quotes, tc.want.NamedQuotes})
			check("named_quote_share", got.NamedQuoteShare, tc.want.NamedQuoteShare)
			check("sources_cited", got.SourcesCited, tc.want.SourcesCited)
			check("sources_by_type", got.SourcesByType, tc.want.SourcesByType)
			check("party_sources", got.PartySources, tc.want.PartySources)
			check("independent_sources", got.IndependentSources, tc.want.IndependentSources)
			if tc.top == "" {
				if got.TopSource != nil {
					t.Errorf("top_source = %+v, want none", got.TopSource)
				}
			} else if got.TopSource == nil || got.TopSource.ID != tc.top {
				t.Errorf("top_source = %+v, want %s", got.TopSource, tc.top)
			}
			if got.Attributed+got.Vague+got.Unattributed != got.Claims {
				t.Errorf("attributed %d + vague %d + unattributed %d != claims %d", got.Attributed, got.Vague, got.Unattributed, got.Claims)
			}
			// The source list agrees with the counts.
			cited, indep, claims := 0, 0, 0
			for _, s := range got.Sources {
				if s.Claims > 0 {
					cited++
				}
				if s.Independent {
					indep++
				}
				claims += s.Claims
			}
			if cited != got.SourcesCited || claims != got.Attributed {
				t.Errorf("sources list: %d cited with %d claims, want %d with %d", cited, claims, got.SourcesCited, got.Attributed)
			}
			if indep < got.IndependentSources-1 || indep > got.IndependentSources+strings.Count(tc.text, "a resident") {
				t.Errorf("sources list marks %d independent, metrics count %d", indep, got.IndependentSources)
			}
			if t.Failed() {
				for i, c := range docs[0].Claims {
					who := "—"
					if c.Attribution != nil {
						who = c.Attribution.Source.ID + " (" + c.Attribution.Source.Type + ")"
					} else if c.Vague != nil {
						who = "vague: " + c.Vague.Text
					}
					t.Logf("claim %d %s %q ← %s", i, c.Kind, c.Text, who)
				}
			}
		})
	}
}

// TestRunMetrics checks that a run's metrics sum its articles', recompute
// the shares from the sums and tell sources apart by id across articles.
func TestRunMetrics(t *testing.T) {
	a := analysed(t, "a.txt", audit.FormatText, "More than 370 people have been killed, according to the Syrian Observatory for Human Rights.\n\nDozens of civilians were wounded.\n")
	b := analysed(t, "b.txt", audit.FormatText, "The SOHR said rebels had taken 50 villages.\n\nThe Syrian army said it had retaken 12 villages near Hama.\n")
	ma, mb := reports.ArticleMetrics(a[0]), reports.ArticleMetrics(b[0])
	run := reports.RunMetrics([]*audit.Document{a[0], b[0]})
	if run.Claims != ma.Claims+mb.Claims || run.Attributed != ma.Attributed+mb.Attributed {
		t.Errorf("run claims %d, attributed %d; want the sums %d, %d", run.Claims, run.Attributed, ma.Claims+mb.Claims, ma.Attributed+mb.Attributed)
	}
	want := float64(ma.Attributed+mb.Attributed) / float64(ma.Claims+mb.Claims)
	if run.AttributedShare == nil || *run.AttributedShare < want-1e-4 || *run.AttributedShare > want+1e-4 {
		t.Errorf("run attributed share %v, want %.4f", run.AttributedShare, want)
	}
	if run.TopSource == nil || run.TopSource.ID != "sohr" || run.TopSource.Claims != ma.TopSource.Claims+2 {
		t.Errorf("run top source %+v, want sohr with the claims of both articles", run.TopSource)
	}
	if run.SourcesCited != 2 || run.IndependentSources != 1 || run.PartySources != 1 {
		t.Errorf("run sources: %d cited, %d independent, %d parties; want 2, 1, 1 (sohr counted once)", run.SourcesCited, run.IndependentSources, run.PartySources)
	}
	for _, s := range run.Sources {
		if s.ID == "sohr" && s.Claims != run.TopSource.Claims {
			t.Errorf("run source list gives sohr %d claims, top source %d", s.Claims, run.TopSource.Claims)
		}
	}
}

// TestRunMetricsKeepNoText checks that a run's metrics keep copies of
// their sources' strings rather than slices of the articles' texts: a
// streamed run keeps its metrics to the end and drops every article once
// written, and a name sliced from an article would hold the whole article
// in memory for the rest of the run.
func TestRunMetricsKeepNoText(t *testing.T) {
	docs := analysed(t, "a.txt", audit.FormatText, "Rebels took the city on Friday.\n\n"+
		"\"We heard an explosion and ran,\" said Ahmed Khalil, a resident of the old town.\n\n"+
		"More than 370 people were killed, Ahmed Khalil told\nreporters, according to the Syrian Observatory for Human Rights.\n")
	d := docs[0]
	within := func(s string) bool {
		if len(s) == 0 {
			return false
		}
		p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(d.Text)))
		return p >= lo && p < lo+uintptr(len(d.Text))
	}
	sliced := false
	for _, s := range d.Sources {
		sliced = sliced || within(s.Name)
	}
	if !sliced {
		t.Fatal("no source name of the analysis is a slice of the text: the test no longer tests anything")
	}
	r := reports.NewRunMetricsAccumulator()
	r.Add(d)
	m := r.Metrics()
	if len(m.Sources) == 0 {
		t.Fatal("no sources in the run's metrics")
	}
	for _, s := range m.Sources {
		if within(s.ID) || within(s.Name) || within(s.Type) {
			t.Errorf("the run's source %q (%s) keeps a slice of the article's text", s.Name, s.ID)
		}
	}
	if m.TopSource != nil && (within(m.TopSource.ID) || within(m.TopSource.Name)) {
		t.Errorf("the run's top source %q keeps a slice of the article's text", m.TopSource.Name)
	}
}
