package audit

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// phraseMatcher finds listed phrases in text exactly as the regular
// expression (?i)\b(?:P1|P2|…)\b would, where each phrase Pk is its words
// joined by runs of separator characters (\s+, or [\s\-]+), but without a
// regular expression: the phrases form a trie of case-folded runes that is
// walked from each candidate position, so a scan costs one table look-up
// per byte of text that cannot start a phrase. Like the regular
// expression it reports, at the leftmost position where any phrase
// matches, the phrase listed first; \b is an ASCII word boundary and
// letter case is compared with Unicode simple folding.
type phraseMatcher struct {
	nodes []pmNode
	// root maps an ASCII first byte, in either case, to a node (0: none);
	// phrases whose first rune folds to a non-ASCII rune are found through
	// nodes[0].next.
	root [128]int32
	// wide is true when some phrase can start with a rune that is not
	// ASCII as written in the text (a non-ASCII letter, or "k" and "s",
	// which fold with the Kelvin sign and the long s).
	wide bool
	// wideRoots are the runes that are not ASCII and that a phrase can
	// start with as written in the text (the runes whose foldRune is the
	// first of one), with the node after each, and wideLead the first
	// bytes of their UTF-8 encodings, or every byte from 0x80 on when a
	// phrase starts with U+FFFD (which stands for any invalid byte). Only
	// a multi-byte sequence whose first byte wideLead has is decoded and
	// looked up.
	wideRoots []pmEdge
	wideLead  [4]uint64
	hyphen    bool // '-' separates words like white space
	// wordStarts is true when no phrase starts with an ASCII character
	// that is not a word character, nor with U+FFFD: then a match can
	// start only where a run of ASCII word characters does or, when wide,
	// at the first byte of a multi-byte UTF-8 sequence.
	wordStarts bool
	// letterStarts is true when wordStarts is and every phrase that
	// starts with an ASCII character starts with a letter.
	letterStarts bool
	// pairs is the set of the pairs of bytes a match may start with, bit
	// c<<8|b for byte b followed by c: for each ASCII first byte b of a
	// phrase, in either case, the ASCII word characters a phrase has
	// second, 0 (which also stands for a byte not read yet) and, when a
	// match may start with a run of one word character (runs), every
	// other byte; for each first byte of a multi-byte sequence of
	// wideRoots (wideLead), every c. A word starting with a pair
	// outside it holds no phrase, which rules out most words without
	// walking the trie; the two bytes are read as one number.
	pairs [1024]uint64
	// runs is, for each ASCII first byte of a phrase, the set of lengths
	// (bit n for n bytes, bit 63 for 63 or more) the run of ASCII word
	// characters a match starts with may have: a phrase's first word
	// fixes it up to its first character that is not an ASCII word
	// character, and leaves it open from a "k" or "s" on (text may spell
	// them as the Kelvin sign and the long s, which end the run). It
	// rules out most of the words the first two bytes let through.
	runs [128]uint64
}

type pmNode struct {
	next []pmEdge
	sep  int32 // the node after a run of separators, or 0
	// accept is 1 + the index of the first-listed phrase ending here, or 0.
	accept int32
}

type pmEdge struct {
	r    rune // folded
	node int32
}

// newPhraseMatcher returns a matcher for phrases, each given as its words.
// With hyphen set, a hyphen separates words like white space ("state-run"
// matches "state run"), and words must not contain one.
func newPhraseMatcher(phrases [][]string, hyphen bool) *phraseMatcher {
	// A node for each rune and each run of separators at most: the
	// nodes are made in one go rather than grown by doubling.
	size := 1
	for _, words := range phrases {
		for _, w := range words {
			size += utf8.RuneCountInString(w) + 1
		}
	}
	m := &phraseMatcher{nodes: make([]pmNode, 1, size), hyphen: hyphen}
	var edges []pmEdge // where the nodes' first edges are carved from
	for pi, words := range phrases {
		n := int32(0)
		for wi, w := range words {
			if wi > 0 {
				if m.nodes[n].sep == 0 {
					m.nodes = append(m.nodes, pmNode{})
					m.nodes[n].sep = int32(len(m.nodes) - 1)
				}
				n = m.nodes[n].sep
			}
			for _, r := range w {
				n = m.child(n, foldRune(r), &edges)
			}
		}
		if n != 0 && m.nodes[n].accept == 0 {
			m.nodes[n].accept = int32(pi + 1)
		}
		if len(words) > 0 {
			m.addRun(words[0])
		}
	}
	m.wordStarts = m.next(0, foldRune(utf8.RuneError)) == 0
	m.letterStarts = m.wordStarts
	m.addWideRoots()
	for b := utf8.RuneSelf; b < 256; b++ {
		if m.mayLead(byte(b)) {
			for c := range 256 {
				m.setPair(byte(b), byte(c))
			}
		}
	}
	for b, n := range m.root {
		if n == 0 {
			continue
		}
		if !isASCIIWord(byte(b)) {
			m.wordStarts = false
		}
		if !isASCIILetter(byte(b)) {
			m.letterStarts = false
		}
		// A byte that is no word character after b ends a run of one,
		// which only a phrase whose run may be that short (mayRun)
		// starts with, whatever the byte (a phrase that goes on with it
		// after b has such a run, see addRun); but 0 also stands for the
		// byte past the eight read at once.
		m.setPair(byte(b), 0)
		if m.mayRun(byte(b), 1) {
			for c := range 256 {
				if !isASCIIWord(byte(c)) {
					m.setPair(byte(b), byte(c))
				}
			}
		}
		// A word character c after b: the phrases that go on with it,
		// the edges from n on foldRune(c), which is c or, for a lower
		// case letter, its upper case.
		for _, e := range m.nodes[n].next {
			if e.r >= utf8.RuneSelf || !isASCIIWord(byte(e.r)) {
				continue
			}
			m.setPair(byte(b), byte(e.r))
			if 'A' <= e.r && e.r <= 'Z' {
				m.setPair(byte(b), byte(e.r+('a'-'A')))
			}
		}
	}
	return m
}

// addWideRoots fills wideRoots, wideLead and wide from the root's edges.
func (m *phraseMatcher) addWideRoots() {
	for _, e := range m.nodes[0].next {
		// The runes whose foldRune is e.r are e.r's simple folding orbit.
		for r := e.r; ; {
			if r >= utf8.RuneSelf {
				m.wideRoots = append(m.wideRoots, pmEdge{r, e.node})
				var buf [utf8.UTFMax]byte
				utf8.EncodeRune(buf[:], r)
				m.setWideLead(buf[0])
				if r == utf8.RuneError {
					for b := utf8.RuneSelf; b < 256; b++ {
						m.setWideLead(byte(b))
					}
				}
			}
			if r = unicode.SimpleFold(r); r == e.r {
				break
			}
		}
	}
	m.wide = len(m.wideRoots) > 0
}

func (m *phraseMatcher) setWideLead(b byte) { m.wideLead[b>>6] |= 1 << (b & 63) }

// mayLead reports whether a phrase may start with the multi-byte
// sequence (or invalid byte) that starts with byte b.
func (m *phraseMatcher) mayLead(b byte) bool { return m.wideLead[b>>6]&(1<<(b&63)) != 0 }

// wideRoot returns the node after rune r, not ASCII, at the start of a
// phrase, or 0: next(0, foldRune(r)) without folding r.
func (m *phraseMatcher) wideRoot(r rune) int32 {
	for _, e := range m.wideRoots {
		if e.r == r {
			return e.node
		}
	}
	return 0
}

// addRun adds to runs the lengths of the run of ASCII word characters a
// match of a phrase whose first word is w starts with.
func (m *phraseMatcher) addRun(w string) {
	first, _ := utf8.DecodeRuneInString(w)
	if f := foldRune(first); f >= utf8.RuneSelf || !isASCIIWord(byte(f)) {
		return // not found through an ASCII word start
	}
	n, open := 1, false
	for _, r := range w[utf8.RuneLen(first):] {
		f := foldRune(r)
		if f == 'K' || f == 'S' {
			open = true
			break
		}
		if f >= utf8.RuneSelf || !isASCIIWord(byte(f)) {
			break
		}
		n++
	}
	bit := uint64(1) << min(n, 63)
	if open {
		bit = ^(bit - 1) // n or more
	}
	f := byte(foldRune(first))
	m.runs[f] |= bit
	if 'A' <= f && f <= 'Z' {
		m.runs[f+('a'-'A')] |= bit
	}
}

// mayRun reports whether a match may start with a run of n ASCII word
// characters whose first is b.
func (m *phraseMatcher) mayRun(b byte, n int) bool {
	return m.runs[b&127]&(1<<min(n, 63)) != 0
}

// mayFollow reports whether byte c may follow the ASCII first byte b of a
// phrase in a match, or the first byte b of a multi-byte sequence that
// may start one: pairs holds b, c.
func (m *phraseMatcher) mayFollow(b, c byte) bool { return m.hasPair(uint(c)<<8 | uint(b)) }

// hasPair reports whether pairs holds k, a byte b followed by c as
// c<<8|b: the two bytes as a little-endian number.
func (m *phraseMatcher) hasPair(k uint) bool { return m.pairs[k>>6%1024]&(1<<(k&63)) != 0 }

func (m *phraseMatcher) setPair(b, c byte) {
	k := uint(c)<<8 | uint(b)
	m.pairs[k>>6] |= 1 << (k & 63)
}

// child returns the node after n on folded rune f, adding it if need be.
// Most nodes have one edge: a node's first is carved from *edges, a block
// shared with other nodes (with no room to grow into, so that a second
// edge moves the node's edges out of it), rather than allocated alone.
func (m *phraseMatcher) child(n int32, f rune, edges *[]pmEdge) int32 {
	if c := m.next(n, f); c != 0 {
		return c
	}
	m.nodes = append(m.nodes, pmNode{})
	c := int32(len(m.nodes) - 1)
	if next := m.nodes[n].next; len(next) > 0 {
		m.nodes[n].next = append(next, pmEdge{f, c})
	} else {
		if len(*edges) == cap(*edges) {
			*edges = make([]pmEdge, 0, 64)
		}
		k := len(*edges)
		*edges = append(*edges, pmEdge{f, c})
		m.nodes[n].next = (*edges)[k : k+1 : k+1]
	}
	if n == 0 && f < utf8.RuneSelf {
		m.root[f] = c
		if 'A' <= f && f <= 'Z' {
			m.root[f+('a'-'A')] = c
		}
	}
	return c
}

func (m *phraseMatcher) next(n int32, f rune) int32 {
	for _, e := range m.nodes[n].next {
		if e.r == f {
			return e.node
		}
	}
	return 0
}

// foldRune returns the smallest rune of r's simple case-folding orbit, so
// that two runes are equal ignoring case exactly when their foldRunes are.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return min
}

func isASCIIWord(b byte) bool { return asciiWord[b] }

// asciiWord holds the bytes \b counts as word characters.
var asciiWord = func() (t [256]bool) {
	for b := range 256 {
		t[b] = '0' <= b && b <= '9' || 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || b == '_'
	}
	return t
}()

// eachWordStart is each for a matcher whose matches can start only at
// the start of a run of ASCII word characters, or at the first byte of a
// multi-byte sequence (wordStarts): it finds those places eight bytes at
// a time. It stops short of the last eight bytes of text, returning
// where each is to go on, or ok false when fn returned false.
func (m *phraseMatcher) eachWordStart(text string, fn func(start, end int) bool) (i int, ok bool) {
	// runs marks the bytes of the runs starts are looked for in: the
	// ASCII letters when every phrase starts with one (letterStarts),
	// else the ASCII word characters. A letter after a digit or "_"
	// then looks like a start, and is ruled out at once.
	var prev uint64 // runs>>56 of the bytes before i
	// leads marks the first bytes of multi-byte sequences (0b11xxxxxx)
	// as starts when a phrase may start with one (wide).
	var leads uint64
	if m.wide {
		leads = swar.High
	}
	letters := m.letterStarts
scan:
	for i+8 <= len(text) {
		x := swar.Load(text, i)
		var runs uint64
		if letters {
			runs = swarLetters(x)
		} else {
			runs = asciiWordMask(x)
		}
		starts := runs&^(runs<<8|prev) | x&(x<<1)&leads
		for ; starts != 0; starts &= starts - 1 {
			tz := bits.TrailingZeros64(starts) // the high bit of byte p-i
			// Most starts are of words no phrase starts with: the pair of
			// bytes there, from x, rules them out (at the last byte of
			// x, the byte after it stands as 0, a byte that is not a
			// word character, and is looked at below).
			if !m.hasPair(uint(x>>(tz&^7)) & 0xffff) {
				continue
			}
			p := i + tz/8
			b := text[p]
			var n int32
			var end int
			switch {
			case b < utf8.RuneSelf:
				if p > 0 && isASCIIWord(text[p-1]) {
					continue // inside a run of word characters: no \b
				}
				// A word starts at p, where \b holds. pairs holds every
				// byte that is not a word character after b, as the end
				// of text stands for.
				if tz == 63 && p+1 < len(text) && !m.mayFollow(b, text[p+1]) {
					continue
				}
				n = m.root[b]
				// The word's run ends at the first byte after p that runs
				// does not mark, if it is no word character, or runs on
				// past these eight bytes.
				var q int
				if rest := (^runs & swar.High) >> tz; rest != 0 {
					q = p + bits.TrailingZeros64(rest)/8
					if isASCIIWord(text[q]) {
						q = wordRunEnd(text, q)
					}
				} else {
					q = wordRunEnd(text, i+8)
				}
				if !m.mayRun(b, q-p) {
					continue
				}
				end = m.matchAt(text, p+1, n)
			default:
				r, size := utf8.DecodeRuneInString(text[p:])
				if n = m.wideRoot(r); n == 0 || !wordBoundary(text, p) {
					continue
				}
				end = m.matchAt(text, p+size, n)
			}
			if end > p {
				if !fn(p, end) {
					return 0, false
				}
				i, prev = end, 0
				if isASCIIWord(text[end-1]) {
					prev = swar.High >> 56
				}
				continue scan
			}
		}
		i, prev = i+8, runs>>56
	}
	if i > 0 && isASCIIWord(text[i-1]) {
		// No match starts in the rest of the word that runs into the
		// last bytes; the byte-wise loop expects a word to start at i.
		i = wordRunEnd(text, i)
	}
	return i, true
}

// wordRunEnd returns the end of the run of ASCII word characters that
// starts at text[i] (i itself when there is none). It tests eight bytes
// at a time for ASCII letters and digits, the bulk of a word, then goes
// on a byte at a time from the first byte that is neither.
func wordRunEnd(text string, i int) int {
	for ; i+8 <= len(text); i += 8 {
		if w := alnumMask(swar.Load(text, i)); w != swar.High {
			i += bits.TrailingZeros64(^w&swar.High) / 8
			break
		}
	}
	for i < len(text) && isASCIIWord(text[i]) {
		i++
	}
	return i
}

// alnumMask returns x, eight bytes of text, with the high bit of each
// byte set where the byte is an ASCII letter or digit, and every other
// bit clear: swarAlnum of the bytes below 0x80.
func alnumMask(x uint64) uint64 { return swarAlnum(x&^swar.High) &^ x }

// asciiWordMask returns x, eight bytes of text, with the high bit of each
// byte set where the byte is an ASCII word character (isASCIIWord), and
// every other bit clear.
func asciiWordMask(x uint64) uint64 {
	y := x ^ '_'*swar.Ones // zero where the byte is '_'
	under := ^((y&(0x7f*swar.Ones) + 0x7f*swar.Ones) | y)
	return alnumMask(x) | under&swar.High
}

// wordBoundary reports whether \b holds at byte offset i of text.
func wordBoundary(text string, i int) bool {
	before := i > 0 && isASCIIWord(text[i-1])
	after := i < len(text) && isASCIIWord(text[i])
	return before != after
}

func (m *phraseMatcher) isSep(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' || m.hyphen && b == '-'
}

// matchAt returns the end of the phrase listed first among those that
// match from a start position, or -1, given the node n reached on the text
// up to offset i.
func (m *phraseMatcher) matchAt(text string, i int, n int32) int {
	best, bestEnd := int32(0), -1
	for {
		nd := &m.nodes[n]
		if a := nd.accept; a != 0 && (best == 0 || a < best) && wordBoundary(text, i) {
			best, bestEnd = a, i
		}
		if i >= len(text) {
			break
		}
		c := text[i]
		if nd.sep != 0 && m.isSep(c) {
			for i < len(text) && m.isSep(text[i]) {
				i++
			}
			n = nd.sep
			continue
		}
		// The rune at i, folded: an ASCII byte is folded here, without
		// a call, as foldRune would.
		f, size := rune(c), 1
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			f = foldRune(r)
		} else if 'a' <= c && c <= 'z' {
			f -= 'a' - 'A'
		}
		if n = m.next(n, f); n == 0 {
			break
		}
		i += size
	}
	return bestEnd
}

// find returns the byte range of the first phrase in text, or nil, as
// regexp.FindStringIndex would.
func (m *phraseMatcher) find(text string) []int {
	if s, e, ok := m.first(text); ok {
		return []int{s, e}
	}
	return nil
}

// first returns the byte range of the first phrase in text, as find
// does, with ok false when there is none, without allocating.
func (m *phraseMatcher) first(text string) (start, end int, ok bool) {
	m.each(text, func(s, e int) bool {
		start, end, ok = s, e, true
		return false
	})
	return start, end, ok
}

// contains reports whether text holds one of the phrases: find(text) !=
// nil.
func (m *phraseMatcher) contains(text string) bool {
	_, _, ok := m.first(text)
	return ok
}

// each calls fn with the range of every phrase in text, leftmost first and
// not overlapping, as regexp.FindAllStringIndex would, until fn returns
// false.
func (m *phraseMatcher) each(text string, fn func(start, end int) bool) {
	i := 0
	if m.wordStarts {
		var ok bool
		if i, ok = m.eachWordStart(text, fn); !ok {
			return
		}
	}
	for i < len(text) {
		b := text[i]
		if isASCIIWord(b) {
			// A word starts at i, where \b holds: the loop steps over
			// whole words, and a match ends on a word boundary.
			run := wordRunEnd(text, i+1)
			if n := m.root[b]; n != 0 && (i+1 == len(text) || m.mayFollow(b, text[i+1])) && m.mayRun(b, run-i) {
				if end := m.matchAt(text, i+1, n); end > i {
					if !fn(i, end) {
						return
					}
					i = end
					continue
				}
			}
			// No phrase starts inside a run of ASCII word characters,
			// where \b does not hold: skip to its end.
			i = run
			continue
		}
		var n int32
		size := 1
		switch {
		case b < utf8.RuneSelf:
			n = m.root[b]
		case m.mayLead(b):
			// Any other byte from 0x80 on starts no phrase, nor is any
			// byte that follows it in its sequence one mayLead has.
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			n = m.wideRoot(r)
		}
		if n != 0 && wordBoundary(text, i) {
			if end := m.matchAt(text, i+size, n); end > i {
				if !fn(i, end) {
					return
				}
				i = end
				continue
			}
		}
		i += size
	}
}
