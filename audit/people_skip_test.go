package audit

import (
	"slices"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestNextPersonStart holds the words findPeople passes over without a
// look (nextStart) to those it passed over before: no determiner
// with a word unnamedF may hold in the four after it (unnamedAt finds
// nothing at the others, as the test below holds), no name token, and no plural head (pluralHead) here or next, stopping
// at the first its screens let through; and the
// words findDefinites passes over to those that open no description, and
// those mayRole rules out to those roleAt finds no role at.
func TestNextPersonStart(t *testing.T) {
	l := &DefaultLexicon().People
	plural := func(words []word, k int) bool {
		if k >= len(words) {
			return false
		}
		_, _, ok := l.pluralHead(words[k].lower)
		return ok
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			words := tokenize(a.Body)
			var marks wordMarks
			l.markWords(&marks, words)
			names := l.appendNameTokens(nil, words)
			for i := 0; i < len(words); {
				j := marks.nextStart(i)
				for k := i; k < j; k++ {
					if names[k] || l.determiners[words[k].lower] && l.unnamedF.mayAny(words, k+1, k+5) || plural(words, k) || plural(words, k+1) {
						t.Fatalf("nextStart passes over %q (word %d of %.100q)", words[k].text, k, a.Body)
					}
				}
				// It stops where its screens, asked of the word and the
				// next, let findPeople look: no earlier.
				if j < len(words) && !names[j] && !(l.determinerF.hasWord(&words[j]) && l.unnamedF.mayAny(words, j+1, j+5)) && !l.mayPluralHead(&words[j]) &&
					(j+1 == len(words) || !l.mayPluralHead(&words[j+1])) {
					t.Fatalf("nextStart stops at %q (word %d of %.100q)", words[j].text, j, a.Body)
				}
				i = j + 1
			}
			// findPeople asks unnamedAt of no determiner with no word
			// after it that unnamedF may hold.
			for k := range words {
				if !l.unnamedF.mayAny(words, k+1, k+5) {
					if _, _, ok := l.unnamedAt(a.Body, words, k, nil); ok {
						t.Fatalf("unnamedF.mayAny rules out %q, an unnamed source", a.Body[words[k].start:min(len(a.Body), words[k].start+40)])
					}
				}
			}
			// findDefinites passes over the openers with no head the
			// heads' filter may hold in the four words after them.
			for k := range words {
				if l.headF.mayAny(words, k+1, k+5) {
					continue
				}
				for h := k + 1; h < len(words) && h <= k+4; h++ {
					if w := words[h].lower; l.roles[w] != "" || l.orgNouns[w] || l.female[w] || l.male[w] {
						t.Fatalf("headF.mayAny rules out %q, a head", words[h].text)
					}
				}
			}
			// findPeople asks barePosition and describedAfterVerb only
			// where mayBarePosition and mayDescribedAfterVerb let it:
			// they find nothing elsewhere, even with every word before
			// a "the" a verb.
			beforeThe := map[*word]bool{}
			for k := 1; k < len(words); k++ {
				beforeThe[&words[k-1]] = words[k].lower == "the"
			}
			anyVerb := func(w *word) bool { return beforeThe[w] }
			for k := range words {
				if k > 0 && !l.mayBarePosition(words, k) { // (findPeople asks after a name)
					if _, _, _, ok := l.barePosition(a.Body, words, k); ok {
						t.Fatalf("mayBarePosition rules out %q, a position", a.Body[words[k].start:min(len(a.Body), words[k].start+40)])
					}
				}
				if !mayDescribedAfterVerb(&marks, k) && describedAfterVerb(a.Body, words, k, l, anyVerb) >= 0 {
					t.Fatalf("mayDescribedAfterVerb rules out %q, a description", a.Body[words[max(k-3, 0)].start:words[k].end])
				}
			}
			// findDefinites passes over the words openerF rules out;
			// findPeople asks roleAt of no word mayRole rules out.
			for k := range words {
				if !l.mayRole(&words[k]) {
					if n, _, _ := l.roleAt(words, k); n > 0 {
						t.Fatalf("mayRole rules out %q, a role", words[k].text)
					}
				}
				if slices.Contains(definiteOpeners, words[k].lower) && !(l.openerF.hasWord(&words[k]) && l.openerBits.hasWord(&words[k])) {
					t.Fatalf("openerF misses %q", words[k].text)
				}
			}
		}
	}
}
