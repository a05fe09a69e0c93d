package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestLastSpacedDash holds lastSpacedDash's early exit to the plain scan
// (scanSpacedDash) over made-up asides and windows of the corpora's text
// of the lengths dashAside reads.
func TestLastSpacedDash(t *testing.T) {
	check := func(s string) {
		if got, want := lastSpacedDash(s), scanSpacedDash(s); got != want {
			t.Fatalf("lastSpacedDash(%q) = %d, want %d", s, got, want)
		}
	}
	for _, s := range []string{"", " ", "a - b ", "x – y ", "x — y ", "a -b ", "a- b ", "“it’s” - said ", "--", " - "} {
		check(s)
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			s := a.Body
			for i := 0; i < len(s); i += 5 {
				check(s[max(0, i-32):i])
				check(s[max(0, i-asideBytes):i])
			}
		}
	}
}
