package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files from the current output")

// repoRoot returns the repository root (two levels up from this package).
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// run runs the CLI in the repository root and returns exit code, stdout
// and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(repoRoot(t))
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func seeds(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(repoRoot(t), "seeds", "*.txt"))
	if err != nil || len(paths) != 5 {
		t.Fatalf("want the five seeds, got %v (%v)", paths, err)
	}
	for i, p := range paths {
		paths[i] = filepath.ToSlash(filepath.Join("seeds", filepath.Base(p)))
	}
	return paths
}

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(repoRoot(t), "internal", "cli", "testdata", "golden", name)
	if *update {
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
		t.Fatalf("golden file missing (run go test ./internal/cli -update and review the diff): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; run `go test ./internal/cli -run %s -update` and review the diff with git diff.\n%s",
			name, t.Name(), firstDiff(string(want), string(got)))
	}
}

// firstDiff describes the first line where two texts differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return ""
}

// TestInspectGoldenJSON pins `inspect --format json` for each seed. The
// golden files were reviewed by hand against the seed text; what was
// checked is written down in testdata/golden/REVIEW.md.
func TestInspectGoldenJSON(t *testing.T) {
	for _, seed := range seeds(t) {
		t.Run(filepath.Base(seed), func(t *testing.T) {
			code, out, errOut := run(t, "", "inspect", "--format", "json", seed)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			golden(t, "inspect/"+strings.TrimSuffix(filepath.Base(seed), ".txt")+".json", []byte(out))
		})
	}
}

// TestInspectGoldenText pins the marked-up text view of each seed.
func TestInspectGoldenText(t *testing.T) {
	for _, seed := range seeds(t) {
		t.Run(filepath.Base(seed), func(t *testing.T) {
			code, out, errOut := run(t, "", "inspect", "--color", "never", seed)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			golden(t, "inspect/"+strings.TrimSuffix(filepath.Base(seed), ".txt")+".txt", []byte(out))
		})
	}
}

func TestInspectJSONSpansPointIntoInput(t *testing.T) {
	code, out, errOut := run(t, "", "inspect", "--format", "json", "seeds")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Articles []struct {
			Path   string
			Blocks []struct {
				Kind       string
				Start, End int
				Text       string
			}
			Quotes []struct {
				Start, End int
				Text       string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Articles) != 5 {
		t.Fatalf("got %d articles, want the 5 seeds", len(rep.Articles))
	}
	for _, a := range rep.Articles {
		data, err := os.ReadFile(filepath.Join(repoRoot(t), a.Path))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range a.Blocks {
			if got := string(data[b.Start:b.End]); got != b.Text {
				t.Errorf("%s: block [%d,%d) is %q in the file, %q in the report", a.Path, b.Start, b.End, got, b.Text)
			}
		}
		for _, q := range a.Quotes {
			if !strings.Contains(string(data[q.Start:q.End]), q.Text) {
				t.Errorf("%s: quote [%d,%d) %q does not contain its text %q", a.Path, q.Start, q.End, data[q.Start:q.End], q.Text)
			}
		}
	}
}

func TestExitCodesAndBatchGoesOn(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		stderr   []string
		stdoutOK func(string) bool
	}{
		{name: "missing path, rest of batch still inspected",
			args: []string{"inspect", "no/such/file.txt", "seeds/004_2dacdb29af72ca92.txt"}, code: ExitError,
			stderr:   []string{"no/such/file.txt"},
			stdoutOK: func(s string) bool { return strings.Contains(s, "004_2dacdb29af72ca92.txt") }},
		{name: "unknown flag", args: []string{"inspect", "--frobnicate", "seeds"}, code: ExitError,
			stderr: []string{"unknown flag", "sourcecheck inspect --help"}},
		{name: "bad format", args: []string{"inspect", "--format", "yaml", "seeds"}, code: ExitError,
			stderr: []string{"--format", "text, json"}},
		{name: "no paths", args: []string{"inspect"}, code: ExitError, stderr: []string{"requires at least 1 arg"}},
		{name: "unknown command", args: []string{"inspectt"}, code: ExitError, stderr: []string{"unknown command"}},
		{name: "bad log level", args: []string{"--log-level", "loud", "version"}, code: ExitError, stderr: []string{"--log-level"}},
		{name: "stdin text", args: []string{"inspect", "-"}, stdin: "Headline here\n\n“We left at night,” a resident said.\n", code: ExitOK,
			stdoutOK: func(s string) bool {
				return strings.Contains(s, "== -") && strings.Contains(s, "⟦“We left at night,”⟧q1")
			}},
		{name: "stdin bad format", args: []string{"inspect", "--stdin-format", "pdf", "-"}, code: ExitError, stderr: []string{"--stdin-format"}},
		{name: "bad source registry names file and line, no usage hint", args: []string{"inspect", "--sources", "rules/testdata/bad_type.yaml", "seeds"}, code: ExitError,
			stderr: []string{"rules/testdata/bad_type.yaml:"}, stdoutOK: func(s string) bool { return s == "" }},
		{name: "extra source registry extends the built-in one", args: []string{"inspect", "--sources", "rules/testdata/user_sources.yaml", "seeds/001_9103c398c3a097b7.txt"}, code: ExitOK,
			stdoutOK: func(s string) bool { return strings.Contains(s, "Dareen Khalifa") }},
		{name: "version", args: []string{"version"}, code: ExitOK, stdoutOK: func(s string) bool { return strings.HasPrefix(s, "sourcecheck ") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			if tt.stdoutOK != nil && !tt.stdoutOK(out) {
				t.Errorf("unexpected stdout:\n%s", out)
			}
		})
	}
}

func TestLogsGoToStderrOnly(t *testing.T) {
	code, out, errOut := run(t, "", "--log-level", "debug", "--log-format", "json", "inspect", "--format", "json", "seeds/000_95ac2cc1406b2bec.txt", "missing.txt")
	if code != ExitError {
		t.Fatalf("exit %d, want %d", code, ExitError)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("stdout is not one JSON document (logs leaked?): %v\n%s", err, out)
	}
	line := strings.SplitN(strings.TrimSpace(errOut), "\n", 2)[0]
	if err := json.Unmarshal([]byte(line), &v); err != nil || v["level"] != "error" || !strings.Contains(v["msg"].(string), "missing.txt") {
		t.Errorf("stderr is not a JSON log entry naming the file: %q", line)
	}
}

func TestHelpTeaches(t *testing.T) {
	for _, cmd := range [][]string{{"--help"}, {"inspect", "--help"}, {"version", "--help"}} {
		code, out, _ := run(t, "", cmd...)
		if code != ExitOK || !strings.Contains(out, "Examples:") && !strings.Contains(out, "Example") {
			t.Errorf("%v: exit %d, help without examples:\n%s", cmd, code, out)
		}
	}
}
