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
// its key (holdsLoaded). The analyzer keeps the cues of all a document's
// sentences in one array, and the cue finder's words of one sentence
// after another in toks, which it returns for the next.
//
// It makes the cue finder's words as appendQWordsOf does, and notes on
// the way those that may start a cue (ReportingLexicon.appendCues): a
// plain word on its own is a word of toks whose key is its lower-case
// form, and the filter bits worked out when it was made answer for it.
// Only the few words the start filter lets through are matched, and
// only they can be loaded: every loaded inflection starts a cue.
func (a *Analyzer) appendCuesLoaded(out []cue, text string, words []word, toks []qword) (_ []cue, _ []qword, loaded bool) {
	rep := &a.lex.Reporting
	// The starts and cues of most sentences fit in sbuf and cbuf, on the
	// stack.
	var sbuf [32]int
	var cbuf [8]ReportingCue
	starts := sbuf[:0]
	toks = toks[:0]
	for j := 0; j < len(words); {
		// Words that touch are the parts of one split at a quotation
		// boundary: tokenize never ends a word right before another.
		k := j + 1
		for k < len(words) && words[k].start == words[k-1].end {
			k++
		}
		if w := &words[j]; k == j+1 && w.plain {
			if rep.startSet.hasWord(w) {
				starts = append(starts, len(toks))
				loaded = loaded || a.loadedSet.hasWord(w) && rep.verbs[w.lower].loaded
			}
			toks = append(toks, qword{start: w.start, end: w.end, key: w.lower})
		} else {
			t0 := len(toks)
			toks = appendQWords(toks, text, w.start, words[k-1].end)
			for ti := t0; ti < len(toks); ti++ {
				if key := toks[ti].key; rep.startSet.may(key) {
					starts = append(starts, ti)
					loaded = loaded || a.loadedSet.may(key) && rep.verbs[key].loaded
				}
			}
		}
		j = k
	}
	// appendCues over the starts alone: a start inside a cue found
	// before it starts none.
	rc, next := cbuf[:0], 0
	for _, ti := range starts {
		if ti < next {
			continue
		}
		if c, n := rep.cueAt(text, toks, ti); n > 0 {
			rc = append(rc, c)
			next = ti + n
		}
	}
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
