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
}
