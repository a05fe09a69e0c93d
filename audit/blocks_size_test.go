package audit

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// exactBlockSize is what blockSize counts, the slow way.
func exactBlockSize(text string) (chars, words, solid int) {
	chars = utf8.RuneCountInString(text)
	words = len(strings.Fields(text))
	solid = chars - strings.Count(strings.Map(func(r rune) rune {
		if isSpace(r) {
			return ' '
		}
		return 'x'
	}, text), " ")
	return chars, words, solid
}

// checkBlockSize checks that newItem's counts of text, partial or not,
// give every size comparison of blocks.go the answer the exact counts
// give, and that blockSize with no bounds gives the exact counts.
func checkBlockSize(t *testing.T, lex *BlockLexicon, text string) {
	t.Helper()
	chars, words, solid := exactBlockSize(text)
	it := lex.newItem(text, Span{0, len(text)}, "")
	if !it.partial && (it.chars != chars || it.words != words || it.solid != solid) {
		t.Fatalf("%q: counts %d %d %d, want %d %d %d", text, it.chars, it.words, it.solid, chars, words, solid)
	}
	exact := blockItem{text: text, chars: chars, words: words, solid: solid}
	for _, c := range lex.Cues {
		got, want := it, exact
		if c.classify(&got) != c.classify(&want) {
			t.Fatalf("%q: cue %s: partial counts give %v", text, c.Cue, !c.classify(&want))
		}
	}
	for _, s := range lex.Sections {
		if got, want := it.chars > s.MaxChars, chars > s.MaxChars; got != want {
			t.Fatalf("%q: section bound %d: %v, want %v", text, s.MaxChars, got, want)
		}
	}
	for _, r := range []*TitleRule{&lex.Headline, &lex.Subheading} {
		if got, want := it.chars > r.MaxChars || it.words > r.MaxWords, chars > r.MaxChars || words > r.MaxWords; got != want {
			t.Fatalf("%q: title bound %d/%d: %v, want %v", text, r.MaxChars, r.MaxWords, got, want)
		}
	}
	if got, want := lex.mayBePhrase(&it), lex.mayBePhrase(&exact); got != want {
		t.Fatalf("%q: mayBePhrase %v, want %v", text, got, want)
	}
	if it.partial && !(it.chars <= chars && it.words <= words && it.solid <= solid &&
		it.chars > lex.sizeChars && it.words > lex.sizeWords && it.solid+it.words > lex.sizeSum) {
		t.Fatalf("%q: partial counts %d %d %d, exact %d %d %d", text, it.chars, it.words, it.solid, chars, words, solid)
	}
	if c, w, sp, ok := blockSize(text, math.MaxInt, 0, 0); !ok || c != chars || w != words || c-sp != solid {
		t.Fatalf("%q: blockSize %d %d %d %v, want %d %d %d", text, c, w, c-sp, ok, chars, words, solid)
	}
}

// TestBlockSize holds newItem's counting, which stops past the
// lexicon's bounds, to the exact counts on crafted texts around the
// bounds and on random texts of words, runs of spaces and non-ASCII, and
// to the answers of the size comparisons on the blocks of the corpora.
func TestBlockSize(t *testing.T) {
	lex := testBlockLexicon(t)
	var texts []string
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, lex.sizeChars - 1, lex.sizeChars, lex.sizeChars + 1, 399, 400, 401, 599, 600, 601, 1000} {
		texts = append(texts,
			strings.Repeat("x", n), strings.Repeat(" ", n), "x"+strings.Repeat(" ", n)+"y",
			strings.Repeat("ab ", n/3)+"c", strings.Repeat("a\u00a0", n/2), strings.Repeat("é ", n/2),
			strings.Repeat("word ", n/5)+strings.Repeat("\t", n), strings.Repeat("w ", lex.sizeWords)+strings.Repeat(" ", n),
			strings.Repeat("w\u2003", lex.sizeWords+1)+strings.Repeat("x", n), strings.Repeat("“q” ", n/4),
			strings.Repeat("a", n)+"\xff"+strings.Repeat(" b", lex.sizeWords))
	}
	// Long blocks ending in a caption credit: the cues that count their
	// runes.
	for _, end := range []string{"(AFP/John Smith)", "Photo: Jane Doe", "via Getty Images", "(Photo: Reuters)", "at franceinfo"} {
		for n := 150; n < 650; n += 7 {
			texts = append(texts, strings.Repeat("word ", n/5)+strings.Repeat(" ", n%5)+end, strings.Repeat("wörd ", n/5)+end)
		}
	}
	for _, text := range texts {
		checkBlockSize(t, lex, text)
	}
	pieces := []string{"a", "word", "Photo", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "“", "”", "é", "\xff", "x y z ", strings.Repeat("long ", 30), strings.Repeat(" ", 70), strings.Repeat("x", 90)}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		checkBlockSize(t, lex, pieceText(rng, pieces, 60))
	}
	for _, set := range corpustest.Sets(t) {
		for _, art := range set.Articles {
			view, raws := extract(NewDocument(art.Ref, FormatText, art.Body))
			for _, r := range raws {
				s := trimSpan(view.Text, r.view)
				checkBlockSize(t, lex, view.Text[s.Start:s.End])
			}
		}
	}
}
