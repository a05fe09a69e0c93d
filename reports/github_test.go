package reports_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

// finding makes a one-line finding at line:col for tests that build an
// audit by hand.
func finding(rule string, level rules.Level, line, col int, msg string) reports.Finding {
	return reports.Finding{Rule: rule, Level: level, Line: line, Column: col, RuneColumn: col, EndLine: line,
		EndColumn: col + 4, EndRuneColumn: col + 4, Message: msg, Excerpt: "text", Claim: -1, Fingerprint: "0123456789abcdef"}
}

var workflowCommand = regexp.MustCompile(`^::(error|warning|notice)(?: ([^:]*))?::(.*)$`)

// unescapeData undoes @actions/core's escapeData (and escapeProperty).
func unescapeData(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// parseCommand splits a workflow command into its kind, properties and
// message, unescaped.
func parseCommand(t *testing.T, line string) (kind string, props map[string]string, msg string) {
	t.Helper()
	m := workflowCommand.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("not a workflow command: %q", line)
	}
	props = map[string]string{}
	if m[2] != "" {
		for _, kv := range strings.Split(m[2], ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("bad property %q in %q", kv, line)
			}
			props[k] = unescapeData(v)
		}
	}
	return m[1], props, unescapeData(m[3])
}

// TestGitHubEscaping checks that paths and messages with the characters
// workflow commands use (% CR LF, and : , in properties) come through
// GitHub's parsing intact.
func TestGitHubEscaping(t *testing.T) {
	path := "news/a,b:c 100%.md"
	msg := "100% sure: a, b\r\nnext line"
	a := &reports.Audit{Articles: []reports.AuditArticle{{
		Article:  reports.Article{Path: path},
		Findings: []reports.Finding{finding("rule-x", rules.LevelError, 3, 7, msg)},
	}}}
	var buf bytes.Buffer
	if err := reports.WriteGitHub(&buf, a, reports.GitHubOptions{Getenv: func(string) string { return "" }}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one command line, got %q", buf.String())
	}
	kind, props, body := parseCommand(t, lines[0])
	if kind != "error" || props["file"] != path || props["line"] != "3" || props["endLine"] != "3" || props["col"] != "7" || props["endColumn"] != "10" || props["title"] != "sourcecheck: rule-x" {
		t.Errorf("command %s %v", kind, props)
	}
	if body != "100% sure: a, b next line\n\n“text”" {
		t.Errorf("message %q", body)
	}
}

// TestGitHubCap checks the annotation limits: at most 10 of each kind,
// one notice slot kept for the note on what was left out, the rest
// written as plain log lines, and the note counting them.
func TestGitHubCap(t *testing.T) {
	var fs []reports.Finding
	for i := 1; i <= 25; i++ {
		fs = append(fs, finding("w", rules.LevelWarning, i, 1, "warning "+strconv.Itoa(i)))
	}
	for i := 26; i <= 28; i++ {
		fs = append(fs, finding("e", rules.LevelError, i, 1, "error "+strconv.Itoa(i)))
	}
	for i := 29; i <= 40; i++ {
		fs = append(fs, finding("i", rules.LevelInfo, i, 1, "info "+strconv.Itoa(i)))
	}
	a := &reports.Audit{Articles: []reports.AuditArticle{{Article: reports.Article{Path: "a.md"}, Findings: fs}}}
	var buf bytes.Buffer
	if err := reports.WriteGitHub(&buf, a, reports.GitHubOptions{Getenv: func(string) string { return "" }}); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	plain := 0
	var last string
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if strings.HasPrefix(line, "::") {
			kind, _, _ := parseCommand(t, line)
			kinds[kind]++
			last = line
			continue
		}
		if !regexp.MustCompile(`^a\.md:\d+:1: (warning|info|error) [wie]: `).MatchString(line) {
			t.Errorf("plain line %q is not path:line:column: level rule: message", line)
		}
		plain++
	}
	if kinds["error"] != 3 || kinds["warning"] != 10 || kinds["notice"] != 10 {
		t.Errorf("annotations %v, want 3 errors, 10 warnings, 10 notices (9 findings and the note)", kinds)
	}
	if plain != 15+3 {
		t.Errorf("%d plain lines, want 18 (15 warnings and 3 infos)", plain)
	}
	if _, props, msg := parseCommand(t, last); props["title"] != "sourcecheck" || !strings.HasPrefix(msg, "18 findings not shown as annotations") {
		t.Errorf("last command %q is not the note on the 18 findings left out", last)
	}
}

// TestGitHubStepSummary checks that the Markdown report is appended to the
// file GITHUB_STEP_SUMMARY names, after what other steps wrote, and pins
// it as a golden file.
func TestGitHubStepSummary(t *testing.T) {
	a := goldenAudit(t)
	path := filepath.Join(t.TempDir(), "step_summary.md")
	if err := os.WriteFile(path, []byte("previous step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	getenv := func(k string) string {
		if k == "GITHUB_STEP_SUMMARY" {
			return path
		}
		return ""
	}
	if err := reports.WriteGitHub(&buf, a, reports.GitHubOptions{Getenv: getenv}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rest, ok := strings.CutPrefix(string(data), "previous step\n")
	if !ok {
		t.Fatalf("the summary file lost what was there: %.80q", data)
	}
	var md bytes.Buffer
	if err := reports.WriteMarkdown(&md, a, reports.MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	if rest != md.String() {
		t.Errorf("the step summary is not the Markdown report")
	}
	if !strings.Contains(buf.String(), "and in the job summary") {
		t.Errorf("the note on findings left out does not point to the summary")
	}
	golden(t, "github/summary.md", []byte(rest))
}

// TestGitHubStepSummaryFits checks that a report too big for a step
// summary is shortened to fit, listing fewer findings per article.
func TestGitHubStepSummaryFits(t *testing.T) {
	var fs []reports.Finding
	long := strings.Repeat("a long message about a figure ", 40)
	for i := 1; i <= 2000; i++ {
		fs = append(fs, finding("w", rules.LevelWarning, i, 1, long))
	}
	a := &reports.Audit{Articles: []reports.AuditArticle{{Article: reports.Article{Path: "a.md"}, Findings: fs}}}
	a.Summary.Findings = len(fs)
	path := filepath.Join(t.TempDir(), "summary.md")
	err := reports.WriteGitHub(&bytes.Buffer{}, a, reports.GitHubOptions{Getenv: func(string) string { return path }})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > reports.GitHubStepSummaryBytes || !strings.Contains(string(data), "more, not listed here") {
		t.Errorf("summary of %d bytes (limit %d); shortened: %v", len(data), reports.GitHubStepSummaryBytes, strings.Contains(string(data), "more, not listed here"))
	}
}

// TestGitHubWorkspacePaths checks that absolute paths inside
// GITHUB_WORKSPACE are annotated relative to it, and others left alone.
func TestGitHubWorkspacePaths(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "repo")
	inside := filepath.Join(ws, "content", "story.md")
	outside := filepath.Join(filepath.Dir(ws), "elsewhere.md")
	a := &reports.Audit{Articles: []reports.AuditArticle{
		{Article: reports.Article{Path: inside}, Findings: []reports.Finding{finding("r", rules.LevelWarning, 1, 1, "m")}},
		{Article: reports.Article{Path: outside}, Findings: []reports.Finding{finding("r", rules.LevelWarning, 1, 1, "m")}},
	}}
	var buf bytes.Buffer
	getenv := func(k string) string {
		if k == "GITHUB_WORKSPACE" {
			return ws
		}
		return ""
	}
	if err := reports.WriteGitHub(&buf, a, reports.GitHubOptions{Getenv: getenv}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if _, props, _ := parseCommand(t, lines[0]); props["file"] != "content/story.md" {
		t.Errorf("inside the workspace: file=%q, want content/story.md", props["file"])
	}
	if _, props, _ := parseCommand(t, lines[1]); props["file"] != filepath.ToSlash(outside) {
		t.Errorf("outside the workspace: file=%q, want %q", props["file"], filepath.ToSlash(outside))
	}
}
