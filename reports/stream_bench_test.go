package reports_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

// benchArticles is how many articles of each corpus the report benchmarks
// audit (once, before measuring).
const benchArticles = 400

// BenchmarkStreamReport measures what a streamed run does around the
// audit for each article: AuditStream.Prepare (the report model, and for
// the JSON report its encoding) and Add (the tallies and the writing) to
// io.Discard, on articles of the shared corpora audited beforehand. It
// reports MB/s and cpu-MB/s of article text, as the audit benchmarks do,
// and skips when the corpora are absent.
//
//	go test -run '^$' -bench StreamReport -benchmem ./reports
func BenchmarkStreamReport(b *testing.B) {
	root, ok := corpus.Root()
	if !ok {
		b.Skip("corpora not found")
	}
	eng, err := audit.NewEngine(nil, rules.DefaultRules())
	if err != nil {
		b.Fatal(err)
	}
	var results []reports.Result
	n := 0
	for _, load := range []func(string) ([]corpus.Article, error){corpus.BBC, corpus.Reuters, corpus.Fakes} {
		arts, err := load(root)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range arts[:min(len(arts), benchArticles)] {
			d := audit.NewDocument(a.Ref, audit.FormatText, a.Body)
			results = append(results, reports.Result{Doc: d, Findings: eng.Audit(d)})
			n += len(a.Body)
		}
	}
	for _, f := range []struct {
		name string
		w    func() reports.AuditWriter
	}{
		{"json", func() reports.AuditWriter { return reports.NewJSONWriter(io.Discard) }},
		{"sarif", func() reports.AuditWriter { return reports.NewSARIFWriter(io.Discard, reports.SARIFOptions{}) }},
		{"text", func() reports.AuditWriter { return reports.NewTextWriter(io.Discard, reports.TextOptions{}) }},
	} {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs()
			var cpu time.Duration
			for b.Loop() {
				t0 := corpustest.CPUTime()
				s := reports.NewAuditStream(eng.Rules(), rules.LevelError, f.w())
				if err := s.Begin(); err != nil {
					b.Fatal(err)
				}
				for _, r := range results {
					if err := s.Add(s.Prepare(r)); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := s.End(0); err != nil {
					b.Fatal(err)
				}
				cpu += corpustest.CPUTime() - t0
			}
			corpustest.ReportCPU(b, n, cpu)
		})
	}
}

// BenchmarkJSONEnd measures what a streamed JSON report writes after its
// last article: the rules, the summary and the run's metrics, whose list
// of sources grows with the run (11,914 distinct sources over the
// corpora). The sources here are made up, as many as the corpora give;
// their tail is 3.0 MB, the corpora's 2.7 MB.
func BenchmarkJSONEnd(b *testing.B) {
	const sources = 11914
	a := reports.NewAudit(nil, rules.DefaultRules(), rules.LevelError)
	types := []string{"news_agency", "ngo_monitor", "government", "military", "person", "unnamed"}
	m := &a.Metrics
	for i := range sources {
		m.Sources = append(m.Sources, reports.SourceCount{
			ID:   fmt.Sprintf("person:%d", i),
			Name: fmt.Sprintf("Spokesman Number %d of the “Ministry”", i),
			Type: types[i%len(types)], Party: i%7 == 0,
			Claims: sources - i, Mentions: i % 13, Independent: i%7 != 0,
		})
	}
	m.SourcesNamed, m.SourcesCited = len(m.Sources), len(m.Sources)
	var n int64
	for b.Loop() {
		var out countingWriter
		w := reports.NewJSONWriter(&out)
		if err := w.Begin(&reports.AuditHeader{Rules: a.Rules}); err != nil {
			b.Fatal(err)
		}
		if err := w.End(a); err != nil {
			b.Fatal(err)
		}
		n = out.n
	}
	b.SetBytes(n)
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
