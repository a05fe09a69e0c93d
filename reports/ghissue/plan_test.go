package ghissue

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestPlan(t *testing.T) {
	withFindings := Issue{Key: "a.md", Title: "Sourcing: A (1 finding)", Body: "<!-- new -->", Fingerprint: "f2", Findings: 1}
	clean := Issue{Key: "a.md", Body: Marker{Key: "a.md", Fingerprint: CleanFingerprint}.String() + "\nResolved", Fingerprint: CleanFingerprint}
	ex := func(num int, state, reason, fp string) Existing {
		m := Marker{Key: "a.md", Fingerprint: fp}
		return Existing{Number: num, Title: "old", Body: m.String() + "\nold report", State: state, StateReason: reason, Marker: m, HasMarker: true}
	}
	tests := []struct {
		name          string
		want          Issue
		have          []Existing
		closeResolved bool
		op            Op // "" for no action
		number        int
	}{
		{"new findings", withFindings, nil, false, OpCreate, 0},
		{"clean, never filed", clean, nil, true, "", 0},
		{"open, unchanged", withFindings, []Existing{ex(4, "open", "", "f2")}, false, OpKeep, 4},
		{"open, changed", withFindings, []Existing{ex(4, "open", "", "f1")}, false, OpUpdate, 4},
		{"open, reopened earlier, changed", withFindings, []Existing{ex(4, "open", "reopened", "f1")}, false, OpUpdate, 4},
		{"open, clean, no --close-resolved", clean, []Existing{ex(4, "open", "", "f1")}, false, OpKeep, 4},
		{"open, clean, --close-resolved", clean, []Existing{ex(4, "open", "", "f1")}, true, OpClose, 4},
		{"closed completed, clean", clean, []Existing{ex(4, "closed", "completed", CleanFingerprint)}, true, OpKeep, 4},
		{"closed completed, findings again", withFindings, []Existing{ex(4, "closed", "completed", CleanFingerprint)}, false, OpReopen, 4},
		{"closed completed by a person, same findings", withFindings, []Existing{ex(4, "closed", "completed", "f2")}, false, OpKeep, 4},
		{"closed without a reason (older issues), changed", withFindings, []Existing{ex(4, "closed", "", "f1")}, false, OpReopen, 4},
		{"closed not planned, changed", withFindings, []Existing{ex(4, "closed", "not_planned", "f1")}, false, OpSkip, 4},
		{"closed not planned, clean", clean, []Existing{ex(4, "closed", "not_planned", "f1")}, true, OpSkip, 4},
		{"open duplicate wins over closed", withFindings, []Existing{ex(2, "closed", "completed", "f1"), ex(9, "open", "", "f2"), ex(7, "open", "", "f2")}, false, OpKeep, 7},
		{"not planned holds the key over completed", withFindings, []Existing{ex(2, "closed", "completed", "f1"), ex(5, "closed", "not_planned", "f1")}, false, OpSkip, 5},
		{"an issue without a marker is not ours", withFindings, []Existing{{Number: 3, State: "open", Body: "hand-written"}}, false, OpCreate, 0},
		{"another key", withFindings, []Existing{{Number: 3, State: "open", Marker: Marker{Key: "b.md", Fingerprint: "f2"}, HasMarker: true}}, false, OpCreate, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts := Plan([]Issue{tt.want}, tt.have, PlanOptions{CloseResolved: tt.closeResolved})
			if tt.op == "" {
				if len(acts) != 0 {
					t.Fatalf("actions = %+v, want none", acts)
				}
				return
			}
			if len(acts) != 1 {
				t.Fatalf("actions = %+v, want one", acts)
			}
			a := acts[0]
			if a.Op != tt.op || a.Number != tt.number || a.Reason == "" {
				t.Errorf("action = %s #%d (%s), want %s #%d", a.Op, a.Number, a.Reason, tt.op, tt.number)
			}
			switch a.Op {
			case OpCreate, OpUpdate, OpReopen:
				if a.Title != tt.want.Title || a.Body != tt.want.Body {
					t.Errorf("sends %q %q", a.Title, a.Body)
				}
			case OpClose:
				if m, _ := ParseMarker(a.Body); m.Fingerprint != CleanFingerprint || strings.Count(a.Body, "<!--") != 1 ||
					!strings.Contains(a.Body, "old report") || a.Title != "" {
					t.Errorf("closing body:\n%s", a.Body)
				}
			}
			if a.Mutates() != (a.Op != OpKeep && a.Op != OpSkip) {
				t.Errorf("Mutates() = %v for %s", a.Mutates(), a.Op)
			}
		})
	}
}

func TestPlanGoneArticles(t *testing.T) {
	ex := func(num int, key, state, reason string) Existing {
		m := Marker{Key: key, Fingerprint: "f1"}
		return Existing{Number: num, Body: m.String() + "\nreport", State: state, StateReason: reason, Marker: m, HasMarker: true}
	}
	have := []Existing{
		ex(1, "content/kept.md", "open", ""),
		ex(2, "content/deleted.md", "open", ""),
		ex(3, "elsewhere/other.md", "open", ""),
		ex(4, "content/gone-closed.md", "closed", "not_planned"),
		ex(5, "wire.jsonl#AFP-9", "open", ""),
	}
	want := []Issue{{Key: "content/kept.md", Title: "t", Body: "b", Fingerprint: "f1", Findings: 1}}
	gone := func(key string) bool { return key != "elsewhere/other.md" }
	for _, closeResolved := range []bool{false, true} {
		acts := Plan(want, have, PlanOptions{CloseResolved: closeResolved, Gone: gone})
		var got []string
		for _, a := range acts {
			got = append(got, fmt.Sprintf("%s #%d", a.Op, a.Number))
		}
		wantOps := []string{"keep #1"}
		if closeResolved {
			wantOps = append(wantOps, "close #2", "close #5")
		}
		if !slices.Equal(got, wantOps) {
			t.Errorf("close-resolved %v: %v, want %v", closeResolved, got, wantOps)
		}
		for _, a := range acts {
			if a.Op == OpClose && (!strings.Contains(a.Body, "no longer there") || !strings.Contains(a.Body, "report")) {
				t.Errorf("closing body:\n%s", a.Body)
			}
		}
	}
}
