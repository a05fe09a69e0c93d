package rules

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Mention is one occurrence of a source's alias or back-reference in a
// text. Start and End are byte offsets into the text that was matched, so
// text[Start:End] is the mention as written.
type Mention struct {
	Start, End int
	// SourceID is the ID of the source named. For a back-reference it is
	// empty until Resolve finds the source it refers to, and stays empty if
	// there is none.
	SourceID string
	// Alias is the registry's spelling of the alias or back-reference that
	// matched.
	Alias string
	// BackRef is true when the mention is a back-reference ("the NGO")
	// rather than a name.
	BackRef bool
}

// Match returns every mention of a registered source in text, in text
// order. Mentions do not overlap: scanning left to right, at each word the
// longest alias or back-reference starting there wins ("Syrian Observatory
// for Human Rights" over "Syrian Observatory"), unless a match starting
// inside it reaches further ("the Bank of England" is one mention of the
// Bank of England, not the back-reference "the Bank"); scanning resumes
// after the match. A mention covers words only, so "U.N." yields "U.N". Back-references are returned with an empty SourceID; pass the result
// to Resolve to attach them to the sources they refer to.
//
// Matching works on words: runs of letters and digits, with accents folded
// away (é = e, ß = ss) and letter case ignored. Aliases therefore match only
// whole words ("AFP" does not match inside "AFPX"), and:
//
//   - Aliases with at most four letters in total ("AFP", "UN", "U.N.",
//     "WHO", "Fed", "BoE") are matched case-sensitively, exactly as written
//     in the registry, so that "WHO" is not found in "who" nor "UN" in the
//     French "un". All-caps text ("WHO SAID") is therefore still matched.
//   - Between the words of an alias the text may have spaces, at most one
//     line break, hyphens, apostrophes or "&"; a period only after a single
//     letter ("U.S. State Department"); and a comma only where the alias has
//     one. Anything else (brackets, quotes, a blank line, a sentence-ending
//     period) separates words that cannot be part of the same mention.
//   - An apostrophe inside a word is dropped ("Hay'at" = "Hayat", "People's"
//     = "Peoples"), except after a French elided article or pronoun ("l'OSDH",
//     "d'Etat"), where it separates words.
//   - A possessive "'s" may follow the last word of an alias ("SOHR's
//     director" mentions SOHR; End stops before the apostrophe). So may a
//     bare "s" on a capitalised word, because some corpora strip apostrophes
//     ("SANAs report"); back-references never take this bare "s", so that
//     "the NGOs" is not read as "the NGO".
//
// Match takes time linear in the length of text.
func (r *Registry) Match(text string) []Mention {
	return r.AppendMatch(nil, text)
}

// AppendMatch appends the mentions Match would return for text to dst and
// returns the extended slice, so that a caller matching many texts can
// reuse one buffer. The mentions in dst are left as they are.
func (r *Registry) AppendMatch(dst []Mention, text string) []Mention {
	return r.appendMatch(nil, dst, text)
}

// A MatchScratch is the memory a match works in, for a caller that
// matches many texts in turn to keep (AppendMatchScratch) rather than
// take from a pool shared by all goroutines each time. Its zero value is
// ready to use; it must not be used by two matches at once.
type MatchScratch struct{ s scratch }

// AppendMatchScratch is AppendMatch working in sc.
func (r *Registry) AppendMatchScratch(sc *MatchScratch, dst []Mention, text string) []Mention {
	return r.appendMatch(&sc.s, dst, text)
}

// appendMatch is AppendMatch working in sc, or in scratch from the pool
// when sc is nil.
func (r *Registry) appendMatch(sc *scratch, dst []Mention, text string) []Mention {
	m := r.m
	// Most texts have no word that can start a mention: those are done
	// without the tokeniser's scratch.
	from := m.words.skipDropped(text, 0)
	if from == len(text) {
		return dst
	}
	if sc == nil {
		sc = scratchPool.Get().(*scratch)
		defer scratchPool.Put(sc)
	}
	sc.toks, sc.arena = sc.toks[:0], sc.arena[:0]
	sc.tokenize(text, from, &m.words)

	out := dst
	toks := sc.toks
	for i := 0; i < len(toks); {
		t, end, last := m.longestAt(text, toks, sc.arena, i)
		if t == nil {
			i++
			continue
		}
		// A match starting inside this one that reaches further wins:
		// "the Bank of England" is the Bank of England, not the back-reference
		// "the Bank" followed by "of England".
		for k := i + 1; k <= last; k++ {
			if t2, end2, last2 := m.longestAt(text, toks, sc.arena, k); t2 != nil && last2 > last {
				i, t, end, last = k, t2, end2, last2
			}
		}
		out = append(out, Mention{
			Start:    toks[i].start,
			End:      end,
			SourceID: t.id,
			Alias:    t.alias,
			BackRef:  t.backref,
		})
		i = last + 1
	}
	return out
}

// AliasWords are the words of ASCII letters and digits, in lower case,
// that the aliases and back-references of a registry are made of, each
// also with an "s" added (a capitalised word may be matched without its
// final "s", as in "SANAs"). Words returns them, for a caller that has
// split a text into words to match only parts of it.
//
// Take the words of a text as Match reads them (runs of letters, digits
// and marks, in which an apostrophe before a letter is kept and a hyphen
// or a period is not), and call one plain when it is ASCII letters and
// digits with, either side, the edge of the text or an ASCII byte that
// is no apostrophe. Match reads a plain word alike in any slice of the
// text that holds it, whatever the slice holds beside it: it reads a
// word from its first letter, digit or mark on, up to a byte that is
// none nor an apostrophe, and looks past an apostrophe only; a final "s"
// (a stem) is the word's own. A mention is a run of words one after the
// other: the first in Start, each two in Pairs (the last may be matched
// by its stem, whose word with an "s" is then in them) and, a word alone,
// in Whole. So:
//
//   - If two plain words follow each other and, in lower case and joined
//     by a space, are not in Pairs (as when one is not in Any), no
//     mention holds both, and the mentions of text are those of text[:i],
//     then those of text[i:] moved by i, for any i from the end of the
//     first to the start of the second. Match's scan, which goes on after
//     a match or else at the next word, reaches the second word as it
//     does the first of text[i:]: a match before it ends at the first at
//     the latest, and so does any match starting inside it, which would
//     win were it longer. Match reads the words before the second as in
//     text[:i], and the second and those after it as in text[i:], but
//     for the separation before the second, at which only a mention
//     holding both words would look.
//   - If the words of text[:p] are plain and not in Start, p being 0 or
//     the end of one of them, no mention holds them, and the mentions of
//     text are those of text[p:] moved by p.
//   - A text whose only word is plain and not in Whole has no mention.
//   - A text whose words are plain, none after the first in End, and the
//     first not in Whole, has no mention: the last word of a mention is
//     in End (it is the last of an alias, or that word with an "s",
//     matched by its stem), and a mention of the first word only is in
//     Whole.
type AliasWords struct {
	// Start holds the words that aliases and back-references start with,
	// Whole those that are an alias or back-reference alone, End those
	// that they end with, and Any every word of one.
	Start, Whole, End, Any []string
	// Pairs holds every two words one after the other in an alias or
	// back-reference, joined by a space, the second also with an "s"
	// added.
	Pairs []string
}

// Words returns the words of ASCII letters and digits that r's aliases
// and back-references are made of, each list sorted.
func (r *Registry) Words() AliasWords {
	// The same word is on many edges ("the", "of"): each is taken once,
	// with the lists it is in, and every word and its plural are sorted
	// once for all the lists rather than each list with its repeats.
	const (
		inStart = 1 << iota
		inWhole
		inEnd
		inAny
	)
	var (
		uniq    []string // the distinct ASCII words of the edges
		in      []uint8  // the lists uniq[k] is in
		index   = make(map[string]int32)
		nodeIdx = make([]int32, len(r.m.terms)) // the index in uniq of each node's word, or -1
	)
	for _, e := range r.m.edges {
		if e.child == 0 {
			continue
		}
		nodeIdx[e.child] = -1
		if !isASCIIWord(e.word) {
			continue
		}
		k, ok := index[e.word]
		if !ok {
			k = int32(len(uniq))
			index[e.word] = k
			uniq, in = append(uniq, e.word), append(in, 0)
		}
		nodeIdx[e.child] = k
	}
	type pairKey struct{ w1, w2 int32 }
	seenPairs := make(map[pairKey]bool)
	var pairs []string
	for _, e := range r.m.edges {
		if e.child == 0 || nodeIdx[e.child] < 0 {
			continue
		}
		k := nodeIdx[e.child]
		f := uint8(inAny)
		if len(r.m.terms[e.child]) > 0 {
			f |= inEnd
		}
		if e.parent == 0 {
			f |= inStart
			if len(r.m.terms[e.child]) > 0 {
				f |= inWhole
			}
		} else if k1 := nodeIdx[e.parent]; k1 >= 0 && !seenPairs[pairKey{k1, k}] {
			seenPairs[pairKey{k1, k}] = true
			pair := uniq[k1] + " " + uniq[k] + "s"
			pairs = append(pairs, pair[:len(pair)-1], pair)
		}
		in[k] |= f
	}
	type form struct {
		s string
		k int32 // the word s is or is the plural of
	}
	forms := make([]form, 0, 2*len(uniq))
	for k, w := range uniq {
		forms = append(forms, form{w, int32(k)}, form{w + "s", int32(k)})
	}
	slices.SortFunc(forms, func(a, b form) int { return strings.Compare(a.s, b.s) })
	var w AliasWords
	for _, l := range []struct {
		list *[]string
		bit  uint8
	}{{&w.Start, inStart}, {&w.Whole, inWhole}, {&w.End, inEnd}, {&w.Any, inAny}} {
		for _, f := range forms {
			if in[f.k]&l.bit != 0 {
				*l.list = append(*l.list, f.s)
			}
		}
		// A word that is another's plural ("courts", "court") is there
		// twice, side by side.
		*l.list = slices.Compact(*l.list)
	}
	slices.Sort(pairs)
	w.Pairs = slices.Compact(pairs)
	return w
}

// isASCIIWord reports whether s is a non-empty run of ASCII letters and
// digits.
func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if asciiWord[s[i]] == 0 {
			return false
		}
	}
	return s != ""
}

// Resolve returns a copy of mentions, sorted by position, in which every
// back-reference has the SourceID of the most recent earlier named source
// that lists it among its back-references ("the NGO" after "SOHR" is sohr).
// A back-reference with no such antecedent keeps an empty SourceID: it is
// reported as unresolved rather than dropped, and Unresolved picks those
// out. Named mentions are returned unchanged.
func (r *Registry) Resolve(mentions []Mention) []Mention {
	out := slices.Clone(mentions)
	r.resolve(out)
	return out
}

// AppendResolve appends what Resolve would return for mentions to dst and
// returns the extended slice, so that a caller resolving the mentions of
// many texts can reuse one buffer rather than have each copied anew. The
// mentions in dst are left as they are; mentions and dst[len(dst):cap(dst)]
// must not overlap.
func (r *Registry) AppendResolve(dst, mentions []Mention) []Mention {
	n := len(dst)
	dst = append(dst, mentions...)
	r.resolve(dst[n:])
	return dst
}

// resolve is Resolve in place: it sorts out and resolves its
// back-references.
func (r *Registry) resolve(out []Mention) {
	slices.SortStableFunc(out, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
	for i := range out {
		if !out[i].BackRef {
			continue
		}
		out[i].SourceID = ""
		owners, ok := r.backrefSpellings[out[i].Alias]
		if !ok {
			owners = r.backrefOwners[normalizeKey(out[i].Alias)]
		}
		for k := i - 1; k >= 0; k-- {
			prev := out[k]
			if prev.BackRef || prev.SourceID == "" {
				continue
			}
			if owners[prev.SourceID] {
				out[i].SourceID = prev.SourceID
				break
			}
		}
	}
}

// Unresolved returns the back-references in mentions that have no
// SourceID, as left by Resolve.
func Unresolved(mentions []Mention) []Mention {
	var out []Mention
	for _, m := range mentions {
		if m.BackRef && m.SourceID == "" {
			out = append(out, m)
		}
	}
	return out
}

// gapKind classifies the characters between two words, from the weakest
// separation to the strongest.
type gapKind uint8

const (
	gapSoft  gapKind = iota // spaces, one line break, hyphens, apostrophes, "&", a period after an initial
	gapComma                // as soft, plus at least one comma
	gapBreak                // anything else: words cannot be in one mention
)

// stemKind says whether a word may also match without a final "s".
type stemKind uint8

const (
	stemNone       stemKind = iota
	stemPossessive          // "SOHR's"
	stemPlainS              // "SANAs", capitalised, in text that lost its apostrophes
)

// token is one word of a text. Its normalised form (the key) is stored in a
// shared byte arena so that tokenising allocates nothing per word.
type token struct {
	start, end int    // byte offsets of the word in the text
	key0, key1 int    // arena[key0:key1] is the normalised word
	stemEnd    int    // text offset where the word's stem ends, if stem != stemNone
	stemKey1   int    // arena[key0:stemKey1] is the normalised stem
	hash       uint64 // wordHash of the key
	stemHash   uint64 // wordHash of the stem, if stem != stemNone
	stem       stemKind
	gap        gapKind // separation from the previous word
	single     bool    // the word is a single letter (an initial)
}

type scratch struct {
	toks  []token
	arena []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// charClass is what tokenize makes of a character.
type charClass uint8

const (
	classBreak   charClass = iota // separates words that cannot be in one mention
	classWord                     // part of a word (isWordRune)
	classSoft                     // space, hyphen, apostrophe, "&", format character
	classNewline                  // a line break
	classPeriod                   // "."
	classComma                    // ","
)

func classify(r rune) charClass {
	switch {
	case isWordRune(r):
		return classWord
	case r == '\n':
		return classNewline
	case unicode.IsSpace(r), isHyphen(r), isApostrophe(r), r == '&', unicode.Is(unicode.Cf, r):
		return classSoft
	case r == '.':
		return classPeriod
	case r == ',':
		return classComma
	}
	return classBreak
}

// asciiClass is classify of every ASCII character, and asciiWord the
// normalised form of every byte that is an ASCII letter or digit (0 for
// the other bytes), so that tokenize reads ASCII text a byte at a time
// without decoding runes.
var (
	asciiClass [utf8.RuneSelf]charClass
	asciiWord  [256]byte
)

func init() {
	for c := range asciiClass {
		asciiClass[c] = classify(rune(c))
		if asciiClass[c] == classWord {
			asciiWord[c] = appendFolded(nil, rune(c))[0]
		}
	}
}

// tokenize splits text into words, appending them to toks and their
// normalised forms to arena.
//
// With words not nil, tokenize leaves out the words that can be part of
// no mention: those no alias has, those that start none and follow a
// gapBreak, and most of those that start aliases but are none alone when
// nothing that can go on with them follows (see skipDropped). The matcher
// needs only to know that no mention spans them, which the gap of the
// next word (gapBreak) says. Most words of a text are in no alias or are
// the "of" or "and" of one, so this spares the matcher looking at them at
// all.
func tokenize(text string, toks []token, arena []byte, words *wordFilter) ([]token, []byte) {
	sc := scratch{toks: toks, arena: arena}
	from := 0
	if words != nil {
		from = words.skipDropped(text, 0)
	}
	sc.tokenize(text, from, words)
	return sc.toks, sc.arena
}

// tokenize is tokenize appending to sc.toks and sc.arena (the slices
// stay in memory, out of the registers the scan needs), from text[from:],
// which follows a gapBreak or starts the text. With words not nil, from
// is where words.skipDropped(text, 0) stops, which it is not asked again
// (it would stop there again: it steps over the same words from the
// same state).
func (sc *scratch) tokenize(text string, from int, words *wordFilter) {
	gap, newlines, periods := gapBreak, 0, 0
	prevSingle := false
	for i := from; i < len(text); {
		if gap == gapBreak && words != nil && i != from {
			// Nothing up to the next word can make a gap weaker than
			// gapBreak, and most words after one are dropped: skip them
			// in a loop of their own.
			if i = words.skipDropped(text, i); i == len(text) {
				break
			}
		}
		var cl charClass
		size := 1
		if c := text[i]; c < utf8.RuneSelf {
			cl = asciiClass[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			cl = classify(r)
		}
		if cl != classWord {
			switch cl {
			case classNewline:
				newlines++
				if newlines > 1 {
					gap = gapBreak
				}
			case classPeriod:
				periods++
				if !prevSingle || periods > 1 {
					gap = gapBreak
				}
			case classComma:
				gap = max(gap, gapComma)
			case classBreak:
				gap = gapBreak
			}
			i += size
			continue
		}

		// Most words are plain: ASCII letters and digits, then ASCII
		// punctuation, a space or the end of the text. A plain word is
		// hashed straight from the text, most often in one eight-byte step
		// (it is short), and copied, folded, into the arena only if it is
		// kept.
		// The next eight bytes, zero past the end of text: in a text of
		// eight bytes or more, its last eight with the bytes before i
		// shifted out when fewer are left (no branch on where it ends).
		var x uint64
		if len(text) >= 8 {
			at := min(i, len(text)-8)
			x = le64(text, at) >> (8 * uint(i-at) & 63)
		} else {
			x = le64Short(text, i)
		}
		n := asciiWordLen(x)
		j := i + n
		if n == 8 {
			j = asciiWordEnd(text, j)
		}
		if n > 0 && (j == len(text) || text[j] < utf8.RuneSelf && text[j] != '\'') {
			const lower = 0x2020202020202020
			stem := j-i >= 3 && text[j-1] == 's' && 'A' <= text[i] && text[i] <= 'Z'
			var h, sh uint64
			if n < 8 {
				key := (x | lower) & (1<<(8*n) - 1)
				h = hashTail(uint64(n), key)
				if stem {
					sh = hashTail(uint64(n-1), key&(1<<(8*(n-1))-1))
				}
			} else {
				h = textWordHash(text, i, j)
				if stem {
					sh = textWordHash(text, i, j-1)
				}
			}
			next := j // past the word and the one space that most often follows it
			if j < len(text) && text[j] == ' ' {
				next++
			}
			if words != nil && !words.keep(h, sh, stem, gap) {
				gap, newlines, periods, prevSingle = gapBreak, 0, 0, j-i == 1
				i = next
				continue
			}
			t := token{start: i, end: j, key0: len(sc.arena), gap: gap, hash: h, single: j-i == 1}
			if n < 8 {
				sc.arena = binary.LittleEndian.AppendUint64(sc.arena, (x|lower)&(1<<(8*n)-1))[:t.key0+n]
			} else {
				for k := i; k < j; k++ {
					sc.arena = append(sc.arena, asciiWord[text[k]])
				}
			}
			t.key1 = len(sc.arena)
			if stem {
				t.stem, t.stemEnd, t.stemKey1, t.stemHash = stemPlainS, j-1, t.key1-1, sh
			}
			sc.toks = append(sc.toks, t)
			gap, newlines, periods, prevSingle = gapSoft, 0, 0, t.single
			i = next
			continue
		}

		// Any other word is folded rune by rune.
		t := token{start: i, key0: len(sc.arena), gap: gap}
		runes := 0
	word:
		for i < len(text) {
			c := text[i]
			if f := asciiWord[c]; f != 0 {
				sc.arena = append(sc.arena, f)
				runes++
				i++
				continue
			}
			if c < utf8.RuneSelf && !isApostrophe(rune(c)) {
				break
			}
			r, size := decodeAt(text, i)
			switch {
			case isWordRune(r):
				n := len(sc.arena)
				sc.arena = appendFolded(sc.arena, r)
				if len(sc.arena) > n {
					runes++
				}
				i += size
			case isApostrophe(r):
				next, nsize := decodeAt(text, i+size)
				if i+size >= len(text) || !unicode.IsLetter(next) || isElision(sc.arena[t.key0:], runes) {
					break word
				}
				after, _ := decodeAt(text, i+size+nsize)
				if (next == 's' || next == 'S') && (i+size+nsize >= len(text) || !isWordRune(after)) {
					t.stem, t.stemEnd, t.stemKey1 = stemPossessive, i, len(sc.arena)
					sc.arena = append(sc.arena, 's')
					i += size + nsize
					break word
				}
				i += size // an apostrophe inside a word: dropped
			default:
				break word
			}
		}
		if len(sc.arena) == t.key0 {
			continue // only marks that fold to nothing
		}
		t.end, t.single = i, runes == 1
		if t.stem == stemNone && runes >= 3 && text[t.end-1] == 's' && isUpperAt(text, t.start) {
			t.stem, t.stemEnd, t.stemKey1 = stemPlainS, t.end-1, len(sc.arena)-1
		}
		t.hash = wordHash(sc.arena[t.key0:])
		if t.stem != stemNone {
			t.stemHash = wordHash(sc.arena[t.key0:t.stemKey1])
		}
		if words != nil && !words.keep(t.hash, t.stemHash, t.stem != stemNone, t.gap) {
			sc.arena = sc.arena[:t.key0]
			gap, newlines, periods, prevSingle = gapBreak, 0, 0, t.single
			continue
		}
		t.key1 = len(sc.arena)
		sc.toks = append(sc.toks, t)
		gap, newlines, periods, prevSingle = gapSoft, 0, 0, t.single
	}
}

// textWordHash returns wordHash of the normalised form of text[i:j], a
// word of ASCII letters and digits, without building that form: the
// letters are lowered as they are read, eight at a time (setting bit 5
// lowers an ASCII letter and leaves a digit as it is).
func textWordHash(text string, i, j int) uint64 {
	const lower = 0x2020202020202020
	h := uint64(j - i)
	for ; j-i >= 8; i += 8 {
		h = (h ^ (le64(text, i) | lower)) * hashMul
		h ^= h >> 32
	}
	var x uint64
	if i+8 <= len(text) {
		x = (le64(text, i) | lower) & (1<<(8*(j-i)) - 1)
	} else {
		for k := i; k < j; k++ {
			x |= uint64(text[k]|0x20) << (8 * (k - i))
		}
	}
	return hashTail(h, x)
}

// hashTail is the last step of wordHash: it mixes x, the last (fewer
// than eight) bytes of the word, into h. For a word of fewer than eight
// bytes, hashTail(len, word) is its wordHash.
func hashTail(h, x uint64) uint64 {
	h = (h ^ x) * hashMul
	return h ^ h>>29
}

// asciiWordEnd returns the end of the run of ASCII letters and digits
// that starts at text[i], reading eight bytes at a time.
func asciiWordEnd(text string, i int) int {
	for ; i+8 <= len(text); i += 8 {
		if n := asciiWordLen(le64(text, i)); n < 8 {
			return i + n
		}
	}
	for i < len(text) && asciiWord[text[i]] != 0 {
		i++
	}
	return i
}

// asciiWordLen returns how many of the eight bytes of x (little-endian)
// are ASCII letters and digits before the first that is not; 8 if all are.
//
// Each byte is tested in its own eight bits: it is a letter when, with
// bit 5 set (which lowers an ASCII letter and moves no other byte into
// 'a'…'z'), adding 0x1f carries into its high bit and adding 0x05 does
// not, and a digit likewise with 0x50 and 0x46. An ASCII byte carries
// out of its eight bits in neither sum; a byte from 0x80 on may, into the
// byte after it, but is not a letter nor a digit itself, so that the
// bytes up to the first that is neither are told right.
func asciiWordLen(x uint64) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x80 * ones
	)
	low := x | 0x20*ones
	letter := (low + 0x1f*ones) &^ (low + 0x05*ones)
	digit := (x + 0x50*ones) &^ (x + 0x46*ones)
	return bits.TrailingZeros64((^(letter|digit)|x)&highs) / 8
}

// le64Short reads the bytes of s from i, fewer than eight, as a
// little-endian number, as le64 would with zeros past the end of s: the
// eight bytes from i of a text of fewer than eight.
func le64Short(s string, i int) uint64 {
	var x uint64
	for k := len(s) - 1; k >= i; k-- {
		x = x<<8 | uint64(s[k])
	}
	return x
}

// le64 reads the eight bytes of s from i as a little-endian number.
func le64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// wordFilter is what tokenize needs to know of a matcher's words to
// leave out those that can be part of no mention: in the manner of a
// Bloom filter, a byte for each of 2¹⁵ classes of word hashes, with a bit
// set if a word of the class starts an alias (filterFirst), one if a word
// of the class is in one (filterAny), and one if a word of the class is
// an alias of its own (filterWhole). A word added has its bits set; few
// others share them.
type wordFilter [1 << 15]uint8

// The bits of a word hash's class in a wordFilter.
const (
	filterFirst = 1 << iota // the class has a word aliases start with
	filterAny               // the class has a word of an alias
	filterWhole             // the class has a word that is an alias, or a back-reference, alone
)

// add sets bits in the class of hash h.
func (f *wordFilter) add(h uint64, bits uint8) { f[h>>49] |= bits }

// get returns the bits of the class of hash h.
func (f *wordFilter) get(h uint64) uint8 { return f[h>>49] }

// skipDropped returns the offset, at or after i, of the first byte
// tokenize must look at when the gap before text[i:] is gapBreak: it
// steps over ASCII bytes that are not word characters, which leave the
// gap a gapBreak, and over the plain words (as tokenize reads them: ASCII
// letters and digits, then an ASCII byte other than an apostrophe or the
// end of text) that keep turns away after a gapBreak, each of which
// leaves the gap a gapBreak again, and over the space after each, and
// likewise over the words with an apostrophe that apostropheWord reads.
// It stops at any other word and at a byte that is not ASCII.
//
// It also steps over a plain word that starts aliases but is none alone
// ("the", "a") when one space and a plain word that keep turns away
// follow it ("the offensive"), and over that word, or when a gapBreak
// follows it or it ends the text: keep would let it through, but no
// mention can hold it, nor would the matcher find one that starts there.
// Most words that start an alias are such.
func (f *wordFilter) skipDropped(text string, i int) int {
	const lower = 0x2020202020202020
	lone := -1 // the start of such a word, the next word undecided
	for i < len(text) {
		var x uint64 // the next eight bytes, zero past the end of text, as in tokenize
		if len(text) >= 8 {
			at := min(i, len(text)-8)
			x = le64(text, at) >> (8 * uint(i-at) & 63)
		} else {
			x = le64Short(text, i)
		}
		if asciiWord[byte(x)] == 0 {
			if byte(x) >= utf8.RuneSelf || lone >= 0 {
				break
			}
			i++
			continue
		}
		// The word's end j, the byte after it (0 at the end of text),
		// and the filter's bits for it and its stem.
		var j int
		var after byte
		var v uint8
		if n := asciiWordLen(x); n < 8 {
			j, after = i+n, byte(x>>(8*n))
			if after >= utf8.RuneSelf {
				break
			}
			if after == '\'' {
				// "it's", "don't", "l'OSDH": read as tokenize reads
				// them, when all of it is in x.
				var ok bool
				if j, after, v, ok = f.apostropheWord(x, i, n); !ok {
					break
				}
			} else {
				key := (x | lower) & (1<<(8*n) - 1)
				v = f.get(hashTail(uint64(n), key))
				if byte(x)-'A' < 26 && n >= 3 && byte(x>>(8*(n-1))) == 's' {
					v |= f.get(hashTail(uint64(n-1), key&(1<<(8*(n-1))-1)))
				}
			}
		} else {
			// A long word, hashed as tokenize hashes it (textWordHash):
			// here, when it has fewer than 16 bytes, from x and the next
			// eight bytes, y.
			var y uint64
			m := 8
			if i+16 <= len(text) {
				y = le64(text, i+8)
				m = asciiWordLen(y)
			}
			if m < 8 {
				j, after = i+8+m, byte(y>>(8*m))
				if after >= utf8.RuneSelf || after == '\'' {
					break
				}
				h := (uint64(8+m) ^ (x | lower)) * hashMul
				v = f.get(hashTail(h^h>>32, (y|lower)&(1<<(8*m)-1)))
				if byte(x)-'A' < 26 && text[j-1] == 's' {
					if m == 0 {
						v |= f.get(hashTail(7, (x|lower)&(1<<56-1)))
					} else {
						h := (uint64(7+m) ^ (x | lower)) * hashMul
						v |= f.get(hashTail(h^h>>32, (y|lower)&(1<<(8*(m-1))-1)))
					}
				}
			} else {
				j = asciiWordEnd(text, i+8)
				if j < len(text) {
					if after = text[j]; after >= utf8.RuneSelf || after == '\'' {
						break
					}
				}
				v = f.get(textWordHash(text, i, j))
				if text[j-1] == 's' && byte(x)-'A' < 26 {
					v |= f.get(textWordHash(text, i, j-1))
				}
			}
		}
		switch {
		case lone >= 0:
			if v != 0 {
				return lone
			}
			lone = -1
		case v&filterFirst != 0:
			switch {
			case v&filterWhole != 0:
				return i
			case after == ' ':
				lone = i
			case asciiClass[after] != classBreak && (after != '.' || j-i == 1):
				return i
			}
			// Otherwise the word is followed by a gapBreak, or ends the
			// text: no mention holds it.
		}
		// after is an ASCII byte that is no word character (most often
		// a space), which leaves the gap a gapBreak unless lone was just
		// set, when it is a space: step over it, with no branch on it.
		i = min(j+1, len(text))
	}
	if lone >= 0 {
		return lone
	}
	return i
}

// apostropheWord reads the word at text[i:], whose next eight bytes are
// x (zero past the end of text), as tokenize reads it, when its first n
// bytes are ASCII letters and digits and an apostrophe follows them: it
// returns where the word tokenize makes of it ends, j, the byte after it
// (0 at the end of text), and the filter's bits of the word and of its
// stem, as skipDropped reads a plain word's. The apostrophe ends the
// word unless a letter follows it and the letters before are no elided
// French word ("l'OSDH", "qu'il": isElision); then a lone "s" after it
// is a possessive ("SOHR's": the word with an "s", and the word as its
// stem), else the apostrophe is dropped ("don't", "Hay'at"). ok is
// false when the word does not end within x, or ends at a byte past
// ASCII or another apostrophe: tokenize must read it.
func (f *wordFilter) apostropheWord(x uint64, i, n int) (j int, after byte, v uint8, ok bool) {
	const lower = 0x2020202020202020
	if n+1 >= 8 {
		return 0, 0, 0, false
	}
	low := x | lower
	kx := low & (1<<(8*n) - 1) // the word before the apostrophe, lowered
	c := byte(x >> (8 * (n + 1)))
	if c >= utf8.RuneSelf {
		return 0, 0, 0, false // maybe a letter past ASCII
	}
	var w [8]byte
	binary.LittleEndian.PutUint64(w[:], kx)
	if c|0x20-'a' >= 26 || isElision(w[:n], n) {
		// The apostrophe ends the word, as a mark would.
		v = f.get(hashTail(uint64(n), kx))
		if byte(x)-'A' < 26 && n >= 3 && byte(x>>(8*(n-1))) == 's' {
			v |= f.get(hashTail(uint64(n-1), kx&(1<<(8*(n-1))-1)))
		}
		return i + n, '\'', v, true
	}
	// The letters and digits after the apostrophe, then the byte a.
	y := x >> (8 * (n + 1))
	m := asciiWordLen(y)
	if n+1+m >= 8 {
		return 0, 0, 0, false
	}
	a := byte(y >> (8 * m))
	if a >= utf8.RuneSelf || a == '\'' {
		return 0, 0, 0, false
	}
	if m == 1 && c|0x20 == 's' {
		v = f.get(hashTail(uint64(n+1), kx|'s'<<(8*n))) | f.get(hashTail(uint64(n), kx))
		return i + n + 2, a, v, true
	}
	key := kx | (y|lower)&(1<<(8*m)-1)<<(8*n)
	v = f.get(hashTail(uint64(n+m), key))
	if byte(x)-'A' < 26 && n+m >= 3 && byte(y>>(8*(m-1))) == 's' {
		v |= f.get(hashTail(uint64(n+m-1), key&(1<<(8*(n+m-1))-1)))
	}
	return i + n + 1 + m, a, v, true
}

// keep reports whether a word can be part of a mention: whether it, or
// its stem, can start one, or can continue one and follows a word closely
// enough to do so. h is the word's hash, sh its stem's if stem, and gap
// its separation from the previous word.
func (f *wordFilter) keep(h, sh uint64, stem bool, gap gapKind) bool {
	v := f.get(h)
	if stem {
		v |= f.get(sh)
	}
	if gap == gapBreak {
		return v&filterFirst != 0
	}
	return v != 0
}

// hashMul is the multiplier of wordHash's mixing steps (2⁶⁴/φ).
const hashMul = 0x9E3779B97F4A7C15

// wordHash returns a 64-bit hash of a normalised word, by which the
// matcher's trie finds the word's edge. It reads the word eight bytes at
// a time. textWordHash computes the same from a plain word's text.
func wordHash(w []byte) uint64 {
	h := uint64(len(w))
	for ; len(w) >= 8; w = w[8:] {
		h = (h ^ binary.LittleEndian.Uint64(w)) * hashMul
		h ^= h >> 32
	}
	var x uint64
	for i, b := range w {
		x |= uint64(b) << (8 * i)
	}
	return hashTail(h, x)
}

func decodeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isUpperAt(s string, i int) bool {
	r, _ := decodeAt(s, i)
	return unicode.IsUpper(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC' || r == '\u2018'
}

func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011'
}

// isElision reports whether the word before an apostrophe is a French elided
// article, pronoun or conjunction ("l'", "d'", "qu'"), after which the
// apostrophe separates words.
func isElision(word []byte, runes int) bool {
	return runes == 1 || string(word) == "qu" || string(word) == "jusqu" || string(word) == "lorsqu" || string(word) == "puisqu"
}

// appendFolded appends the normalised form of r: lower case, accents
// removed, combining marks and the Arabic tatweel dropped, Arabic alef
// variants unified.
func appendFolded(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	if s, ok := latinFold[r]; ok {
		return append(b, s...)
	}
	switch {
	case unicode.IsMark(r), r == '\u0640':
		return b
	case r == '\u0622' || r == '\u0623' || r == '\u0625' || r == '\u0671':
		r = '\u0627'
	case r == '\u0649':
		r = '\u064A'
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}

// Fold returns s in lower case with accents removed, as the matcher
// compares words ("Observatoire Syrien" → "observatoire syrien"); other
// packages use it so that every name is folded the same way.
func Fold(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = appendFolded(b, r)
	}
	return string(b)
}

// normalizeKey returns the normalised words of s joined by single spaces:
// two aliases with the same key are the same alias to the matcher.
func normalizeKey(s string) string {
	var ph phraseScratch
	return string(ph.key(s))
}

// shapeOf returns what the matcher needs to know about the punctuation
// of the alias whose words are toks: the positions of its commas, and
// whether it has a gap that text could never match (brackets, quotes, a
// sentence period).
func shapeOf(toks []token) (commas uint64, unmatchable bool) {
	for k, t := range toks {
		if k == 0 {
			continue
		}
		switch t.gap {
		case gapComma:
			if k >= 64 {
				return 0, true
			}
			commas |= 1 << k
		case gapBreak:
			return 0, true
		}
	}
	return commas, false
}

// phraseScratch tokenizes the many short phrases (aliases and
// back-references) a registry is checked and built from into the same
// slices, phrase after phrase, rather than into new ones for each.
type phraseScratch struct {
	sc  scratch
	buf []byte
}

// tokenize returns the words of s and the arena holding their keys,
// valid until ph is used again.
func (ph *phraseScratch) tokenize(s string) ([]token, []byte) {
	ph.sc.toks, ph.sc.arena = tokenize(s, ph.sc.toks[:0], ph.sc.arena[:0], nil)
	return ph.sc.toks, ph.sc.arena
}

// key returns normalizeKey(s) as bytes, valid until ph is used again.
func (ph *phraseScratch) key(s string) []byte {
	return ph.keyOf(ph.tokenize(s))
}

// keyOf returns the key of the words toks, whose normalised forms are in
// arena (as tokenize returns them), as bytes valid until ph is used
// again.
func (ph *phraseScratch) keyOf(toks []token, arena []byte) []byte {
	ph.buf = appendKey(ph.buf[:0], toks, arena)
	return ph.buf
}

// appendKey appends to dst the key of the words toks, whose normalised
// forms are in arena: the words joined by single spaces.
func appendKey(dst []byte, toks []token, arena []byte) []byte {
	for i, t := range toks {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, arena[t.key0:t.key1]...)
	}
	return dst
}

// isExact reports whether an alias is short enough (at most four letters)
// to be matched only with its exact letter case.
func isExact(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n <= 4
}

// term is an alias or back-reference ending at a trie node.
type term struct {
	id      string // source ID; "" for a back-reference
	alias   string
	backref bool
	exact   []string // the alias's words as written, when matched case-sensitively
	commas  uint64   // bit k: the alias has a comma before its word k
}

// matcher is a trie over normalised words. From each word of a text it
// follows at most depth words, so matching is linear in the text length.
//
// Node 0 is the root. The edges of all nodes are kept in one
// open-addressed hash table keyed by the parent node and the word's hash
// (which tokenize computes as it folds the word), so that following an
// edge costs a probe or two and a word compare, and a word that starts no
// alias, as most words do, is usually rejected on an empty slot.
type matcher struct {
	terms [][]term // terms[n] are the terms ending at node n
	edges []edge   // len is a power of two; an edge with child 0 is free
	words wordFilter
	shift uint // 64 - log2(len(edges))
	depth int
}

// edge leads from node parent to node child on the normalised word.
type edge struct {
	parent, child int32
	hash          uint64 // wordHash(word)
	word          string
}

// newMatcher builds the matcher of entries' aliases and back-references.
func newMatcher(entries []entry) *matcher {
	var ph phraseScratch
	phrases := 0
	for _, e := range entries {
		phrases += len(e.Aliases) + len(e.BackRefs)
	}
	// Most aliases are a word or two ("SOHR", "Syrian Observatory"): as
	// many edges and nodes as twice the phrases, to begin with.
	b := &trieBuilder{m: &matcher{terms: make([][]term, 1, 2*phrases+1)}, children: make(map[edgeKey]int32, 2*phrases), ph: &ph}
	backrefs := make(map[string]bool)
	for _, e := range entries {
		for _, a := range e.Aliases {
			b.add(term{id: e.ID, alias: a}, a)
		}
		for k, br := range e.BackRefs {
			if key := e.backrefKeys[k]; !backrefs[key] {
				backrefs[key] = true
				b.add(term{alias: br, backref: true}, br)
			}
		}
	}
	return b.finish()
}

// trieBuilder adds terms to a matcher's trie, keeping its edges in a map
// until finish lays them out in the hash table.
type trieBuilder struct {
	m        *matcher
	children map[edgeKey]int32
	ph       *phraseScratch
}

type edgeKey struct {
	parent int32
	word   string
}

func (b *trieBuilder) add(t term, phrase string) {
	toks, arena := b.ph.tokenize(phrase)
	if len(toks) == 0 {
		return
	}
	t.commas, _ = shapeOf(toks)
	exact := isExact(phrase)
	m, nd := b.m, int32(0)
	for _, tk := range toks {
		if exact {
			t.exact = append(t.exact, phrase[tk.start:tk.end])
		}
		w := arena[tk.key0:tk.key1]
		child, ok := b.children[edgeKey{nd, string(w)}] // no copy of w to look up
		if !ok {
			child = int32(len(m.terms))
			m.terms = append(m.terms, nil)
			b.children[edgeKey{nd, string(w)}] = child
		}
		nd = child
	}
	m.terms[nd] = append(m.terms[nd], t)
	m.depth = max(m.depth, len(toks))
}

// finish builds the edge table, at most half full, and returns the matcher.
func (b *trieBuilder) finish() *matcher {
	m := b.m
	bits := uint(1)
	for 1<<bits < 2*len(b.children) {
		bits++
	}
	m.edges, m.shift = make([]edge, 1<<bits), 64-bits
	for k, child := range b.children {
		h := wordHash([]byte(k.word))
		i := m.slot(k.parent, h)
		for m.edges[i].child != 0 {
			i = (i + 1) & (len(m.edges) - 1)
		}
		m.edges[i] = edge{parent: k.parent, child: child, hash: h, word: k.word}
		flags := uint8(filterAny)
		if k.parent == 0 {
			flags |= filterFirst
			if len(m.terms[child]) > 0 {
				flags |= filterWhole
			}
		}
		m.words.add(h, flags)
	}
	return m
}

// slot returns the first slot of the edge table to probe for an edge from
// node n on a word with hash h.
func (m *matcher) slot(n int32, h uint64) int {
	return int(((h ^ uint64(n)) * 0x9E3779B97F4A7C15) >> m.shift)
}

// child returns the node reached from node n on the normalised word w,
// whose hash is h, or 0 if there is none.
func (m *matcher) child(n int32, w []byte, h uint64) int32 {
	mask := len(m.edges) - 1
	for i := m.slot(n, h); ; i = (i + 1) & mask {
		e := &m.edges[i]
		if e.child == 0 {
			return 0
		}
		if e.hash == h && e.parent == n && e.word == string(w) {
			return e.child
		}
	}
}

// longestAt returns the longest term matching the words of toks starting at
// i, the text offset where it ends and the index of its last word.
func (m *matcher) longestAt(text string, toks []token, arena []byte, i int) (best *term, end, last int) {
	nd := int32(0)
	for j := i; j < len(toks) && j-i < m.depth; j++ {
		t := &toks[j]
		if j > i && t.gap == gapBreak {
			break
		}
		if t.stem != stemNone {
			if sn := m.child(nd, arena[t.key0:t.stemKey1], t.stemHash); sn != 0 {
				terms := m.terms[sn]
				for k := range terms {
					if m.accept(&terms[k], text, toks, i, j, true) {
						best, end, last = &terms[k], t.stemEnd, j
						break
					}
				}
			}
		}
		nd = m.child(nd, arena[t.key0:t.key1], t.hash)
		if nd == 0 {
			break
		}
		terms := m.terms[nd]
		for k := range terms {
			if m.accept(&terms[k], text, toks, i, j, false) {
				best, end, last = &terms[k], t.end, j
				break
			}
		}
	}
	return best, end, last
}

// accept checks what the trie cannot: letter case for short aliases, commas,
// and the bare-"s" stem for back-references.
func (m *matcher) accept(tm *term, text string, toks []token, i, j int, stem bool) bool {
	if stem && tm.backref && toks[j].stem == stemPlainS {
		return false
	}
	for k := i + 1; k <= j; k++ {
		if toks[k].gap == gapComma && (k-i >= 64 || tm.commas&(1<<(k-i)) == 0) {
			return false
		}
	}
	for k, w := range tm.exact {
		t := &toks[i+k]
		e := t.end
		if stem && i+k == j {
			e = t.stemEnd
		}
		if text[t.start:e] != w {
			return false
		}
	}
	return true
}
