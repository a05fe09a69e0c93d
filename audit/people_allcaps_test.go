package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestLowerSecond holds lowerSecond, which findPeople asks before
// allCaps, to allCaps: a run whose first word it holds is never all
// capitals, on the corpora's words and a few made up.
func TestLowerSecond(t *testing.T) {
	check := func(ws []word) {
		t.Helper()
		if lowerSecond(&ws[0]) && allCaps(ws) {
			t.Errorf("lowerSecond(%q) but allCaps(%q)", ws[0].text, ws[0].text)
		}
	}
	for _, s := range []string{"NGO", "Smith", "SOHR UN", "A", "Ab", "AB", "ÉTAT", "a", "USA Today"} {
		check(tokenize(s))
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			words := tokenize(a.Body)
			for i := range words {
				check(words[i : i+1])
				if i+2 <= len(words) {
					check(words[i : i+2])
				}
			}
		}
	}
}
