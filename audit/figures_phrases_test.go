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
