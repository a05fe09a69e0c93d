package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// lastSpacedDashRef is lastSpacedDash before it looked for a dash byte
// first: the reference its early exit is held to.
func lastSpacedDashRef(text string) int {
	for i := len(text) - 1; i > 0; i-- {
		if text[i] != ' ' || text[i-1] == ' ' {
			continue
		}
		j := strings.LastIndexByte(text[:i], ' ')
		if j < 0 {
			return -1
		}
		switch text[j+1 : i] {
		case "-", "–", "—":
			return j
		}
	}
	return -1
}

// TestLastSpacedDash holds lastSpacedDash to lastSpacedDashRef over
// made-up asides and windows of the corpora's text of the lengths
// dashAside reads.
func TestLastSpacedDash(t *testing.T) {
	check := func(s string) {
		if got, want := lastSpacedDash(s), lastSpacedDashRef(s); got != want {
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
