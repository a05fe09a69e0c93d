package audit

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestSegmenterEightBytes holds segmenter.run, which passes eight bytes
// of plain words, spaces, commas and line breaks at a time and looks ASCII marks up in
// asciiMark, to refRun, the byte-by-byte loop it replaced, on random texts and the articles of the shared corpora
// when present.
func TestSegmenterEightBytes(t *testing.T) {
	lex := &DefaultLexicon().Sentences
	split := func(text string, ref bool) []Span {
		sg := segmenter{text: text, lex: lex}
		if ref {
			sg.refRun()
		} else {
			sg.run()
		}
		return sg.out
	}
	var texts []string
	pieces := []string{"a", "Word", "U.S.", " ", "  ", "\n", "\n\n", ". ", "? ", "“", "”", "\"", "'", "’", "é", "\u00a0",
		"Mr. ", "5 p.m. ", "The ", "http://x.com/a ", "@b ", "- ", "1. ", "• ", "…", "the quick brown fox ", "12345678 ",
		"(", ")", ",", "\t", "A", "z", "0", "9", "`", "{", "@", "[", "/", "Mr", "!", "?", "\x00", "~",
		// Commas and single line breaks inside the eight-byte runs.
		", ", "a,b", "x/y z,w", "ab cd,ef", ".The", "\nword", "\nA", ",\n", "\n \n", " \nthe", "http://a.b/c,d e.Fg"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		texts = append(texts, pieceText(rng, pieces, 40))
	}
	if _, ok := corpus.Root(); ok && !testing.Short() {
		for _, set := range corpustest.Sets(t) {
			for _, a := range set.Articles {
				texts = append(texts, a.Body)
			}
		}
	}
	for _, text := range texts {
		if got, want := split(text, false), split(text, true); !slices.Equal(got, want) {
			t.Fatalf("%q:\ngot  %v\nwant %v", text, got, want)
		}
	}
	for c := range 128 {
		if got := swarAlnum(uint64(c)) != 0; got != asciiAlnum[c] {
			t.Errorf("swarAlnum(%#x) = %v", c, got)
		}
	}
}

// refRun is segmenter.run as it was before the eight-byte path.
func (s *segmenter) refRun() {
	text := s.text
	s.start, s.wordStart = -1, -1
	var prev rune // previous non-space rune, 0 after space or at the start
	lineStart := true
	for i := 0; i < len(text); {
		c := text[i]
		if asciiAlnum[c] {
			// Fast path for the bulk of the text: a run of ASCII letters
			// and digits.
			if s.start < 0 {
				s.start = i
			}
			if s.wordStart < 0 {
				s.wordStart = i
			}
			for i++; i < len(text) && asciiAlnum[text[i]]; i++ {
			}
			lineStart = false
			prev = rune(text[i-1])
			s.end = i
			continue
		}
		if c == ' ' {
			// A space between words: a plain space holds no line break,
			// so the blank run it starts counts as many breaks as the
			// rest of it, which the next turn measures.
			s.wordStart, s.tokURL, prev = -1, false, 0
			i++
			continue
		}
		r, size := decodeRune(text, i)
		if isBlank(r) {
			j, breaks := skipBlank(text, i)
			if breaks >= 2 {
				s.boundary()
				s.quotes = 0
			}
			if breaks > 0 {
				lineStart = true
			}
			s.wordStart, s.tokURL, prev = -1, false, 0
			i = j
			continue
		}
		if prev == 0 && s.lex.isBullet(r) && (r >= utf8.RuneSelf || lineStart) {
			if nr, _ := decodeRune(text, i+size); i+size == len(text) || isBlank(nr) {
				s.boundary()
			}
		}
		lineStart = false
		if s.start < 0 {
			s.start = i
		}
		if kind, ok := terminatorKind(r); ok {
			i = s.terminator(i, kind)
			prev = '.'
			continue
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if s.wordStart < 0 {
				s.wordStart = i
			}
		case r == '\'' || r == '’':
			// An apostrophe stays inside the word: "Assad’s".
		default:
			// Other marks separate words: "Japan-U.S.", "EC/U.S.", "(Mr.".
			s.wordStart = -1
			if isQuoteMark(r) {
				s.trackQuote(r, prev, i+size)
			} else if r == '/' || r == '@' {
				s.tokURL = true
			}
		}
		s.end = i + size
		prev = r
		i += size
	}
	s.boundary()
}
