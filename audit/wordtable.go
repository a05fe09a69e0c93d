package audit

// wordKeys is a read-only set of words, as a map[string]bool of them
// would answer, asked by the filter bits the words carry
// (wordFilterBits: word.fa and word.fb) rather than by a hash of their
// bytes. The look-ups the people finders make of the lexicon's words
// are of words the tokenizer has hashed already: a look-up here is a
// load or two and a comparison of strings, where a map hashes the word
// again and branches on the way through its groups.
//
// It is an open-addressed table at most a quarter full: most words that
// are no member stop at an empty slot, most members are in the first
// slot looked at. It is built when a lexicon is compiled and only read
// afterwards.
type wordKeys struct {
	keys []string // "" in an empty slot
	mask uint32   // len(keys) - 1, a power of two less one
}

// newWordKeys returns a table with room for n keys, none in it yet.
func newWordKeys(n int) wordKeys {
	size := 16
	for size < 4*n {
		size *= 2
	}
	return wordKeys{keys: make([]string, size), mask: uint32(size - 1)}
}

// add puts key in t, which has room for it, and returns its slot. The
// empty key, which no word has, is left out: add returns -1.
func (t *wordKeys) add(key string) int {
	if key == "" {
		return -1
	}
	i := t.slot(wordFilterBits(key))
	for t.keys[i] != "" {
		i = (i + 1) & t.mask
	}
	t.keys[i] = key
	return int(i)
}

// slot returns the first slot at which a key with the filter bits a and
// b is looked for.
func (t *wordKeys) slot(a, b uint32) uint32 { return (a<<13 | b) & t.mask }

// index returns the slot of key, whose filter bits are a and b, or -1
// when key is not in t.
func (t *wordKeys) index(key string, a, b uint32) int {
	for i := t.slot(a, b); ; i = (i + 1) & t.mask {
		k := t.keys[i]
		if k == "" {
			return -1
		}
		if k == key {
			return int(i)
		}
	}
}

// hasWord reports whether w.lower is in t.
func (t *wordKeys) hasWord(w *word) bool { return t.index(w.lower, uint32(w.fa), w.fbits()) >= 0 }

// has reports whether key is in t: for a key that is no word's
// lower-case form as the tokenizer made it.
func (t *wordKeys) has(key string) bool {
	a, b := wordFilterBits(key)
	return t.index(key, a, b) >= 0
}

// hasBits reports whether key, whose filter bits are a and b, is in t.
func (t *wordKeys) hasBits(key string, a, b uint32) bool { return t.index(key, a, b) >= 0 }

// setKeys returns a table of the members of set (those it holds as true).
func setKeys(set map[string]bool) wordKeys {
	t := newWordKeys(len(set))
	for k, in := range set {
		if in {
			t.add(k)
		}
	}
	return t
}

// wordValues is a read-only map from words to strings, as a
// map[string]string of them would answer: a wordKeys whose slots hold
// values too.
type wordValues struct {
	wordKeys
	vals []string
}

// mapValues returns a table of the entries of m, but for the empty
// key's.
func mapValues(m map[string]string) wordValues {
	t := wordValues{wordKeys: newWordKeys(len(m))}
	t.vals = make([]string, len(t.keys))
	for k, v := range m {
		if i := t.add(k); i >= 0 {
			t.vals[i] = v
		}
	}
	return t
}

// word returns the value of w.lower and whether it is in t.
func (t *wordValues) word(w *word) (string, bool) {
	if i := t.index(w.lower, uint32(w.fa), w.fbits()); i >= 0 {
		return t.vals[i], true
	}
	return "", false
}

// get returns the value of key and whether it is in t: for a key that
// is no word's lower-case form as the tokenizer made it.
func (t *wordValues) get(key string) (string, bool) {
	a, b := wordFilterBits(key)
	if i := t.index(key, a, b); i >= 0 {
		return t.vals[i], true
	}
	return "", false
}

// value returns the value of w.lower, "" when it is not in t.
func (t *wordValues) value(w *word) string {
	v, _ := t.word(w)
	return v
}
