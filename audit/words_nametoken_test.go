package audit

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// refNameToken is PeopleLexicon.nameToken before its fast paths: the
// possessive trimmed from every capitalised word, and the first hyphen
// of every other word looked for in the whole word.
func refNameToken(l *PeopleLexicon, w *word) bool {
	if w.capital {
		key := strings.TrimSuffix(strings.TrimSuffix(w.lower, "’s"), "'s")
		return !l.notNames[key]
	}
	if i := strings.IndexByte(w.text, '-'); i > 0 && i+1 < len(w.text) {
		r, _ := utf8.DecodeRuneInString(w.text[i+1:])
		return l.particles[w.lower[:i]] && unicode.IsUpper(r)
	}
	return false
}

// checkNameTokens fails t where nameToken and refNameToken disagree on
// a word of text, as tokenize splits it or as a quotation boundary
// splits it at any byte.
func checkNameTokens(t *testing.T, l *PeopleLexicon, text string) bool {
	t.Helper()
	words := tokenize(text)
	for _, w := range words {
		if got, want := l.nameToken(&w), refNameToken(l, &w); got != want {
			t.Errorf("nameToken(%q) = %v, want %v", w.text, got, want)
			return false
		}
	}
	// appendNameTokens answers most words itself, after what dst holds.
	names := l.appendNameTokens([]bool{true}, words)
	if len(names) != len(words)+1 || !names[0] {
		t.Errorf("appendNameTokens(%.100q) = %v", text, names)
		return false
	}
	for i := range words {
		if got, want := names[i+1], refNameToken(l, &words[i]); got != want {
			t.Errorf("appendNameTokens: %q = %v, want %v", words[i].text, got, want)
			return false
		}
	}
	return true
}

func TestNameTokenReference(t *testing.T) {
	l := &DefaultLexicon().People
	for _, text := range []string{
		"", "al-Assad", "Al-Assad", "al-", "el-Sisi", "abdel-Rahman", "della-Robbia", "abdel-rahman",
		"bin-Laden's", "The", "The's", "Theirs", "His", "Its", "It's", "It’s", "Mr", "Mrs", "Ms",
		"Says", "SAYS", "Reuters's", "Assad’s", "x-Y", "van-Gogh", "von-", "al-’s", "al-Ümit", "le-É",
		"abcdef-Gh", "abcde-Gh", "ab-cd-Ef", "İstanbul", "ǅemal", "Ὀδυσσεύς",
	} {
		checkNameTokens(t, l, text)
	}
	// A word cut at a quotation boundary may start with a hyphen.
	for _, w := range []word{{text: "-al-Assad", lower: "-al-assad"}, {text: "-", lower: "-"}, {text: "al-", lower: "al-"}} {
		if got, want := l.nameToken(&w), refNameToken(l, &w); got != want {
			t.Errorf("nameToken(%q) = %v, want %v", w.text, got, want)
		}
	}
}

func TestNameTokenCorpora(t *testing.T) {
	l := &DefaultLexicon().People
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			if !checkNameTokens(t, l, a.Body) {
				return
			}
		}
	}
}

// TestASCIIWordIsItsKey checks what the analysis's ASCII fast paths
// rest on: the lower-case form of an ASCII word, as tokenize makes it,
// is its own lexKey, so that the lexicon's sets take it as it is.
func TestASCIIWordIsItsKey(t *testing.T) {
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			for _, w := range tokenize(a.Body) {
				if w.ascii && lexKey(w.lower) != w.lower {
					t.Fatalf("%s: lexKey(%q) = %q", a.Ref, w.lower, lexKey(w.lower))
				}
			}
		}
	}
}
