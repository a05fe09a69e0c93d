package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
)

// TestListAhead checks the inputs listed ahead during the set-up: the
// files in the order they are read, the first JSON Lines file among them
// opened ahead (after a text file and standard input), and the problems
// logged only when the listing is taken, in their order.
func TestListAhead(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.txt":         "A resident said the shelling had stopped.\n",
		"b.jsonl":       `{"id":"b1","body":"Officials said 12 people died."}` + "\n",
		"c.jsonl":       `{"id":"c1","body":"Witnesses said the road was closed."}` + "\n",
		"empty/.keep":   "",
		"later/d.jsonl": `{"id":"d1","body":"The agency said it was checking."}` + "\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	missing := filepath.Join(dir, "missing.txt")
	paths := []string{filepath.Join(dir, "a.txt"), "-", filepath.Join(dir, "empty"), missing, filepath.Join(dir, "b.jsonl"), filepath.Join(dir, "c.jsonl"), filepath.Join(dir, "later")}
	opts := audit.ReadOptions{}

	e, _, stderr := testEnv()
	l := listAhead(paths, opts)
	<-l.done
	if stderr.Len() != 0 {
		t.Fatalf("listing ahead logged before it was taken: %q", stderr)
	}
	inputs, first := e.listInputs(l)
	var got []string
	for _, in := range inputs {
		got = append(got, strings.TrimPrefix(in.path, dir+string(filepath.Separator)))
	}
	want := []string{"a.txt", "-", "b.jsonl", "c.jsonl", filepath.Join("later", "d.jsonl")}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("inputs %q, want %q", got, want)
	}
	if first == nil || first.path != filepath.Join(dir, "b.jsonl") {
		t.Fatalf("first JSON Lines file opened ahead: %+v, want b.jsonl", first)
	}
	j, err := first.open(strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := j.Next()
	if err != nil {
		t.Fatal(err)
	}
	if d, err := rec.Document(); err != nil || !strings.Contains(d.Text, "12 people died") {
		t.Errorf("first record: %v, %v", d, err)
	}
	j.Close()
	log := stderr.String()
	empty, miss := strings.Index(log, "no articles found"), strings.Index(log, "missing.txt")
	if empty < 0 || miss < 0 || empty > miss || !e.failed || e.inputErrors != 1 {
		t.Errorf("logged %q (failed %v, %d input errors): want the empty folder's warning, then the missing file's error", log, e.failed, e.inputErrors)
	}
}

// TestTakeListing checks that a run's listing serves an audit of the same
// paths once, and that other paths, or a second audit, are listed anew.
func TestTakeListing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("Text.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ahead := listAhead([]string{a}, audit.ReadOptions{})
	run := &auditRun{listing: ahead}
	if l := run.takeListing([]string{a}); l != ahead {
		t.Error("an audit of the listed paths did not take the listing")
	}
	if l := run.takeListing([]string{a}); l == ahead {
		t.Error("a second audit took the listing again")
	}
	run.listing = listAhead([]string{a}, audit.ReadOptions{})
	e, _, _ := testEnv()
	inputs, _ := e.listInputs(run.takeListing([]string{b}))
	if len(inputs) != 1 || inputs[0].path != b {
		t.Errorf("an audit of other paths listed %+v, want %s", inputs, b)
	}
	run.close()
}
