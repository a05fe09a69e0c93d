package audit

import (
	"os"
	"path/filepath"
	"testing"
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
// without it, each token looked up by its folded word.
func checkFigTokenizeLookup(t *testing.T, c *figCompiled, s string) {
	t.Helper()
	plain, _ := figTokenize(s, nil, nil, nil)
	looked, _ := figTokenize(s, nil, nil, c)
	if len(plain) != len(looked) {
		t.Fatalf("%d tokens with the lexicon, %d without", len(looked), len(plain))
	}
	for i, want := range plain {
		got := looked[i]
		id := c.vocab[want.key]
		if got.id != id || got.flags != c.words[id].flags {
			t.Errorf("%q: id %d flags %b, want %d %b", s[got.start:got.end], got.id, got.flags, id, c.words[id].flags)
		}
		if got.key != want.key && !(id == 0 && got.upper && got.key == s[got.start:got.end]) {
			t.Errorf("%q: key %q, want %q", s[got.start:got.end], got.key, want.key)
		}
		got.key, got.id, got.flags = want.key, 0, 0
		if got != want {
			t.Errorf("%q: token %+v, want %+v", s[got.start:got.end], got, want)
		}
	}
}
