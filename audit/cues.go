package audit

import "slices"

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
	sc := cueScratch{toks: tbuf[:0]}
	out, _ = a.appendCuesLoaded(out, text, words, true, &sc)
	return out
}

// cueScratch holds the cue finder's work on one sentence, its arrays
// reused from one sentence to the next.
type cueScratch struct {
	// toks holds the cue finder's words of the last sentence, if it
	// needed them.
	toks []qword
	// starts and found hold the words that may start a cue and the cues
	// found at them.
	starts []startWord
	found  []foundCue
	// win holds the cue finder's words around a start while toks is not
	// made.
	win [8]qword
	// lone holds the indexes of the words that may be mentions on their
	// own (wordMentions): those that are capitalised or not ASCII, or
	// that the pronoun filter lets through.
	lone []int32
	// at holds the indexes of the words the start filter lets through
	// while the cue finder's words are the words (appendLone).
	at []int32
}

// appendCuesLoaded is appendCuesOf that also reports whether a word of
// text, as appendQWords splits it, has an inflection of a loaded verb as
// its key (as holdsLoaded, its tests' reference, says). The analyzer
// keeps the cues of all a document's sentences in one array, and the
// cue finder's words of one sentence after another in sc.toks. sc.toks
// holds the words only if the cue finder needed them: a sentence of
// plain whole words leaves it empty, the cue finder reading the few
// words around each start that passes the screen.
// split is false when no word of words was split at a quotation
// boundary (splitAtQuotes), so that no two words touch.
//
// The walk over the words also notes in sc.lone those that wordMentions
// asks of, and those that may start a cue: one look-up of the cue
// starts' and the pronouns' filters (cueScreen.either) answers both.
//
// It makes the cue finder's words as appendQWordsOf (the tests'
// reference) does, and notes on
// the way those that may start a cue (ReportingLexicon.appendCues): a
// plain word on its own is a word of toks whose key is its lower-case
// form, and the filter bits worked out when it was made answer for it.
// Only the few words the start filter lets through are matched, and
// only they can be loaded: every loaded inflection starts a cue.
func (a *Analyzer) appendCuesLoaded(out []cue, text string, words []word, split bool, sc *cueScratch) (_ []cue, loaded bool) {
	rep := &a.lex.Reporting
	starts, toks, lone := sc.starts[:0], sc.toks[:0], sc.lone[:0]
	// While every word is plain and whole, the cue finder's words are
	// the words themselves (toks[ti] would be words[ti] as a qword): the
	// first walk (appendLone) goes as far as they are. When it goes to
	// the end, as in most sentences, toks is not made: wordCues matches
	// at the starts it noted, reading a window of the words around each.
	// Otherwise the second loop makes toks of the words from the first
	// that is not plain and whole.
	lone, at, j := appendLone(lone, sc.at[:0], words, split, &a.cues.either)
	sc.at = at
	var rc []foundCue
	if j == len(words) {
		rc, toks, loaded = a.wordCues(sc.found[:0], toks, text, words, at, &sc.win)
	} else {
		for _, ti := range at {
			w := &words[ti]
			starts = append(starts, startWord{ti: int(ti), fa: uint32(w.fa), fb: w.fbits()})
			loaded = loaded || a.loadedSet.hasWord(w) && rep.verbs[w.lower].loaded
		}
		toks = appendPlainQWords(toks, words[:j])
		for j < len(words) {
			w := &words[j]
			k, end := j+1, w.end
			for k < len(words) && words[k].start == end {
				end = words[k].end
				k++
			}
			for wi := j; wi < k; wi++ {
				if w := &words[wi]; w.capital || !w.ascii || a.cues.either.of(w)&(1<<eitherPronoun) != 0 {
					lone = append(lone, int32(wi))
				}
			}
			if k == j+1 && w.plain {
				if rep.startSet.hasWord(w) {
					starts = append(starts, startWord{ti: len(toks), fa: uint32(w.fa), fb: w.fbits()})
					loaded = loaded || a.loadedSet.hasWord(w) && rep.verbs[w.lower].loaded
				}
				toks = append(toks, plainQWord(w))
			} else {
				t0 := len(toks)
				toks = appendQWords(toks, text, w.start, end)
				for ti := t0; ti < len(toks); ti++ {
					key := toks[ti].key
					if fa, fb := wordFilterBits(key); rep.startSet.has(fa, fb) {
						starts = append(starts, startWord{ti: ti, fa: fa, fb: fb})
						loaded = loaded || a.loadedSet.may(key) && rep.verbs[key].loaded
					}
				}
			}
			j = k
		}
		// appendCues over the starts alone: a start inside a cue found
		// before it starts none, and the screen rules out most.
		rc = sc.found[:0]
		next := 0
		for _, st := range starts {
			if st.ti >= next {
				rc, next = a.cueOn(rc, text, toks, st, next)
			}
		}
	}
	sc.starts, sc.toks, sc.found, sc.lone = starts, toks, rc, lone
	if len(rc) == 0 {
		return out, loaded // most sentences
	}
	wi := 0
	for _, f := range rc {
		c, first, last := f.ReportingCue, f.first, f.last
		if first < 0 {
			for wi < len(words) && words[wi].end <= c.Start {
				wi++
			}
			first, last = wi, wi
			for last+1 < len(words) && words[last+1].start < c.End {
				last++
			}
		}
		if c.Kind == CueVague && last+1 < len(words) && a.lex.Reporting.Audience(words[last+1].lower) && lastWordIs(text, c, "to") {
			c.Kind, c.End = CueVerb, words[first].end
			c.Lemma, _ = a.lex.Reporting.Verb(words[first].lower)
			last = first
		}
		out = append(out, cue{ReportingCue: c, text: text[c.Start:c.End], first: first, last: last})
	}
	return out, loaded
}

// foundCue is a cue cueAt found, with the indexes of its first and last
// word in the sentence's words when they are known (first is -1 when not).
type foundCue struct {
	ReportingCue
	first, last int
}

// wordCues is appendCuesLoaded's cue finder, and its loaded test, on a
// sentence of plain whole words (toks[ti] would be words[ti] as a
// qword), at the words of at, which may start a cue. It appends the cues
// it finds to rc with the indexes of their words. cueAt reads a window
// of the words around each start that passes the screen, in win; if a
// cue may be longer than the window, toks is made and returned.
func (a *Analyzer) wordCues(rc []foundCue, toks []qword, text string, words []word, at []int32, win *[8]qword) (_ []foundCue, _ []qword, loaded bool) {
	rep := &a.lex.Reporting
	next, lazy := 0, true
	for _, ti := range at {
		ti := int(ti)
		w := &words[ti]
		loaded = loaded || a.loadedSet.hasWord(w) && rep.verbs[w.lower].loaded
		// A start inside a cue found before it starts none, and the
		// screen rules out most.
		if ti < next {
			continue
		}
		st := startWord{ti: ti, fa: uint32(w.fa), fb: w.fbits()}
		if lazy {
			span := a.cues.startSpan(words, st)
			if span == 0 {
				continue
			}
			// cueAt reads the word before the start and the words of a
			// cue (span at most) after it, and asks whether the start is
			// the first or the second word: the words from two before
			// the start, its index min(ti, 2) among them, stand for toks.
			if lo, hi := max(0, ti-2), min(len(words), ti+span); hi-lo <= len(win) {
				// (Filled in place: the window has room.)
				win := win[:hi-lo]
				for k := range win {
					win[k] = plainQWord(&words[lo+k])
				}
				if c, n := rep.cueAt(text, win, ti-lo, st.fa, st.fb); n > 0 {
					// The cue finder's words are the words: the cue is
					// words[ti:ti+n].
					rc = append(rc, foundCue{ReportingCue: c, first: ti, last: ti + n - 1})
					next = ti + n
				}
				continue
			}
			toks, lazy = appendPlainQWords(toks, words), false
		}
		rc, next = a.cueOn(rc, text, toks, st, next)
	}
	return rc, toks, loaded
}

// cueOn appends to rc the cue that the cue finder's word toks[st.ti]
// starts, if the screen lets it through (mayStart) and cueAt finds one,
// and returns rc with the index of the word after the cue (next when
// there is none): the cue finder's step once its words are made.
func (a *Analyzer) cueOn(rc []foundCue, text string, toks []qword, st startWord, next int) ([]foundCue, int) {
	if !a.cues.mayStart(toks, st) {
		return rc, next
	}
	if c, n := a.lex.Reporting.cueAt(text, toks, st.ti, st.fa, st.fb); n > 0 {
		rc = append(rc, foundCue{ReportingCue: c, first: -1})
		next = st.ti + n
	}
	return rc, next
}

// appendLone appends to lone the indexes of the words, from the first,
// that are capitalised or that the pronoun filter lets through, and to
// at those that the cue start filter lets through, while they are plain
// and whole (a plain word is ASCII), and returns them with the index of
// the first word that is not (len(words) when none). Words that touch
// are the parts of one split at a quotation boundary (tokenize never
// ends a word right before another): split says whether there may be.
// either holds the start filter at bit eitherStart and the pronoun
// filter at bit eitherPronoun (cueScreen.either).
//
// Every word is written at the end of both lists, and counted in only
// when it is to be kept: no branch on a test most words pass or fail at
// random.
func appendLone(lone, at []int32, words []word, split bool, either *filterBytes) (_, _ []int32, _ int) {
	n, m := len(lone), len(at)
	buf := slices.Grow(lone, len(words))[:n+len(words)]
	abuf := slices.Grow(at, len(words))[:m+len(words)]
	// The walk stops at the first word that touches the next, found
	// first (most sentences have none), or at the first that is not
	// plain.
	whole := words
	if split {
		whole = words[:firstTouching(words)]
	}
	for j := range whole {
		w := &whole[j]
		if !w.plain {
			return buf[:n], abuf[:m], j
		}
		f := uint(either.of(w))
		buf[n], abuf[m] = int32(j), int32(j)
		n += int(b2u(w.capital) | f>>eitherPronoun&1)
		m += int(f >> eitherStart & 1)
	}
	return buf[:n], abuf[:m], len(whole)
}

// firstTouching returns the index of the first word of words that the
// next touches (len(words) when none does).
func firstTouching(words []word) int {
	for j := 0; j+1 < len(words); j++ {
		if words[j+1].start == words[j].end {
			return j
		}
	}
	return len(words)
}

// cueScreen rules out most of the words the start filter of a reporting
// lexicon lets through before its cue finder is asked (cueAt): a word
// starts a cue only if it is a reporting verb, a cue of one word, or the
// first of a longer cue whose second word follows it. The common words
// that start long cues ("a", "in", "it", "is") seldom have that second
// word after them.
type cueScreen struct {
	// single holds the verbs' inflections and the one-word cues.
	single wordFilter
	// pairs holds the first two words of the longer cues
	// (pairFilterBits).
	pairs wordFilter
	// span is the most words of a cue.
	span int
	// either holds the cue starts (startSet) at bit eitherStart and the
	// pronouns (pronounSet) at bit eitherPronoun: one look-up answers
	// both of a word the analysis walks, and appendLone keeps the
	// answers by arithmetic.
	either filterBytes
}

// The bits of cueScreen.either.
const (
	eitherStart   = 0
	eitherPronoun = 1
)

// newCueScreen returns the screen of rep's cues.
func newCueScreen(rep *ReportingLexicon) (s cueScreen) {
	s.span = 1
	s.either.put(eitherStart, &rep.startSet)
	s.either.put(eitherPronoun, &rep.pronounSet)
	for w, st := range rep.starts {
		if st.isVerb {
			s.single.add(w)
		}
		a1, b1 := wordFilterBits(w)
		for _, p := range st.phrases {
			s.span = max(s.span, len(p.words))
			if len(p.words) == 1 {
				s.single.add(w)
				continue
			}
			a2, b2 := wordFilterBits(p.words[1])
			s.pairs.set(pairFilterBits(a1, b1, a2, b2))
		}
	}
	return s
}

// startWord is a word of the cue finder's words (toks[ti]) that the
// start filter lets through, with its key's filter bits.
type startWord struct {
	ti     int
	fa, fb uint32
}

// mayStart reports whether toks[c.ti] may start a cue: false means
// cueAt finds none there.
func (s *cueScreen) mayStart(toks []qword, c startWord) bool {
	if s.single.has(c.fa, c.fb) {
		return true
	}
	if c.ti+1 >= len(toks) {
		return false
	}
	a2, b2 := wordFilterBits(toks[c.ti+1].key)
	return s.pairs.has(pairFilterBits(c.fa, c.fb, a2, b2))
}

// startSpan is mayStart while the cue finder's words are words
// themselves, each plain and whole (toks[ti] would be words[ti] as a
// qword): the words' filter bits answer for their keys. It returns the
// most words a cue at words[c.ti] can have: 0 (false) when there is
// none, 1 when no longer cue starts with the word and the next (a cue
// of one word, or a verb), else span. cueAt need read no further.
func (s *cueScreen) startSpan(words []word, c startWord) int {
	if c.ti+1 < len(words) {
		next := &words[c.ti+1]
		if s.pairs.has(pairFilterBits(c.fa, c.fb, uint32(next.fa), next.fbits())) {
			return s.span
		}
	}
	return int(b2u(s.single.has(c.fa, c.fb)))
}

// plainQWord returns the cue finder's word for a plain word that is
// whole: the word itself, its key its lower-case form.
func plainQWord(w *word) qword {
	return qword{start: w.start, end: w.end, key: w.lower}
}

// appendPlainQWords appends the cue finder's words of words, each plain
// and whole, to toks.
func appendPlainQWords(toks []qword, words []word) []qword {
	for i := range words {
		toks = append(toks, plainQWord(&words[i]))
	}
	return toks
}

// lastWordIs reports whether a cue's text ends with the word w.
func lastWordIs(text string, c ReportingCue, w string) bool {
	s := text[c.Start:c.End]
	return len(s) >= len(w) && s[len(s)-len(w):] == w
}
