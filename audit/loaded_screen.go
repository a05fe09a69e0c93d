package audit

// loadedScreen is what Analyze found of the loaded reporting verbs of a
// document, asking the reporting lexicon: which editorial sentences have
// no word whose lexKey is an inflection of one. Without such a word
// FindCues finds no loaded verb cue, so the loaded-verb check skips
// those sentences without scanning them again.
type loadedScreen = sentenceScreen[ReportingLexicon]

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
