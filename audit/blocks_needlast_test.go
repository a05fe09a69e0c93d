package audit

import (
	"strings"
	"testing"
)

// TestNeedsByLast checks that the literals a suffix or whole cue searches
// a block for, chosen by its last byte, never rule out a text its
// expression matches (hand-picked texts and each of them with other
// endings, the lines of the seeds and of the shared corpora when present),
// and what needsByLast finds for a few expressions.
func TestNeedsByLast(t *testing.T) {
	lex := testBlockLexicon(t)
	texts := []string{
		"via Getty Images", "Shutterstock", "Shutterstock.com", "AP Photo", "AP Photo/Ali", "AP Photo/Jean-Luc D.",
		"AP Photo/Émile", "AP Photo/x y", "as seen on France 24", "on France 2", "at franceinfo", "on BFMTV",
		"A man. Photo: Jane Smith", "Aleppo – Muhammad al-Ali", "10:30", "(Photo: AFP)", "(BBC/John Smith)",
	}
	for _, text := range texts {
		for _, end := range []string{"s", ".", "k", "m", "o", "4", "V", "-", "é", " "} {
			texts = append(texts, text+end)
		}
	}
	texts = blockCueTexts(t, texts, true)
	n := 0
	for _, c := range lex.Cues {
		if c.needLast == nil {
			continue
		}
		n++
		for _, text := range texts {
			if text == "" || !c.last.hasLast(text) {
				continue
			}
			need := c.needs[c.needLast[text[len(text)-1]]]
			if c.re.MatchString(text) && !containsAny(text, need) {
				t.Errorf("%s: %q matches but holds none of %q", c.Cue, text, need)
			}
		}
	}
	if n == 0 {
		t.Error("no cue got literals by last byte")
	}
	for _, tc := range []struct {
		expr, ends, want string
	}{
		{`(?:(?:via )?(?:Getty Images|Shutterstock(?:\.com)?|AP Photo(?:/[\p{L} .-]+)?))$`, ".", "AP Photo"},
		{`(?:(?:via )?(?:Getty Images|Shutterstock(?:\.com)?|AP Photo(?:/[\p{L} .-]+)?))$`, "s", "Getty Images|AP Photo"},
		{`(?:(?:via )?(?:Getty Images|Shutterstock(?:\.com)?|AP Photo(?:/[\p{L} .-]+)?))$`, "m", "Shutterstock|AP Photo"},
		{`(?:(?:via )?(?:Getty Images|Shutterstock(?:\.com)?|AP Photo(?:/[\p{L} .-]+)?))$`, "o", "AP Photo"},
		{`(?:(?:at|on) (?:franceinfo|France ?24|France ?2|BFMTV))$`, "4", "France"},
		{`(?:(?:ab|cd)x*)$`, "x", "ab|cd"},
		{`(?:(?:ab|cd)x*)$`, "b", "ab"},
		{`(?:(?:ab|cd)(?:xy)?)$`, "d", "cd"},
		{`^(?:(?:ab|cd)(?:xy)?)$`, "y", "ab|cd"},
	} {
		last := lastBytes(tc.expr)
		idx, needs := needsByLast(tc.expr, requiredLiterals(tc.expr), last, strings.HasPrefix(tc.expr, "^"))
		got := strings.Join(requiredLiterals(tc.expr), "|")
		if idx != nil {
			got = strings.Join(needs[idx[tc.ends[0]]], "|")
		}
		if got != tc.want {
			t.Errorf("needsByLast(%q) for %q: %q, want %q", tc.expr, tc.ends, got, tc.want)
		}
	}
}
