package audit

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// refFigParse is figFinder.parse as it was before figParser.valueWithin:
// at is tried at every token flagged figFStart.
func refFigParse(f *figFinder, sentence string, lex *FigureLexicon) []FigureMatch {
	p := &f.p
	p.s, p.lex, p.c = sentence, lex, lex.c
	p.toks, p.nums, p.out, p.firsts = p.toks[:0], p.nums[:0], p.out[:0], p.firsts[:0]
	p.figParserLast = figParserLast{lastEnd: -1, anchorEnd: -1}
	p.toks, p.nums = figTokenize(sentence, p.toks, p.nums, p.c)
	for i := 0; i < len(p.toks); {
		if p.toks[i].flags&figFStart == 0 {
			i++
			continue
		}
		r := p.at(i)
		switch r.status {
		case figFound, figSkip:
			i = r.end
		default:
			i++
		}
	}
	if len(p.out) == 0 {
		return nil
	}
	return p.out
}

// checkFigStarts fails when parse finds other figures in s than the
// reference, or when at finds anything at a start with no value within
// reach (figParser.valueWithin).
func checkFigStarts(t *testing.T, f, ref *figFinder, lex *FigureLexicon, s string) {
	t.Helper()
	want := figDump(refFigParse(ref, s, lex))
	if got := figDump(f.parse(s, lex)); got != want {
		t.Fatalf("%q: figures %s, want %s", s, got, want)
	}
	p := &f.p
	for i := range p.toks {
		if p.toks[i].flags&figFStart == 0 || p.toks[i].flags&figFValStart != 0 || p.valueWithin(i) {
			continue
		}
		p.figParserLast = figParserLast{lastEnd: -1, anchorEnd: -1}
		if r := p.at(i); r.status != figNone {
			t.Fatalf("%q: token %d %q has no value within reach, but at finds %d", s, i, s[p.toks[i].start:p.toks[i].end], r.status)
		}
	}
}

// TestFigStartsAsReference holds parse, which tries at only where
// figParser.valueWithin says it may find something, to the reference that
// tries it at every start: over the seeds, every sentence of the
// corpora, and random texts of hedges, currency symbols, articles,
// value words and numerals near one another.
func TestFigStartsAsReference(t *testing.T) {
	lex := figLexicon(t)
	f, ref := new(figFinder), new(figFinder)
	check := func(s string) {
		t.Helper()
		checkFigStarts(t, f, ref, lex, s)
	}
	for _, s := range []string{
		"in excess of US$ 5 million", "a little over U.S.$ 300", "as many as a few dozen", "a third of them",
		"a few people", "a handful of towns", "in a dozen towns", "between two-thirds and half", "at least £5",
		"up to a hundred", "more than a million people were displaced", "an estimated 5,000", "some several",
	} {
		check(s)
	}
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.Split(string(data), "\n") {
			check(s)
		}
	}
	pieces := []string{"in ", "excess ", "of ", "a ", "an ", "little ", "over ", "more ", "than ", "up ", "to ",
		"as ", "many ", "much ", "between ", "and ", "or ", "US", "$", "U.S.", "£", "USD ", "€", "5 ", "370 ",
		"2024 ", "1,500 ", "few ", "handful ", "dozen ", "dozens ", "tens ", "thousands ", "million ", "third ",
		"thirds ", "half ", "two", "-", "three ", "one ", "several ", "the ", "people ", "killed ", "were ",
		"estimated ", "some ", ", ", ". ", "November ", "at ", "least ", "nearly ", "cars "}
	rng := rand.New(rand.NewPCG(8, 8))
	for range 200000 {
		check(pieceText(rng, pieces, 12))
	}
	n := 0
	for _, s := range corpusSentences(t, DefaultLexicon()) {
		check(s.Text)
		n++
	}
	t.Logf("%d corpus sentences", n)
}
