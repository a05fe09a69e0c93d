package reports_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

// markedResults audits files as auditFiles does and returns the results,
// with made-up suppressed and baselined counts so that the summaries
// carry them, and the rules instead of the report.
func markedResults(t testing.TB, files ...string) ([]reports.Result, []*rules.Rule) {
	t.Helper()
	results, rs := auditResults(t, files...)
	i := 0
	for k := range results {
		if k > 0 && results[k].Doc.Path != results[k-1].Doc.Path {
			i = 0 // counted per input file
		}
		results[k].Suppressed, results[k].Baselined = i%2, i%3
		i++
	}
	return results, rs
}

// streamFormat is a report format with a batch and a streaming writer.
type streamFormat struct {
	name   string
	batch  func(*bytes.Buffer, *reports.Audit) error
	stream func(*bytes.Buffer) reports.AuditWriter
}

func streamFormats(t *testing.T) []streamFormat {
	noEnv := func(string) string { return "" }
	tmp := t.TempDir()
	return []streamFormat{
		{"text", func(b *bytes.Buffer, a *reports.Audit) error {
			return reports.WriteAuditText(b, a, reports.TextOptions{})
		},
			func(b *bytes.Buffer) reports.AuditWriter { return reports.NewTextWriter(b, reports.TextOptions{}) }},
		{"text-color", func(b *bytes.Buffer, a *reports.Audit) error {
			return reports.WriteAuditText(b, a, reports.TextOptions{Color: true})
		}, func(b *bytes.Buffer) reports.AuditWriter {
			return reports.NewTextWriter(b, reports.TextOptions{Color: true})
		}},
		{"json", func(b *bytes.Buffer, a *reports.Audit) error { return reports.WriteAuditJSON(b, a) },
			func(b *bytes.Buffer) reports.AuditWriter { return reports.NewJSONWriter(b) }},
		{"sarif", func(b *bytes.Buffer, a *reports.Audit) error {
			return reports.WriteSARIF(b, a, reports.SARIFOptions{ToolVersion: "1.2.3"})
		}, func(b *bytes.Buffer) reports.AuditWriter {
			return reports.NewSARIFWriter(b, reports.SARIFOptions{ToolVersion: "1.2.3"})
		}},
		{"rdjsonl", func(b *bytes.Buffer, a *reports.Audit) error { return reports.WriteRDJSONL(b, a) },
			func(b *bytes.Buffer) reports.AuditWriter { return reports.NewRDJSONLWriter(b) }},
		{"github", func(b *bytes.Buffer, a *reports.Audit) error {
			return reports.WriteGitHub(b, a, reports.GitHubOptions{Getenv: noEnv})
		}, func(b *bytes.Buffer) reports.AuditWriter {
			return reports.NewGitHubWriter(b, reports.GitHubOptions{Getenv: noEnv})
		}},
		{"junit", func(b *bytes.Buffer, a *reports.Audit) error { return reports.WriteJUnit(b, a) },
			func(b *bytes.Buffer) reports.AuditWriter { return reports.NewJUnitWriter(b, tmp) }},
	}
}

// streamRun writes results through an AuditStream with one writer per
// buffer and returns the run's report.
func streamRun(t *testing.T, results []reports.Result, rs []*rules.Rule, fail rules.Level, inputErrors int, ws ...reports.AuditWriter) *reports.Audit {
	t.Helper()
	s := reports.NewAuditStream(rs, fail, ws...)
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if err := s.Add(s.Prepare(r)); err != nil {
			t.Fatal(err)
		}
	}
	a, err := s.End(inputErrors)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestStreamMatchesBatch writes the golden audit (the seeds, a hostile
// Markdown article and JSON Lines records), one JSON Lines file alone and
// an empty run through the streaming writers, all at once as the CLI
// does, and checks each gives the bytes of its batch function, for
// several fail levels and with and without unreadable inputs.
func TestStreamMatchesBatch(t *testing.T) {
	results, rs := markedResults(t, goldenInputs(t)...)
	jsonl, _ := markedResults(t, "reports/testdata/articles/wire.jsonl")
	for _, run := range []struct {
		name    string
		results []reports.Result
	}{{"golden", results}, {"jsonl", jsonl}, {"empty", nil}} {
		for _, fail := range []rules.Level{rules.LevelError, rules.LevelWarning, rules.LevelInfo} {
			for _, inputErrors := range []int{0, 2} {
				t.Run(fmt.Sprintf("%s/%s/%d", run.name, fail, inputErrors), func(t *testing.T) {
					batch := reports.NewAudit(run.results, rs, fail)
					batch.Summary.InputErrors = inputErrors
					formats := streamFormats(t)
					bufs := make([]bytes.Buffer, len(formats))
					var ws []reports.AuditWriter
					for i, f := range formats {
						ws = append(ws, f.stream(&bufs[i]))
					}
					end := streamRun(t, run.results, rs, fail, inputErrors, ws...)
					if end.Articles != nil || end.Summary.Articles != len(run.results) {
						t.Errorf("End: %d articles kept, summary counts %d", len(end.Articles), end.Summary.Articles)
					}
					for i, f := range formats {
						var want bytes.Buffer
						if err := f.batch(&want, batch); err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(bufs[i].Bytes(), want.Bytes()) {
							t.Errorf("%s: the streamed report differs from the batch one:\n%s", f.name, firstDiff(want.String(), bufs[i].String()))
						}
					}
				})
			}
		}
	}
}

// TestStreamSummaryAndMetrics checks that the report End returns has the
// summary and run metrics NewAudit computes, and that a light article
// (for writers that do not need the analysis) has no analysis.
func TestStreamSummaryAndMetrics(t *testing.T) {
	results, rs := markedResults(t, goldenInputs(t)...)
	batch := reports.NewAudit(results, rs, rules.LevelWarning)
	var light *reports.AuditArticle
	end := streamRun(t, results, rs, rules.LevelWarning, 0, &spyWriter{last: &light})
	batch.Articles = nil
	if got, want := string(jsonOf(t, end)), string(jsonOf(t, batch)); got != want {
		t.Errorf("End's report differs from NewAudit's:\n%s", firstDiff(want, got))
	}
	if light == nil || len(light.Blocks) != 0 || len(light.Claims) != 0 || light.Path == "" {
		t.Errorf("the text writer got the analysis: %+v", light)
	}
}

// spyWriter keeps the last article it is given.
type spyWriter struct{ last **reports.AuditArticle }

func (s *spyWriter) Begin(*reports.AuditHeader) error { return nil }
func (s *spyWriter) Article(a *reports.AuditArticle) error {
	c := *a
	*s.last = &c
	return nil
}
func (s *spyWriter) End(*reports.Audit) error { return nil }

func jsonOf(t *testing.T, a *reports.Audit) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := reports.WriteAuditJSON(&b, a); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRunMetricsAccumulator checks that the accumulator gives RunMetrics
// at every step, and that reading it does not disturb it.
func TestRunMetricsAccumulator(t *testing.T) {
	results, _ := markedResults(t, goldenInputs(t)...)
	var docs []*audit.Document
	acc := reports.NewRunMetricsAccumulator()
	for _, r := range results {
		docs = append(docs, r.Doc)
		acc.Add(r.Doc)
		m := acc.Metrics()
		m.ClaimsByKind["figure"] = -1 // the accumulator must not share it
		if got, want := metricsJSON(t, acc.Metrics()), metricsJSON(t, reports.RunMetrics(docs)); got != want {
			t.Fatalf("after %d articles:\n got %s\nwant %s", len(docs), got, want)
		}
	}
}

// TestRunMetricsUnnamedPerArticle checks that the unnamed sources of each
// article count as one independent source, told apart from another
// article's.
func TestRunMetricsUnnamedPerArticle(t *testing.T) {
	text := "“We are afraid,” a resident said.\n\n“We heard an explosion,” a witness said.\n"
	a := analysed(t, "a.txt", audit.FormatText, text)[0]
	b := analysed(t, "b.txt", audit.FormatText, text)[0]
	if m := reports.ArticleMetrics(a); m.IndependentSources != 1 {
		t.Errorf("one article: %d independent sources, want 1", m.IndependentSources)
	}
	if m := reports.RunMetrics([]*audit.Document{a, b}); m.IndependentSources != 2 {
		t.Errorf("two articles: %d independent sources, want 2", m.IndependentSources)
	}
}

func metricsJSON(t *testing.T, m reports.Metrics) string {
	t.Helper()
	return string(jsonOf(t, &reports.Audit{Metrics: m}))
}

// TestGitHubStreamAnnotationSlots feeds the GitHub writer runs of random
// findings, split into articles at random, and checks each finding is an
// annotation or a plain log line exactly as the whole-run rule says: at
// most GitHubAnnotationsPerKind of each kind are annotated, one notice
// fewer when any kind has more (the closing notice takes that slot).
func TestGitHubStreamAnnotationSlots(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	levels := []rules.Level{rules.LevelError, rules.LevelWarning, rules.LevelInfo}
	kinds := map[rules.Level]string{rules.LevelError: "error", rules.LevelWarning: "warning", rules.LevelInfo: "notice"}
	const per = reports.GitHubAnnotationsPerKind
	for run := 0; run < 400; run++ {
		n := rng.Intn(45)
		var fs []reports.Finding
		total := map[string]int{}
		for i := 0; i < n; i++ {
			l := levels[rng.Intn(3)]
			if run%4 == 0 && i < 2*per {
				l = rules.LevelInfo // many notices first
			}
			fs = append(fs, finding("r", l, i+1, 1, "m"))
			total[kinds[l]]++
		}
		overflow := false
		for _, c := range total {
			overflow = overflow || c > per
		}
		var want []bool // annotated?
		shown := map[string]int{}
		for _, f := range fs {
			k := kinds[f.Level]
			limit := per
			if k == "notice" && overflow {
				limit--
			}
			want = append(want, shown[k] < limit)
			if shown[k] < limit {
				shown[k]++
			}
		}
		a := &reports.Audit{Summary: reports.Summary{FailLevel: "error"}}
		for i := 0; i < len(fs); {
			j := min(len(fs), i+rng.Intn(4))
			a.Articles = append(a.Articles, reports.AuditArticle{Article: reports.Article{Path: fmt.Sprintf("a%d.txt", i)}, Findings: fs[i:j]})
			i = j
		}
		var b bytes.Buffer
		if err := reports.WriteGitHub(&b, a, reports.GitHubOptions{Getenv: func(string) string { return "" }}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if b.Len() == 0 {
			lines = nil
		}
		if overflow {
			if len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], "::notice title=sourcecheck::") {
				t.Fatalf("run %d: no closing notice:\n%s", run, b.String())
			}
			lines = lines[:len(lines)-1]
		}
		if len(lines) != len(fs) {
			t.Fatalf("run %d: %d lines for %d findings:\n%s", run, len(lines), len(fs), b.String())
		}
		for i, line := range lines {
			if got := strings.HasPrefix(line, "::"); got != want[i] {
				t.Fatalf("run %d, finding %d (%s): annotated %v, want %v\n%s", run, i, fs[i].Level, got, want[i], b.String())
			}
			if !strings.Contains(line, fmt.Sprintf("line=%d,", i+1)) && !strings.Contains(line, fmt.Sprintf(":%d:1:", i+1)) {
				t.Fatalf("run %d: line %d is not finding %d: %q", run, i, i, line)
			}
		}
	}
}

// TestJUnitWriterSpool checks that the JUnit writer keeps its test cases
// in a temporary file in the directory given, and removes it at the end
// of the run and when aborted.
func TestJUnitWriterSpool(t *testing.T) {
	results, rs := markedResults(t, "reports/testdata/articles/wire.jsonl")
	dir := t.TempDir()
	var b bytes.Buffer
	s := reports.NewAuditStream(rs, rules.LevelError, reports.NewJUnitWriter(&b, dir))
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(s.Prepare(results[0])); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); len(names) != 1 || !strings.HasPrefix(names[0], ".sourcecheck-junit-") {
		t.Errorf("spool: the directory holds %v", names)
	}
	if _, err := s.End(0); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("after End the directory holds %v", names)
	}
	if !strings.Contains(b.String(), `<testsuites name="sourcecheck" tests="1"`) {
		t.Errorf("report:\n%s", b.String())
	}

	s = reports.NewAuditStream(rs, rules.LevelError, reports.NewJUnitWriter(&b, dir))
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("after Abort the directory holds %v", names)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestStreamAloneMatchesBatch writes the golden audit through each
// streaming writer alone, so that the stream makes the articles' metrics
// only if that writer says it needs them (MetricsWriter), and checks it
// gives the bytes of its batch function; the GitHub writer also with a
// step summary, which shows every article's metrics.
func TestStreamAloneMatchesBatch(t *testing.T) {
	results, rs := markedResults(t, goldenInputs(t)...)
	batch := reports.NewAudit(results, rs, rules.LevelError)
	for _, f := range streamFormats(t) {
		t.Run(f.name, func(t *testing.T) {
			var got, want bytes.Buffer
			streamRun(t, results, rs, rules.LevelError, 0, f.stream(&got))
			if err := f.batch(&want, batch); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("the streamed report differs from the batch one:\n%s", firstDiff(want.String(), got.String()))
			}
		})
	}
	t.Run("github-summary", func(t *testing.T) {
		dir := t.TempDir()
		summaries := [2]string{filepath.Join(dir, "batch.md"), filepath.Join(dir, "stream.md")}
		env := func(summary string) reports.GitHubOptions {
			return reports.GitHubOptions{Getenv: func(k string) string {
				if k == "GITHUB_STEP_SUMMARY" {
					return summary
				}
				return ""
			}}
		}
		var got, want bytes.Buffer
		if err := reports.WriteGitHub(&want, batch, env(summaries[0])); err != nil {
			t.Fatal(err)
		}
		streamRun(t, results, rs, rules.LevelError, 0, reports.NewGitHubWriter(&got, env(summaries[1])))
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("the streamed annotations differ from the batch ones:\n%s", firstDiff(want.String(), got.String()))
		}
		b, err := os.ReadFile(summaries[0])
		if err != nil {
			t.Fatal(err)
		}
		s, err := os.ReadFile(summaries[1])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("|")) {
			t.Fatalf("the batch step summary has no table:\n%s", b)
		}
		if !bytes.Equal(s, b) {
			t.Errorf("the streamed step summary differs from the batch one:\n%s", firstDiff(string(b), string(s)))
		}
	})
}
