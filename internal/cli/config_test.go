package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigPrint(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"file values and their lines", []string{"--config", "sourcecheck.yaml"}, []string{
			"# file: sourcecheck.yaml (paths in it are relative to its folder)",
			"extends: none # sourcecheck.yaml:2:10\n",
			"min_level: info # default\n",
			"fail_level: error # default\n",
			"  - rules # sourcecheck.yaml:3:13\n",
			"  t.hedge: warning # default (rules/test-rules.yaml:3)\n",
			"  t.loaded: error # default (rules/test-rules.yaml:14)\n",
			"  suppression: warning # sourcecheck.yaml:5:3\n",
			"  weasel-words: off # sourcecheck.yaml:2:10; runs at warning when on\n",
			"  - paths: [articles/opinion/**] # sourcecheck.yaml:7:5\n",
		}},
		{"flags win and say so", []string{"--config", "sourcecheck.yaml", "--fail-level", "warning", "--rule", "t.loaded=info", "--exclude", "*.html"}, []string{
			"fail_level: warning # flag --fail-level\n",
			"  t.loaded: info # flag --rule t.loaded=info\n",
			"  - '*.html' # flag --exclude\n",
		}},
		{"rules for one article", []string{"--config", "sourcecheck.yaml", "articles/opinion/column.md"}, []string{
			"# rules for: articles/opinion/column.md\n",
			"  t.hedge: info # sourcecheck.yaml:10:7\n",
			"  t.loaded: off # sourcecheck.yaml:9:7; runs at error when on\n",
			"; applies to articles/opinion/column.md\n",
		}},
		{"no configuration", []string{"--no-config"}, []string{
			"# file: none (defaults and flags only)\n",
			"extends: builtin # default\n",
			"  weasel-words: warning # default (rules/pack/weasel-words.yaml:1)\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runIn(t, auditDir(t), append([]string{"config", "print"}, tt.args...)...)
			if code != ExitOK {
				t.Fatalf("exit %d\n%s", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestConfigPrintRoundTrip: what config print writes is a configuration
// that audits the same way.
func TestConfigPrintRoundTrip(t *testing.T) {
	dir := auditDir(t)
	_, printed, _ := runIn(t, dir, "config", "print", "--config", "sourcecheck.yaml", "--fail-level", "warning")
	tmp := t.TempDir()
	writeFile(t, filepath.Join(tmp, "printed.yaml"), printed)
	writeFile(t, filepath.Join(tmp, "rules", "r.yaml"), mustRead(t, filepath.Join(dir, "rules", "test-rules.yaml")))
	for _, a := range []string{"news/hedge.md", "news/loaded.md", "news/suppressed.md", "opinion/column.md"} {
		writeFile(t, filepath.Join(tmp, "articles", a), mustRead(t, filepath.Join(dir, "articles", a)))
	}
	c1, r1, _ := auditJSON(t, dir, "--config", "sourcecheck.yaml", "--fail-level", "warning", "articles/news", "articles/opinion")
	c2, r2, errOut := auditJSON(t, tmp, "--config", "printed.yaml", "articles/news", "articles/opinion")
	if c1 != c2 || r1.Summary.Findings != r2.Summary.Findings || r1.Summary.Suppressed != r2.Summary.Suppressed || r1.Summary.FailLevel != r2.Summary.FailLevel {
		t.Errorf("original: exit %d %+v\nprinted: exit %d %+v\n%s\n%s", c1, r1.Summary, c2, r2.Summary, errOut, printed)
	}
}

func TestConfigPrintErrors(t *testing.T) {
	code, out, errOut := runIn(t, auditDir(t), "config", "print", "--config", "bad.yaml")
	want := []string{`bad.yaml:5:13: fail_level: unknown level "severe"`}
	if code != ExitError || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	// Once it parses, unknown rule ids are reported with their position.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".sourcecheck.yaml"), "overrides:\n  - paths: [a]\n    rules:\n      weasel-wordz: off\n")
	code, _, errOut = runIn(t, dir, "config", "print")
	if code != ExitError || !strings.Contains(errOut, `.sourcecheck.yaml:4:7: rules: unknown rule "weasel-wordz" (did you mean "weasel-words"?)`) {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

func TestNewCommandsHelpTeaches(t *testing.T) {
	for _, cmd := range [][]string{
		{"audit", "--help"}, {"config", "--help"}, {"config", "print", "--help"}, {"baseline", "--help"},
		{"baseline", "write", "--help"}, {"rules", "--help"}, {"rules", "explain", "--help"}, {"rules", "test", "--help"},
	} {
		code, out, _ := run(t, "", cmd...)
		if code != ExitOK || !strings.Contains(out, "Examples:") {
			t.Errorf("%v: exit %d, help without examples:\n%s", cmd, code, out)
		}
	}
}
