package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// wordsTexts returns texts where the words Match reads and a plain split
// into words part: hyphens, apostrophes, periods, accents, marks and
// quotation marks inside or beside words. The audit package's registry
// screen is tested on the same texts.
func wordsTexts(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "words_texts.json"))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	if err := json.Unmarshal(data, &texts); err != nil {
		t.Fatalf("testdata/words_texts.json: %v", err)
	}
	return texts
}

// TestAliasWordsSkip holds Words to what AliasWords promises: for every
// p it admits, the mentions of text are those of text[p:] moved by p.
func TestAliasWordsSkip(t *testing.T) {
	r := DefaultRegistry()
	aw := r.Words()
	checked := 0
	for _, text := range append(wordsTexts(t), seedSentences(t)...) {
		checked += checkAliasWordsSkip(t, r, aw, text, true)
		if t.Failed() {
			return
		}
	}
	if checked == 0 {
		t.Fatal("no offset checked")
	}
	if testing.Short() {
		return
	}
	// The sentences of the corpora, at the last offset each admits.
	for _, text := range corpusSentences(t) {
		if checkAliasWordsSkip(t, r, aw, text, false); t.Failed() {
			return
		}
	}
}

// checkAliasWordsSkip checks the offsets of text that AliasWords admits,
// every one or the last, and returns how many it checked.
func checkAliasWordsSkip(t *testing.T, r *Registry, aw AliasWords, text string, every bool) int {
	t.Helper()
	in := func(list []string, w string) bool { _, ok := slices.BinarySearch(list, w); return ok }
	want := r.Match(text)
	var check func(p int)
	toks, arena := tokenize(text, nil, nil, nil)
	checked, last := 0, -1
	defer func() {
		if !every && last >= 0 {
			every = true
			check(last)
		}
	}()
	lone, loneEnd := "", 0 // the word before, in Start but not Whole, and its end
	check = func(p int) {
		if !every {
			last = p
			return
		}
		got := r.Match(text[p:])
		for k := range got {
			got[k].Start += p
			got[k].End += p
		}
		if !slices.Equal(got, want) {
			t.Errorf("Match(%q[%d:]) moved by %d =\n%+v\nwant Match(text) =\n%+v", text, p, p, got, want)
		}
		checked++
	}
	for _, tk := range toks {
		w := text[tk.start:tk.end]
		if !isASCIIWord(w) || string(arena[tk.key0:tk.key1]) != strings.ToLower(w) {
			return checked
		}
		if tk.end < len(text) {
			if c := text[tk.end]; c >= utf8.RuneSelf || c == '\'' {
				return checked
			}
		}
		key := strings.ToLower(w)
		if lone != "" {
			if in(aw.Pairs, lone+" "+key) {
				return checked
			}
			lone = ""
			check(loneEnd)
		}
		switch {
		case in(aw.Whole, key):
			return checked
		case in(aw.Start, key):
			lone, loneEnd = key, tk.end
			continue
		}
		check(tk.end)
	}
	if lone == "" {
		check(len(text))
	}
	return checked
}

// TestAliasWordsLists checks what Words returns of the built-in
// registry: sorted lists, each word with its "s" form, Whole within
// Start within Any.
func TestAliasWordsLists(t *testing.T) {
	aw := DefaultRegistry().Words()
	for _, l := range [][]string{aw.Start, aw.Whole, aw.Any} {
		if len(l) == 0 || !slices.IsSorted(l) {
			t.Fatalf("list empty or not sorted: %q", l)
		}
	}
	for _, w := range []string{"the", "thes", "afp", "afps", "sohr", "syrian"} {
		if _, ok := slices.BinarySearch(aw.Start, w); !ok {
			t.Errorf("Start lacks %q", w)
		}
	}
	for _, w := range aw.Whole {
		if _, ok := slices.BinarySearch(aw.Start, w); !ok {
			t.Errorf("Whole has %q, Start does not", w)
		}
	}
	for _, w := range aw.Start {
		if _, ok := slices.BinarySearch(aw.Any, w); !ok {
			t.Errorf("Start has %q, Any does not", w)
		}
	}
	if _, ok := slices.BinarySearch(aw.Whole, "the"); ok {
		t.Error(`Whole has "the"`)
	}
	if !slices.IsSorted(aw.Pairs) {
		t.Error("Pairs not sorted")
	}
	for _, p := range []string{"the ngo", "the ngos", "syrian observatory"} {
		if _, ok := slices.BinarySearch(aw.Pairs, p); !ok {
			t.Errorf("Pairs lacks %q", p)
		}
	}
	for _, p := range aw.Pairs {
		w1, w2, ok := strings.Cut(p, " ")
		_, in1 := slices.BinarySearch(aw.Start, w1)
		_, in2 := slices.BinarySearch(aw.Any, w2)
		if !ok || !in1 || !in2 {
			t.Errorf("Pairs has %q: not a word of Start, then one of Any", p)
		}
	}
}
