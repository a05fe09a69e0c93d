package audit

import (
	"strings"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

// registryWords holds filters of the words a registry's aliases and
// back-references are made of (see rules.AliasWords): bits has, at each
// bit position of a wordFilter, regStart set if the filter of the words
// that start one has it, and regWhole if that of the words that are one
// alone has it, so that one look-up at each of a word's two positions
// answers both; pairs is the filter of the pairs of words they start
// with (pairFilterBits).
type registryWords struct {
	bits  [8192]uint8
	pairs wordFilter
}

// The bits of registryWords.bits.
const (
	regStart = 1 << iota
	regWhole
)

// newRegistryWords returns the registryWords of reg.
func newRegistryWords(reg *rules.Registry) *registryWords {
	aw := reg.Words()
	f := new(registryWords)
	for _, w := range aw.Start {
		a, b := wordFilterBits(w)
		f.bits[a] |= regStart
		f.bits[b] |= regStart
	}
	for _, w := range aw.Whole {
		a, b := wordFilterBits(w)
		f.bits[a] |= regWhole
		f.bits[b] |= regWhole
	}
	for _, p := range aw.Pairs {
		w1, w2, _ := strings.Cut(p, " ")
		a1, b1 := wordFilterBits(w1)
		a2, b2 := wordFilterBits(w2)
		f.pairs.set(pairFilterBits(a1, b1, a2, b2))
	}
	return f
}

// of returns the regStart and regWhole bits of w: a bit is set when w
// may be in the list, clear when it is not.
func (f *registryWords) of(w *word) uint8 {
	return f.bits[w.fa%8192] & f.bits[w.fb%8192]
}

// registrySkip returns how much of text the registry matcher need not
// read, from words, the words of text: the offset after the leading
// words that start no mention, as rules.AliasWords tells them, or
// len(text) when that is every word. The mentions of text are those of
// the rest.
//
// Most words of a sentence can start no mention, and the analyzer has
// worked out their filter bits already: the matcher, which would split
// and hash them again, is spared them, and most sentences, which mention
// no source, are spared it. The words passed are those the matcher reads
// alike: ASCII letters and digits only (no hyphen, apostrophe or period,
// which it reads otherwise), with an ASCII byte other than an apostrophe
// (not a mark or an apostrophe, which it may join to a word) either side.
// Such a word is passed when it starts no alias, or starts aliases, is
// none alone and does not start one with the word after it ("the
// offensive").
func registrySkip(fs *registryWords, text string, words []word) int {
	p := 0
	// special is the first hyphen or apostrophe at or after the last
	// word looked at, len(text) when there is none; prev the end of that
	// word (-1 before the first).
	special, prev := -1, -1
	lone := -1 // the index of the word before if it starts aliases but is none alone
	for k := range words {
		w := &words[k]
		if !w.plain { // a plain word is ASCII (isPlainQWord)
			return p
		}
		// The byte before the word, when it is not the one after the
		// word before (checked below), and the one after it.
		if w.start > prev+1 {
			if c := text[w.start-1]; c >= utf8.RuneSelf || c == '\'' {
				return p
			}
		}
		if w.end < len(text) {
			if c := text[w.end]; c >= utf8.RuneSelf || c == '\'' {
				return p
			}
		}
		prev = w.end
		if special < w.end {
			if special >= w.start {
				return p
			}
			special = min(indexByteFrom(text, w.start, '-'), indexByteFrom(text, w.start, '\''))
			if special < w.end {
				return p
			}
		}
		if lone >= 0 {
			lw := &words[lone]
			if fs.pairs.has(pairFilterBits(uint32(lw.fa), uint32(lw.fb), uint32(w.fa), uint32(w.fb))) {
				return p
			}
			p = lw.end
		}
		// One word in five or so starts aliases, at no pattern a branch
		// could learn: lone and p are set without one.
		v := fs.of(w)
		if v&regWhole != 0 {
			return p
		}
		start := int(v & regStart) // 1 or 0
		lone = (k+1)*start - 1
		p += (w.end - p) * (1 - start)
	}
	if lone >= 0 {
		return p
	}
	return len(text)
}

// indexByteFrom returns the offset of the first c in s at or after i, or
// len(s) if there is none.
func indexByteFrom(s string, i int, c byte) int {
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return len(s)
}
