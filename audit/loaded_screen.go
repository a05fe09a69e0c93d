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
	// first and rest have bit si (of first, then of rest, counting on
	// from 64) set when sentence si's text has no word whose lexKey is a
	// loaded inflection; unset bits say nothing. Most documents have
	// fewer than 64 sentences: first holds them without an allocation.
	first uint64
	rest  []uint64
}

// reset starts the screen of a document of n sentences, analysed with
// rep, its view view: no sentence is known to be free of loaded verbs.
func (s *loadedScreen) reset(rep *ReportingLexicon, view *View, n int) {
	words := max(0, (n-1)/64) // those after first
	rest := s.rest[:0]
	if cap(rest) >= words {
		rest = rest[:words]
		clear(rest)
	} else {
		rest = make([]uint64, words)
	}
	s.rep, s.view, s.first, s.rest = rep, view, 0, rest
}

// setFree records that sentence si has no word whose lexKey is a loaded
// inflection.
func (s *loadedScreen) setFree(si int) {
	if si < 64 {
		s.first |= 1 << si
		return
	}
	s.rest[si/64-1] |= 1 << (si % 64)
}

// isFree reports whether sentence si of a document with view view is
// known, for rep, to have no word whose lexKey is a loaded inflection.
func (s *loadedScreen) isFree(rep *ReportingLexicon, view *View, si int) bool {
	if s.rep != rep || s.view != view || view == nil || si < 0 {
		return false
	}
	if si < 64 {
		return s.first&(1<<si) != 0
	}
	return si/64-1 < len(s.rest) && s.rest[si/64-1]&(1<<(si%64)) != 0
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
