package cli

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestProfileFlags checks that --cpu-profile and --mem-profile write
// profiles (gzipped protocol buffers, as go tool pprof reads them) and
// --trace an execution trace, also when the run fails on findings (exit
// 1), and that a file that cannot be created is a clear error before the
// command runs.
func TestProfileFlags(t *testing.T) {
	dir := t.TempDir()
	cpu, mem, tr := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof"), filepath.Join(dir, "run.trace")
	code, _, stderr := run(t, "", "audit", "--no-config", "--no-baseline", "--fail-level", "info", "--jobs", "2",
		"--cpu-profile", cpu, "--mem-profile", mem, "--trace", tr, "--format", "json="+filepath.Join(dir, "r.json"), "seeds/")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d (findings); stderr:\n%s", code, ExitFindings, stderr)
	}
	for _, p := range []string{cpu, mem} {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		data, err := func() ([]byte, error) {
			defer f.Close()
			z, err := gzip.NewReader(f)
			if err != nil {
				return nil, err
			}
			return io.ReadAll(z)
		}()
		if err != nil || len(data) == 0 {
			t.Errorf("%s: not a profile (%d bytes, %v)", filepath.Base(p), len(data), err)
		}
	}
	// An execution trace starts with its header, "go 1.NN trace", and
	// holds the run's goroutines: far more than the header.
	data, err := os.ReadFile(tr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("go 1.")) || !bytes.Contains(data[:min(len(data), 16)], []byte(" trace")) || len(data) < 4096 {
		t.Errorf("--trace: not an execution trace (%d bytes, %q)", len(data), data[:min(len(data), 16)])
	}

	code, stdout, stderr := run(t, "", "version", "--cpu-profile", filepath.Join(dir, "missing", "cpu.prof"))
	if code != ExitError || stdout != "" {
		t.Errorf("unwritable --cpu-profile: exit %d, stdout %q; want exit %d and no output", code, stdout, ExitError)
	}
	if !strings.Contains(stderr, "--cpu-profile: open ") || strings.Contains(stderr, "--help") {
		t.Errorf("unwritable --cpu-profile: stderr %q, want the flag and the path, no usage hint", stderr)
	}
	code, _, stderr = run(t, "", "version", "--mem-profile", filepath.Join(dir, "missing", "mem.prof"))
	if code != ExitError || !strings.Contains(stderr, "--mem-profile: open ") {
		t.Errorf("unwritable --mem-profile: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run(t, "", "version", "--cpu-profile", filepath.Join(dir, "cpu2.prof"), "--trace", filepath.Join(dir, "missing", "run.trace"))
	if code != ExitError || !strings.Contains(stderr, "--trace: open ") {
		t.Errorf("unwritable --trace: exit %d, stderr %q", code, stderr)
	}
}

// TestMemProfileSamples checks that ConfigureRuntime's heap sampling
// setting turns sampling off unless GODEBUG sets memprofilerate, and that
// --mem-profile turns it back on, at Go's default rate: otherwise the
// profile would hold none of the run's allocations.
func TestMemProfileSamples(t *testing.T) {
	saved := runtime.MemProfileRate
	t.Cleanup(func() { runtime.MemProfileRate = saved })
	runtime.MemProfileRate = 4096
	disableHeapSampling("gctrace=1,memprofilerate=4096")
	if runtime.MemProfileRate != 4096 {
		t.Errorf("MemProfileRate %d with GODEBUG memprofilerate=4096, want it left at 4096", runtime.MemProfileRate)
	}
	disableHeapSampling("gctrace=1")
	if runtime.MemProfileRate != 0 {
		t.Fatalf("MemProfileRate %d after disableHeapSampling, want 0", runtime.MemProfileRate)
	}
	mem := filepath.Join(t.TempDir(), "mem.prof")
	code, _, stderr := run(t, "", "audit", "--no-config", "--no-baseline", "--mem-profile", mem, "--format", "json="+os.DevNull, "seeds/")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d (findings); stderr:\n%s", code, ExitFindings, stderr)
	}
	if runtime.MemProfileRate != defaultMemProfileRate {
		t.Errorf("MemProfileRate %d after --mem-profile, want %d", runtime.MemProfileRate, defaultMemProfileRate)
	}
}

// TestMemoryLockAllowed checks when populateOnMap may lock memory: only
// in a binary without cgo, a process that may lock without limit, and
// unless SOURCECHECK_MLOCK is 0.
func TestMemoryLockAllowed(t *testing.T) {
	for _, tc := range []struct {
		value          string
		cgo, unlimited bool
		want           bool
	}{
		{"", false, true, true},
		{"1", false, true, true},
		{"0", false, true, false},
		{"", true, true, false},
		{"", false, false, false},
		{"", true, false, false},
	} {
		if got := memoryLockAllowed(tc.value, tc.cgo, tc.unlimited); got != tc.want {
			t.Errorf("memoryLockAllowed(%q, cgo %v, unlimited %v) = %v, want %v", tc.value, tc.cgo, tc.unlimited, got, tc.want)
		}
	}
}
