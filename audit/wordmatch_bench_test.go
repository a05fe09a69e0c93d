package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// BenchmarkPhraseMatcher scans the BBC corpus for the loaded verbs'
// inflections, for the first-name rule's notes and for the weasel words,
// as the checks do.
func BenchmarkPhraseMatcher(b *testing.B) {
	arts := corpustest.BBC(b)
	var sb strings.Builder
	for _, a := range arts {
		sb.WriteString(a.Body)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	notes := [][]string{{"names", "have", "been", "changed"}, {"name", "has", "been", "changed"}, {"not", "their", "real", "names"}}
	var weasel *phraseMatcher
	for _, r := range rules.DefaultRules() {
		if r.ID == "weasel-words" {
			chk, err := newExistence(r)
			if err != nil {
				b.Fatal(err)
			}
			weasel = chk.(existence).tokens
		}
	}
	if weasel == nil {
		b.Fatal("no weasel-words rule")
	}
	for _, m := range []struct {
		name string
		m    *phraseMatcher
	}{
		{"loaded", newLexSets(DefaultLexicon(), rules.DefaultRegistry()).loadedForms},
		{"notes", newPhraseMatcher(notes, true)},
		{"weasel", weasel},
	} {
		b.Run(m.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				n := 0
				m.m.each(text, func(s, e int) bool { n++; return true })
			}
		})
	}
}
