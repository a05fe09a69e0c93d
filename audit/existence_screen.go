package audit

import "strings"

// existenceScreen is a screen of the sentences that may hold a phrase of
// an engine's existence rules, worked out by Analyze from the words it
// splits each sentence into anyway, so that the rules scan only those
// sentences again (see existence.Run).
//
// It holds the first and the second words of the phrases. Every phrase
// it is made of has two or more words, each of ASCII letters and digits
// only (screenablePhrases). A match of one is its first word, a run of
// white space and its second word, and so on, with \b at each end; the
// analysis word holding the end of the first word ends there, and starts
// where the match does or is not alnum (a joiner, or a rune past ASCII,
// is before it: \b is ASCII), and the next word starts at the second
// word and ends with it or is not alnum. An alnum word is its text, case
// folded: so it is the phrase's word, whatever the case, while a word
// that is not alnum may stand for any (it may hold the Kelvin sign or
// the long s, which fold to "k" and "s"). A sentence may hold a match
// only where two words in a row are a first word (or any) then a second
// word (or any).
type existenceScreen struct {
	// t has bit existFirst of entry a set for each first word, bit
	// existSecond for each second word, a its first wordFilterBits
	// position modulo the table's size: a word may be one of them when
	// its entry has the bit. (One look-up a word; a small table stays in
	// the cache, and lets through about one word in a hundred that is
	// none of the few words of the phrases.)
	t [existenceScreenSize]uint8
}

const existenceScreenSize = 1024

// Bits of existenceScreen.t.
const (
	existFirst  = 1
	existSecond = 2
)

// newExistenceScreen returns the screen of the phrases of the existence
// rules in rs that are matched by phrases alone and whose phrases can be
// screened (existence.heads), or nil when there are none.
func newExistenceScreen(rs []compiled) *existenceScreen {
	var s *existenceScreen
	for i := range rs {
		x, ok := rs[i].check.(existence)
		if !ok || x.heads == nil {
			continue
		}
		if s == nil {
			s = new(existenceScreen)
		}
		for _, h := range x.heads {
			s.add(existFirst, h[0])
			s.add(existSecond, h[1])
		}
	}
	return s
}

func (s *existenceScreen) add(bit uint8, w string) {
	a, _ := wordFilterBits(w)
	s.t[a%existenceScreenSize] |= bit
}

// of returns the bits of t word w may have: both when w is not alnum.
func (s *existenceScreen) of(w *word) uint8 {
	return s.t[w.fa%existenceScreenSize] | uint8(b2u(!w.alnum()))*(existFirst|existSecond)
}

// screenablePhrases returns the first two words of each phrase,
// lower-cased, when every phrase has two words or more, all of ASCII
// letters and digits; else nil (the screen cannot rule out a sentence
// for them). shortest is then the length of the shortest match, in
// bytes: its words' letters, a byte or more each, and a byte between
// two words.
func screenablePhrases(phrases [][]string) (heads [][2]string, shortest int) {
	heads = make([][2]string, 0, len(phrases))
	for _, words := range phrases {
		if len(words) < 2 {
			return nil, 0
		}
		n := len(words) - 1
		for _, w := range words {
			if !isAlnum(w) {
				return nil, 0
			}
			n += len(w)
		}
		if len(heads) == 0 || n < shortest {
			shortest = n
		}
		heads = append(heads, [2]string{strings.ToLower(words[0]), strings.ToLower(words[1])})
	}
	if len(heads) == 0 {
		return nil, 0
	}
	return heads, shortest
}

// mayHold reports whether a sentence whose words (as appendWords splits
// them) are words may hold a phrase of s: false means it holds none.
// It asks every word, and keeps the answers by arithmetic rather than
// branches.
func (s *existenceScreen) mayHold(words []word) bool {
	n := len(words)
	if n < 2 {
		return false
	}
	last := &words[n-1]
	// Hit has bit 0 set when a word may be a first word and the next a
	// second: two words a step, then the last of an odd number, without
	// a branch.
	var prev, hit uint8
	for ; len(words) >= 2; words = words[2:] {
		b0, b1 := s.of(&words[0]), s.of(&words[1])
		hit |= prev&(b0>>1) | b0&(b1>>1)
		prev = b1
	}
	hit |= prev & (s.of(last) >> 1) & -uint8(n&1)
	return hit != 0
}

// existenceBits is what Analyze found of the phrases of an engine's
// existence rules, asking its existenceScreen: which sentences cannot
// hold one.
type existenceBits = sentenceScreen[existenceScreen]

// existenceCut marks the bytes no match of a phrase of ASCII letters and
// digits can hold, and that \b counts as no word character: every byte
// but the ASCII word characters, the white space that separates words,
// and the bytes of the runes past ASCII that fold to an ASCII letter
// (foldsToASCII). A match lies wholly on one side of each.
var existenceCut = func() (t [256]bool) {
	for b := range 256 {
		t[b] = !isASCIIWord(byte(b)) && !strings.ContainsRune(" \t\n\f\r", rune(b))
	}
	for _, r := range foldsToASCII {
		for _, b := range []byte(string(r)) {
			t[b] = false
		}
	}
	return t
}()

// foldsToASCII are the runes past ASCII whose simple case folding holds
// an ASCII letter: the long s and the Kelvin sign.
var foldsToASCII = []rune{'\u017f', '\u212a'}

// scanScreened calls report for each match of x.tokens in text, block
// bi's source text, as x.tokens.each(text, report) would, but scans only
// the parts of text that may hold one: it steps over the block's
// sentences doc.exist rules out, when a match cannot cross their ends.
// The block's sentences are looked for from si on; it returns the
// index of the first sentence after them.
func (x existence) scanScreened(doc *Document, bi, si int, text string, report func(start, end int) bool) int {
	sents := doc.Sentences
	base := doc.Blocks[bi].view.Start
	from := 0 // where the next part to scan starts
	for ; si < len(sents) && sents[si].Block == bi; si++ {
		if !doc.exist.free.has(si) {
			continue
		}
		s := &sents[si]
		start, end := s.view.Start-base, s.view.End-base
		if start < from || end <= start || end > len(text) || s.Text != text[start:end] {
			continue
		}
		// No match crosses the sentence's ends: on each side, past any
		// white space (the matcher's separators), is a cut or the end of
		// the block. (A match holds no cut, and starts and ends with a
		// letter.)
		if !existenceCut[text[end-1]] {
			k := end
			for k < len(text) && x.tokens.isSep(text[k]) {
				k++
			}
			if k < len(text) && !existenceCut[text[k]] {
				continue
			}
		}
		k := start - 1
		for k >= 0 && x.tokens.isSep(text[k]) {
			k--
		}
		if k >= 0 && !existenceCut[text[k]] {
			continue
		}
		// A part shorter than the shortest phrase holds none: most
		// are the space between two sentences.
		if start-from >= x.shortest {
			x.scanPart(text, from, start, report)
		}
		from = end
	}
	if len(text)-from >= x.shortest {
		x.scanPart(text, from, len(text), report)
	}
	return si
}

// scanPart reports the matches in text[from:to], at their offsets in
// text.
func (x existence) scanPart(text string, from, to int, report func(start, end int) bool) {
	if from == 0 && to == len(text) {
		x.tokens.each(text, report)
		return
	}
	x.tokens.each(text[from:to], func(start, end int) bool { return report(from+start, from+end) })
}
