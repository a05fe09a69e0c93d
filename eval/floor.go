package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
)

// FloorTolerance is how far a metric may fall below its floor before the
// accuracy floor test fails: enough to absorb float noise, not a real
// regression of one item in a small set.
const FloorTolerance = 0.005

// Floor is the regression floor of the detectors (eval/floor.json): the
// metrics measured when the file was last written deliberately. Seeds
// holds the metrics over the seed labels alone, which are checked even
// where the corpora are absent; All holds the totals over every set,
// checked only when every label could be scored.
type Floor struct {
	// Tolerance is how far below its floor a metric may fall.
	Tolerance float64 `json:"tolerance"`
	// Seeds maps Value names to their floors over the seeds set.
	Seeds map[string]float64 `json:"seeds"`
	// All maps Value names to their floors over every set.
	All map[string]float64 `json:"all,omitempty"`
}

// ReadFloor reads a floor file.
func ReadFloor(path string) (*Floor, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval: reading floor: %w", err)
	}
	var f Floor
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("eval: %s: %w", path, err)
	}
	if f.Tolerance <= 0 {
		f.Tolerance = FloorTolerance
	}
	return &f, nil
}

// Write writes the floor as indented JSON (keys sorted).
func (f *Floor) Write(path string) error {
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("eval: encoding floor: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("eval: writing floor: %w", err)
	}
	return nil
}

// FloorValues returns the defined ratios of m, rounded to four decimals,
// as a floor records them.
func FloorValues(m Metrics) map[string]float64 {
	out := map[string]float64{}
	for _, v := range m.Values() {
		if v.OK {
			out[v.Name] = math.Round(v.V*1e4) / 1e4
		}
	}
	return out
}

// NewFloor returns a floor recording seeds and, when all is not nil, the
// totals over every set; when all is nil (corpora absent) the All floors of
// prev, if any, are kept.
func NewFloor(prev *Floor, seeds Metrics, all *Metrics) *Floor {
	f := &Floor{Tolerance: FloorTolerance, Seeds: FloorValues(seeds)}
	if prev != nil && prev.Tolerance > 0 {
		f.Tolerance = prev.Tolerance
	}
	switch {
	case all != nil:
		f.All = FloorValues(*all)
	case prev != nil:
		f.All = prev.All
	}
	return f
}

// Shift is a metric that moved away from its floor.
type Shift struct {
	// Scope is "seeds" or "all".
	Scope  string
	Metric string
	Floor  float64
	// Got is the metric now; meaningless when !Defined.
	Got float64
	// Defined is false when the metric can no longer be computed.
	Defined bool
}

// String describes the shift, e.g. "seeds figures.f1: 0.8500 → 0.8000 (-0.0500)".
func (s Shift) String() string {
	if !s.Defined {
		return fmt.Sprintf("%s %s: floor %.4f, now undefined (nothing predicted or labelled)", s.Scope, s.Metric, s.Floor)
	}
	return fmt.Sprintf("%s %s: %.4f → %.4f (%+.4f)", s.Scope, s.Metric, s.Floor, s.Got, s.Got-s.Floor)
}

// Check compares m with the floors of one scope. drops are the metrics
// more than tol below their floor (or no longer defined); rises are those
// more than tol above it, a hint to raise the floor.
func Check(scope string, floors map[string]float64, m Metrics, tol float64) (drops, rises []Shift) {
	names := make([]string, 0, len(floors))
	for n := range floors {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		floor := floors[n]
		v, known := m.Value(n)
		s := Shift{Scope: scope, Metric: n, Floor: floor, Got: v.V, Defined: known && v.OK}
		switch {
		case !s.Defined, v.V < floor-tol:
			drops = append(drops, s)
		case v.V > floor+tol:
			rises = append(rises, s)
		}
	}
	return drops, rises
}
