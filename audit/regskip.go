package audit

import (
	"strings"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

// registryWords holds filters of the words a registry's aliases and
// back-references are made of (see rules.AliasWords): those that start
// one, those that are one alone, and all of them.
type registryWords struct {
	start, whole, any wordFilter
}

// newRegistryWords returns the registryWords of reg.
func newRegistryWords(reg *rules.Registry) *registryWords {
	aw := reg.Words()
	f := new(registryWords)
	for _, w := range aw.Start {
		f.start.add(w)
	}
	for _, w := range aw.Whole {
		f.whole.add(w)
	}
	for _, w := range aw.Any {
		f.any.add(w)
	}
	return f
}

// registrySkip returns how much of text the registry matcher need not
// read, from words, the words of text: the offset after the leading
// words that no mention holds, as rules.AliasWords tells them, or
// len(text) when that is every word. The mentions of text are those of
// the rest.
//
// Most words of a sentence can be in no mention, and the analyzer has
// worked out their filter bits already: the matcher, which would split
// and hash them again, is spared them, and most sentences, which mention
// no source, are spared it. The words passed are those the matcher reads
// alike: ASCII letters and digits only (no hyphen, apostrophe or period,
// which it reads otherwise), with an ASCII byte other than an apostrophe
// (not a mark or an apostrophe, which it may join to a word) either side.
// Such a word is passed when it starts no alias, or starts aliases, is
// none alone and is followed by one that is in none ("the offensive").
func registrySkip(fs *registryWords, text string, words []word) int {
	p := 0
	// special is the first hyphen or apostrophe at or after the last
	// word looked at, len(text) when there is none; prev the end of that
	// word (-1 before the first).
	special, prev := -1, -1
	lone := false // the word before starts aliases but is none alone
	for k := range words {
		w := &words[k]
		if !w.ascii || !w.plain {
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
		switch {
		case lone:
			if fs.any.hasWord(w) {
				return p
			}
			lone = false
			p = w.end
		case fs.start.hasWord(w):
			if fs.whole.hasWord(w) {
				return p
			}
			lone = true
		default:
			p = w.end
		}
	}
	if lone {
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
