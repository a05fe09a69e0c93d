package audit

import "math/bits"

// wordFilter is a Bloom filter over a set of words: may is true for every
// word added and false for most others. Most words of a text are in none
// of the lexicon's sets (roles, titles, pronouns, cue starts); the filter
// answers for them without a map look-up. It is built when a lexicon is
// compiled and only read afterwards.
type wordFilter [128]uint64 // 8192 bits

// wordFilterBits are the two bit positions of w in a wordFilter, from a
// multiplicative hash of its length and its first two, middle and last
// two bytes: one multiplication a word rather than one a byte. On the
// corpora it lets through about as few non-members as a hash of every
// byte (1.7% rather than 1.3% of words for the cue starts, the largest
// set).
func wordFilterBits(w string) (a, b uint32) {
	// Written to stay within the inliner's budget: the tokenizers work
	// it out for every word.
	n := len(w)
	x := uint64(n) << 32
	if n >= 2 {
		x |= uint64(w[1])<<8 | uint64(w[n-2])<<16 | uint64(w[n-1])<<24 | uint64(w[n/2])<<40
	}
	if n > 0 {
		x |= uint64(w[0])
	}
	x *= 0x9E3779B97F4A7C15
	return uint32(x >> 51), uint32(x>>38) & 8191 // x>>51 has 13 bits
}

// wordFilterBits8 is wordFilterBits of a word of n bytes, 1 <= n <= 8,
// packed little-endian in the low bytes of x (the bytes above them may
// be anything): the tokenizer's, from the eight bytes it loaded, by
// shifts rather than a load and a bounds check a byte. The shifts are
// taken modulo 64, which spares their checks: a word of one byte,
// which lacks the bytes they take, has them shifted out.
func wordFilterBits8(x uint64, n int) (a, b uint32) {
	s := uint(8 * n)
	w := x & (^uint64(0) >> ((64 - s) & 63))
	h := uint64(n)<<32 | w&0xffff | w>>((s-16)&63)&0xffff<<16 | w>>8>>((s/16*8-8)&63)&0xff<<40
	h *= 0x9E3779B97F4A7C15
	return uint32(h >> 51), uint32(h>>38) & 8191
}

// add records w as a member.
func (f *wordFilter) add(w string) { f.set(wordFilterBits(w)) }

// set sets bits a and b, as wordFilterBits or pairFilterBits give them.
func (f *wordFilter) set(a, b uint32) {
	f[a/64%128] |= 1 << (a % 64)
	f[b/64%128] |= 1 << (b % 64)
}

// pairFilterBits are the two bit positions in a wordFilter of a pair of
// words, from the wordFilterBits of each (a1, b1 and a2, b2).
func pairFilterBits(a1, b1, a2, b2 uint32) (a, b uint32) {
	h := (uint64(a1)<<39 | uint64(b1)<<26 | uint64(a2)<<13 | uint64(b2)) * 0x9E3779B97F4A7C15
	return uint32(h>>51) & 8191, uint32(h>>38) & 8191
}

// may reports whether w may be a member: false means it is not.
func (f *wordFilter) may(w string) bool {
	a, b := wordFilterBits(w)
	return f.has(a, b)
}

// hasWord is may(w.lower), from the bits worked out when w was made.
// (has masks out the flag bits of w.fb: see word.fbits.)
func (f *wordFilter) hasWord(w *word) bool { return f.has(uint32(w.fa), uint32(w.fb)) }

// has reports whether bits a and b, as wordFilterBits gives them, are
// both set. Masking the index to the filter's 128 words, which a bit
// below 8192 never leaves, spares the bounds checks.
func (f *wordFilter) has(a, b uint32) bool {
	return f[a/64%128]&(1<<(a%64)) != 0 && f[b/64%128]&(1<<(b%64)) != 0
}

// wordBits64 is a filter of a handful of words in one machine word: bit
// a%64 of each member, a its first bit position (wordFilterBits).
// hasWord is a shift and a test, true for every member and for about
// one word in 64/n of the others (n members): asked before a wordFilter,
// it spares most words the filter's two loads.
type wordBits64 uint64

// add records w as a member.
func (f *wordBits64) add(w string) {
	a, _ := wordFilterBits(w)
	*f |= 1 << (a % 64)
}

// hasWord reports whether w may be a member: false means it is not.
func (f wordBits64) hasWord(w *word) bool { return f>>(w.fa%64)&1 != 0 }

// filterOf returns a filter of the keys of set.
func filterOf[V any](set map[string]V) (f wordFilter) {
	for w := range set {
		f.add(w)
	}
	return f
}

// b2u returns 1 for true and 0 for false, without a branch.
func b2u(b bool) uint {
	var u uint
	if b {
		u = 1
	}
	return u
}

// filterBytes holds up to eight wordFilters in one table: bit j of
// entry p is bit p of the j-th filter. of(w) answers all of them at
// once, bit j set when the j-th filter may hold w (its hasWord): two
// loads and no shift for the lot, where each filter asked on its own
// costs its two loads, its shifts and a branch. For the walks that ask
// filters of every word and keep the answers by arithmetic.
type filterBytes [8192]uint8

// put records f as the filter of bit j.
func (t *filterBytes) put(j uint, f *wordFilter) {
	for i, x := range f {
		for ; x != 0; x &= x - 1 {
			t[i*64+bits.TrailingZeros64(x)] |= 1 << j
		}
	}
}

// set sets the bits mask at positions a and b, as wordFilterBits or
// pairFilterBits give them: a word (or pair) added to each of those
// filters.
func (t *filterBytes) set(mask uint8, a, b uint32) {
	t[a%8192] |= mask
	t[b%8192] |= mask
}

// of returns the bits of the filters that may hold w. (fb's flag bits
// are left out with the rest of what is not a bit position.)
func (t *filterBytes) of(w *word) uint8 { return t[w.fa%8192] & t[w.fb%8192] }
