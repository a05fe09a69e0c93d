package eval

import (
	"errors"
	"flag"
	"io/fs"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

var updateFloor = flag.Bool("update-floor", false, "rewrite eval/floor.json from the current metrics")

const floorFile = "floor.json"

// TestAccuracyFloor runs the detectors over the labelled set and fails when
// a metric falls more than the floor's tolerance below eval/floor.json.
// Seed metrics are always checked; the all-sets totals only when the
// corpora are found.
func TestAccuracyFloor(t *testing.T) {
	labels, err := LoadLabels("labels")
	if err != nil {
		t.Fatal(err)
	}
	corporaRoot, ok := corpus.Root()
	if !ok {
		corporaRoot = ""
	}
	res, err := Evaluate(labels, Options{RepoRoot: "..", CorporaRoot: corporaRoot})
	if err != nil {
		t.Fatal(err)
	}
	seeds, ok := res.Set(SetSeeds)
	if !ok {
		t.Fatal("no seed labels were scored")
	}
	var all *Metrics
	if res.Complete() {
		all = &res.Total
	} else {
		t.Logf("corpora not found (set %s): %d corpus labels skipped; checking the seeds floor only", corpus.EnvRoot, len(res.Skipped))
	}
	var md strings.Builder
	if err := res.WriteMarkdown(&md); err == nil {
		t.Logf("current scores:\n%s", md.String())
	}

	prev, err := ReadFloor(floorFile)
	if *updateFloor {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		if err := NewFloor(prev, seeds.Metrics, all).Write(floorFile); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote eval/%s; commit it with the reason for the change", floorFile)
		return
	}
	if err != nil {
		t.Fatalf("%v (create it with: go test ./eval -run TestAccuracyFloor -update-floor)", err)
	}

	drops, rises := Check("seeds", prev.Seeds, seeds.Metrics, prev.Tolerance)
	if all != nil {
		if len(prev.All) == 0 {
			t.Errorf("eval/%s has no all-sets floor: with the corpora present, run go test ./eval -run TestAccuracyFloor -update-floor", floorFile)
		}
		d, r := Check("all", prev.All, *all, prev.Tolerance)
		drops, rises = append(drops, d...), append(rises, r...)
	}
	for _, s := range rises {
		t.Logf("above its floor: %s (raise the floor with -update-floor)", s)
	}
	if len(drops) > 0 {
		lines := make([]string, len(drops))
		for i, s := range drops {
			lines[i] = "  " + s.String()
		}
		t.Errorf("accuracy fell more than %.3f below eval/%s:\n%s\n"+
			"A change that lowers accuracy needs a reason in its commit message. If the drop is deliberate, "+
			"rewrite the floor with `go test ./eval -run TestAccuracyFloor -update-floor` (with the corpora present) "+
			"and commit eval/%s with the change. Run `sourcecheck eval --mismatches` to see what changed.",
			prev.Tolerance, floorFile, strings.Join(lines, "\n"), floorFile)
	}
}
