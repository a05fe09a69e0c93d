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
// cut and every prefix it admits, the mentions of text are those of the
// parts, and a plain word not in Whole alone has none.
func TestAliasWordsSkip(t *testing.T) {
	r := DefaultRegistry()
	aw := r.Words()
	checked := 0
	for _, text := range append(wordsTexts(t), seedSentences(t)...) {
		checked += checkAliasWords(t, r, aw, text, true)
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
	// The sentences of the corpora, at the last cut and the last prefix
	// each admits.
	for _, text := range corpusSentences(t) {
		if checkAliasWords(t, r, aw, text, false); t.Failed() {
			return
		}
	}
}

// checkAliasWords checks the cuts and prefixes of text that AliasWords
// admits, every one or the last of each, and the words alone, and
// returns how many it checked.
func checkAliasWords(t *testing.T, r *Registry, aw AliasWords, text string, every bool) int {
	t.Helper()
	in := func(list []string, w string) bool { _, ok := slices.BinarySearch(list, w); return ok }
	want := r.Match(text)
	checked := 0
	// split checks that the mentions of text are those of text[:i], then
	// those of text[j:] moved by j.
	split := func(i, j int) {
		got := r.Match(text[:i])
		for _, m := range r.Match(text[j:]) {
			m.Start += j
			m.End += j
			got = append(got, m)
		}
		if !slices.Equal(got, want) {
			t.Errorf("Match(%q[:%d]), then Match(text[%d:]) moved =\n%+v\nwant Match(text) =\n%+v", text, i, j, got, want)
		}
		checked++
	}
	toks, arena := tokenize(text, nil, nil, nil)
	plain := func(tk token) bool {
		w := text[tk.start:tk.end]
		if !isASCIIWord(w) || string(arena[tk.key0:tk.key1]) != strings.ToLower(w) {
			return false
		}
		for _, k := range []int{tk.start - 1, tk.end} {
			if k >= 0 && k < len(text) && (text[k] >= utf8.RuneSelf || text[k] == '\'') {
				return false
			}
		}
		return true
	}
	// The cuts, at the end of the first word, at the start of the
	// second, and between.
	cuts := 0
	var last [2]int
	for k := 1; k < len(toks); k++ {
		a, b := toks[k-1], toks[k]
		if !plain(a) || !plain(b) || in(aw.Pairs, strings.ToLower(text[a.start:a.end]+" "+text[b.start:b.end])) {
			continue
		}
		last = [2]int{a.end, b.start}
		if cuts++; every {
			for _, i := range []int{a.end, (a.end + b.start) / 2, b.start} {
				split(i, i)
			}
		}
	}
	if !every && cuts > 0 {
		split(last[0], last[0])
		split(last[1], last[1])
	}
	// The prefixes of words not in Start.
	p := 0
	for _, tk := range toks {
		if !plain(tk) || in(aw.Start, strings.ToLower(text[tk.start:tk.end])) {
			break
		}
		if p = tk.end; every {
			split(0, p)
		}
	}
	if !every && p > 0 {
		split(0, p)
	}
	// The runs of plain words whose first is not in Whole and whose
	// others are not in End, from after the word before: each run, or
	// the longest from each word.
	for i, tk := range toks {
		if !plain(tk) || in(aw.Whole, strings.ToLower(text[tk.start:tk.end])) {
			continue
		}
		from := 0
		if i > 0 {
			from = toks[i-1].end
		}
		j := i
		for j+1 < len(toks) && plain(toks[j+1]) && !in(aw.End, strings.ToLower(text[toks[j+1].start:toks[j+1].end])) {
			if j++; every {
				if m := r.Match(text[from:toks[j].end]); len(m) > 0 {
					t.Errorf("Match(%q), words of %q none in End after the first, not in Whole = %+v", text[from:toks[j].end], text, m)
				}
				checked++
			}
		}
		if !every && j > i {
			if m := r.Match(text[from:toks[j].end]); len(m) > 0 {
				t.Errorf("Match(%q), words of %q none in End after the first, not in Whole = %+v", text[from:toks[j].end], text, m)
			}
			checked++
		}
	}
	// The words alone.
	for _, tk := range toks {
		if w := text[tk.start:tk.end]; plain(tk) && !in(aw.Whole, strings.ToLower(w)) {
			if m := r.Match(w); len(m) > 0 {
				t.Errorf("Match(%q), a word of %q not in Whole = %+v", w, text, m)
			}
			checked++
		}
	}
	return checked
}

// TestAliasWordsLists checks what Words returns of the built-in
// registry: sorted lists, each word with its "s" form, Whole within
// Start within Any, Whole within End within Any.
func TestAliasWordsLists(t *testing.T) {
	aw := DefaultRegistry().Words()
	for _, l := range [][]string{aw.Start, aw.Whole, aw.End, aw.Any} {
		if len(l) == 0 || !slices.IsSorted(l) {
			t.Fatalf("list empty or not sorted: %q", l)
		}
	}
	for _, w := range []string{"the", "thes", "afp", "afps", "sohr", "syrian"} {
		if _, ok := slices.BinarySearch(aw.Start, w); !ok {
			t.Errorf("Start lacks %q", w)
		}
	}
	within := func(name string, sub []string, ofName string, of []string) {
		for _, w := range sub {
			if _, ok := slices.BinarySearch(of, w); !ok {
				t.Errorf("%s has %q, %s does not", name, w, ofName)
			}
		}
	}
	within("Whole", aw.Whole, "Start", aw.Start)
	within("Start", aw.Start, "Any", aw.Any)
	within("Whole", aw.Whole, "End", aw.End)
	within("End", aw.End, "Any", aw.Any)
	for _, w := range []string{"rights", "rightss", "ngo", "ngos", "afp"} {
		if _, ok := slices.BinarySearch(aw.End, w); !ok {
			t.Errorf("End lacks %q", w)
		}
	}
	for _, w := range []string{"the", "syrian", "for"} {
		if _, ok := slices.BinarySearch(aw.End, w); ok {
			t.Errorf("End has %q", w)
		}
	}
	if _, ok := slices.BinarySearch(aw.Whole, "the"); ok {
		t.Error(`Whole has "the"`)
	}
	if !slices.IsSorted(aw.Pairs) {
		t.Error("Pairs not sorted")
	}
	for _, p := range []string{"the ngo", "the ngos", "syrian observatory", "observatory for", "human rights"} {
		if _, ok := slices.BinarySearch(aw.Pairs, p); !ok {
			t.Errorf("Pairs lacks %q", p)
		}
	}
	for _, p := range aw.Pairs {
		w1, w2, ok := strings.Cut(p, " ")
		_, in1 := slices.BinarySearch(aw.Any, w1)
		_, in2 := slices.BinarySearch(aw.Any, w2)
		if !ok || !in1 || !in2 {
			t.Errorf("Pairs has %q: not two words of Any", p)
		}
	}
}
