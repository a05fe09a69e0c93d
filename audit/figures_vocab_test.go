package audit

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// TestFigTokenizeLookup checks that tokenizing with the lexicon gives the
// tokens tokenizing without it does, each looked up by its folded word;
// only a capitalized word the lexicon does not name may keep its
// spelling as its key.
func TestFigTokenizeLookup(t *testing.T) {
	c := figLexicon(t).c
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	texts := []string{"Über 300 Menschen, the İstanbul office’s U.S. staff; iPhones and O’Brien's 12 mln dlrs."}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	for _, s := range texts {
		checkFigTokenizeLookup(t, c, s)
	}
}

// FuzzFigTokenizeLookup checks TestFigTokenizeLookup's property, and
// that FindFigures returns spans of the sentence, on any text.
func FuzzFigTokenizeLookup(f *testing.F) {
	for _, s := range []string{"More than 370 people", "Über 300 Menschen", "U.S. $1.2bn", "iPhones’ o’clock 5 p.m.", "A Dozen"} {
		f.Add(s)
	}
	lex := figLexicon(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkFigTokenizeLookup(t, lex.c, s)
		for _, m := range FindFigures(s, lex) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %+v", m)
			}
		}
	})
}

// checkFigTokenizeLookup checks that s tokenizes with the lexicon c as
// without it, each token looked up by its folded word, and that the
// sentences are numbered by the flags looked up as refFigIndex does.
func checkFigTokenizeLookup(t *testing.T, c *figCompiled, s string) {
	t.Helper()
	plain, _ := figTokenize(s, nil, nil, nil)
	looked, _ := figTokenize(s, nil, nil, c)
	if len(plain) != len(looked) {
		t.Fatalf("%d tokens with the lexicon, %d without", len(looked), len(plain))
	}
	checkFigSentences(t, s, looked)
	for i, want := range plain {
		got := looked[i]
		wantKey, gotKey := figRawKey(s, &want), c.tokenKey(s, &got)
		id := c.vocab[wantKey]
		flags := c.words[id].flags
		if got.kind == figTokNum {
			id, flags = 0, figNumFlags // a numeral is not looked up
		}
		if got.id != id || got.flags != flags {
			t.Errorf("%q: id %d flags %b, want %d %b", s[got.start:got.end], got.id, got.flags, id, flags)
		}
		if gotKey != wantKey && !(id == 0 && got.upper && gotKey == s[got.start:got.end]) {
			t.Errorf("%q: key %q, want %q", s[got.start:got.end], gotKey, wantKey)
		}
		got.id, got.flags = 0, want.flags // numerals keep figNumFlags without the lexicon
		if got != want {
			t.Errorf("%q: token %+v, want %+v", s[got.start:got.end], got, want)
		}
	}
}

// TestFigMayHold checks that every sentence mayHold turns away has no
// figure, over the seeds, the corpora's body sentences and sentences
// made to slip past a careless test.
func TestFigMayHold(t *testing.T) {
	lex := figLexicon(t)
	if !lex.c.prefilter {
		t.Fatal("no pre-filter: the lexicon's value words are not all ASCII letters, or make more than 256 screen states")
	}
	sents := []string{
		"Dozens of people", "DOZENS OF PEOPLE", "Several people.", "Half the city", "a Dozen", "Twenty-eight",
		"tens of thousands fled", "Hundreds", "no one", "someone said", "\u212aelvin", "Über drei",
		"money, often written, tension", "İstanbul", "a quarter of them", "invalid \xff utf8",
	}
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sents = append(sents, strings.Split(string(data), "\n")...)
	}
	if root, ok := corpus.Root(); ok {
		full := DefaultLexicon()
		for _, load := range []func(string) ([]corpus.Article, error){corpus.BBC, corpus.Reuters} {
			arts, err := load(root)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range arts {
				doc := NewDocument(a.Ref, FormatText, a.Body)
				Structure(doc, full)
				for _, s := range doc.Sentences {
					sents = append(sents, s.Text)
				}
			}
		}
	}
	f := new(figFinder)
	skipped := 0
	for _, s := range sents {
		checkFigMayHold(t, f, lex, s)
		if !lex.c.mayHold(s) {
			skipped++
		}
	}
	t.Logf("%d of %d sentences turned away", skipped, len(sents))
}

// FuzzFigMayHold checks TestFigMayHold's property on any text.
func FuzzFigMayHold(f *testing.F) {
	for _, s := range []string{"Dozens of people", "\u212aelvin", "a few", "Twenty-eight", "no figure here"} {
		f.Add(s)
	}
	lex := figLexicon(f)
	ff := new(figFinder)
	f.Fuzz(func(t *testing.T, s string) { checkFigMayHold(t, ff, lex, s) })
}

// checkFigMayHold fails when mayHold turns s away but s has a figure.
func checkFigMayHold(t *testing.T, f *figFinder, lex *FigureLexicon, s string) {
	t.Helper()
	if !lex.c.mayHold(s) {
		if got := f.parse(s, lex); len(got) > 0 {
			t.Errorf("%q: mayHold is false but it has figures %s", s, figDump(got))
		}
	}
}

// refFigIndex numbers the sentences of toks from their flags, as the
// parser did in a pass of its own before figTokenize did it on the way:
// the sentence of each token and whether it begins one.
func refFigIndex(toks []figToken) (sents []int32, firsts []bool) {
	var sent int32
	first := true
	for i := range toks {
		t := &toks[i]
		sents, firsts = append(sents, sent), append(firsts, first)
		end := t.flags&figFSentenceEnd != 0
		if end {
			sent++
		}
		// The next token begins a sentence after a sentence end, or after
		// openers that follow one.
		first = end || first && t.flags&figFOpener != 0
	}
	return sents, firsts
}

// checkFigSentences holds figParser.sentenceStart and sameSentence, which
// read the flags of the tokens around, to refFigIndex over the tokens
// toks of s: at every token, and for every pair of tokens at most 300
// apart.
func checkFigSentences(t *testing.T, s string, toks []figToken) {
	t.Helper()
	sents, firsts := refFigIndex(toks)
	p := &figParser{toks: toks}
	for i := range toks {
		if got := p.sentenceStart(i); got != firsts[i] {
			t.Fatalf("%q: token %d %q: sentenceStart %v, want %v", s, i, s[toks[i].start:toks[i].end], got, firsts[i])
		}
		for a := max(i-300, 0); a <= i; a++ {
			if got, want := p.sameSentence(a, i), sents[a] == sents[i]; got != want {
				t.Fatalf("%q: tokens %d and %d: sameSentence %v, want %v", s, a, i, got, want)
			}
		}
	}
}

// TestFigSentences holds sentenceStart and sameSentence to refFigIndex
// over runs of sentence ends, openers and words, long runs of openers
// among them.
func TestFigSentences(t *testing.T) {
	c := figLexicon(t).c
	pieces := []string{". ", "! ", "\"", "(", "[", "- ", "word ", "Word ", "5 ", "; ", "* ", "“", "‘", "— "}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 20000 {
		s := pieceText(rng, pieces, 40)
		toks, _ := figTokenize(s, nil, nil, c)
		checkFigSentences(t, s, toks)
	}
	long := strings.Repeat("(", 30) + "Word " + strings.Repeat("\" ", 12) + ". " + strings.Repeat("[", 20) + "x"
	toks, _ := figTokenize(long, nil, nil, c)
	checkFigSentences(t, long, toks)
}
