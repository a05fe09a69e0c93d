package audit

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// refAppendWords is appendWords as it was before its fast paths: every
// word's end decoded as a rune and asked of the unicode tables, every
// word lower-cased on its own. The fast paths must split and fold as it
// does.
func refAppendWords(dst []word, text string) []word {
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n = utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
				i += n
				continue
			}
			if (r == '-' || r == '\'' || r == '’' || r == '.') && i+n < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[i+n:])
				if unicode.IsLetter(r2) || (r != '.' && unicode.IsDigit(r2)) {
					i += n
					continue
				}
			}
			break
		}
		t := text[start:i]
		w := word{start: start, end: i, text: t, lower: strings.ToLower(t), ascii: swar.ASCII(t), plain: isPlainQWord(t)}
		if w.ascii {
			w.lower = strings.Map(func(r rune) rune {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				return r
			}, t)
		}
		first, _ := utf8.DecodeRuneInString(t)
		w.capital, w.number = unicode.IsUpper(first), unicode.IsDigit(first)
		a, b := wordFilterBits(w.lower)
		w.fa, w.fb = uint16(a), uint16(b)
		if w.ascii && !strings.ContainsAny(t, "-'.") {
			w.fb |= wordAlnum
		}
		dst = append(dst, w)
	}
	return dst
}

// checkTokenize fails t where appendWords and refAppendWords split text
// differently.
func checkTokenize(t *testing.T, text string) bool {
	t.Helper()
	got, want := appendWords(nil, text), refAppendWords(nil, text)
	if !slices.Equal(got, want) {
		t.Errorf("appendWords(%.200q):\n got %+v\nwant %+v", text, got, want)
		return false
	}
	if got := appendWordsLower(nil, text, lowerASCII(text)); !slices.Equal(got, want) {
		t.Errorf("appendWordsLower(%.200q):\n got %+v\nwant %+v", text, got, want)
		return false
	}
	// With room for every word, appendASCIIWords takes all the ASCII
	// ones without handing over to appendWord; after words already there,
	// the offsets still start at 0.
	for _, lower := range []string{"", lowerASCII(text)} {
		pre := []word{{text: "x", lower: "x"}}
		got := appendWordsLower(append(make([]word, 0, len(text)+1), pre...), text, lower)
		if !slices.Equal(got[:1], pre) || !slices.Equal(got[1:], want) {
			t.Errorf("appendWordsLower(%.200q, lower %t) with room:\n got %+v\nwant %+v", text, lower != "", got[1:], want)
			return false
		}
	}
	return true
}

func TestAppendWordsReference(t *testing.T) {
	for _, text := range []string{
		"", " ", "a", "A", "U.S. officials said.", "al-Assad's forces", "Aleppo’s 24-year-old",
		"end-", "end.", "it's", "x'", "'quoted'", "3.5 per cent", "v1.2", "Ça va, Zoë?", "naïve café",
		"e\u0301t\u0301e", "İstanbul", "ǅemal", "\xff\xfeA\xffb", "a\u00a0b", "don’t", "O'Neil-Smith Jr.",
		"tab\tnew\nline", "1,000", "state-of-the-art", "x-1", "x.1", "ŞAHİN", "Ὀδυσσεύς",
		// Words longer than eight bytes, joiners at chunk edges and at
		// the end, ASCII words that go on in other scripts.
		"abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQ rstuvwxyzABC", "abcdefg-hijklmno'pqrstuvw.xyz",
		"abcdefgh-", "abcdefgh.", "abcdefgh.1", "abcdefgh-1", "abcdefgh'", "abcdefgh’s", "abcdefghé",
		"Straßenbahn-Haltestelle", "hello-ça va", "a.b.c.d.e.f.g.h.i.j", "A.B.C.D.E.F.G.H.I.J.",
		"7-Eleven 24/7 3.5-4.5 O'Reilly’s", "x.é y-é z'é", "end\u00a0word", "ascii\xffbad\xfe",
		// Words settled by the eight bytes loaded at their start, and
		// the marks between them.
		"ab-cd efghijkl mnop", "Ab, cd; EF: gh... ij (kl) mn", "ab\xffcd efgh ijkl mnop", "AB cd EF gh IJ kl MN op",
		"a_b c__d 1st 2nd 3.4 x'y z's  ,,  ;; ..x .y", "ab’cd ef’ gh\u00a0ij klmnopq rs", "abcdefg hijklmn, opqrstu.",
	} {
		checkTokenize(t, text)
	}
}

func TestAppendWordsCorpora(t *testing.T) {
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			if !checkTokenize(t, a.Body) {
				return
			}
		}
	}
}

// BenchmarkAppendWords measures the tokenizer of the analysis over the
// corpora's article bodies.
func BenchmarkAppendWords(b *testing.B) {
	sets := corpustest.Sets(b)
	var texts []string
	n := 0
	for _, set := range sets {
		for _, a := range set.Articles {
			texts = append(texts, a.Body)
			n += len(a.Body)
		}
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var buf []word
	for b.Loop() {
		for _, t := range texts {
			buf = appendWords(buf[:0], t)
		}
	}
}

// TestLineBreaksToSpaces holds the view-wide line-break replacement that
// Analyze slices its sentences from to softWrap, on valid UTF-8.
func TestLineBreaksToSpaces(t *testing.T) {
	texts := []string{"", "a\nb", "a\r\nb", "\r", "no break", "James Fry, vice-president\nof GM", "é\nü\r"}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			texts = append(texts, a.Body)
		}
	}
	for _, s := range texts {
		if !utf8.ValidString(s) {
			continue
		}
		want := softWrap(s)
		if got := lineBreaksToSpaces(s, strings.IndexByte(s, '\n'), strings.IndexByte(s, '\r') >= 0); got != want {
			t.Errorf("lineBreaksToSpaces(%.100q) = %.100q, want %.100q", s, got, want)
		}
		// Sliced as Analyze slices the view.
		for i := 0; i+40 < len(s); i += 997 {
			if sub := s[i : i+40]; utf8.ValidString(sub) && softWrap(sub) != want[i:i+40] {
				t.Errorf("softWrap(%q) = %q, want %q", sub, softWrap(sub), want[i:i+40])
			}
		}
	}
}
