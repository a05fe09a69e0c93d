package audit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPhraseMatcherWideRoots holds the look-up of a phrase's first rune
// when it is not ASCII (mayLead, then wideRoot) to the folding look-up
// it stands for, next(0, foldRune(r)), for every rune of the first
// planes and the invalid byte, and checks that only the lead bytes of
// such runes are candidates.
func TestPhraseMatcherWideRoots(t *testing.T) {
	lists := [][]string{
		{"sources say", "it is believed"},
		{"state run", "K", "café", "Ünion"},
		{"ſtate", "Ünion", "kelvin", "über alles", "état", "ǅemal", "Σigma", "ωmega"},
		{"\ufffd x", "y"},
		{"(a", "b", "x(y", "ﬀ"},
	}
	for li, list := range lists {
		var phrases [][]string
		for _, p := range list {
			phrases = append(phrases, strings.Fields(p))
		}
		m := newPhraseMatcher(phrases, false)
		var leads [256]bool
		check := func(r rune) {
			want := m.next(0, foldRune(r))
			var buf [utf8.UTFMax]byte
			utf8.EncodeRune(buf[:], r)
			if want != 0 {
				leads[buf[0]] = true
				if !m.mayLead(buf[0]) {
					t.Fatalf("list %d: %q starts a phrase, but mayLead(%#x) is false", li, r, buf[0])
				}
			}
			if got := m.wideRoot(r); got != want {
				t.Fatalf("list %d: wideRoot(%q) = %d, want %d", li, r, got, want)
			}
		}
		for r := rune(utf8.RuneSelf); r < 0x30000; r++ {
			if utf8.ValidRune(r) {
				check(r)
			}
		}
		wantWide := false
		for b := utf8.RuneSelf; b < 256; b++ {
			wantWide = wantWide || leads[b]
			if m.mayLead(byte(b)) != leads[b] && m.next(0, foldRune(utf8.RuneError)) == 0 {
				t.Fatalf("list %d: mayLead(%#x) = %v, want %v", li, b, m.mayLead(byte(b)), leads[b])
			}
		}
		if m.wide != wantWide {
			t.Fatalf("list %d: wide %v, want %v", li, m.wide, wantWide)
		}
	}
}
