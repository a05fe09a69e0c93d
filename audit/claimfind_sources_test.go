package audit

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBuildSourcesClaimOrder holds buildSources, which adds the sources
// credited only by claims from the first claim to credit each, to the
// walk over every claim: on random articles of claims credited to a few
// sources (or to none), the sources come in the order their first claims
// do, each with the ref of its first claim.
func TestBuildSourcesClaimOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ids := []string{"person:a", "person:b", "org:c", "unnamed:d", "person:e"}
	for n := range 500 {
		doc := NewDocument("t", FormatText, "x")
		for k := rng.IntN(12); k > 0; k-- {
			var c Claim
			if rng.IntN(4) > 0 {
				id := ids[rng.IntN(len(ids))]
				c.Attribution = &Attribution{Source: SourceRef{ID: id, Name: id + string(rune('0'+rng.IntN(3)))}}
			}
			doc.Claims = append(doc.Claims, c)
		}
		var want []SourceRef
		for _, c := range doc.Claims {
			if c.Attribution != nil && !slices.ContainsFunc(want, func(r SourceRef) bool { return r.ID == c.Attribution.Source.ID }) {
				want = append(want, c.Attribution.Source)
			}
		}
		got := buildSources(doc, nil, nil)
		if len(got) != len(want) {
			t.Fatalf("article %d: %d sources, want %d", n, len(got), len(want))
		}
		for i := range got {
			if got[i].SourceRef != want[i] {
				t.Fatalf("article %d: source %d is %v, want %v", n, i, got[i].SourceRef, want[i])
			}
		}
	}
}
