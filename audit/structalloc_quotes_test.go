package audit

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestQuoteReasonCache holds quoteFinder.reason to the concatenation it
// caches, on hits and misses, also once the cache is full and cleared.
func TestQuoteReasonCache(t *testing.T) {
	f := new(quoteFinder)
	view := "the speech tag said Smith, told reporters"
	cases := []struct {
		kind QuoteKind
		why  quoteWhy
		prev string
	}{
		{QuoteDirect, quoteWhy{"continues a quotation"}, ""},
		{QuoteDirect, quoteWhy{"the speech tag “", view[15:19], "” after it"}, ""},
		{QuotePartial, quoteWhy{"the reporting verb “", view[27:31], "” precedes it"}, "opened with “ and closed with »"},
		{QuoteScare, quoteWhy{"no reporting cue attributes it"}, "x"},
	}
	want := func(kind QuoteKind, why quoteWhy, prev string) string {
		return joinReason(string(kind)+": "+strings.Join(why[:], ""), prev)
	}
	for round := 0; round < 3; round++ {
		for _, c := range cases {
			if got, w := f.reason(c.kind, c.why, c.prev), want(c.kind, c.why, c.prev); got != w {
				t.Fatalf("reason(%q, %q, %q) = %q, want %q", c.kind, c.why, c.prev, got, w)
			}
		}
	}
	for i := 0; i < maxReasons+10; i++ {
		why := quoteWhy{"the speech tag “", strings.Repeat("x", i%50), "” before it", string(rune('a' + i%26))}
		if got, w := f.reason(QuoteDirect, why, ""), want(QuoteDirect, why, ""); got != w {
			t.Fatalf("reason(%q) = %q, want %q", why, got, w)
		}
	}
	if len(f.reasons) > maxReasons {
		t.Errorf("%d reasons cached, want at most %d", len(f.reasons), maxReasons)
	}
}

// refGluedTag is quoteFinder.gluedTag as it was before it ruled words
// out by their last byte.
func refGluedTag(f *quoteFinder, text string, ws, we, end int) (pronStart, verbEnd int, tag string, ok bool) {
	w := text[ws:we]
	for _, p := range f.lex.glued {
		if !strings.HasSuffix(w, p) || utf8.RuneCountInString(w)-len(p) < 2 {
			continue
		}
		if f.lex.notGlued[w] {
			return 0, 0, "", false
		}
		vs, ve := we+1, we+1
		for ve < end {
			r, n := utf8.DecodeRuneInString(text[ve:end])
			if !unicode.IsLetter(r) {
				break
			}
			ve += n
		}
		verb := text[vs:ve]
		if verb == "" || !unicode.IsLower(rune(verb[0])) {
			return 0, 0, "", false
		}
		_, forms, isVerb := f.lex.VerbForms(verb)
		if !isVerb || forms&(VerbThirdPerson|VerbPast|VerbBase) == 0 || (forms&(VerbThirdPerson|VerbPast) == 0 && p != "they") {
			return 0, 0, "", false
		}
		return we - len(p), ve, p + " " + verb, true
	}
	return 0, 0, "", false
}

// TestGluedTagLastByte holds gluedTag to refGluedTag on every word
// followed by a space in the BBC corpus (skipped without it) and in a
// table of glued tags.
func TestGluedTagLastByte(t *testing.T) {
	texts := []string{"“I can't realizehe confides. “We wonthey said it", "cachehe said, theyhe said", "x ahe b"}
	if testing.Short() {
		t.Skip("corpus scan")
	}
	if _, ok := corpus.Root(); ok {
		for _, a := range corpustest.BBC(t) {
			texts = append(texts, a.Body)
		}
	}
	f := &quoteFinder{lex: &DefaultLexicon().Reporting}
	tested := 0
	for _, text := range texts {
		ws := -1
		for i, r := range text {
			if unicode.IsLetter(r) {
				if ws < 0 {
					ws = i
				}
				continue
			}
			if r == ' ' && ws >= 0 {
				ps, ve, tag, ok := f.gluedTag(text, ws, i, len(text))
				wps, wve, wtag, wok := refGluedTag(f, text, ws, i, len(text))
				if ps != wps || ve != wve || tag != wtag || ok != wok {
					t.Fatalf("gluedTag(%q) = %d, %d, %q, %v; want %d, %d, %q, %v", text[ws:i], ps, ve, tag, ok, wps, wve, wtag, wok)
				}
				tested++
			}
			ws = -1
		}
	}
	if tested == 0 {
		t.Error("no word tested")
	}
}
