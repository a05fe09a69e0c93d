package reports

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// refIsFlat is isFlat as it was before its ASCII loop was made tighter:
// TestIsFlatMatchesReference holds isFlat to it.
func refIsFlat(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f || c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
		i += n
	}
	return true
}

// TestIsFlatMatchesReference holds isFlat to refIsFlat on white space and
// control characters of every kind, invalid UTF-8, and every line and
// many windows of the corpora's first articles.
func TestIsFlatMatchesReference(t *testing.T) {
	cases := []string{
		"", " ", "  ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\r\nb", "a\u00a0b", "a\u2009b",
		"a\u0085b", "a\x7fb", "a\x1bb", "a\x00b", "«Nous»", "“We heard”, she said", "a\xffb", "\xe2\x80",
		"café au lait", "x\u200bz", "end\u3000", "\u2028", "ok.", "é ", " é", "é  é", "~ ~", "!", "a\x1f",
	}
	// Eight bytes are tested at a time: each mark at each place in and
	// around two such steps, after ASCII and before a rune past it.
	for _, mark := range []string{"\x7f", "\x1b", "\x00", "\t", " ", "  ", "\u00a0", "é", "\xff"} {
		for at := range 18 {
			base := strings.Repeat("abcdefgh", 3)
			c := base[:at] + mark + base[at:]
			cases = append(cases, c, c[:at+len(mark)], c+" “q”", "“"+c)
		}
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles[:min(len(set.Articles), 200)] {
			cases = append(cases, strings.Split(a.Body, "\n")...)
			for i := 0; i+40 <= len(a.Body); i += 7 {
				cases = append(cases, a.Body[i:i+40], a.Body[i:i+1+i%5])
			}
		}
	}
	flat := 0
	for _, c := range cases {
		got, want := isFlat(c), refIsFlat(c)
		if got != want {
			t.Errorf("isFlat(%q) = %v, want %v", c, got, want)
		}
		if got {
			flat++
		}
	}
	if flat == 0 || flat == len(cases) {
		t.Errorf("%d of %d cases flat: the test tests nothing", flat, len(cases))
	}
}

var flatSamples = []string{
	"Unattributed casualty figure: \"370 people have been killed\" is not credited to any source; say who counted.",
	"More than 370 people have been killed, according to the Syrian Observatory for Human Rights, a UK-based…",
	"“We heard an explosion and ran,” said Ahmed Khalil — a resident of the old town — on Friday.",
	"short",
}

// BenchmarkIsFlat compares isFlat with refIsFlat on a finding's message
// and excerpts.
func BenchmarkIsFlat(b *testing.B) {
	for _, f := range []struct {
		name string
		fn   func(string) bool
	}{{"ref", refIsFlat}, {"isFlat", isFlat}} {
		b.Run(f.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				for _, s := range flatSamples {
					if f.fn(s) {
						n++
					}
				}
			}
			if n == 0 {
				b.Fatal("nothing flat")
			}
		})
	}
}
