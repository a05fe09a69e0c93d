package eval

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCheckFloor(t *testing.T) {
	m := Metrics{Figures: PRF{TP: 8, FP: 2, FN: 2}, Speakers: Accuracy{9, 10}}
	tests := []struct {
		name      string
		floors    map[string]float64
		wantDrops []string
		wantRises []string
	}{
		{name: "at floor", floors: map[string]float64{"figures.f1": 0.8, "speakers.accuracy": 0.9}},
		{name: "within tolerance", floors: map[string]float64{"figures.f1": 0.805, "speakers.accuracy": 0.895}},
		{name: "drop", floors: map[string]float64{"figures.f1": 0.81, "speakers.accuracy": 0.9}, wantDrops: []string{"figures.f1"}},
		{name: "rise", floors: map[string]float64{"speakers.accuracy": 0.8}, wantRises: []string{"speakers.accuracy"}},
		{name: "undefined now", floors: map[string]float64{"vague_cues.precision": 0.9}, wantDrops: []string{"vague_cues.precision"}},
		{name: "unknown metric", floors: map[string]float64{"bogus.f1": 0.9}, wantDrops: []string{"bogus.f1"}},
	}
	names := func(s []Shift) []string {
		var out []string
		for _, x := range s {
			out = append(out, x.Metric)
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			drops, rises := Check("seeds", tt.floors, m, FloorTolerance)
			if !reflect.DeepEqual(names(drops), tt.wantDrops) || !reflect.DeepEqual(names(rises), tt.wantRises) {
				t.Errorf("Check = drops %v rises %v; want %v, %v", drops, rises, tt.wantDrops, tt.wantRises)
			}
		})
	}
}

func TestShiftString(t *testing.T) {
	s := Shift{Scope: "seeds", Metric: "figures.f1", Floor: 0.85, Got: 0.8, Defined: true}
	if got, want := s.String(), "seeds figures.f1: 0.8500 → 0.8000 (-0.0500)"; got != want {
		t.Errorf("String = %q; want %q", got, want)
	}
	s.Defined = false
	if !strings.Contains(s.String(), "undefined") {
		t.Errorf("String = %q; want it to say undefined", s.String())
	}
}

func TestFloorRoundTrip(t *testing.T) {
	seeds := Metrics{Figures: PRF{TP: 2, FP: 1}, VagueCues: PRF{TP: 1}}
	prev := &Floor{Tolerance: 0.01, All: map[string]float64{"figures.f1": 0.5}}
	f := NewFloor(prev, seeds, nil)
	want := map[string]float64{
		"figures.precision": 0.6667, "figures.recall": 1, "figures.f1": 0.8,
		"vague_cues.precision": 1, "vague_cues.recall": 1, "vague_cues.f1": 1,
	}
	if !reflect.DeepEqual(f.Seeds, want) || f.Tolerance != 0.01 || !reflect.DeepEqual(f.All, prev.All) {
		t.Errorf("NewFloor = %+v", f)
	}
	all := Metrics{Speakers: Accuracy{1, 2}}
	if g := NewFloor(prev, seeds, &all); !reflect.DeepEqual(g.All, map[string]float64{"speakers.accuracy": 0.5}) {
		t.Errorf("NewFloor with all = %+v", g.All)
	}
	path := filepath.Join(t.TempDir(), "floor.json")
	if err := f.Write(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadFloor(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, f) {
		t.Errorf("ReadFloor = %+v; want %+v", back, f)
	}
	if _, err := ReadFloor(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("ReadFloor of a missing file succeeded")
	}
}

func TestEvaluateSkipsAndFails(t *testing.T) {
	seeds, err := LoadLabels(filepath.Join("labels", "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	corpusLabel := Label{Article: "corpus:bbc-news/bbc/tech/001.txt", File: "labels/bbc/x.yaml"}
	res, err := Evaluate(append(seeds, corpusLabel), Options{RepoRoot: ".."})
	if err != nil {
		t.Fatal(err)
	}
	s, ok := res.Set(SetSeeds)
	if !ok || s.Metrics.Articles != len(seeds) || len(res.Sets) != 1 {
		t.Errorf("sets = %+v; want only the %d seeds", res.Sets, len(seeds))
	}
	if res.Complete() || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0], "corpus:bbc-news/bbc/tech/001.txt (bbc)") {
		t.Errorf("skipped = %q", res.Skipped)
	}

	bad := seeds[0]
	bad.SHA256 = strings.Repeat("0", 64)
	if _, err := Evaluate([]Label{bad}, Options{RepoRoot: ".."}); err == nil || !strings.Contains(err.Error(), "does not match the article text") {
		t.Errorf("Evaluate with a drifted label: %v; want a sha256 error", err)
	}
	if _, err := Evaluate([]Label{{Article: "seeds/missing.txt"}}, Options{RepoRoot: ".."}); err == nil {
		t.Error("Evaluate with a missing article succeeded")
	}
}
