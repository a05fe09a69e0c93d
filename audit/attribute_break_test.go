package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestClauseBreakMatchesContainsAny holds hasClauseBreak to the
// strings.ContainsAny it replaced, on marks next to their look-alikes
// (other E2 80 and C2 sequences, cut and invalid UTF-8) and on every
// window of up to 40 bytes after each word of the corpora.
func TestClauseBreakMatchesContainsAny(t *testing.T) {
	check := func(s string) bool {
		for _, parens := range []bool{false, true} {
			set := "“”\"«».;:!?"
			if parens {
				set += "()"
			}
			if got, want := hasClauseBreak(s, parens), strings.ContainsAny(s, set); got != want {
				t.Errorf("hasClauseBreak(%q, %v) = %v, want %v", s, parens, got, want)
				return false
			}
		}
		return true
	}
	for _, s := range []string{"", "a", "a, b", "a (b", "b)", "“", "”", "‘", "’", "–", "—", "…", "«", "»", "‹", "›", "¬", "\xe2\x80", "\xe2\x80\x9c"[:2], "\xe2\x9c\x80", "\xc2", "\xc2\xab"[:1] + "x", "\xff\xe2\x80\x9c", "\xe2\xe2\x80\x9d", "ab\xc2\xbb", "said: x", "x? y", "x! y", "x; y", "x. y", `x "y`} {
		check(s)
		check("the man " + s + " said")
	}
	for _, set := range corpustest.Sets(t) {
		for _, art := range set.Articles {
			text := art.Body
			for _, w := range appendWords(nil, text) {
				if !check(text[w.end:min(len(text), w.end+40)]) {
					return
				}
			}
		}
	}
}
