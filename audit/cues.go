package audit

// cue is a reporting cue of a sentence (sentence offsets) with the
// indexes of its first and last word in the sentence's word list.
type cue struct {
	ReportingCue
	text        string
	first, last int
}

// findCues returns the reporting cues of a sentence, in order, from the
// reporting lexicon. A "said to" followed by an audience ("said to
// reporters") is a reporting verb, not a vague cue. words are the words
// of text as tokenize finds them, possibly split at quotation boundaries;
// the cue finder's own words are made from them.
func (a *Analyzer) findCues(text string, words []word) []cue {
	out := a.appendCuesOf(nil, text, words)
	if len(out) == 0 {
		return nil
	}
	return out
}

// appendCuesOf appends the cues findCues finds to out.
func (a *Analyzer) appendCuesOf(out []cue, text string, words []word) []cue {
	// The words of most sentences fit in tbuf, on the stack.
	var tbuf [64]qword
	out, _, _ = a.appendCuesLoaded(out, text, words, tbuf[:0])
	return out
}

// appendCuesLoaded is appendCuesOf that also reports whether a word of
// text, as appendQWords splits it, has an inflection of a loaded verb as
// its key (see loadedScreen). The analyzer keeps the cues of all a
// document's sentences in one array, and the cue finder's words of one
// sentence after another in toks, which it returns for the next.
func (a *Analyzer) appendCuesLoaded(out []cue, text string, words []word, toks []qword) (_ []cue, _ []qword, loaded bool) {
	// The cues of most sentences fit in cbuf, on the stack.
	var cbuf [8]ReportingCue
	toks = appendQWordsOf(toks[:0], text, words)
	loaded = a.holdsLoaded(toks, words)
	rc := a.lex.Reporting.appendCues(cbuf[:0], text, toks)
	if len(rc) == 0 {
		return out, toks, loaded // most sentences
	}
	wi := 0
	for _, c := range rc {
		for wi < len(words) && words[wi].end <= c.Start {
			wi++
		}
		first := wi
		last := first
		for last+1 < len(words) && words[last+1].start < c.End {
			last++
		}
		if c.Kind == CueVague && last+1 < len(words) && a.lex.Reporting.Audience(words[last+1].lower) && lastWordIs(text, c, "to") {
			c.Kind, c.End = CueVerb, words[first].end
			c.Lemma, _ = a.lex.Reporting.Verb(words[first].lower)
			last = first
		}
		out = append(out, cue{ReportingCue: c, text: text[c.Start:c.End], first: first, last: last})
	}
	return out, toks, loaded
}

// lastWordIs reports whether a cue's text ends with the word w.
func lastWordIs(text string, c ReportingCue, w string) bool {
	s := text[c.Start:c.End]
	return len(s) >= len(w) && s[len(s)-len(w):] == w
}
