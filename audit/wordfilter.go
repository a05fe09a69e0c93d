package audit

// wordFilter is a Bloom filter over a set of words: may is true for every
// word added and false for most others. Most words of a text are in none
// of the lexicon's sets (roles, titles, pronouns, cue starts); the filter
// answers for them without a map look-up. It is built when a lexicon is
// compiled and only read afterwards.
type wordFilter [128]uint64 // 8192 bits

// wordFilterBits are the two bit positions of w in a wordFilter, from its
// FNV-1a hash.
func wordFilterBits(w string) (a, b uint32) {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	return h & 8191, h >> 19 & 8191
}

// add records w as a member.
func (f *wordFilter) add(w string) {
	a, b := wordFilterBits(w)
	f[a/64] |= 1 << (a % 64)
	f[b/64] |= 1 << (b % 64)
}

// may reports whether w may be a member: false means it is not.
func (f *wordFilter) may(w string) bool {
	a, b := wordFilterBits(w)
	return f[a/64]&(1<<(a%64)) != 0 && f[b/64]&(1<<(b%64)) != 0
}

// filterOf returns a filter of the keys of set.
func filterOf[V any](set map[string]V) (f wordFilter) {
	for w := range set {
		f.add(w)
	}
	return f
}
