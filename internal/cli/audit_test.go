package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// runIn runs the CLI with dir as the working directory.
func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// auditDir is the folder of the audit tests: a configuration, a rule
// folder of plain term rules and articles.
func auditDir(t *testing.T) string {
	t.Helper()
	return filepath.Join(repoRoot(t), "internal", "cli", "testdata", "audit")
}

// auditReport is the part of the JSON audit report the tests read.
type auditReport struct {
	Articles []struct {
		Path     string
		Findings []struct {
			Rule        string
			Level       string
			Line        int
			Message     string
			Excerpt     string
			Fingerprint string
		}
	}
	Rules []struct {
		ID, Level string
	}
	Summary struct {
		Articles, Findings    int
		Levels                map[string]int
		Suppressed, Baselined int
		InputErrors           int    `json:"input_errors"`
		FailLevel             string `json:"fail_level"`
		Failed                bool
	}
}

func auditJSON(t *testing.T, dir string, args ...string) (int, auditReport, string) {
	t.Helper()
	code, out, errOut := runIn(t, dir, append([]string{"audit", "--format", "json"}, args...)...)
	var rep auditReport
	if code != ExitError || out != "" {
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("exit %d, stdout is not JSON: %v\n%s\nstderr:\n%s", code, err, out, errOut)
		}
	}
	return code, rep, errOut
}

func TestAuditExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
	}{
		{"clean article", []string{"articles/clean.md"}, ExitOK, nil},
		{"a warning does not reach the default fail level", []string{"articles/news/hedge.md"}, ExitOK, nil},
		{"--fail-level warning", []string{"--fail-level", "warning", "articles/news/hedge.md"}, ExitFindings, nil},
		{"--min-level only filters: a hidden finding cannot fail", []string{"--fail-level", "warning", "--min-level", "error", "articles/news/hedge.md"}, ExitOK, nil},
		{"an error finding", []string{"articles/news/loaded.md"}, ExitFindings, nil},
		{"an error finding stays shown at --min-level error", []string{"--min-level", "error", "articles/news/loaded.md"}, ExitFindings, nil},
		{"--rule turns a rule off", []string{"--rule", "t.loaded=off", "articles/news/loaded.md"}, ExitOK, nil},
		{"--rule re-levels a rule", []string{"--rule", "t.loaded=warning", "articles/news/loaded.md"}, ExitOK, nil},
		{"per-path override: the rule is off in opinion/", []string{"articles/opinion/column.md"}, ExitOK, nil},
		{"per-path override: re-levelled to info there", []string{"--fail-level", "info", "articles/opinion/column.md"}, ExitFindings, nil},
		{"the flag wins over the override", []string{"--rule", "t.loaded=error", "articles/opinion/column.md"}, ExitFindings, nil},
		{"bad level flag", []string{"--fail-level", "severe", "articles"}, ExitError, []string{`--fail-level: unknown level "severe"`, "sourcecheck audit --help"}},
		{"bad --rule", []string{"--rule", "t.loaded", "articles"}, ExitError, []string{"--rule \"t.loaded\": want ID=SETTING"}},
		{"unknown rule in --rule", []string{"--rule", "t.lodaed=off", "articles"}, ExitError, []string{`--rule t.lodaed=off: unknown rule "t.lodaed" (did you mean "t.loaded"?)`}},
		{"unknown format", []string{"--format", "yaml", "articles"}, ExitError, []string{"unknown format"}},
		{"bad --jobs", []string{"-j", "0", "articles"}, ExitError, []string{"--jobs must be at least 1"}},
		{"a missing input is exit 2 even with findings", []string{"articles/news/loaded.md", "articles/none.md"}, ExitError, []string{"articles/none.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runIn(t, auditDir(t), append([]string{"audit", "--config", "sourcecheck.yaml"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
		})
	}
}

func TestAuditConfigErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"invalid file names file:line:column", []string{"--config", "bad.yaml"},
			[]string{`bad.yaml:5:13: fail_level: unknown level "severe"`}},
		{"missing --config file", []string{"--config", "none.yaml"}, []string{"--config: open none.yaml"}},
		{"--config and --no-config", []string{"--config", "sourcecheck.yaml", "--no-config"}, []string{"contradict"}},
		{"missing baseline", []string{"--config", "sourcecheck.yaml", "--baseline", "none.yaml"}, []string{"--baseline: none.yaml: no such file or directory"}},
		{"a rule folder that does not compile", []string{"--no-config", "--rules", "../rules/bad"}, []string{"../rules/bad/rules.yaml:2:8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runIn(t, auditDir(t), append(append([]string{"audit"}, tt.args...), "articles")...)
			if code != ExitError || out != "" {
				t.Errorf("exit %d, stdout %q; want exit 2 and no report", code, out)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
		})
	}
	// An unknown rule id in the file is reported with its position too,
	// once the file parses.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".sourcecheck.yaml"), "rules:\n  weasel-word: off\n")
	code, _, errOut := runIn(t, dir, "audit", ".")
	if code != ExitError || !strings.Contains(errOut, `.sourcecheck.yaml:2:3: rules: unknown rule "weasel-word" (did you mean "weasel-words"?)`) {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAuditSuppression pins what the suppression comments of
// suppressed.md do: three findings suppressed, the comment without a
// reason and the unknown rule id reported, the rest shown.
func TestAuditSuppression(t *testing.T) {
	code, rep, errOut := auditJSON(t, auditDir(t), "--config", "sourcecheck.yaml", "articles/news/suppressed.md")
	if code != ExitFindings {
		t.Fatalf("exit %d, want 1 (t.loaded on line 15); stderr:\n%s", code, errOut)
	}
	var got []string
	for _, f := range rep.Articles[0].Findings {
		got = append(got, fmt.Sprintf("%s@%02d %s", f.Rule, f.Line, f.Level))
	}
	want := []string{"suppression@06 warning", "t.hedge@12 warning", "suppression@14 warning", "t.loaded@15 error", "t.hedge@15 warning"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("findings\n got %v\nwant %v", got, want)
	}
	msgs := rep.Articles[0].Findings
	if !strings.Contains(msgs[0].Message, "gives no reason") || !strings.Contains(msgs[2].Message, `unknown rule "t.lodaed"`) {
		t.Errorf("suppression messages: %q, %q", msgs[0].Message, msgs[2].Message)
	}
	s := rep.Summary
	if s.Suppressed != 3 || s.Baselined != 0 || s.Findings != 5 || s.Levels["error"] != 1 || s.Levels["warning"] != 4 || !s.Failed {
		t.Errorf("summary = %+v", s)
	}
	// The suppression rule is listed among the rules that ran.
	found := false
	for _, r := range rep.Rules {
		found = found || r.ID == "suppression"
	}
	if !found {
		t.Errorf("rules %v lack suppression", rep.Rules)
	}

	// Turned off, the suppression rule reports nothing, and the comments
	// still apply.
	_, rep, _ = auditJSON(t, auditDir(t), "--config", "sourcecheck.yaml", "--rule", "suppression=off", "articles/news/suppressed.md")
	if rep.Summary.Findings != 3 || rep.Summary.Suppressed != 3 {
		t.Errorf("suppression=off: summary %+v", rep.Summary)
	}
	// Suppressed findings below --min-level are not counted.
	_, rep, _ = auditJSON(t, auditDir(t), "--config", "sourcecheck.yaml", "--min-level", "error", "articles/news/suppressed.md")
	if rep.Summary.Findings != 1 || rep.Summary.Suppressed != 1 {
		t.Errorf("--min-level error: summary %+v, want 1 shown and 1 suppressed (t.loaded on line 4)", rep.Summary)
	}
}

// TestAuditBaseline: write a baseline, then only new findings show and
// fail the run; adding lines above a finding keeps it accepted.
func TestAuditBaseline(t *testing.T) {
	dir := t.TempDir()
	src := auditDir(t)
	for _, f := range []string{"sourcecheck.yaml", "rules/test-rules.yaml", "articles/news/hedge.md", "articles/news/loaded.md", "articles/news/suppressed.md"} {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, f), string(data))
	}
	if err := os.Rename(filepath.Join(dir, "sourcecheck.yaml"), filepath.Join(dir, ".sourcecheck.yaml")); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runIn(t, dir, "baseline", "write", "--output", "baseline.yaml", "articles")
	if code != ExitOK || out != "" || !strings.Contains(errOut, "wrote 7 findings from 3 articles to baseline.yaml") {
		t.Fatalf("baseline write: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	code, rep, errOut := auditJSON(t, dir, "--baseline", "baseline.yaml", "--fail-level", "info", "articles")
	if code != ExitOK || rep.Summary.Findings != 0 || rep.Summary.Baselined != 7 || rep.Summary.Suppressed != 3 {
		t.Fatalf("with the baseline: exit %d, summary %+v\n%s", code, rep.Summary, errOut)
	}
	// A text report shows no fingerprints, but the baseline needs them.
	code, out, errOut = runIn(t, dir, "audit", "--format", "text", "--baseline", "baseline.yaml", "--fail-level", "info", "articles")
	if code != ExitOK || !strings.Contains(out, "no findings in 3 articles; 3 suppressed, 7 in the baseline") {
		t.Fatalf("text report with the baseline: exit %d\n%s\n%s", code, out, errOut)
	}

	// Lines added above: still accepted.
	hedge := filepath.Join(dir, "articles", "news", "hedge.md")
	data, _ := os.ReadFile(hedge)
	writeFile(t, hedge, "# Talks\n\nA new first paragraph.\n\nAnd a second one.\n"+strings.TrimPrefix(string(data), "# Talks\n"))
	code, rep, _ = auditJSON(t, dir, "--baseline", "baseline.yaml", "--fail-level", "warning", "articles")
	if code != ExitOK || rep.Summary.Findings != 0 || rep.Summary.Baselined != 7 {
		t.Fatalf("after adding lines: exit %d, summary %+v", code, rep.Summary)
	}

	// A new finding shows and fails the run; the accepted ones stay hidden.
	data, _ = os.ReadFile(hedge)
	writeFile(t, hedge, string(data)+"\nIt is believed the envoy left.\n")
	code, rep, _ = auditJSON(t, dir, "--baseline", "baseline.yaml", "--fail-level", "warning", "articles")
	if code != ExitFindings || rep.Summary.Findings != 1 || rep.Summary.Baselined != 7 || rep.Articles[0].Findings[0].Excerpt != "It is believed" {
		t.Fatalf("after a new finding: exit %d, summary %+v, articles %+v", code, rep.Summary, rep.Articles)
	}

	// The configuration can name the baseline; --no-baseline ignores it.
	writeFile(t, filepath.Join(dir, ".sourcecheck.yaml"), "extends: none\nrule_dirs: [rules]\nrules: {suppression: on}\nbaseline: baseline.yaml\n")
	if _, rep, _ = auditJSON(t, dir, "articles"); rep.Summary.Baselined != 7 {
		t.Errorf("baseline from the configuration: %+v", rep.Summary)
	}
	if _, rep, _ = auditJSON(t, dir, "--no-baseline", "articles"); rep.Summary.Baselined != 0 || rep.Summary.Findings != 8 {
		t.Errorf("--no-baseline: %+v", rep.Summary)
	}
	// baseline write refreshes the configuration's baseline by default.
	code, _, errOut = runIn(t, dir, "baseline", "write", "articles")
	if code != ExitOK || !strings.Contains(errOut, "wrote 8 findings from 3 articles to baseline.yaml") {
		t.Errorf("baseline write to the configured file: exit %d, %s", code, errOut)
	}
	if _, rep, _ = auditJSON(t, dir, "articles"); rep.Summary.Findings != 0 || rep.Summary.Baselined != 8 {
		t.Errorf("after the refresh: %+v", rep.Summary)
	}
}

// TestAuditSameOutputWhateverJobs compares -j 1 and -j 4 over the seeds
// and, when the corpora are present, a folder of BBC articles.
func TestAuditSameOutputWhateverJobs(t *testing.T) {
	seeds := []string{filepath.Join(repoRoot(t), "seeds")}
	withCorpus := seeds
	if root, ok := corpus.Root(); ok && !testing.Short() {
		dir := filepath.Join(root, "bbc-news", "bbc", "tech")
		if _, err := os.Stat(dir); err == nil {
			withCorpus = append(withCorpus, dir)
		}
	} else {
		t.Log("corpora absent or -short: comparing on the seeds only")
	}
	// JSON holds everything the other formats render; text is checked on
	// the seeds too.
	for format, paths := range map[string][]string{"json": withCorpus, "text": seeds} {
		outs := map[int]string{}
		for _, jobs := range []int{1, 4} {
			args := append([]string{"audit", "--no-config", "--format", format, "--color", "never", "-j", strconv.Itoa(jobs)}, paths...)
			code, out, errOut := run(t, "", args...)
			if code == ExitError {
				t.Fatalf("-j %d: exit %d\n%s", jobs, code, errOut)
			}
			outs[jobs] = out
		}
		if outs[1] != outs[4] {
			t.Errorf("%s output differs between -j 1 and -j 4:\n%s", format, firstDiff(outs[1], outs[4]))
		}
		if len(outs[1]) < 100 {
			t.Errorf("suspiciously short output: %q", outs[1])
		}
	}
}

// TestAuditDiscoversConfig: the configuration is found in a parent folder;
// --no-config and --config override the discovery.
func TestAuditDiscoversConfig(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".sourcecheck.yaml"), "fail_level: info\nextends: none\nrule_dirs: [rules]\n")
	writeFile(t, filepath.Join(dir, "rules", "r.yaml"), mustRead(t, filepath.Join(auditDir(t), "rules", "test-rules.yaml")))
	writeFile(t, filepath.Join(dir, "desk", "story.md"), "# Talks\n\nThe offensive was planned for months, sources say.\n")
	sub := filepath.Join(dir, "desk")

	code, rep, errOut := auditJSON(t, sub, "story.md")
	if code != ExitFindings || rep.Summary.FailLevel != "info" || len(rep.Rules) != 2 {
		t.Errorf("discovered config: exit %d, summary %+v, rules %v\n%s", code, rep.Summary, rep.Rules, errOut)
	}
	code, rep, _ = auditJSON(t, sub, "--no-config", "story.md")
	if rep.Summary.FailLevel != "error" || len(rep.Rules) < 3 {
		t.Errorf("--no-config: exit %d, summary %+v, %d rules", code, rep.Summary, len(rep.Rules))
	}
	code, rep, _ = auditJSON(t, sub, "--config", filepath.Join(auditDir(t), "sourcecheck.yaml"), "story.md")
	if code != ExitOK || rep.Summary.FailLevel != "error" || rep.Summary.Findings != 1 {
		t.Errorf("--config: exit %d, summary %+v", code, rep.Summary)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestMissingSourcesFile: audit and inspect word a --sources file that is
// not there the same way, naming the flag and the path as given.
func TestMissingSourcesFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("The ministry said 12 people died.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "sourcecheck: --sources: nope.yaml: "
	for _, args := range [][]string{
		{"audit", "--no-config", "--sources", "nope.yaml", "a.txt"},
		{"inspect", "--sources", "nope.yaml", "a.txt"},
	} {
		code, _, stderr := runIn(t, dir, args...)
		if code != ExitError || !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "no such file") {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and %q…", args[0], code, stderr, ExitError, want)
		}
	}
}

// TestFingerprintFormats holds fingerprintFormats to the reports: of
// every format, the report of a seed, written beside a json report,
// shows the findings' fingerprints exactly when fingerprintFormats says so
// (the audit command leaves them out when no report shows them and no
// baseline needs them).
func TestFingerprintFormats(t *testing.T) {
	seed := seeds(t)[0]
	code, out, errOut := run(t, "", "audit", "--no-config", "--no-baseline", "--format", "json", seed)
	var rep struct {
		Articles []struct {
			Findings []struct{ Fingerprint string }
		}
	}
	if code == ExitError || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Articles) != 1 || len(rep.Articles[0].Findings) == 0 {
		t.Fatalf("json: exit %d\n%s", code, errOut)
	}
	fp := rep.Articles[0].Findings[0].Fingerprint
	if len(fp) != 16 {
		t.Fatalf("fingerprint %q", fp)
	}
	dir := t.TempDir()
	for _, format := range outputFormats {
		path := filepath.Join(dir, "report."+format)
		// Beside a json report, which has the engine make them.
		code, _, errOut := run(t, "", "audit", "--no-config", "--no-baseline", "--format", format+"="+path, "--format", "json="+path+".json", seed)
		data, err := os.ReadFile(path)
		if code == ExitError || err != nil {
			t.Fatalf("%s: exit %d, %v\n%s", format, code, err, errOut)
		}
		if shows := strings.Contains(string(data), fp); shows != fingerprintFormats[format] {
			t.Errorf("%s: report shows the fingerprint %v, fingerprintFormats says %v", format, shows, fingerprintFormats[format])
		}
		if !showsFingerprints([]formatSpec{{format: format}, {format: "json"}}) {
			t.Errorf("%s beside json: showsFingerprints is false", format)
		}
	}
}
