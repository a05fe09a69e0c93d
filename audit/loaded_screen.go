package audit

// loadedScreen is what Analyze found of the loaded reporting verbs of a
// document: which editorial sentences have no word whose lexKey is an
// inflection of one. Without such a word FindCues finds no loaded verb
// cue, so the loaded-verb check skips those sentences without scanning
// them again. It holds for the reporting lexicon and the view it was
// worked out with only.
type loadedScreen struct {
	rep  *ReportingLexicon
	view *View
	// free has the sentences whose text has no word whose lexKey is a
	// loaded inflection; the others say nothing.
	free sentenceBits
}

// reset starts the screen of a document of n sentences, analysed with
// rep, its view view: no sentence is known to be free of loaded verbs.
func (s *loadedScreen) reset(rep *ReportingLexicon, view *View, n int) {
	s.rep, s.view = rep, view
	s.free.reset(n)
}

// setFree records that sentence si has no word whose lexKey is a loaded
// inflection.
func (s *loadedScreen) setFree(si int) { s.free.set(si) }

// isFree reports whether sentence si of a document with view view is
// known, for rep, to have no word whose lexKey is a loaded inflection.
func (s *loadedScreen) isFree(rep *ReportingLexicon, view *View, si int) bool {
	return s.rep == rep && s.view == view && view != nil && s.free.has(si)
}

// sentenceBits is a set of a document's sentences, by index, made for
// the screens Analyze works out for the checks (loadedScreen,
// existenceBits). Most documents have fewer than 64 sentences: first
// holds them without an allocation, rest the others (bit si-64 on).
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

// loadedFilter returns a filter of the inflections of the loaded verbs
// of rep.
func loadedFilter(rep *ReportingLexicon) (f wordFilter) {
	for w, e := range rep.verbs {
		if e.loaded {
			f.add(w)
		}
	}
	return f
}
