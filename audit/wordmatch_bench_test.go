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
	// The corpus is ASCII; most news text has typographic quotes and
	// apostrophes, whose UTF-8 starts with the byte the Kelvin sign's
	// does.
	curly := strings.NewReplacer("'", "\u2019", `"`, "\u201c").Replace(text)
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
		for _, t := range []struct{ name, text string }{{"", text}, {"-curly", curly}} {
			b.Run(m.name+t.name, func(b *testing.B) {
				b.SetBytes(int64(len(t.text)))
				for b.Loop() {
					n := 0
					m.m.each(t.text, func(s, e int) bool { n++; return true })
				}
			})
		}
	}
}
