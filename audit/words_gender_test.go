package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestGenderReference holds Gender, which lower-cases its words on the
// stack, to genderOf over the words tokenize makes, and Pronoun to the
// pronouns by lexKey.
func TestGenderReference(t *testing.T) {
	lex := DefaultLexicon()
	l, rep := &lex.People, &lex.Reporting
	check := func(text string) bool {
		if got, want := l.Gender(text), l.genderOf(tokenize(text)); got != want {
			t.Errorf("Gender(%.100q) = %q, want %q", text, got, want)
			return false
		}
		return true
	}
	for _, text := range []string{
		"", "Mrs", "Mrs.", "MRS", "a spokeswoman", "his wife", "the Spokesman and his Wife", "Ms. Smith",
		"Frau Müller", "SPOKESWOMAN’s", "a woman, then a MAN", "a 70-character-long-hyphenated-word-that-is-longer-than-the-stack-key-woman",
		"A-VERY-LONG-HYPHENATED-WORD-THAT-GOES-ON-FOR-MORE-THAN-SIXTY-FOUR-BYTES-MAN", "İbrahim’s sister", "ŞAHİN",
	} {
		check(text)
	}
	for _, w := range []string{"he", "He", "HE", " she ", "They", "it", "It’s", "it's", "Ihr", "Hé", "", "John Smith", "THEY"} {
		if got, want := rep.Pronoun(w), rep.pronouns[lexKey(w)]; got != want {
			t.Errorf("Pronoun(%q) = %v, want %v", w, got, want)
		}
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			for _, s := range strings.SplitAfter(a.Body, ". ") {
				if !check(s) {
					return
				}
			}
		}
	}
}
