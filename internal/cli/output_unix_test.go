//go:build unix

package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWithSignalsReal sends the test process a real SIGINT while
// withSignals catches it: the run's context is cancelled and the command
// would exit 130, and the process goes on.
func TestWithSignalsReal(t *testing.T) {
	e, _, _ := testEnv()
	ctx, stop := e.withSignals(context.Background())
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT did not cancel the run")
	}
	var ee *exitError
	if err := e.interruptedRun(ctx); !errors.As(err, &ee) || ee.code != 130 {
		t.Errorf("error %v, want exit 130", err)
	}
}

// TestReportToSpecialFile writes a report to a named pipe, as to
// /dev/null or /dev/stdout: the report goes into the pipe, and the pipe
// is still a pipe afterwards, not replaced by a file renamed over it
// (as root, a report to /dev/null once replaced the device).
func TestReportToSpecialFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "report.pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo) // waits for the writer
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		data, _ := io.ReadAll(f)
		got <- string(data)
	}()
	article := filepath.Join(dir, "a.txt")
	writeFile(t, article, "More than 370 people were killed.\n")
	code, _, errOut := run(t, "", "audit", "--no-config", "-f", "json="+fifo, article)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d\n%s", code, ExitFindings, errOut)
	}
	select {
	case report := <-got:
		if !strings.HasPrefix(report, "{") || !strings.Contains(report, "unattributed-casualty-figure") {
			t.Errorf("the pipe carried %q", report)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the pipe")
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v, %v", fi.Mode(), err)
	}
	if n := len(dirEntries(t, dir)); n != 2 {
		t.Errorf("%d entries left in the folder, want the pipe and the article: %v", n, dirEntries(t, dir))
	}
}
