package audit

import (
	"math/rand"
	"slices"
	"sort"
	"testing"
)

// TestSortFindings holds SortFindings, and the order Engine.Run gives its
// findings (compareFindings, stably), to the sort.SliceStable they were
// written with, on findings with many ties.
func TestSortFindings(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	rulesIDs := []string{"a", "b", "weasel-words", "vague-attribution"}
	for n := 0; n < 300; n++ {
		fs := make([]Finding, rng.Intn(60))
		for i := range fs {
			start := rng.Intn(10)
			fs[i] = Finding{Rule: rulesIDs[rng.Intn(len(rulesIDs))], Span: Span{Start: start, End: start + rng.Intn(3)}, Claim: i}
		}
		want := slices.Clone(fs)
		sort.SliceStable(want, func(i, j int) bool {
			if want[i].Start != want[j].Start {
				return want[i].Start < want[j].Start
			}
			if want[i].Rule != want[j].Rule {
				return want[i].Rule < want[j].Rule
			}
			return want[i].End < want[j].End
		})
		got := slices.Clone(fs)
		SortFindings(got)
		if !slices.Equal(got, want) {
			t.Fatalf("SortFindings: got %v, want %v", got, want)
		}
		c := &Context{Doc: NewDocument("x", FormatText, "0123456789abc"), found: slices.Clone(fs)}
		c.msgEnds = make([]int, len(fs))
		got = c.finish(compareFindings, nil)
		for i := range got {
			got[i].Line, got[i].Column, got[i].RuneColumn, got[i].EndLine, got[i].EndColumn, got[i].EndRuneColumn = 0, 0, 0, 0, 0, 0
			got[i].Fingerprint = ""
		}
		if len(fs) == 0 {
			continue
		}
		if !slices.Equal(got, want) {
			t.Fatalf("finish: got %v, want %v", got, want)
		}
	}
}
