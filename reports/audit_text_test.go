package reports_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

// TestAuditText checks the text report: a header per article with
// findings, compiler-style lines whose columns count characters, the
// excerpt beneath, JSON Lines records by line, and no colour unless asked.
func TestAuditText(t *testing.T) {
	a := goldenAudit(t)
	var plain, color bytes.Buffer
	if err := reports.WriteAuditText(&plain, a, reports.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := reports.WriteAuditText(&color, a, reports.TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b") {
		t.Error("escape sequences without colour")
	}
	ansi := regexp.MustCompile("\x1b\\[[0-9;]*m")
	if !strings.Contains(color.String(), "\x1b[") || ansi.ReplaceAllString(color.String(), "") != plain.String() {
		t.Error("the coloured report is not the plain one with colour added")
	}
	out := plain.String()
	for _, want := range []string{
		// a header per article with findings
		"reports/testdata/articles/hostile.md — ",
		// the column of "1,200" counts characters: Ünïcödé, résidents and 𐐀 are one each
		"reports/testdata/articles/hostile.md:11:39: info test-hostile-text: ",
		"    │ 1,200 displaced families\n",
		// a JSON Lines record: its line, and where in the body
		"reports/testdata/articles/wire.jsonl:1 (id afp-1) — ",
		"(record afp-1, body 3:1)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(out, "wire.jsonl:2") {
		t.Error("an article without findings is listed")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	last := lines[len(lines)-1]
	s := a.Summary
	if !strings.HasPrefix(last, "✖ ") || !strings.Contains(last, "findings (") || !strings.Contains(last, "fails: ") || s.Levels["error"] == 0 {
		t.Errorf("summary line %q for %+v", last, s)
	}
}

// TestAuditTextSummary checks the closing line in the cases a CI log
// needs to tell apart.
func TestAuditTextSummary(t *testing.T) {
	f := finding("r", rules.LevelWarning, 1, 1, "m")
	for _, tc := range []struct {
		name string
		a    *reports.Audit
		want string
	}{
		{"clean", &reports.Audit{Summary: reports.Summary{Articles: 3, FailLevel: "error", Levels: map[string]int{}}},
			"✔ no findings in 3 articles"},
		{"below the fail level", &reports.Audit{
			Articles: []reports.AuditArticle{{Article: reports.Article{Path: "a.md"}, Findings: []reports.Finding{f}}},
			Summary:  reports.Summary{Articles: 2, Findings: 1, FailLevel: "error", Levels: map[string]int{"warning": 1}, Suppressed: 2, Baselined: 1, InputErrors: 1}},
			"! 1 finding (1 warning) in 1 of 2 articles; 2 suppressed, 1 in the baseline; 1 input could not be read"},
		{"failing", &reports.Audit{
			Articles: []reports.AuditArticle{{Article: reports.Article{Path: "a.md"}, Findings: []reports.Finding{f, f}}},
			Summary:  reports.Summary{Articles: 1, Findings: 2, FailLevel: "warning", Failed: true, Levels: map[string]int{"warning": 2}}},
			"✖ 2 findings (2 warnings) in 1 of 1 article; fails: 2 at or above warning"},
	} {
		var buf bytes.Buffer
		if err := reports.WriteAuditText(&buf, tc.a, reports.TextOptions{}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if got := lines[len(lines)-1]; got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestAuditTextControlCharacters checks that article text cannot send
// escape sequences to the terminal.
func TestAuditTextControlCharacters(t *testing.T) {
	f := finding("r", rules.LevelWarning, 1, 1, "red \x1b[31malert\x1b[0m and \x07bell")
	f.Excerpt = "clear \x1b[2J screen"
	a := &reports.Audit{Articles: []reports.AuditArticle{{Article: reports.Article{Path: "a.md"}, Findings: []reports.Finding{f}}},
		Summary: reports.Summary{Articles: 1, Findings: 1, FailLevel: "error", Levels: map[string]int{"warning": 1}}}
	var buf bytes.Buffer
	if err := reports.WriteAuditText(&buf, a, reports.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(buf.String(), "\x1b\x07") {
		t.Errorf("control characters reach the terminal: %q", buf.String())
	}
}
