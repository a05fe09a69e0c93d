package audit

import "testing"

// TestFigPhrasesNoNumeral holds figPhrases.match to turning numerals
// away without asking a token's kind: a numeral's vocabulary number is 0,
// and no phrase of any set begins with a word of that number.
func TestFigPhrasesNoNumeral(t *testing.T) {
	c := figLexicon(t).c
	for name, ps := range map[string]*figPhrases{
		"approx": &c.approx, "vague": &c.vague, "mult": &c.mult,
		"curBefore": &c.curBefore, "curAfter": &c.curAfter, "units": &c.units,
		"nouns": &c.nouns, "durations": &c.durations, "clock": &c.clock, "months": &c.months,
	} {
		if len(ps.first) > 0 && len(ps.first[0]) > 0 {
			t.Errorf("%s: %d phrases begin with vocabulary number 0", name, len(ps.first[0]))
		}
	}
	toks, _ := figTokenize("12 million", nil, nil, c)
	if n, _ := c.mult.match("12 million", toks, 0); n != 0 || toks[0].id != 0 {
		t.Errorf("numeral: match %d, id %d; want 0, 0", n, toks[0].id)
	}
}

// TestFigEqual holds figEqual to ==, over pairs of the lexicon's
// vocabulary and their near misses.
func TestFigEqual(t *testing.T) {
	c := figLexicon(t).c
	words := []string{"", "a", "ab", "ba", "one", "One", "onE", "ones", "one’s"}
	for w := range c.vocab {
		words = append(words, w, w+"s", w[:len(w)/2])
	}
	for _, w := range words {
		for _, k := range words[:9] {
			if got := figEqual(w, k); got != (w == k) {
				t.Fatalf("figEqual(%q, %q) = %v", w, k, got)
			}
		}
		if !figEqual(w, string([]byte(w))) {
			t.Fatalf("figEqual(%q, copy) = false", w)
		}
	}
}

// TestFigPhrasesStarts holds the bits figPhrases.match asks to the lists
// they stand for: a word's bit is set exactly when a phrase of the set
// begins with it.
func TestFigPhrasesStarts(t *testing.T) {
	c := figLexicon(t).c
	for name, ps := range map[string]*figPhrases{
		"approx": &c.approx, "vague": &c.vague, "mult": &c.mult,
		"curBefore": &c.curBefore, "curAfter": &c.curAfter, "units": &c.units,
		"nouns": &c.nouns, "durations": &c.durations, "clock": &c.clock, "months": &c.months,
	} {
		for f := range c.words {
			set := f/64 < len(ps.starts) && ps.starts[f/64]&(1<<(f%64)) != 0
			if want := f < len(ps.first) && len(ps.first[f]) > 0; set != want {
				t.Errorf("%s: word %q (%d) starts a phrase: bit %v, want %v", name, c.keys[f], f, set, want)
			}
		}
	}
}
