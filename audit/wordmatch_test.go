package audit

import (
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// phraseRegexp is the regular expression phraseMatcher stands for.
func phraseRegexp(phrases [][]string, hyphen bool) *regexp.Regexp {
	sep := `\s+`
	if hyphen {
		sep = `[\s\-]+`
	}
	var alts []string
	for _, words := range phrases {
		q := make([]string, len(words))
		for i, w := range words {
			q[i] = regexp.QuoteMeta(w)
		}
		alts = append(alts, strings.Join(q, sep))
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`)
}

// TestPhraseMatcherAsRegexp checks that phraseMatcher finds what the
// regular expression it replaces finds, on random texts built from the
// phrases' own pieces.
func TestPhraseMatcherAsRegexp(t *testing.T) {
	lists := [][]string{
		{"sources say", "sources said", "it is believed", "it is widely believed", "according to reports", "according to some", "some say"},
		{"state run", "state", "state media", "run", "U.S.", "K", "ſtate", "café", "Ünion"},
		{"ſtate", "Ünion", "Kelvin", "über alles", "état", "a b"},
		{"\ufffd x", "y"},
		{"a", "a b", "a b c", "b c", "_x", "9", "x_"},
		{"according to reports", "it is believed", "it is widely believed", "claimed", "admitted", "insisted", "many believe"},
		{"(a", "b", "x(y"},
		{strings.Repeat("x", 64), strings.Repeat("x", 62) + " y", "xx", "x_x", "kk", "xs"},
		{"ǅemal", "Σigma", "sigma", "“quoted”"},
	}
	// Whether each list's matches can start only at an ASCII word or a
	// multi-byte sequence: not with a phrase starting with U+FFFD or "(".
	wordStarts := []bool{true, true, true, false, true, true, false, true, true}
	// Whether, besides, every phrase's ASCII first byte is a letter: the
	// word starts are then looked for among letters (letterStarts).
	letterStarts := []bool{true, true, true, false, false, true, false, true, true}
	pieces := []string{"sources", "say", "said", "it", "is", "believed", "widely", "according", "to", "reports", "some",
		"state", "run", "media", "U.S.", "u.s", "k", "K", "\u212a", "ſ", "S", "café", "CAFÉ", "Ünion", "ünion", "a", "b", "c", "_x", "x_", "9", "x", "\ufffd", "\xff", "\xc3", "(", "x(y", "Über", "alles", "ÉTAT", "kelvin", "\u212aelvin",
		strings.Repeat("x", 62), "xx", "xk", "\u212a\u212a", "xſ",
		"claimed", "Admitted", "insisted", "INSISTED", "many", "believe", "believed",
		" ", "  ", "\n", "\t", "-", "--", ".", ",", "é", "“", "_", "\u00a0", "\v",
		"ǆ", "ǅ", "Ǆemal", "σ", "ς", "Σ", "igma", "emal", "quoted”", "”", "\u2019", "\xe2", "\xe2\x80"}
	rng := rand.New(rand.NewSource(1))
	for li, list := range lists {
		var phrases [][]string
		for _, p := range list {
			phrases = append(phrases, strings.Fields(p))
		}
		for _, hyphen := range []bool{false, true} {
			m := newPhraseMatcher(phrases, hyphen)
			if m.wordStarts != wordStarts[li] {
				t.Fatalf("list %d: wordStarts %v", li, m.wordStarts)
			}
			if m.letterStarts != letterStarts[li] {
				t.Fatalf("list %d: letterStarts %v", li, m.letterStarts)
			}
			re := phraseRegexp(phrases, hyphen)
			for n := 0; n < 20000; n++ {
				var b strings.Builder
				for k := rng.Intn(12); k >= 0; k-- {
					b.WriteString(pieces[rng.Intn(len(pieces))])
				}
				text := b.String()
				want := re.FindAllStringIndex(text, -1)
				var got [][]int
				m.each(text, func(s, e int) bool { got = append(got, []int{s, e}); return true })
				if !slices.EqualFunc(got, want, slices.Equal) {
					t.Fatalf("list %d hyphen %v: %q: got %v, want %v", li, hyphen, text, got, want)
				}
				if f, w := m.find(text), re.FindStringIndex(text); !slices.Equal(f, w) {
					t.Fatalf("list %d hyphen %v: find %q: got %v, want %v", li, hyphen, text, f, w)
				} else if m.contains(text) != (w != nil) {
					t.Fatalf("list %d hyphen %v: contains %q: got %v, want %v", li, hyphen, text, !(w != nil), w != nil)
				}
			}
		}
	}
}

// TestWordRunEnd holds wordRunEnd to the byte-at-a-time loop it stands
// for, at every offset of texts with every kind of byte at every position
// of an eight-byte block.
func TestWordRunEnd(t *testing.T) {
	slow := func(text string, i int) int {
		for i < len(text) && isASCIIWord(text[i]) {
			i++
		}
		return i
	}
	texts := []string{"", "a", "word", "longerword and more", "under_score_words", "digits123456789x", "tab\tend", "ÀÉ é ß", "@[`{/:"}
	for b := range 256 {
		for pos := range 10 {
			texts = append(texts, strings.Repeat("a", pos)+string(rune(b))+"abcdefghz09AZ", strings.Repeat("Z9", pos)+string([]byte{byte(b)})+"0123456789")
		}
	}
	rng := rand.New(rand.NewSource(1))
	for range 2000 {
		buf := make([]byte, rng.Intn(40))
		for i := range buf {
			const alphabet = "aZ09_ -.\xc3\xa9\x7f@[`{\n"
			buf[i] = alphabet[rng.Intn(len(alphabet))]
		}
		texts = append(texts, string(buf))
	}
	for _, text := range texts {
		for i := 0; i <= len(text); i++ {
			if got, want := wordRunEnd(text, i), slow(text, i); got != want {
				t.Fatalf("wordRunEnd(%q, %d) = %d, want %d", text, i, got, want)
			}
		}
	}
}

// TestSWARMasks checks asciiWordMask and swarLetters for every byte at
// every position of an eight-byte block.
func TestSWARMasks(t *testing.T) {
	for _, c := range []struct {
		name string
		mask func(uint64) uint64
		is   func(byte) bool
		base string
	}{
		{"asciiWordMask", asciiWordMask, isASCIIWord, "a_9 Z.\xff-"},
		{"alnumMask", alnumMask, isASCIIAlnum, "a_9 Z.\xff-"},
		{"swarLetters", swarLetters, isASCIILetter, "a_9 Z.\xff`"},
	} {
		for b := range 256 {
			for pos := range 8 {
				buf := []byte(c.base)
				buf[pos] = byte(b)
				var want uint64
				for k, x := range buf[:8] {
					if c.is(x) {
						want |= 0x80 << (8 * k)
					}
				}
				if got := c.mask(swar.Load(string(buf), 0)); got != want {
					t.Fatalf("%s(%q) = %#x, want %#x", c.name, buf, got, want)
				}
			}
		}
	}
}
