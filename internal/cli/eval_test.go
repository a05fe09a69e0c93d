package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
)

// runEval runs the eval command alone (it may not be registered on the
// root yet) in the repository root and returns the exit code Main would
// give, stdout and stderr.
func runEval(t *testing.T, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(repoRoot(t))
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: getenv, log: logrus.New()}
	e.log.SetOutput(&errb)
	e.log.SetFormatter(&plainFormatter{})
	cmd := newEvalCmd(e)
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err != nil {
		code := ExitError
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		}
		errb.WriteString("sourcecheck: " + err.Error() + "\n")
		return code, out.String(), errb.String()
	}
	return ExitOK, out.String(), errb.String()
}

func noEnv(string) string { return "" }

func TestEvalCommand(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    []string
		wantErr    string
		notWantOut string
	}{
		{
			name:     "seeds as markdown",
			args:     []string{"--labels", "eval/labels/seeds", "--format", "markdown"},
			wantOut:  []string{"| detector | precision | recall | F1 / accuracy | n | goal |", "| Direct quotes (direct + dash spans) |"},
			wantCode: ExitOK,
		},
		{
			name:     "seeds as text with mismatches",
			args:     []string{"--labels", "eval/labels/seeds", "--mismatches"},
			wantOut:  []string{"== seeds (5 articles)", "== total (5 articles)", "goals (total):", "mismatches ("},
			wantCode: ExitOK,
		},
		{
			name:     "seeds as json",
			args:     []string{"--labels", "eval/labels/seeds", "-f", "json"},
			wantOut:  []string{`"name": "direct_quotes.f1"`, `"goals": [`},
			wantCode: ExitOK,
		},
		{name: "bad format", args: []string{"--format", "yaml"}, wantCode: ExitError, wantErr: `--format: "yaml" is not one of text, markdown, json`},
		{name: "mismatches need text", args: []string{"--format", "json", "--mismatches"}, wantCode: ExitError, wantErr: "--mismatches"},
		{name: "missing corpora", args: []string{"--corpora", "no/such/dir"}, wantCode: ExitError, wantErr: "--corpora"},
		{name: "missing labels", args: []string{"--labels", "no/such/dir"}, wantCode: ExitError, wantErr: "listing labels"},
		{name: "arguments refused", args: []string{"seeds"}, wantCode: ExitError, wantErr: "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runEval(t, noEnv, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d; want %d\nstderr: %s", code, tt.wantCode, errOut)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if tt.wantErr != "" && !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr = %q; want it to contain %q", errOut, tt.wantErr)
			}
		})
	}
}

func TestEvalSkipsCorporaWithWarning(t *testing.T) {
	missing := func(k string) string {
		if k == "SOURCECHECK_CORPORA" {
			return "no/such/corpora"
		}
		return ""
	}
	code, out, errOut := runEval(t, missing)
	if code != ExitOK || !strings.Contains(out, "== seeds (5 articles)") || !strings.Contains(out, "skipped: corpus:") {
		t.Fatalf("exit %d; want 0 with seeds scored and corpus labels skipped\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "corpus labels skipped") {
		t.Errorf("stderr = %q; want a warning that corpus labels were skipped", errOut)
	}

	// A corpora directory that holds no corpus is an error, not a skip.
	code, _, errOut = runEval(t, noEnv, "--corpora", t.TempDir())
	if code != ExitError || !strings.Contains(errOut, "sourcecheck: ") {
		t.Errorf("empty corpora dir: exit %d, stderr %q; want exit 2 with an error", code, errOut)
	}
}
