package audit

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// figTokenizeRef is figTokenize as it was before it told ASCII apart
// without the unicode tables and took the hash of a word as it read it:
// the reference its fast paths are held to. It also returns the key of
// each token as figToken held it before the key was left to tokenKey.
func figTokenizeRef(s string, dst []figToken, nums []figNum, c *figCompiled) ([]figToken, []figNum, []string) {
	var keys []string
	space := true
	for i := 0; i < len(s); {
		b := s[i]
		var r rune = rune(b)
		size := 1
		if b >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case unicode.IsSpace(r):
			space = true
			i += size
			continue
		case figIsDigit(b):
			end, num := figScanNumber(s, i)
			dst = append(dst, figToken{start: i, end: end, kind: figTokNum, space: space, num: int32(len(nums)), flags: figNumFlags})
			keys = append(keys, "")
			nums = append(nums, num)
			i = end
		case unicode.IsLetter(r):
			end, ascii, hasUpper, hasLower, _ := figScanWord(s, i)
			w := s[i:end]
			t := figToken{start: i, end: end, kind: figTokWord, space: space, upper: unicode.IsUpper(r)}
			key := w
			switch {
			case !ascii:
				key = figLower(w)
				t.caps = t.upper && end-i > 1 && figIsCaps(w)
				if c != nil {
					t.id = c.table.lookup(key, false)
				}
			case !hasUpper:
				if c != nil {
					t.id = c.table.lookup(w, false)
				}
			default:
				t.caps = t.upper && end-i > 1 && !hasLower
				if c == nil {
					key = figLower(w)
					break
				}
				t.id = c.table.lookup(w, true)
				if t.id != 0 {
					key = c.keys[t.id]
				} else if !t.upper {
					key = figLower(w)
				}
			}
			if c != nil {
				t.flags = c.words[t.id].flags
			}
			dst = append(dst, t)
			keys = append(keys, key)
			i = end
		default:
			t := figToken{start: i, end: i + size, kind: figTokPunct, space: space}
			if c != nil {
				t.id = c.table.lookup(s[i:i+size], false)
				t.flags = c.words[t.id].flags
			}
			dst = append(dst, t)
			keys = append(keys, s[i:i+size])
			i += size
		}
		space = false
	}
	return dst, nums, keys
}

// checkFigTokenizeRef checks that figTokenize gives the tokens and
// numerals of figTokenizeRef for s, with and without the lexicon c.
func checkFigTokenizeRef(t *testing.T, c *figCompiled, s string) {
	t.Helper()
	for _, lc := range []*figCompiled{nil, c} {
		got, gotNums := figTokenize(s, nil, nil, lc)
		want, wantNums, wantKeys := figTokenizeRef(s, nil, nil, lc)
		if len(got) != len(want) || len(gotNums) != len(wantNums) {
			t.Fatalf("%q: %d tokens %d numerals, want %d %d", s, len(got), len(gotNums), len(want), len(wantNums))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d %+v, want %+v", s, i, got[i], want[i])
			}
			key := figRawKey(s, &got[i])
			if lc != nil {
				key = lc.tokenKey(s, &got[i])
			}
			if key != wantKeys[i] {
				t.Fatalf("%q: token %d key %q, want %q", s, i, key, wantKeys[i])
			}
		}
		for i := range gotNums {
			if gotNums[i] != wantNums[i] {
				t.Fatalf("%q: numeral %d %+v, want %+v", s, i, gotNums[i], wantNums[i])
			}
		}
	}
}

// TestFigTokenizeRef holds figTokenize to figTokenizeRef over characters
// of every class, the corpora's paragraphs and every character below
// U+3000 between words.
func TestFigTokenizeRef(t *testing.T) {
	c := figLexicon(t).c
	for _, s := range []string{
		"Über 300 Menschen, the İstanbul office’s U.S. staff; iPhones and O’Brien's 12 mln dlrs.",
		"\tA\u00a0dozen\u2028men\u3000and\u0085 ten\r\nWOMEN, Ǆemal’s 5km, K (Kelvin) 1,200-1,500 ½ 3/4",
	} {
		checkFigTokenizeRef(t, c, s)
	}
	var buf []byte
	for r := rune(0); r < 0x3000; r++ {
		buf = utf8.AppendRune(append(buf[:0], "Two "...), r)
		buf = append(buf, "Dozen 7 x"...)
		checkFigTokenizeRef(t, c, string(buf))
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			checkFigTokenizeRef(t, c, a.Body)
		}
	}
}

// TestFigScanWordHash holds the hash figScanWord computes as it reads an
// ASCII word to figHash of the word, over the words of the corpora.
func TestFigScanWordHash(t *testing.T) {
	n := 0
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			s := a.Body
			for i := 0; i < len(s); {
				r, size := utf8.DecodeRuneInString(s[i:])
				if !unicode.IsLetter(r) {
					i += size
					continue
				}
				end, ascii, _, _, h := figScanWord(s, i)
				if ascii {
					n++
					if want := figHash(s[i:end]); h != want {
						t.Fatalf("figScanWord(%q): hash %#x, want %#x", s[i:end], h, want)
					}
				}
				i = end
			}
		}
	}
	if n == 0 {
		t.Fatal("no words read")
	}
}

// figScanNumberRef is figScanNumber as it was before it read a short
// run of digits eight bytes at a time: the reference it is held to.
func figScanNumberRef(s string, i int) (int, figNum) {
	var buf [8]figGroup
	groups := buf[:0]
	digits := func(j int) int {
		for j < len(s) && figIsDigit(s[j]) {
			j++
		}
		return j
	}
	j := digits(i)
	groups = append(groups, figGroup{0, i, j})
	tooMany := false
	for j < len(s) {
		sep, w := s[j], 1
		switch {
		case sep == ',' || sep == '.' || sep == ':' || sep == '/' || sep == '-':
		case strings.HasPrefix(s[j:], "–"):
			sep, w = '-', len("–")
		default:
			w = 0
		}
		if w == 0 || j+w >= len(s) || !figIsDigit(s[j+w]) {
			break
		}
		k := digits(j + w)
		if sep == ',' && k-(j+w) != 3 {
			break // "1,5": not a thousands group
		}
		if len(groups) < cap(groups) {
			groups = append(groups, figGroup{sep, j + w, k})
		} else {
			tooMany = true
		}
		j = k
	}
	num := figNum{form: figNumCode}
	if !tooMany {
		num = figClassify(s, groups)
	}
	// Letters glued on: "1.2bn", "11th", "1990s", "2min"; but not the
	// next word run in ("$20,000Russian").
	switch {
	case j < len(s) && figIsLetter(s[j]):
		k := j
		for k < len(s) && figIsLetter(s[k]) {
			k++
		}
		glued := k-j >= 2 && s[j] >= 'A' && s[j] <= 'Z' && strings.ToUpper(s[j:k]) != s[j:k]
		if !glued {
			num.suffix = strings.ToLower(s[j:k])
			for k < len(s) && (figIsLetter(s[k]) || figIsDigit(s[k])) {
				num.form = figNumCode // "4x4", "3G2"
				k++
			}
			j = k
		}
	case strings.HasPrefix(s[j:], "'s") && (j+2 == len(s) || !figIsLetter(s[j+2])):
		num.suffix, j = "'s", j+2
	case strings.HasPrefix(s[j:], "’s") && (j+4 == len(s) || !figIsLetter(s[j+4])):
		num.suffix, j = "'s", j+4
	}
	return j, num
}

// TestFigScanNumberAsReference holds figScanNumber to figScanNumberRef at
// every digit of random texts of digits, separators, letters and
// apostrophes, of every length around eight bytes, and of the corpora's
// sentences.
func TestFigScanNumberAsReference(t *testing.T) {
	check := func(s string) {
		t.Helper()
		for i := 0; i < len(s); i++ {
			if !figIsDigit(s[i]) {
				continue
			}
			end, num := figScanNumber(s, i)
			wantEnd, want := figScanNumberRef(s, i)
			if end != wantEnd || num != want {
				t.Fatalf("%q at %d: %d %+v, want %d %+v", s, i, end, num, wantEnd, want)
			}
		}
	}
	for _, s := range []string{"100.000 people", "1000.000 ", "2024.000", "12.000,5", "1,50 ", "1,500", "3.50%", "1.5bn",
		"10,000.5", "7.25", "0.000", "99,999,", "1.2.3", "5,000-", "12.345'"} {
		check(s)
		check("At " + s)
	}
	pieces := []string{"0", "1", "2", "5", "9", "7", "20", "2024", ",", ".", ":", "/", "-", "–", "'s", "’s", "'", "’",
		" ", "s", "th", "km", "bn", "G", "x", "\x00", "é", "p", ")"}
	rng := rand.New(rand.NewPCG(4, 7))
	for range 300000 {
		check(pieceText(rng, pieces, 14))
	}
	for _, s := range corpusSentences(t, DefaultLexicon()) {
		check(s.Text)
	}
}
