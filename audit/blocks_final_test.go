package audit

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// refFinalMark is finalMark without its look-up of the last byte.
func refFinalMark(l *BlockLexicon, s string) string {
	s = l.trimClosers(s)
	for _, e := range l.Teasers.Endings {
		if strings.HasSuffix(s, e) {
			return "…"
		}
	}
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// TestFinalMark holds finalMark to refFinalMark on the blocks of the
// corpora and random texts of closers, endings and other runes, with the
// built-in lexicon and with one that has an empty teaser ending.
func TestFinalMark(t *testing.T) {
	lex := testBlockLexicon(t)
	empty := testBlockLexicon(t)
	empty.Teasers.Endings = append(empty.Teasers.Endings, "")
	if err := empty.compile(); err != nil {
		t.Fatal(err)
	}
	check := func(text string) {
		t.Helper()
		for _, l := range []*BlockLexicon{lex, empty} {
			if got, want := l.finalMark(text), refFinalMark(l, text); got != want {
				t.Fatalf("finalMark(%q) = %q, want %q", text, got, want)
			}
		}
	}
	pieces := append(slices.Concat(lex.Closers, lex.Teasers.Endings), "a", "word", ".", " ", "é", "\xff", "\xe2\x80", "?", "")
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		check(pieceText(rng, pieces, 6))
	}
	for _, set := range corpustest.Sets(t) {
		for _, art := range set.Articles {
			view, raws := extract(NewDocument(art.Ref, FormatText, art.Body))
			for _, r := range raws {
				s := trimSpan(view.Text, r.view)
				check(view.Text[s.Start:s.End])
			}
		}
	}
}
