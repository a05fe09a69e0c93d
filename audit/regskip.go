package audit

import (
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
	"github.com/sourcecheck/sourcecheck/rules"
)

// registryWords holds filters of the words a registry's aliases and
// back-references are made of (see rules.AliasWords), as the bits of one
// filterBytes: regStart for the words that start one, regWhole for those
// that are one alone, regEnd for those that end one, regAny for those in
// one, and regPair for the pairs
// of words one after the other in one (pairFilterBits), so that one
// look-up at each of a word's two positions answers for the word.
type registryWords struct {
	bits filterBytes
}

// The bits of registryWords.bits.
const (
	regStart = 1 << iota
	regWhole
	regAny
	regPair
	regEnd
	// regOther, in no look-up, marks a word the matcher does not read
	// alike (see registryStretches).
	regOther = 1 << 7
)

// newRegistryWords returns the registryWords of reg.
func newRegistryWords(reg *rules.Registry) *registryWords {
	aw := reg.Words()
	f := new(registryWords)
	for _, l := range []struct {
		words []string
		bit   uint8
	}{{aw.Start, regStart}, {aw.Whole, regWhole}, {aw.End, regEnd}, {aw.Any, regAny}} {
		for _, w := range l.words {
			a, b := wordFilterBits(w)
			f.bits.set(l.bit, a, b)
		}
	}
	for _, p := range aw.Pairs {
		w1, w2, _ := strings.Cut(p, " ")
		a1, b1 := wordFilterBits(w1)
		a2, b2 := wordFilterBits(w2)
		a, b := pairFilterBits(a1, b1, a2, b2)
		f.bits.set(regPair, a, b)
	}
	return f
}

// of returns the regStart, regWhole, regEnd and regAny bits of w, a bit set
// when w may be in the list, clear when it is not, and a regPair bit that
// means nothing.
func (f *registryWords) of(w *word) uint8 { return f.bits.of(w) }

// pair reports whether w1, then w2, may be in the list of pairs: false
// means they are not.
func (f *registryWords) pair(w1, w2 *word) bool {
	a, b := pairFilterBits(uint32(w1.fa), w1.fbits(), uint32(w2.fa), w2.fbits())
	return f.bits[a%8192]&f.bits[b%8192]&regPair != 0
}

// registryStretches walks the stretches of a text that can hold a
// registry mention, as rules.AliasWords tells them, from words, the
// words of the text: the mentions of the text are those the matcher
// finds in the stretches, moved by where each starts, and it need not
// read the rest.
//
// Most words of a sentence are in no alias, and the analyzer has worked
// out their filter bits already: the matcher, which would split and hash
// them again, is spared them, and most sentences, which mention no
// source, are spared it. A word is read alike, a plain word of the
// matcher's, when it is ASCII letters and digits only (no hyphen,
// apostrophe or period, which the matcher reads otherwise), with the
// edge of the text or an ASCII byte other than an apostrophe or a hyphen
// either side (not a mark or an apostrophe, which the matcher may join to
// a word). The text is cut between two words read alike that follow each
// other in no alias (AliasWords' first rule). A piece between cuts is
// matched from after the word before its first word that starts aliases
// or is not read alike (the second rule), and only when that word is an
// alias alone or not read alike (the third rule), or a word after it may
// end an alias or is not read alike (the fourth).
type registryStretches struct {
	fs    *registryWords
	text  string
	words []word
	// k is the index of the word next reads on from, after a cut or at
	// the start, and apart the first hyphen, apostrophe or byte that is
	// not ASCII at or after the last word looked at (apartFrom).
	k, apart int
}

// newRegistryStretches returns the registryStretches of text, whose
// words are words.
func newRegistryStretches(fs *registryWords, text string, words []word) registryStretches {
	return registryStretches{fs: fs, text: text, words: words, apart: apartFrom(text, 0)}
}

// next returns the next stretch, text[lo:hi], and true, or false when
// there is none left.
func (r *registryStretches) next() (lo, hi int, ok bool) {
	fs, words, apart := r.fs, r.words, r.apart
	// of returns the bits of words[k], as if it were a word that starts
	// aliases, alone and with any word after it, and ends one, when it
	// is not read alike.
	of := func(k int) int {
		w := &words[k]
		v := int(fs.of(w))
		if apart <= w.end || !w.plain {
			if apart < w.start-1 {
				apart = apartFrom(r.text, w.start-1)
			}
			if apart <= w.end || !w.plain {
				v = regOther | regAny | regEnd | regWhole | regStart
			}
		}
		return v
	}
	for k := r.k; k < len(words); {
		// The words before the first that starts aliases start no
		// mention.
		v := of(k)
		if v&regStart == 0 {
			k++
			continue
		}
		// The piece from words[first] up to a cut: a word and the one
		// before read alike and not a pair of an alias, as when one is
		// in none. It may hold a mention when a word after the first
		// may end an alias, or the first is an alias alone (the fourth
		// rule: most pieces are "the" and a word such as "new" that
		// goes on with it in an alias but ends none).
		first, live := k, v&regWhole
		for k++; k < len(words); k++ {
			prev := v
			v = of(k)
			if (prev|v)&regOther|prev&v&regAny == 0 || (prev|v)&regOther == 0 && !fs.pair(&words[k-1], &words[k]) {
				break
			}
			live |= v & regEnd
		}
		if live != 0 {
			r.k, r.apart = k, apart
			hi := len(r.text)
			if k < len(words) {
				hi = words[k-1].end
			}
			return stretchStart(words, first), hi, true
		}
	}
	r.k, r.apart = len(words), apart
	return 0, 0, false
}

// stretchStart returns where a stretch whose first word that starts
// aliases is words[first] starts: after the word before.
func stretchStart(words []word, first int) int {
	if first == 0 {
		return 0
	}
	return words[first-1].end
}

// apartFrom returns the offset of the first byte of text at or after i
// that is a hyphen, an apostrophe or not ASCII, or len(text)+1 when
// there is none: a word of text from i read alike ends before it.
func apartFrom(text string, i int) int {
	// The high bit of each byte of x that is one: for an ASCII byte c,
	// (c^k)+0x7f has its high bit set unless c is k, and carries into
	// no other byte. A byte that is not ASCII may carry into the byte
	// after it, but has its high bit set: the first byte told is right.
	apart := func(x uint64) uint64 {
		const k = 0x7f * swar.Ones
		return swar.High &^ ((x ^ ('\'' * swar.Ones) + k) & (x ^ ('-' * swar.Ones) + k) &^ x)
	}
	for ; i+8 <= len(text); i += 8 {
		if m := apart(swar.Load(text, i)); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	if i < len(text) {
		if len(text) < 8 {
			for ; i < len(text); i++ {
				if c := text[i]; c >= utf8.RuneSelf || c == '\'' || c == '-' {
					return i
				}
			}
			return len(text) + 1
		}
		// The last eight bytes, those before i left out.
		if m := apart(swar.Load(text, len(text)-8)) >> (8 * (i + 8 - len(text))); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	return len(text) + 1
}
