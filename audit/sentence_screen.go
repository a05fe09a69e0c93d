package audit

// sentenceScreen is what Analyze found, asking key (the lexicon or the
// screen of a check), of which sentences of a document a check need not
// scan again: those in free; the others say nothing. It holds for that
// key and the view it was worked out on only (see loadedScreen,
// existenceBits).
type sentenceScreen[K any] struct {
	key  *K
	view *View
	free sentenceBits
}

// reset starts the screen of a document of n sentences, its view view,
// to be worked out asking key: no sentence is known to be free. With
// key nil there is no screen.
func (s *sentenceScreen[K]) reset(key *K, view *View, n int) {
	s.key, s.view = key, view
	if key == nil {
		n = 0
	}
	s.free.reset(n)
}

// holds reports whether the screen was worked out asking key, not nil,
// on view.
func (s *sentenceScreen[K]) holds(key *K, view *View) bool {
	return key != nil && s.key == key && s.view == view && view != nil
}

// isFree reports whether sentence si of a document with view view is
// known, asking key, to need no scan.
func (s *sentenceScreen[K]) isFree(key *K, view *View, si int) bool {
	return s.holds(key, view) && s.free.has(si)
}

// sentenceBits is a set of a document's sentences, by index. Most
// documents have fewer than 64 sentences: first holds them without an
// allocation, rest the others (bit si-64 on).
type sentenceBits struct {
	first uint64
	rest  []uint64
}

// reset empties the set, for a document of n sentences.
func (b *sentenceBits) reset(n int) {
	words := max(0, (n-1)/64) // those after first
	b.first = 0
	if cap(b.rest) >= words {
		b.rest = b.rest[:words]
		clear(b.rest)
	} else {
		b.rest = make([]uint64, words)
	}
}

// set adds sentence si, which must be below reset's n.
func (b *sentenceBits) set(si int) {
	if si < 64 {
		b.first |= 1 << si
		return
	}
	b.rest[si/64-1] |= 1 << (si % 64)
}

// has reports whether sentence si is in the set.
func (b *sentenceBits) has(si int) bool {
	if si < 64 {
		return si >= 0 && b.first&(1<<si) != 0
	}
	k := si/64 - 1
	return k < len(b.rest) && b.rest[k]&(1<<(si%64)) != 0
}
