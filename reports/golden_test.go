package reports_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

// The -update flag rewrites the golden files under testdata/golden from
// the current output: go test ./reports -run Golden -update. Another test
// file of the package may define it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files from the current output")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// repoRoot is the repository's root directory.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..")
}

// goldenInputs are the articles the golden reports are made of, relative
// to the repository root: the five seeds, a Markdown article whose claims
// carry text that tries to break out of every report format (mentions,
// issue references, HTML, Markdown, pipes, backticks, URLs) and non-ASCII
// text before a finding, and a JSON Lines file of two records.
func goldenInputs(t testing.TB) []string {
	t.Helper()
	seeds, err := filepath.Glob(filepath.Join(repoRoot(t), "seeds", "*.txt"))
	if err != nil || len(seeds) != 5 {
		t.Fatalf("want the five seeds, got %v (%v)", seeds, err)
	}
	sort.Strings(seeds)
	var out []string
	for _, s := range seeds {
		out = append(out, "seeds/"+filepath.Base(s))
	}
	return append(out, "reports/testdata/articles/hostile.md", "reports/testdata/articles/wire.jsonl")
}

// auditFiles audits files (relative to the repository root, and so named
// in the report) with the built-in rules and the test rule of
// testdata/rules/hostile.yaml, failing at error.
func auditFiles(t testing.TB, files ...string) *reports.Audit {
	t.Helper()
	results, rs := auditResults(t, files...)
	return reports.NewAudit(results, rs, rules.LevelError)
}

// auditResults audits files as auditFiles does and returns the results
// and rules instead of the report.
func auditResults(t testing.TB, files ...string) ([]reports.Result, []*rules.Rule) {
	t.Helper()
	extra, err := rules.LoadRulesFile(filepath.Join(repoRoot(t), "reports", "testdata", "rules", "hostile.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	eng, err := audit.NewEngine(nil, append(rules.DefaultRules(), extra...))
	if err != nil {
		t.Fatal(err)
	}
	var results []reports.Result
	for _, f := range files {
		docs, err := audit.ReadFile(filepath.Join(repoRoot(t), filepath.FromSlash(f)), audit.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			d.Path = f
			if d.Record == 0 {
				d.Meta.ID = f
			}
			results = append(results, reports.Result{Doc: d, Findings: eng.Audit(d)})
		}
	}
	return results, eng.Rules()
}

// goldenAudit is the audit of goldenInputs.
func goldenAudit(t testing.TB) *reports.Audit {
	t.Helper()
	return auditFiles(t, goldenInputs(t)...)
}

// golden compares got with testdata/golden/name, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(repoRoot(t), "reports", "testdata", "golden", filepath.FromSlash(name))
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./reports -run Golden -update and review the diff.\n%s",
			name, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + string(w) + "\n  got: " + string(g)
		}
	}
	return ""
}

// TestGolden renders the golden audit in every format and compares it with
// testdata/golden/FORMAT/. The JSON report is pinned for the two small
// test articles only: for the seeds it repeats the inspect analysis
// pinned by internal/cli's golden files, and the schema tests check it.
func TestGolden(t *testing.T) {
	a := goldenAudit(t)
	small := auditFiles(t, "reports/testdata/articles/hostile.md", "reports/testdata/articles/wire.jsonl")
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"text/audit.txt", func(b *bytes.Buffer) error { return reports.WriteAuditText(b, a, reports.TextOptions{}) }},
		{"json/audit.json", func(b *bytes.Buffer) error { return reports.WriteAuditJSON(b, small) }},
		{"sarif/audit.sarif", func(b *bytes.Buffer) error { return reports.WriteSARIF(b, a, reports.SARIFOptions{}) }},
		{"rdjsonl/audit.rdjsonl", func(b *bytes.Buffer) error { return reports.WriteRDJSONL(b, a) }},
		{"github/commands.txt", func(b *bytes.Buffer) error {
			return reports.WriteGitHub(b, a, reports.GitHubOptions{Getenv: func(string) string { return "" }})
		}},
		{"junit/audit.xml", func(b *bytes.Buffer) error { return reports.WriteJUnit(b, a) }},
		{"markdown/audit.md", func(b *bytes.Buffer) error { return reports.WriteMarkdown(b, a, reports.MarkdownOptions{}) }},
		// The page's layout and behaviour are tested in html_test.go and
		// in a real browser (html_browser_test.go); the golden pins the
		// markup of every highlight on the seeds.
		{"html/audit.html", func(b *bytes.Buffer) error { return reports.WriteHTML(b, a) }},
		{"markdown/article.md", func(b *bytes.Buffer) error {
			return reports.WriteMarkdownArticle(b, articleByPath(t, a, "reports/testdata/articles/hostile.md"), reports.MarkdownOptions{})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, b.Bytes())
		})
	}
}

// articleByPath returns the first article read from path.
func articleByPath(t testing.TB, a *reports.Audit, path string) *reports.AuditArticle {
	t.Helper()
	for i := range a.Articles {
		if a.Articles[i].Path == path {
			return &a.Articles[i]
		}
	}
	t.Fatalf("no article %s in the audit", path)
	return nil
}
