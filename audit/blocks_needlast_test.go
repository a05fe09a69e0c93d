package audit

import (
	"strings"
	"testing"
)

// TestNeedsByLast checks that the literals and the byte a cue searches a
// block for, chosen by its last byte when the cue is anchored at the
// block's end, never rule out a text its expression matches (hand-picked texts and each of them with other
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
	byLast, byByte := 0, 0
	for _, c := range lex.Cues {
		if c.need == nil {
			continue
		}
		if c.needLast != nil {
			byLast++
		}
		for _, n := range c.needs {
			if n.b != 0 {
				byByte++
			}
		}
		for _, text := range texts {
			if !c.re.MatchString(text) {
				continue
			}
			n := c.needs[0]
			if c.needLast != nil {
				n = c.needs[c.needLast[text[len(text)-1]]]
			}
			if !containsAny(text, n.lits) || n.b != 0 && !strings.Contains(text, string(n.b)) {
				t.Errorf("%s: %q matches but holds none of %q or not %q", c.Cue, text, n.lits, n.b)
			}
		}
	}
	if byLast == 0 || byByte == 0 {
		t.Errorf("%d cues got literals by last byte, %d needs a rare byte", byLast, byByte)
	}
	for _, tc := range []struct {
		expr, ends, want string
	}{
		{`(?:(?:via )?(?:Getty Images|Shutterstock(?:\.com)?|AP Photo(?:/[\p{L} .-]+)?))$`, ".", "AP Photo and /"},
		{`(?:(?:via )?(?:Getty Images|Shutterstock(?:\.com)?|AP Photo(?:/[\p{L} .-]+)?))$`, "s", "Getty Images|AP Photo"},
		{`(?:(?:via )?(?:Getty Images|Shutterstock(?:\.com)?|AP Photo(?:/[\p{L} .-]+)?))$`, "m", "Shutterstock|AP Photo"},
		{`(?:(?:via )?(?:Getty Images|Shutterstock(?:\.com)?|AP Photo(?:/[\p{L} .-]+)?))$`, "o", "AP Photo"},
		{`(?:(?:at|on) (?:franceinfo|France ?24|France ?2|BFMTV))$`, "4", "France"},
		{`(?:(?:ab|cd)x*)$`, "x", "ab|cd"},
		{`(?:(?:ab|cd)x*)$`, "b", "ab"},
		{`(?:(?:ab|cd)(?:xy)?)$`, "d", "cd"},
		{`^(?:(?:ab|cd)(?:xy)?)$`, "y", "ab|cd"},
		{`(?:(?:Photo|Image)\s*:\s*\p{Lu}[^.!?:]{1,80})$`, "x", "Photo|Image and :"},
		{`(?:(?:a:|b:c|:)x?)$`, "x", "a:|b:c|: and :"},
		{`(?:(?:a:|b/c|:)x?)$`, "x", "a:|b/c|:"},
	} {
		idx, needs := cueNeeds(tc.expr, requiredLiterals(tc.expr), lastBytes(tc.expr), strings.HasPrefix(tc.expr, "^"))
		n := needs[0]
		if idx != nil {
			n = needs[idx[tc.ends[0]]]
		}
		got := strings.Join(n.lits, "|")
		if n.b != 0 {
			got += " and " + string(n.b)
		}
		if got != tc.want {
			t.Errorf("cueNeeds(%q) for %q: %q, want %q", tc.expr, tc.ends, got, tc.want)
		}
	}
}
