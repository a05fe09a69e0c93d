package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestLookupPhrase holds lookupPhrase, which folds ASCII text on the
// stack, to the lookup by normalizePhrase it replaced, on the lexicon's
// phrases written in several ways, hand-picked texts, and the lines of the
// shared corpora when present.
func TestLookupPhrase(t *testing.T) {
	lex := testBlockLexicon(t)
	texts := []string{
		"", " ", ":", " : ", "::", "a::", "a : :", "Share", "Share:", "Share :", "SHARE  :  ", "\tShare\n",
		"Related Articles:", "Related\u00a0Articles", "Skip to main content", "skip\vto\fmain\rcontent",
		"İİİ", "bad\xffbyte", strings.Repeat("x", 127) + " ", strings.Repeat("y ", 70), strings.Repeat("z", 200),
	}
	for k, ph := range lex.phrases {
		texts = append(texts, k, ph.phrase, strings.ToUpper(k)+":", strings.ReplaceAll(k, " ", " \n\t"), " "+k+" : ")
	}
	if _, ok := corpus.Root(); ok && !testing.Short() {
		for _, set := range corpustest.Sets(t) {
			for _, a := range set.Articles {
				texts = append(texts, strings.Split(a.Body, "\n")...)
			}
		}
	}
	for _, text := range texts {
		want, wok := lex.phrases[normalizePhrase(text)]
		got, ok := lex.lookupPhrase(text)
		if ok != wok || got != want {
			t.Errorf("lookupPhrase(%q) = %v, %v; want %v, %v", text, got, ok, want, wok)
		}
	}
}
