package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// streamInputs writes a JSON Lines file of several records, a blank line
// and a broken line into dir, and returns it with the seeds folder.
func streamInputs(t *testing.T, dir string) []string {
	t.Helper()
	jsonl := filepath.Join(dir, "wire.jsonl")
	writeFile(t, jsonl, strings.Join([]string{
		`{"id":"w1","outlet":"AFP","title":"Aleppo","body":"More than 370 people have been killed, according to the Syrian Observatory for Human Rights.\n\n“We heard an explosion,” a resident said."}`,
		``,
		`{"id":"w2","body":"At least 130 people are said to have been killed. Sources say the army retook 12 villages."}`,
		`{"id":"w3","body":`, // broken
		`{"id":"w4","body":"<p>The ministry said 40 people were wounded.</p><p>“It was a massacre,” he said.</p>"}`,
		`{"id":"w5","body":"Rain is expected in the north."}`,
	}, "\n")+"\n")
	return []string{filepath.Join(repoRoot(t), "seeds"), jsonl}
}

// TestAuditStreamMatchesBatch runs each streaming format both ways: alone
// (streamed, to a file and to standard output, with -j 1 and -j 4) and
// beside a Markdown report (which makes the run batch), on the seeds and
// a JSON Lines file with a broken line, and checks every report is the
// same bytes and the run ends the same way.
func TestAuditStreamMatchesBatch(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	t.Setenv("GITHUB_WORKSPACE", "")
	dir := t.TempDir()
	inputs := streamInputs(t, dir)
	base := []string{"audit", "--no-config", "--color", "never"}
	for format := range streamingFormats {
		t.Run(format, func(t *testing.T) {
			batchFile := filepath.Join(dir, format+".batch")
			code, _, errOut := run(t, "", append(append(base, "-j", "2", "-f", format+"="+batchFile, "-f", "markdown="+filepath.Join(dir, "r.md")), inputs...)...)
			if code != ExitError || !strings.Contains(errOut, "wire.jsonl:4: ") {
				t.Fatalf("batch: exit %d, want 2 and the broken line named\n%s", code, errOut)
			}
			want, err := os.ReadFile(batchFile)
			if err != nil || len(want) == 0 {
				t.Fatalf("batch report: %v", err)
			}
			for _, jobs := range []int{1, 4} {
				file := filepath.Join(dir, fmt.Sprintf("%s.stream%d", format, jobs))
				code, _, errOut2 := run(t, "", append(append(base, "-j", strconv.Itoa(jobs), "-f", format+"="+file), inputs...)...)
				got, _ := os.ReadFile(file)
				if code != ExitError || errOut2 != errOut {
					t.Errorf("-j %d: exit %d, log differs from the batch run's:\n%s", jobs, code, firstDiff(errOut, errOut2))
				}
				if !bytes.Equal(got, want) {
					t.Errorf("-j %d: the streamed report differs from the batch one:\n%s", jobs, firstDiff(string(want), string(got)))
				}
			}
			code, out, _ := run(t, "", append(append(base, "-j", "3", "-f", format), inputs...)...)
			if code != ExitError || out != string(want) {
				t.Errorf("to standard output: exit %d, report differs:\n%s", code, firstDiff(string(want), out))
			}
		})
	}
}

// TestAuditStreamStepSummary checks that the streamed github report
// appends the same step summary as the batch one.
func TestAuditStreamStepSummary(t *testing.T) {
	dir := t.TempDir()
	inputs := streamInputs(t, dir)
	t.Setenv("GITHUB_WORKSPACE", "")
	summaries := map[string]string{}
	for _, mode := range []string{"batch", "stream"} {
		summary := filepath.Join(dir, mode+".md")
		t.Setenv("GITHUB_STEP_SUMMARY", summary)
		args := []string{"audit", "--no-config", "-f", "github=" + filepath.Join(dir, mode+".txt")}
		if mode == "batch" {
			args = append(args, "-f", "html="+filepath.Join(dir, "r.html"))
		}
		if code, _, errOut := run(t, "", append(args, inputs...)...); code != ExitError {
			t.Fatalf("%s: exit %d\n%s", mode, code, errOut)
		}
		data, err := os.ReadFile(summary)
		if err != nil {
			t.Fatal(err)
		}
		summaries[mode] = string(data)
	}
	if summaries["batch"] != summaries["stream"] || !strings.Contains(summaries["stream"], "wire.jsonl:5 (id w4)") {
		t.Errorf("step summaries differ:\n%s", firstDiff(summaries["batch"], summaries["stream"]))
	}
}

// TestAuditStreamBoundedWindow audits a JSON Lines stream of 20,000 small
// records with -j 4 and checks the pipeline never had more than its
// window of articles in flight (read and not yet written), while the
// report holds every one of them in order.
func TestAuditStreamBoundedWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("audits 20,000 records; skipped with -short")
	}
	const records, jobs = 20_000, 4
	dir := t.TempDir()
	var b strings.Builder
	for i := 1; i <= records; i++ {
		fmt.Fprintf(&b, "{\"id\":\"r%d\",\"body\":\"More than %d people were killed on Friday.\"}\n", i, i)
	}
	jsonl := filepath.Join(dir, "big.jsonl")
	writeFile(t, jsonl, b.String())
	var mu sync.Mutex
	most, calls := 0, 0
	testHookInFlight = func(n int) {
		mu.Lock()
		most, calls = max(most, n), calls+1
		mu.Unlock()
	}
	t.Cleanup(func() { testHookInFlight = nil })
	// --max-bytes smaller than the file: it applies to each record.
	out := filepath.Join(dir, "r.rdjsonl")
	code, _, errOut := run(t, "", "audit", "--no-config", "-j", strconv.Itoa(jobs), "--max-bytes", "1000",
		"-f", "rdjsonl="+out, jsonl)
	if code == ExitError {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if calls != records || most > 16*jobs {
		t.Errorf("%d items, at most %d in flight; want %d items and at most %d", calls, most, records, 16*jobs)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < records {
		t.Fatalf("%d diagnostics for %d records", len(lines), records)
	}
	last := 0
	for _, l := range lines {
		i := strings.Index(l, `"line":`)
		n, _ := strconv.Atoi(strings.TrimRight(l[i+7:i+7+strings.IndexAny(l[i+7:], ",}")], "}"))
		if n < last {
			t.Fatalf("diagnostics out of order: line %d after %d", n, last)
		}
		last = n
	}
	if last != records {
		t.Errorf("last diagnostic on line %d, want %d", last, records)
	}
}

// TestAuditStreamInterrupted checks that a signal arriving when a
// streamed run's reports are complete but not yet in place removes every
// temporary file, replaces no report, says the report on standard output
// is incomplete and exits 128+signal.
func TestAuditStreamInterrupted(t *testing.T) {
	send := fakeSignals(t)
	testHookBeforeCommit = func() { send(syscall.SIGTERM) }
	dir := t.TempDir()
	old := filepath.Join(dir, "report.sarif")
	writeFile(t, old, "previous")
	code, out, errOut := run(t, "", "audit", "--no-config", "-f", "sarif="+old, "-f", "junit="+filepath.Join(dir, "junit.xml"),
		"-f", "json", "seeds/001_9103c398c3a097b7.txt")
	if code != 128+int(syscall.SIGTERM) {
		t.Fatalf("exit %d, want %d\n%s", code, 128+int(syscall.SIGTERM), errOut)
	}
	if data, _ := os.ReadFile(old); string(data) != "previous" {
		t.Errorf("the previous report was replaced: %q", data)
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("the directory holds %v", names)
	}
	if !strings.Contains(errOut, "interrupted (SIGTERM): no report file was written; the report on standard output is incomplete") || out == "" {
		t.Errorf("stdout %.100q, log %q", out, errOut)
	}
}

// TestAuditStreamWriteError checks that a report that cannot be written
// stops the run with an error naming it, and leaves no file behind.
func TestAuditStreamWriteError(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(repoRoot(t))
	var errb bytes.Buffer
	code := Main([]string{"audit", "--no-config", "-f", "json=" + filepath.Join(dir, "r.json"), "-f", "junit=" + filepath.Join(dir, "j.xml"), "-f", "sarif", "seeds"},
		strings.NewReader(""), failWriter{}, &errb)
	if code != ExitError || !strings.Contains(errb.String(), "--format sarif: writing the SARIF report: disk full") {
		t.Errorf("exit %d, log %q", code, errb.String())
	}
	if names := dirEntries(t, dir); len(names) != 0 {
		t.Errorf("the directory holds %v", names)
	}
	// A missing folder is found before the run starts.
	code, _, errOut := run(t, "", "audit", "--no-config", "-f", "json="+filepath.Join(dir, "missing", "r.json"), "seeds")
	if code != ExitError || !strings.Contains(errOut, "--format json=") {
		t.Errorf("missing folder: exit %d, %q", code, errOut)
	}
}

// TestOrderedWindow checks the ordered pool directly: results come in
// order whatever the work's timing, at most 2×jobs items of unknown or
// large size are in flight (16×jobs small ones), and an emit error stops
// the producer.
func TestOrderedWindow(t *testing.T) {
	var mu sync.Mutex
	most := 0
	testHookInFlight = func(n int) {
		mu.Lock()
		most = max(most, n)
		mu.Unlock()
	}
	t.Cleanup(func() { testHookInFlight = nil })
	for _, tc := range []struct {
		name       string
		jobs, size int
		want       int // most items in flight
	}{
		{"one job", 1, -1, 1},
		{"unknown size", 2, -1, 4},
		{"large", 5, 2 << 20, 10},
		{"small", 2, 100, 32},
		{"small, many jobs", 5, 100, 80},
		// 64 KiB items: 1 MiB holds 16 of them, more than 2×jobs.
		{"middling", 2, 64 << 10, 17},
	} {
		most = 0
		next := 0
		err := ordered(tc.jobs, func(yield func(int) bool) {
			for i := range 5000 {
				if !yield(i) {
					return
				}
			}
		}, func(int) int { return tc.size }, func(i int) int {
			if i%50 == 0 {
				time.Sleep(time.Millisecond) // a long article: the others run ahead
			}
			return i * i
		}, func(i, sq int) error {
			if i != next || sq != i*i {
				return fmt.Errorf("got %d (%d), want %d", i, sq, next)
			}
			next++
			return nil
		})
		if err != nil || next != 5000 {
			t.Errorf("%s: %v after %d items", tc.name, err, next)
		}
		if most > tc.want || tc.jobs > 1 && most < min(tc.want, 2*tc.jobs) {
			t.Errorf("%s: %d items in flight, want at most %d", tc.name, most, tc.want)
		}
		produced := 0
		stop := errors.New("stop")
		err = ordered(tc.jobs, func(yield func(int) bool) {
			for i := range 5000 {
				produced++
				if !yield(i) {
					return
				}
			}
		}, func(int) int { return tc.size }, func(i int) int { return i }, func(i, _ int) error {
			if i == 10 {
				return stop
			}
			return nil
		})
		if err != stop || produced > 10+tc.want+1 {
			t.Errorf("%s: error %v, %d items produced after the error", tc.name, err, produced)
		}
	}
}

// TestAuditJSONLFilesInOrder audits several JSON Lines files, with a
// folder between them, while each next file is opened ahead of its turn:
// the articles, and the warnings and errors of each file, come in input
// order, with -j 1 and -j 2.
func TestAuditJSONLFilesInOrder(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl"), filepath.Join(dir, "c.jsonl")
	writeFile(t, a, `{"id":"a1","body":"The ministry said 40 people were wounded."}`+"\n"+`{"id":"a2","body":`+"\n"+`{"id":"a3","body":"Rain is expected."}`+"\n")
	writeFile(t, b, "{\"id\":\"b1\",\"body\":\"Caf\xe9 owners said 3 people died.\"}\nnot json\n")
	writeFile(t, c, `{"id":"c1","body":"At least 130 people are said to have been killed."}`+"\n")
	seeds := filepath.Join(repoRoot(t), "seeds")
	entries, err := os.ReadDir(seeds)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, id := range []string{"a1", "a3"} {
		want = append(want, a+"#"+id)
	}
	for _, e := range entries {
		want = append(want, filepath.Join(seeds, e.Name())+"#")
	}
	want = append(want, b+"#b1", c+"#c1")
	for _, jobs := range []string{"1", "2"} {
		report := filepath.Join(dir, "report"+jobs+".json")
		code, _, errOut := run(t, "", "audit", "--no-config", "-j", jobs, "-f", "json="+report, a, seeds, b, c)
		if code != ExitError {
			t.Fatalf("-j %s: exit %d, want 2 (broken lines)\n%s", jobs, code, errOut)
		}
		var got struct {
			Articles []struct {
				Path, ID string
			}
		}
		data, err := os.ReadFile(report)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, art := range got.Articles {
			order = append(order, art.Path+"#"+art.ID)
		}
		if !slices.Equal(order, want) {
			t.Errorf("-j %s: articles\n got %q\nwant %q", jobs, order, want)
		}
		i, j, k := strings.Index(errOut, "a.jsonl:2: "), strings.Index(errOut, "b.jsonl:1: "), strings.Index(errOut, "b.jsonl:2: ")
		if i < 0 || j < 0 || k < 0 || !(i < j && j < k) {
			t.Errorf("-j %s: want a.jsonl:2, then b.jsonl:1 (Windows-1252), then b.jsonl:2 in the log:\n%s", jobs, errOut)
		}
	}
}

// TestAuditItemSize checks what each kind of item counts for in the
// ordered window: a whole regular file its size as listed, so that small
// files get the wider window; standard input, a folder, a missing file and
// a special file count as large (-1), as do files over the window's reach.
func TestAuditItemSize(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "a.txt")
	writeFile(t, small, strings.Repeat("x", 1234))
	empty := filepath.Join(dir, "empty.txt")
	writeFile(t, empty, "")
	for _, tc := range []struct {
		name string
		path string
		want int
	}{
		{"regular file", small, 1234},
		{"empty file", empty, 0},
		{"standard input", "-", -1},
		{"folder", dir, -1},
		{"missing", filepath.Join(dir, "missing.txt"), -1},
		{"special file", os.DevNull, -1},
	} {
		it := auditItem{in: &auditInput{input: input{path: tc.path}}, file: listedSize(tc.path)}
		if got := it.size(); got != tc.want {
			t.Errorf("%s: size %d, want %d", tc.name, got, tc.want)
		}
	}
	if got := (auditItem{file: 1 << 40}).size(); got != -1 {
		t.Errorf("a 1 TiB file: size %d, want -1 (large)", got)
	}
	win, big := orderedWindow{jobs: 2}, auditItem{file: 4 << 20}
	if got, want := win.weight(big.size()), windowSmallBytes; got != want {
		t.Errorf("a 4 MiB file weighs %d, want %d (large)", got, want)
	}
}
