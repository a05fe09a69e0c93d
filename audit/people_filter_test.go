package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestMayPluralHead holds mayPluralHead, which rules words out before
// barePluralAt runs, to pluralHead: it must let through every word that
// pluralHead takes, from the lexicon's own plurals and from the corpora.
func TestMayPluralHead(t *testing.T) {
	lex := &DefaultLexicon().People
	check := func(w *word) {
		t.Helper()
		if _, _, ok := lex.pluralHead(w.lower); ok && !lex.mayPluralHead(w) {
			t.Errorf("mayPluralHead(%q) = false, but pluralHead takes it", w.lower)
		}
	}
	var texts []string
	for key := range lex.unnamed {
		texts = append(texts, key)
	}
	for key := range lex.roles {
		texts = append(texts, key+"s")
	}
	for _, text := range texts {
		for _, w := range tokenize(text) {
			check(&w)
		}
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			for _, w := range tokenize(a.Body) {
				check(&w)
			}
		}
	}
}

// TestRoleStartF holds roleStartF, which rules out roleAt's look-ups of
// phrases of two words or more, to the roles: it must let through the
// first word of every such phrase, as the tokenizer makes it.
func TestRoleStartF(t *testing.T) {
	lex := &DefaultLexicon().People
	for key := range lex.roles {
		words := tokenize(key)
		if len(words) < 2 {
			continue
		}
		if !lex.roleStartF.hasWord(&words[0]) {
			t.Errorf("roleStartF rules out %q, the first word of the role %q", words[0].lower, key)
		}
		if n, role, _ := lex.roleAt(words, len(words)-1); len(words) <= 3 && (n != len(words) || role != key) {
			t.Errorf("roleAt(%q) = %d, %q; want %d, %q", key, n, role, len(words), key)
		}
	}
}
