package audit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNewItemCounts checks that newItem counts runes and words as
// utf8.RuneCountInString and strings.Fields do, and that mayBePhrase never
// skips a block whose folded form is a phrase.
func TestNewItemCounts(t *testing.T) {
	lex := testBlockLexicon(t)
	texts := []string{
		"a", "Share", "Share:", "Share :", " : ", "Skip  to\u00a0main\tcontent",
		"Related\u2003Articles", "İİİ", "bad\xffbyte \xfe", "x\u200by", "one two three four five six seven",
		strings.Repeat("word ", 40),
	}
	for k := range lex.phrases {
		texts = append(texts, k, strings.ToUpper(k)+":", strings.ReplaceAll(k, " ", " \n\t"))
	}
	for _, text := range texts {
		it := lex.newItem(text, Span{0, len(text)}, "")
		if want := utf8.RuneCountInString(text); it.chars != want {
			t.Errorf("%q: chars %d, want %d", text, it.chars, want)
		}
		if want := len(strings.Fields(text)); it.words != want {
			t.Errorf("%q: words %d, want %d", text, it.words, want)
		}
		if key := normalizePhrase(text); it.solid+it.words-3 > utf8.RuneCountInString(key) {
			t.Errorf("%q: bound %d exceeds folded length %d", text, it.solid+it.words-3, utf8.RuneCountInString(key))
		}
		if _, ok := lex.phrases[normalizePhrase(text)]; ok && !lex.mayBePhrase(&it) {
			t.Errorf("%q: a phrase, but mayBePhrase is false", text)
		}
	}
}
