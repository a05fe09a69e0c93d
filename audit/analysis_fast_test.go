package audit

import (
	"strings"
	"testing"
	"unicode"
)

// The fast paths of the analysis must give what the plain library calls
// they replace give.

var fastPathInputs = []string{
	"", "a", "A", "Mr Glazer's financial backers, including JP Morgan",
	"James Fry, vice-president\nof GM\r\nOverseas", "ÉLYSÉE Palace said", "Aleppo’s SOHR",
	"U.S. officials\n", "\n", "İstanbul straße ǅemal", "bad \xff byte\nhere", "ΑΘΗΝΑ", "x\u00ady",
	"Rami Abdel Rahmane, the director of the SOHR", "1,000 dead “said”\r",
}

func TestSoftWrapMatchesMap(t *testing.T) {
	for _, s := range fastPathInputs {
		want := strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, s)
		if got := softWrap(s); got != want {
			t.Errorf("softWrap(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestTokenizeLowerMatchesToLower(t *testing.T) {
	for _, s := range fastPathInputs {
		for _, w := range tokenize(s) {
			if w.lower != strings.ToLower(w.text) {
				t.Errorf("%q: lower %q, want %q", w.text, w.lower, strings.ToLower(w.text))
			}
			first := []rune(w.text)[0]
			if w.capital != unicode.IsUpper(first) || w.number != unicode.IsDigit(first) {
				t.Errorf("%q: capital %v number %v", w.text, w.capital, w.number)
			}
		}
	}
}

func TestUpperOnlyMatchesToUpper(t *testing.T) {
	for _, s := range append(fastPathInputs, "NGO", "SOHR", "Ǆ", "ǅ", "\ufffd", "AB\xff") {
		if got, want := upperOnly(s), strings.ToUpper(s) == s; got != want {
			t.Errorf("upperOnly(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSlugASCIIMatchesFold(t *testing.T) {
	for _, s := range append(fastPathInputs, "  Dmitry  Peskov ", "al-Assad", "AFP correspondent", "--x--") {
		if got, want := slug(s), refSlug(s); got != want {
			t.Errorf("slug(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestWordFilterHasNoFalseNegatives(t *testing.T) {
	lex := &DefaultLexicon().People
	for w := range lex.determiners {
		if !lex.determinerF.may(w) {
			t.Errorf("determiner %q filtered out", w)
		}
	}
	for w := range lex.notNames {
		if !lex.notNameF.may(w) {
			t.Errorf("not-name %q filtered out", w)
		}
	}
	for k := range lex.roles {
		if f := strings.Fields(k); !lex.roleEndF.may(f[len(f)-1]) {
			t.Errorf("role %q filtered out", k)
		}
	}
}

// slug makes an id from a name: lower case, words joined by hyphens.
func slug(s string) string { return slugID("", s) }

// quoteBounds returns the sorted view offsets at which quotations end
// (their quoted text and their closing mark).
func quoteBounds(quotes []Quote) []int { return appendQuoteBounds(nil, quotes) }
