package audit

import (
	"errors"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// SentenceLexicon holds abbreviations and other sentence-boundary data
// (lexicon/sentences.yaml).
type SentenceLexicon struct {
	Version int `yaml:"version"`
	// NonFinal lists abbreviations, with their final period, that never end
	// a sentence: titles before a name ("Mr.", "Gen."), "e.g.", "vs.".
	NonFinal []string `yaml:"non_final"`
	// MayEnd lists abbreviations, with their final period, that end a
	// sentence only when a sentence starter follows: "a.m.", "U.S.", "Inc.".
	MayEnd []string `yaml:"may_end"`
	// SentenceStarters lists capitalised words that commonly open a
	// sentence ("The", "But", "He") and rarely continue a name or a date.
	SentenceStarters []string `yaml:"sentence_starters"`
	// Bullets lists the characters that mark list items.
	Bullets []string `yaml:"bullets"`

	abbrevs   map[string]abbrevKind // key: abbreviation without its final period
	abbrevSet wordFilter            // the keys of abbrevs
	starters  map[string]struct{}
	bullets   []rune
}

// abbrevKind says how a period after a word behaves.
type abbrevKind uint8

const (
	notAbbrev      abbrevKind = iota
	abbrevNonFinal            // never ends a sentence
	abbrevMayEnd              // ends a sentence only before a starter word
)

func (l *SentenceLexicon) compile() error {
	if l.Version != 1 {
		return fmt.Errorf("unsupported version %d (want 1)", l.Version)
	}
	l.abbrevs = make(map[string]abbrevKind, 2*(len(l.NonFinal)+len(l.MayEnd)))
	seen := make(map[string]abbrevKind, len(l.NonFinal)+len(l.MayEnd))
	var errs []error
	add := func(list string, entries []string, kind abbrevKind) {
		for _, e := range entries {
			key, ok := strings.CutSuffix(e, ".")
			switch {
			case !ok || key == "":
				errs = append(errs, fmt.Errorf("%s: %q: an abbreviation is written with its final period", list, e))
				continue
			case strings.IndexFunc(e, isBlank) >= 0:
				errs = append(errs, fmt.Errorf("%s: %q: an abbreviation is one token", list, e))
				continue
			case seen[e] == kind:
				errs = append(errs, fmt.Errorf("%s: %q is listed twice", list, e))
				continue
			case seen[e] != notAbbrev:
				errs = append(errs, fmt.Errorf("%s: %q is both non_final and may_end", list, e))
				continue
			}
			seen[e] = kind
			l.abbrevs[key] = kind
		}
	}
	add("non_final", l.NonFinal, abbrevNonFinal)
	add("may_end", l.MayEnd, abbrevMayEnd)
	// All-capital forms for headlines: "U.S." keeps its kind as "U.S.",
	// "A.M." as "a.m."; an undotted one may also be an acronym ("SEC." for
	// "Sec.", "NO." for "No."), so its capital form is only may_end.
	for key, kind := range maps.Clone(l.abbrevs) {
		upper := strings.ToUpper(key)
		if _, listed := l.abbrevs[upper]; listed {
			continue
		}
		if !strings.Contains(key, ".") {
			kind = abbrevMayEnd
		}
		l.abbrevs[upper] = kind
	}
	l.abbrevSet = filterOf(l.abbrevs)

	l.starters = make(map[string]struct{}, 2*len(l.SentenceStarters))
	for _, w := range l.SentenceStarters {
		first, _ := utf8.DecodeRuneInString(w)
		if w == "" || !unicode.IsUpper(first) || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			errs = append(errs, fmt.Errorf("sentence_starters: %q: want one capitalised word of letters", w))
			continue
		}
		l.starters[w] = struct{}{}
		l.starters[strings.ToUpper(w)] = struct{}{}
	}

	l.bullets = l.bullets[:0]
	for _, b := range l.Bullets {
		r, n := utf8.DecodeRuneInString(b)
		if n == 0 || n != len(b) || r == utf8.RuneError || unicode.IsLetter(r) || unicode.IsDigit(r) || isBlank(r) {
			errs = append(errs, fmt.Errorf("bullets: %q: want one mark that is not a letter, digit or space", b))
			continue
		}
		l.bullets = append(l.bullets, r)
	}
	return errors.Join(errs...)
}

// isBullet reports whether r is one of the lexicon's list marks.
func (l *SentenceLexicon) isBullet(r rune) bool {
	for _, b := range l.bullets {
		if b == r {
			return true
		}
	}
	return false
}

// splitSentences returns the sentences of text as offsets into it: spans in
// order, trimmed of surrounding whitespace, that together cover every
// non-space character of text.
//
// It makes one pass over the bytes. Boundaries are:
//
//   - a blank line (two line breaks with only spaces between); a single
//     line break is a space, as in hard-wrapped newswire;
//   - a list mark from the lexicon standing alone before an item ("•"
//     anywhere, "-" and "*" at the start of a line);
//   - a run of terminators (". ! ? …" and spaced runs such as ". ." or
//     ". . ."), taken together with the closing quotation marks and brackets
//     after it (“stolen.”, “why?»”, “homes. »”), when what follows decides
//     so, as below.
//
// After "?" or "!" the sentence ends unless a lowercase word or a comma-like
// mark follows (“Why?” he asked). After "。！？" it always ends.
//
// After an ellipsis ("…", "...", ". . .") it ends before anything but a
// lowercase word, except inside a quotation, where an ellipsis marks a pause
// or a cut ("my neighbors… It’s incredible!" inside “…” stays whole), and
// except for an elision in brackets "(…)" "[...]". Quotation depth counts
// the double quotation marks and guillemets of text so far; whether a mark
// opens or closes is judged from the spaces around it, so that “…”, «…»,
// „…“, »…« and straight quotes all nest.
//
// After a period followed by space, the sentence continues before a
// lowercase word or a comma-like mark. Before a capitalised word or a number
// it ends unless the word before the period is:
//
//   - a non_final abbreviation ("Mr.", "Gen.", "e.g.", "vs."): never ends;
//   - a may_end abbreviation ("a.m.", "U.S.", "Inc.", "Jan."), a token of
//     single letters and periods ("N.Y."), or an initial ("W."): ends only
//     before a sentence starter from the lexicon ("until 5 p.m. Sunday" is
//     one sentence, "at 5 p.m. The next day" is two) and never before a
//     number ("Jan. 5", "No. 10");
//   - a list number or letter opening the sentence ("1. The first point").
//
// A period glued to the next character (copied web text) ends a sentence
// only when the letters before it are lowercase, at least two of them, and a
// capitalised word follows that is not part of a domain or path:
// "the city.The next" splits; "U.S.", "e.g.", "6.5", "CNN.com" and
// "www.Amazon.com" do not. A glued "?" or "!" (or an ellipsis outside a
// quotation) ends a sentence before an uppercase letter.
//
// The word before a period is the letters after the last space, hyphen,
// slash or other mark: "Japan-U.S." is "U.S.", "(Mr." is "Mr.".
func splitSentences(text string, lex *SentenceLexicon) []Span {
	return appendSentences(nil, text, lex)
}

// appendSentences appends the sentences of text, as splitSentences finds
// them, to dst.
func appendSentences(dst []Span, text string, lex *SentenceLexicon) []Span {
	if lex == nil {
		lex = &DefaultLexicon().Sentences
	}
	// Room for a sentence every 128 bytes, about what prose has, so
	// the spans grow at most once or twice per text.
	sg := segmenter{text: text, lex: lex, out: slices.Grow(dst, len(text)/128+1)}
	sg.run()
	return sg.out
}

// Terminator run kinds.
const (
	runPeriod   = iota // ".", or a spaced double ". ."
	runEllipsis        // "…", "..", "...", ". . ."
	runStrong          // contains "?" or "!"
	runCJK             // contains an ideographic full stop or mark
)

// Classes of what follows a candidate boundary.
const (
	nextLower    = iota // a lowercase letter
	nextContinue        // , ; : ) ] } % — cannot start a sentence
	nextUpper           // an uppercase or caseless letter
	nextDigit           // a digit or a currency sign
	nextOther           // anything else
)

// segmenter is the state of one pass of splitSentences.
type segmenter struct {
	text string
	lex  *SentenceLexicon
	out  []Span

	start     int  // first byte of the current sentence, -1 if none yet
	end       int  // end of the last non-space rune of the current sentence
	wordStart int  // first letter or digit of the current word, -1 if none
	tokURL    bool // the current token contains "/" or "@"
	quotes    int  // depth of open quotation marks
}

func (s *segmenter) run() {
	text := s.text
	s.start, s.wordStart = -1, -1
	var prev rune // previous non-space rune, 0 after space or at the start
	lineStart := true
	for i := 0; i < len(text); {
		c := text[i]
		if (asciiAlnum[c] || c == ' ') && i+8 <= len(text) {
			// Fastest path: a run of ASCII letters, digits, plain spaces,
			// commas and single line breaks before a letter or digit,
			// eight bytes at a time, then its effect on the state that the
			// paths below have byte by byte.
			j := i
			for j+8 <= len(text) {
				x := swar.Load(text, j)
				// The first byte of another kind ends the run, unless it
				// is a comma or a line feed before a letter or digit: the
				// masks are exact for the ASCII bytes before it, as a
				// carry out of a byte of 0x80 or more only spoils the
				// bytes after it.
				if other := (^(swar.Equal(x, ' ') | swarAlnum(x)) | x) & swar.High; other != 0 {
					j += bits.TrailingZeros64(other) / 8
					if c := text[j]; c == ',' || c == '\n' && j+1 < len(text) && asciiAlnum[text[j+1]] {
						j++
						continue
					}
					break
				}
				j += 8
			}
			// text[i:j] is the run, not empty as text[i] is in it.
			s.plainRun(i, j, &prev, &lineStart)
			i = j
			continue
		}
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
		// What the byte does, from one look-up when it is ASCII; the rune
		// it starts otherwise.
		r, size, m := rune(c), 1, asciiMark[c]
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			m = markOf(r)
		}
		if m == markBlank {
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
		if prev == 0 && (r >= utf8.RuneSelf || lineStart) && s.lex.isBullet(r) {
			if nr, _ := decodeRune(text, i+size); i+size == len(text) || isBlank(nr) {
				s.boundary()
			}
		}
		lineStart = false
		if s.start < 0 {
			s.start = i
		}
		switch m {
		case markTerminator:
			kind, _ := terminatorKind(r)
			i = s.terminator(i, kind)
			prev = '.'
			continue
		case markWord:
			if s.wordStart < 0 {
				s.wordStart = i
			}
		case markApostrophe:
			// An apostrophe stays inside the word: "Assad’s".
		case markQuote:
			s.wordStart = -1
			s.trackQuote(r, prev, i+size)
		case markURL:
			s.wordStart, s.tokURL = -1, true
		default:
			// Other marks separate words: "Japan-U.S.", "EC/U.S.", "(Mr.".
			s.wordStart = -1
		}
		s.end = i + size
		prev = r
		i += size
	}
	s.boundary()
}

// plainSeps returns, for eight ASCII bytes of a plain run (see plainRun)
// packed little-endian in x, the high bit of each that ends a word: a
// space, comma or line feed, the bytes of the run below '0' (see
// swarSpaces).
func plainSeps(x uint64) uint64 { return swar.High &^ swar.AtLeast(x, '0') }

// plainRun sets the state as run does after text[i:j], a run of ASCII
// letters, digits, plain spaces, commas and line feeds each before a
// letter or digit, has been read byte by byte: the sentence
// starts at its first letter, digit or comma and ends after its last,
// and the word is the one it ends with, if it does not end in a space or
// a comma. A line feed in the run is a single one before a letter or
// digit: it holds no paragraph break, and the line it starts has begun
// by the run's end.
func (s *segmenter) plainRun(i, j int, prev *rune, lineStart *bool) {
	text := s.text
	e := j // past its last letter, digit or comma
	for e > i && text[e-1] == ' ' {
		e--
	}
	if e > i {
		if s.start < 0 {
			f := i
			for text[f] == ' ' || text[f] == '\n' {
				f++
			}
			s.start = f
		}
		s.end = e
		*lineStart = false
	}
	if e < j {
		s.wordStart, s.tokURL, *prev = -1, false, 0
		return
	}
	*prev = rune(text[j-1])
	w := j // the start of its last word: past the last separator, eight bytes a step
	for w-8 >= i {
		if sp := plainSeps(swar.Load(text, w-8)); sp != 0 {
			w += (64-bits.LeadingZeros64(sp))/8 - 8
			goto found
		}
		w -= 8
	}
	if k := w - 8; k >= 0 && w > i {
		// Fewer than eight bytes of the run are left before w: the eight
		// that end at w, those before the run (which may not be ASCII)
		// zeroed and left out, without a loop.
		before := uint64(1)<<(8*(i-k)) - 1
		if sp := plainSeps(swar.Load(text, k)&^before) &^ before; sp != 0 {
			w += (64-bits.LeadingZeros64(sp))/8 - 8
		} else {
			w = i
		}
	}
	for w > i && text[w-1] >= '0' { // at the start of text: back to a separator
		w--
	}
found:
	if w == i {
		if s.wordStart < 0 {
			s.wordStart = i
		}
		return
	}
	// A space or line break ends a token that may be a URL; a comma
	// only ends the word.
	if text[w-1] != ',' {
		s.tokURL = false
	} else if s.tokURL && strings.ContainsAny(text[i:w], " \n") {
		s.tokURL = false
	}
	s.wordStart = w
	if w == j {
		s.wordStart = -1 // it ends in a comma
	}
}

// boundary ends the current sentence, if any.
func (s *segmenter) boundary() {
	if s.start >= 0 {
		s.out = append(s.out, Span{s.start, s.end})
		s.start = -1
	}
	s.wordStart = -1
}

// terminator handles the run of terminators starting at i: it consumes the
// run and the closing marks after it, ends the sentence there if the text
// that follows says so, and returns where scanning resumes.
func (s *segmenter) terminator(i, kind int) int {
	text := s.text
	if i+1 == len(text) && text[i] == '.' {
		// A period ending the text, as most paragraphs end.
		s.end = i + 1
		s.boundary()
		return i + 1
	}
	if i+2 < len(text) && text[i] == '.' && text[i+1] == ' ' {
		if c := text[i+2] | 0x20; 'a' <= c && c <= 'z' {
			// A period, a space and an ASCII letter, the most common
			// ending: what the loops below and ends find for it, a run
			// of one period and no closing mark, without their look-ups.
			s.end = i + 1
			if text[i+2] >= 'a' {
				return i + 1 // a lowercase word continues the sentence
			}
			if s.periodEnds(i, nextUpper, i+2) {
				s.boundary()
			}
			return i + 1
		}
	}
	return s.terminatorRun(i, kind)
}

// terminatorRun is terminator for any run of terminators.
func (s *segmenter) terminatorRun(i, kind int) int {
	text := s.text
	periods, adjacent := 0, false
	j := i
	for j < len(text) {
		r, size := rune(text[j]), 1 // decodeRune, its ASCII path inlined
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[j:])
		}
		if k, ok := terminatorKind(r); ok {
			if r == '.' {
				if j > i && text[j-1] == '.' {
					adjacent = true
				}
				periods++
			}
			kind = max(kind, k)
			j += size
			continue
		}
		if r == ' ' && (text[j-1] == '.' || text[j-1] == 0xa6) { // after "." or "…"
			k := skipHorizontal(text, j)
			if nr, _ := decodeRune(text, k); nr == '.' || nr == '…' {
				j = k
				continue
			}
		}
		break
	}
	if kind == runPeriod && (adjacent || periods >= 3) {
		kind = runEllipsis
	}
	runEnd := j

	// Closing marks: “stolen.”  (why?)  homes. »
	q := runEnd
	for q < len(text) {
		r, size := rune(text[q]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[q:])
		}
		if isAlwaysCloser(r) {
			s.closeQuote(r)
			q += size
			continue
		}
		if isAmbiguousCloser(r) {
			if nr, _ := decodeRune(text, q+size); q+size < len(text) && (unicode.IsLetter(nr) || unicode.IsDigit(nr)) {
				break // an opening mark glued to the next sentence
			}
			s.closeQuote(r)
			q += size
			continue
		}
		if r == ' ' || r == '\t' || r == 0xa0 {
			k := skipHorizontal(text, q)
			nr, nsize := decodeRune(text, k)
			if nr == '»' || nr == '›' || nr == '”' {
				if fr, _ := decodeRune(text, k+nsize); k+nsize == len(text) || isBlank(fr) {
					s.closeQuote(nr)
					q = k + nsize
					continue
				}
			}
		}
		break
	}
	s.end = q

	if s.ends(i, runEnd, q, kind) {
		s.boundary()
	} else if q > runEnd {
		s.wordStart = -1 // a closing mark separates words
	}
	return q
}

// ends decides whether the sentence ends after the terminator run
// text[p:runEnd] and the closing marks up to q.
func (s *segmenter) ends(p, runEnd, q, kind int) bool {
	text := s.text
	if q >= len(text) || kind == runCJK {
		return true
	}
	if r, _ := decodeRune(text, q); !isBlank(r) {
		return s.gluedEnds(p, runEnd, q, kind)
	}
	k, breaks := skipBlank(text, q)
	if breaks >= 2 || k >= len(text) {
		return true
	}
	next, word := s.peekWord(k)
	if next == nextLower || next == nextContinue {
		return false
	}
	switch kind {
	case runStrong:
		return true
	case runEllipsis:
		if s.quotes > 0 {
			return false
		}
		if p > 0 && (text[p-1] == '(' || text[p-1] == '[') {
			return false // an elision: "(…)", "[...]"
		}
		return true
	}

	return s.periodEnds(p, next, word)
}

// periodEnds decides whether a sentence ends after a period at p (kind
// runPeriod) that white space follows, then what peekWord classes as
// next, starting at word: not when the word before the period is an
// abbreviation that never ends a sentence, or one that may and no
// sentence starter follows, or the list number or letter the sentence
// opens with.
func (s *segmenter) periodEnds(p, next, word int) bool {
	w := ""
	if s.wordStart >= 0 && s.wordStart < p {
		w = s.text[s.wordStart:p]
	}
	switch s.classify(w) {
	case abbrevNonFinal:
		return false
	case abbrevMayEnd:
		return next == nextUpper && s.starter(word)
	}
	if s.wordStart == s.start && isListMarker(w) {
		return false // "1. The first point"
	}
	return true
}

// classify says how a period after word w behaves: a listed abbreviation,
// or a may_end one for an initial ("W") and single letters joined by
// periods ("N.Y").
func (s *segmenter) classify(w string) abbrevKind {
	if w == "" || len(w) > 16 {
		return notAbbrev
	}
	// Most words before a period are no abbreviation: the filter rules
	// them out without a map look-up.
	if s.lex.abbrevSet.may(w) {
		if k, ok := s.lex.abbrevs[w]; ok {
			return k
		}
	}
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) {
		return abbrevMayEnd
	}
	if isDottedLetters(w) {
		return abbrevMayEnd
	}
	return notAbbrev
}

// gluedEnds decides a boundary when no space follows the terminator run and
// its closing marks (text[q] is not a space).
func (s *segmenter) gluedEnds(p, runEnd, q, kind int) bool {
	text := s.text
	// Look through opening marks glued to the next sentence: said.“The
	k := q
	for n := 0; n < 4 && k < len(text); n++ {
		r, size := decodeRune(text, k)
		if !isQuoteMark(r) && r != '(' && r != '[' {
			break
		}
		k += size
	}
	r, size := decodeRune(text, k)
	if k >= len(text) || !(unicode.IsUpper(r) || unicode.IsTitle(r)) {
		return false
	}
	switch kind {
	case runStrong:
		return true
	case runEllipsis:
		return s.quotes == 0
	}
	if s.tokURL {
		return false
	}
	// Left: at least two lowercase letters, not after a period (a domain).
	n, b := 0, p
	for b > 0 && p-b < 64 {
		lr, lsize := utf8.DecodeLastRuneInString(text[:b])
		if !unicode.IsLetter(lr) {
			break
		}
		if !unicode.IsLower(lr) {
			return false
		}
		b -= lsize
		n++
	}
	if n < 2 || (b > 0 && text[b-1] == '.') {
		return false
	}
	// Right: a capitalised word ("The", not "JS"), not followed by ".com".
	e := k + size
	nr, _ := decodeRune(text, e)
	if !unicode.IsLower(nr) {
		return false
	}
	for e < len(text) && e-k < 64 {
		rr, rsize := decodeRune(text, e)
		if !unicode.IsLetter(rr) {
			break
		}
		e += rsize
	}
	if e < len(text) {
		switch text[e] {
		case '/', '@', ':':
			return false
		case '.':
			if ar, _ := decodeRune(text, e+1); unicode.IsLetter(ar) {
				return false
			}
		}
	}
	return true
}

// peekWord classifies what starts at k, looking through opening marks,
// and returns where the word starts (for starter; meaningful for
// nextUpper only).
func (s *segmenter) peekWord(k int) (next, word int) {
	text := s.text
	for n := 0; n < 8 && k < len(text); n++ {
		r, size := decodeRune(text, k)
		if !isOpener(r) {
			break
		}
		k += size
	}
	if k >= len(text) {
		return nextOther, k
	}
	r, _ := decodeRune(text, k)
	switch {
	case unicode.IsLower(r):
		return nextLower, k
	case unicode.IsDigit(r) || unicode.Is(unicode.Sc, r):
		return nextDigit, k
	case strings.ContainsRune(",;:)]}%", r):
		return nextContinue, k
	case !unicode.IsLetter(r):
		return nextOther, k
	}
	return nextUpper, k
}

// starter reports whether the capitalised word at k (see peekWord) is a
// sentence starter from the lexicon, not followed by a period, so that
// "A." stays an initial. Only a period after an abbreviation that may
// end a sentence asks.
func (s *segmenter) starter(k int) bool {
	text := s.text
	e := k
	for e < len(text) && e-k <= 24 {
		rr, rsize := decodeRune(text, e)
		if !unicode.IsLetter(rr) {
			break
		}
		e += rsize
	}
	if e-k > 24 || (e < len(text) && text[e] == '.') {
		return false
	}
	_, ok := s.lex.starters[text[k:e]]
	return ok
}

// trackQuote updates the quotation depth for the mark r found between the
// rune prev (0 for space or the start) and the text at next.
func (s *segmenter) trackQuote(r, prev rune, next int) {
	nr, _ := decodeRune(s.text, next)
	afterSpace := prev == 0 || isOpener(prev)
	beforeSpace := next >= len(s.text) || isBlank(nr) || strings.ContainsRune(",.;:!?)]…", nr)
	left := afterSpace && !beforeSpace  // opens: “word
	right := !afterSpace && beforeSpace // closes: word”
	var open bool
	switch r {
	case '„', '‚', '「', '『':
		open = true
	case '“', '«', '‹': // English and French openers; German closers
		open = !right
	case '”', '»', '›', '」', '』': // closers; Swedish and German openers
		open = left && r != '」' && r != '』'
	case '"':
		open = left || (!right && s.quotes == 0)
	default:
		return
	}
	if open {
		s.quotes++
	} else if s.quotes > 0 {
		s.quotes--
	}
}

// closeQuote lowers the quotation depth for a closing mark r.
func (s *segmenter) closeQuote(r rune) {
	if isQuoteMark(r) && s.quotes > 0 {
		s.quotes--
	}
}

// terminatorKind reports whether r ends sentences, and how.
func terminatorKind(r rune) (int, bool) {
	switch r {
	case '.':
		return runPeriod, true
	case '…':
		return runEllipsis, true
	case '?', '!', '‽', '⁇', '⁈', '⁉', '‼', '؟':
		return runStrong, true
	case '。', '？', '！', '｡':
		return runCJK, true
	}
	return 0, false
}

// isQuoteMark reports whether r is a double quotation mark or guillemet
// (apostrophe-like single marks are not tracked).
func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‹', '›', '「', '」', '『', '』':
		return true
	}
	return false
}

// isAlwaysCloser reports whether r, right after a terminator, closes what
// the sentence opened.
func isAlwaysCloser(r rune) bool {
	switch r {
	case '”', '»', '›', '’', ')', ']', '}', '」', '』':
		return true
	}
	return false
}

// isAmbiguousCloser reports whether r, right after a terminator, closes the
// sentence unless a letter follows it directly (then it opens the next).
func isAmbiguousCloser(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹':
		return true
	}
	return false
}

// isOpener reports whether r may open a sentence before its first word.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '„', '‚', '«', '‹', '»', '”', '(', '[', '{', '¡', '¿', '「', '『':
		return true
	}
	return false
}

// isListMarker reports whether w is a list number or letter ("1", "12",
// "a").
func isListMarker(w string) bool {
	if w == "" || len(w) > 3 {
		return false
	}
	if len(w) == 1 && ('a' <= w[0] && w[0] <= 'z' || 'A' <= w[0] && w[0] <= 'Z') {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// isDottedLetters reports whether w is single ASCII letters joined by
// periods: "U.S", "a.m", "N.Y".
func isDottedLetters(w string) bool {
	if len(w) < 3 || len(w)%2 == 0 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i%2 == 1 {
			if c != '.' {
				return false
			}
		} else if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// asciiAlnum marks the ASCII letters and digits.
var asciiAlnum = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// What segmenter.run does at a rune that is not a plain ASCII letter,
// digit or space (markOf).
const (
	markOther      = iota // separates words
	markBlank             // white space
	markTerminator        // ends a sentence (terminatorKind)
	markWord              // a letter or digit
	markApostrophe        // stays inside a word
	markQuote             // a quotation mark that segmenter.trackQuote follows
	markURL               // a slash or at sign: the word may be a URL
)

// markOf returns what segmenter.run does at r.
func markOf(r rune) uint8 {
	if _, ok := terminatorKind(r); ok {
		return markTerminator
	}
	switch {
	case isBlank(r):
		return markBlank
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return markWord
	case r == '\'' || r == '’':
		return markApostrophe
	case isQuoteMark(r):
		return markQuote
	case r == '/' || r == '@':
		return markURL
	}
	return markOther
}

// asciiMark is markOf of each ASCII byte, so that run looks an ASCII mark
// up once rather than going through markOf's tests. (Its entries from
// 0x80 on are not read: such a byte starts a rune run decodes.)
var asciiMark = func() (t [256]uint8) {
	for c := range rune(utf8.RuneSelf) {
		t[c] = markOf(c)
	}
	return t
}()

// decodeRune decodes the rune at i, with a fast path for ASCII. At or past
// the end it returns (0, 0).
func decodeRune(text string, i int) (rune, int) {
	if i >= len(text) {
		return 0, 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// isBlank reports whether r is whitespace for segmentation: Unicode spaces
// plus the zero-width space and byte order mark that copied web text holds.
func isBlank(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// skipBlank skips the whitespace at i and returns where it ends and how
// many line breaks it holds; a paragraph separator, form feed or vertical
// tab counts as two (a blank line).
func skipBlank(text string, i int) (int, int) {
	breaks := 0
	for i < len(text) {
		r, size := rune(text[i]), 1 // decodeRune and isBlank, their ASCII paths inlined
		if r < utf8.RuneSelf {
			if asciiSpace[r] == 0 {
				break
			}
		} else if r, size = utf8.DecodeRuneInString(text[i:]); !isBlank(r) {
			break
		}
		switch r {
		case '\n', '\u2028', '\u0085':
			breaks++
		case '\r':
			if i+1 >= len(text) || text[i+1] != '\n' {
				breaks++
			}
		case '\u2029', '\f', '\v':
			breaks += 2
		}
		i += size
	}
	return i, breaks
}

// skipHorizontal skips spaces, tabs and no-break spaces at i.
func skipHorizontal(text string, i int) int {
	for i < len(text) {
		switch {
		case text[i] == ' ' || text[i] == '\t':
			i++
		case strings.HasPrefix(text[i:], "\u00a0"):
			i += 2
		default:
			return i
		}
	}
	return i
}
