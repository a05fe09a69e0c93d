package audit

import (
	"testing"
	"unicode/utf8"
)

// TestDoubleMarkLead checks that the stray-mark scan, which decodes a rune
// only at a byte doubleMarkLead holds, misses no double mark.
func TestDoubleMarkLead(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !isDoubleMark(r) {
			continue
		}
		if b := string(r)[0]; !doubleMarkLead[b] {
			t.Errorf("%q: lead byte %#x not in doubleMarkLead", r, b)
		}
	}
}
