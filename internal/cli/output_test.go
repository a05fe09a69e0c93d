package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

func TestParseFormatSpecs(t *testing.T) {
	for _, tc := range []struct {
		values []string
		want   []formatSpec
		err    string // part of the usage error, "" for none
	}{
		{nil, []formatSpec{{format: "text"}}, ""},
		{[]string{"json"}, []formatSpec{{format: "json"}}, ""},
		{[]string{"text", "sarif=out/report.sarif", "junit=junit.xml"},
			[]formatSpec{{format: "text"}, {format: "sarif", path: "out/report.sarif"}, {format: "junit", path: "junit.xml"}}, ""},
		{[]string{"sarif=-", "json=r.json"}, []formatSpec{{format: "sarif"}, {format: "json", path: "r.json"}}, ""},
		{[]string{"markdown=a=b.md"}, []formatSpec{{format: "markdown", path: "a=b.md"}}, ""},
		{[]string{"html=report.html", "rdjsonl", "github=gh.txt"},
			[]formatSpec{{format: "html", path: "report.html"}, {format: "rdjsonl"}, {format: "github", path: "gh.txt"}}, ""},
		{[]string{"yaml"}, nil, `unknown format "yaml" (want one of text, json, sarif, rdjsonl, github, junit, markdown, html)`},
		{[]string{"JSON"}, nil, `unknown format "JSON"`},
		{[]string{"=out.json"}, nil, `unknown format ""`},
		{[]string{"json="}, nil, "no file after '='"},
		{[]string{"text", "json"}, nil, "text and json both write to standard output"},
		{[]string{"text", "sarif=-"}, nil, "text and sarif both write to standard output"},
		{[]string{"json=r.json", "sarif=./r.json"}, nil, "json=r.json and sarif=./r.json both write to ./r.json"},
	} {
		got, err := parseFormatSpecs(tc.values)
		if tc.err != "" {
			var ee *exitError
			if err == nil || !strings.Contains(err.Error(), tc.err) || !errors.As(err, &ee) || !ee.usage || ee.code != ExitError {
				t.Errorf("%q: error %v, want a usage error with %q", tc.values, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.values, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: %v, want %v", tc.values, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: %v, want %v", tc.values, got, tc.want)
			}
		}
	}
}

func TestColorReports(t *testing.T) {
	e, _, _ := testEnv()
	specs, _ := parseFormatSpecs([]string{"text", "json=r.json"})
	if err := e.colorReports(specs, "always"); err != nil || !specs[0].color || specs[1].color {
		t.Errorf("always: %v %v", specs, err)
	}
	specs2, _ := parseFormatSpecs([]string{"json", "text=r.txt"})
	if err := e.colorReports(specs2, "always"); err != nil || specs2[1].color {
		t.Errorf("a text report to a file is coloured: %v", specs2)
	}
	if err := e.colorReports(specs, "auto"); err != nil || specs[0].color {
		t.Errorf("auto colours output that is not a terminal: %v %v", specs, err)
	}
	if err := e.colorReports(specs, "sometimes"); err == nil {
		t.Error("a bad --color mode is accepted")
	}
}

// testEnv is an env writing to buffers, with no environment variables.
func testEnv() (*env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	e.log = logrus.New()
	e.log.SetOutput(&errb)
	e.log.SetFormatter(&plainFormatter{})
	return e, &out, &errb
}

// testAudit audits one seed with the built-in rules.
func testAudit(t *testing.T) *reports.Audit {
	t.Helper()
	eng, err := audit.NewEngine(nil, rules.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(repoRoot(t), "seeds", "001_9103c398c3a097b7.txt")
	docs, err := audit.ReadFile(path, audit.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	docs[0].Path = "seeds/001_9103c398c3a097b7.txt"
	return reports.NewAudit([]reports.Result{{Doc: docs[0], Findings: eng.Audit(docs[0])}}, eng.Rules(), rules.LevelError)
}

// dirEntries lists a directory's names.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestWriteReports writes every format at once, one to standard output,
// and checks each file is complete and no temporary file is left.
func TestWriteReports(t *testing.T) {
	dir := t.TempDir()
	e, out, _ := testEnv()
	var values []string
	for _, f := range outputFormats {
		if f != "text" {
			values = append(values, f+"="+filepath.Join(dir, "report."+f))
		}
	}
	specs, err := parseFormatSpecs(append(values, "text"))
	if err != nil {
		t.Fatal(err)
	}
	rep := testAudit(t)
	if err := e.writeReports(specs, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "seeds/001_9103c398c3a097b7.txt") {
		t.Errorf("standard output lacks the text report: %q", out.String())
	}
	for _, f := range outputFormats {
		if f == "text" {
			continue
		}
		path := filepath.Join(dir, "report."+f)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		var want bytes.Buffer
		if err := e.render(&want, formatSpec{format: f}, rep); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, want.Bytes()) {
			t.Errorf("%s: the file is not the report", f)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", f, fi.Mode().Perm())
		}
	}
	if names := dirEntries(t, dir); len(names) != len(outputFormats)-1 {
		t.Errorf("the directory holds %v, want only the reports", names)
	}
	var v any
	if data, _ := os.ReadFile(filepath.Join(dir, "report.sarif")); json.Unmarshal(data, &v) != nil {
		t.Error("the SARIF file is not JSON")
	}
}

// TestWriteReportsAllOrNothing checks that when one file report cannot be
// written, no report file is replaced, nothing goes to standard output
// and no temporary file is left.
func TestWriteReportsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "report.json")
	if err := os.WriteFile(old, []byte("previous report\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e, out, _ := testEnv()
	specs, err := parseFormatSpecs([]string{"json=" + old, "sarif=" + filepath.Join(dir, "missing", "r.sarif"), "text"})
	if err != nil {
		t.Fatal(err)
	}
	err = e.writeReports(specs, testAudit(t))
	if err == nil || !strings.Contains(err.Error(), "--format sarif=") {
		t.Fatalf("error %v, want one naming the sarif report", err)
	}
	if data, _ := os.ReadFile(old); string(data) != "previous report\n" {
		t.Errorf("the previous report was replaced: %q", data)
	}
	if out.Len() != 0 {
		t.Errorf("standard output got %q", out.String())
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("the directory holds %v, want the previous report alone", names)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestAtomicFile checks commit and abort: a committed file replaces its
// target with the target's permissions; an aborted one leaves the target
// and no temporary file; a symbolic link is written through.
func TestAtomicFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "r.txt")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := createAtomic(target)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "half")
	if data, _ := os.ReadFile(target); string(data) != "old" {
		t.Fatalf("the target changed before commit: %q", data)
	}
	f.abort()
	if data, _ := os.ReadFile(target); string(data) != "old" || len(dirEntries(t, dir)) != 1 {
		t.Fatalf("abort: target %q, directory %v", data, dirEntries(t, dir))
	}

	f, err = createAtomic(target)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "new")
	if err := f.commit(); err != nil {
		t.Fatal(err)
	}
	f.abort() // after commit: nothing to do
	data, _ := os.ReadFile(target)
	fi, _ := os.Stat(target)
	if string(data) != "new" || fi.Mode().Perm() != 0o600 || len(dirEntries(t, dir)) != 1 {
		t.Errorf("commit: %q, mode %v, directory %v", data, fi.Mode().Perm(), dirEntries(t, dir))
	}

	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(target, link); err == nil {
		f, err := createAtomic(link)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(f, "through the link")
		if err := f.commit(); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
			t.Error("the link was replaced by a file")
		}
		if data, _ := os.ReadFile(target); string(data) != "through the link" {
			t.Errorf("the link's target holds %q", data)
		}
	}

	if _, err := createAtomic(dir); err == nil {
		t.Error("a directory is accepted as a report file")
	}

	// A report that fails while rendering leaves no file: here the github
	// format cannot append its step summary to a directory.
	e, _, _ := testEnv()
	e.getenv = func(k string) string {
		if k == "GITHUB_STEP_SUMMARY" {
			return dir
		}
		return ""
	}
	before := dirEntries(t, dir)
	specs := []formatSpec{{format: "github", path: filepath.Join(dir, "annotations.txt")}}
	if err := e.writeReports(specs, testAudit(t)); err == nil || !strings.Contains(err.Error(), "--format github=") {
		t.Errorf("error %v, want one naming the github report", err)
	}
	if after := dirEntries(t, dir); len(after) != len(before) {
		t.Errorf("a failed report left files: %v", after)
	}
	if err := e.render(failWriter{}, formatSpec{format: "json"}, testAudit(t)); err == nil {
		t.Error("a failing writer does not fail the report")
	}
}

// fakeSignals makes writeReports and withSignals read their signals from
// the returned channel's sender instead of the process's.
func fakeSignals(t *testing.T) func(os.Signal) {
	t.Helper()
	var chans []chan<- os.Signal
	oldNotify, oldStop := signalNotify, signalStop
	signalNotify = func(c chan<- os.Signal) { chans = append(chans, c) }
	signalStop = func(chan<- os.Signal) {}
	t.Cleanup(func() { signalNotify, signalStop = oldNotify, oldStop; testHookBeforeCommit = nil })
	return func(sig os.Signal) {
		for _, c := range chans {
			select {
			case c <- sig:
			default:
			}
		}
	}
}

// TestWriteReportsInterrupted checks that a signal arriving while the
// reports are rendered removes every temporary file, replaces no report,
// writes nothing to standard output and exits 128+signal.
func TestWriteReportsInterrupted(t *testing.T) {
	send := fakeSignals(t)
	testHookBeforeCommit = func() { send(syscall.SIGTERM) }
	dir := t.TempDir()
	old := filepath.Join(dir, "report.sarif")
	if err := os.WriteFile(old, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	e, out, errb := testEnv()
	specs, _ := parseFormatSpecs([]string{"sarif=" + old, "junit=" + filepath.Join(dir, "junit.xml"), "text"})
	err := e.writeReports(specs, testAudit(t))
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 128+int(syscall.SIGTERM) {
		t.Fatalf("error %v, want exit %d", err, 128+int(syscall.SIGTERM))
	}
	if data, _ := os.ReadFile(old); string(data) != "previous" {
		t.Errorf("the previous report was replaced: %q", data)
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("the directory holds %v", names)
	}
	if out.Len() != 0 || !strings.Contains(errb.String(), "interrupted (SIGTERM): no report was written") {
		t.Errorf("stdout %q, log %q", out.String(), errb.String())
	}
}

// TestWithSignals checks that a signal cancels the run's context and turns
// into the interrupted exit, and that stop is safe to call twice.
func TestWithSignals(t *testing.T) {
	send := fakeSignals(t)
	e, _, _ := testEnv()
	ctx, stop := e.withSignals(context.Background())
	defer stop()
	if err := e.interruptedRun(ctx); err != nil {
		t.Fatalf("interrupted before any signal: %v", err)
	}
	send(os.Interrupt)
	<-ctx.Done()
	err := e.interruptedRun(ctx)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 130 {
		t.Errorf("error %v, want exit 130", err)
	}
	stop()

	ctx2, stop2 := e.withSignals(context.Background())
	stop2()
	if err := e.interruptedRun(ctx2); err != nil {
		t.Errorf("a stopped run counts as interrupted: %v", err)
	}
}

// TestSpecWriterNeeds checks that the CLI's wrapper passes on what each
// report's writer needs of the articles, so that a run whose reports do
// not show the articles' metrics or analysis does not make them.
func TestSpecWriterNeeds(t *testing.T) {
	e, _, _ := testEnv()
	for _, tc := range []struct {
		format            string
		analysis, metrics bool
	}{
		{"text", false, false},
		{"json", true, true},
		{"sarif", false, false},
		{"rdjsonl", false, false},
		{"github", false, false}, // no GITHUB_STEP_SUMMARY in testEnv
		{"junit", false, false},
	} {
		w := &specWriter{AuditWriter: e.streamWriter(io.Discard, formatSpec{format: tc.format}, t.TempDir()), spec: tc.format}
		if got := w.NeedsAnalysis(); got != tc.analysis {
			t.Errorf("%s: NeedsAnalysis() = %v, want %v", tc.format, got, tc.analysis)
		}
		if got := w.NeedsMetrics(); got != tc.metrics {
			t.Errorf("%s: NeedsMetrics() = %v, want %v", tc.format, got, tc.metrics)
		}
	}
}
