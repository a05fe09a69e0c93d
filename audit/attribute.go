package audit

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// quoteInner reports whether the view offset off lies inside the quoted
// text of a direct, dash or partial quotation: words there are the
// speaker's, not the writer's, so they name no source for the sentence.
func quoteInner(doc *Document, off int) bool {
	// sort.Search for the first quotation whose quoted text ends after
	// off, written out: the analysis asks of every mention and cue.
	qs := doc.Quotes
	i, j := 0, len(qs)
	for i < j {
		if h := int(uint(i+j) >> 1); qs[h].inner.End > off {
			j = h
		} else {
			i = h + 1
		}
	}
	for ; i < len(qs) && qs[i].view.Start <= off; i++ {
		q := &qs[i]
		if q.Kind != QuoteScare && off >= q.inner.Start && off < q.inner.End {
			return true
		}
	}
	return false
}

// wordsBetween counts the words of a sentence between two view offsets.
func wordsBetween(words []word, base, from, to int) int {
	i := sort.Search(len(words), func(k int) bool { return base+words[k].start >= from })
	j := sort.Search(len(words), func(k int) bool { return base+words[k].end > to })
	return max(0, j-i)
}

// attribute finds the attribution a sentence makes on its own: a
// reporting verb with its subject (or, after a quotation, its inverted
// subject: "…,” said Dareen Khalifa), or a phrase such as "according to"
// with the source after it. Cues and mentions inside quotations are the
// speaker's words and are skipped.
func (a *Analyzer) attribute(doc *Document, si int, infos []sentInfo, ante *antecedents) {
	info := &infos[si]
	if !info.editorial || len(info.cues) == 0 {
		return
	}
	s := doc.Sentences[si]
	base, text := s.view.Start, s.Text
	// Most sentences hold no quotation: the screen answers quoteInner
	// for the offsets of this one without a search.
	ante.screen(s.view.Start, s.view.End)
	// best is the attribution found, when hasBest: made on the heap
	// once, at the end, rather than for every candidate.
	var best Attribution
	hasBest := false
	var bestCue *cue
	subject := -1
	// bestPassive is true when best comes from the agent of a passive
	// ("as estimated by X"): an active speech verb later in the sentence
	// ("the head of the government proclaimed by the HTS, Mohammad
	// al-Bashir, affirmed") wins over it.
	bestPassive := false
	for ci := range info.cues {
		c := &info.cues[ci]
		if ante.inner(base + c.Start) {
			continue
		}
		switch c.Kind {
		case CueVague:
			if info.vague == nil {
				info.vague = c
			}
			continue
		case CuePhrase:
			if hasBest && bestCue.Kind == CueVerb {
				continue
			}
			if hasBest {
				continue
			}
			// "X told reporters", "the group said in a statement", "one
			// insider pointed out to the BBC that": the phrase's subject
			// comes before it, and what follows is its audience. So does
			// "X was quoted by AFP as saying".
			if subjectPhrase(c.Lemma) || quotedAsSaying(info.words, c) {
				if m, ok := a.before(doc, info, base, c, ante); ok {
					if at, ok := a.link(doc, m, c, base, ante); ok {
						best, hasBest, bestCue, subject = at, true, c, m.start
						continue
					}
				}
			}
			if m, ok := a.after(doc, info, base, c, ante, 8); ok {
				best, hasBest = a.link(doc, m, c, base, ante)
				bestCue, subject = c, m.start
				if c.first == 0 && a.lex.Reporting.Opening(c.Lemma) {
					info.opening = true
				}
			} else if c.Lemma == "according to" {
				// "according to studio estimates": no name, but a credit.
				if at, ok := a.describedSource(doc, info, base, c); ok {
					best, hasBest, bestCue, subject = at, true, c, -1
				}
			}
		case CueVerb:
			if hasBest && bestCue.Kind == CueVerb && !bestPassive {
				continue
			}
			passive := c.last+1 < len(info.words) && info.words[c.last+1].lower == "by"
			if !passive && c.Lemma != "quote" && notReporting(info.words, c) {
				continue
			}
			if afterVague(info.cues, ci) || quotedAsSaying(info.words, c) {
				// "are said to believe": the verb is the rumour's;
				// "quoted by AFP as saying": the phrase has the speaker.
				continue
			}
			var m mention
			ok := false
			// "as estimated by the Congressional Budget Office", "a
			// report published by the SOHR": the agent is the source.
			if passive {
				m, ok = a.after(doc, info, base, &cue{ReportingCue: ReportingCue{Start: c.Start, End: info.words[c.last+1].end}, first: c.first, last: c.last + 1}, ante, 3)
			}
			// After a comma or a quotation the subject usually follows
			// the verb ("…,” said Dareen Khalifa", ", writes France 24");
			// "told" takes its audience after it, and "proclaimed by" is
			// passive.
			if c.Lemma != "tell" && !passive && invertible(text, c.Start) {
				m, ok = a.after(doc, info, base, c, ante, 3)
			}
			// "AP quoted prosecutor Russell McGuire as saying": the
			// speaker is the object of "quoted".
			if c.Lemma == "quote" && !passive && !ok {
				if o, found := a.after(doc, info, base, c, ante, 1); found && strings.HasPrefix(strings.TrimLeft(text[o.ext1-base:], " "), "as ") {
					m, ok = o, true
				}
			}
			if !ok && !passive {
				m, ok = a.before(doc, info, base, c, ante)
			}
			// "… on Friday said a monitoring group.": an inverted tag at
			// the end of a sentence whose comma was stripped.
			if !ok && !passive && c.Lemma != "tell" {
				if o, found := a.after(doc, info, base, c, ante, 2); found && endsSentence(text, o.ext1-base) {
					m, ok = o, true
				}
			}
			if ok {
				if at, ok := a.link(doc, m, c, base, ante); ok {
					best, hasBest, bestCue, subject, bestPassive = at, true, c, m.start, passive
					// "shares jumped 10.7%, with analysts saying sales of
					// $600m were possible": the clause credits only what
					// follows it.
					if c.Form == VerbGerund && withClause(info.words, c, base, m.ext0) {
						info.from = base + c.Start
					}
				}
			}
		}
	}
	if !hasBest {
		// "Osbourne himself was at a loss to explain its popularity: “I
		// suppose …”": a quotation introduced by a colon is the words of
		// the clause's subject.
		if colon, ok := colonQuote(ante, s.view.Start, text); ok {
			if m, found := clauseSubject(info, base, colon); found {
				c := &cue{ReportingCue: ReportingCue{Start: colon - base, End: colon - base + 1, Kind: CuePhrase, Lemma: ":"}, text: ":"}
				if at, ok := a.link(doc, m, c, base, ante); ok {
					best, hasBest, bestCue, subject = at, true, c, m.start
				}
			}
		}
	}
	info.attr, info.attrCue, info.subject = nil, bestCue, subject
	if hasBest {
		info.attr = ante.newAttribution(si, best)
	} else {
		info.subject = -1
		info.from = 0
	}
}

// colonQuote returns the view offset of a colon in a sentence (at view
// offset base) that opens a quotation, outside quotations (x.inner).
func colonQuote(x *antecedents, base int, text string) (int, bool) {
	for i := strings.IndexByte(text, ':'); i >= 0; {
		rest := strings.TrimLeft(text[i+1:], " ")
		if r, _ := utf8.DecodeRuneInString(rest); isOpeningMark(r) && !x.inner(base+i) {
			return base + i, true
		}
		j := strings.IndexByte(text[i+1:], ':')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return 0, false
}

// clauseSubject returns the mention that opens a sentence (after at most
// one word: "But he was clear: …") before view offset colon: a person, an
// organisation, a pronoun or a capitalised name that behaves like one
// ("It was clear: …" names nobody).
func clauseSubject(info *sentInfo, base, colon int) (mention, bool) {
	if len(info.mentions) == 0 || len(info.words) == 0 {
		return mention{}, false
	}
	m := info.mentions[0]
	if m.end > colon || m.kind == mentionPronoun && m.ref.Name == "it" || wordsBetween(info.words, base, base+info.words[0].start, m.start) > 1 {
		return mention{}, false
	}
	return m, true
}

// quotedAsSaying reports whether a cue is part of "quoted by X as saying"
// (the phrase "quoted by", or the "saying" after it): the speaker is the
// subject before "was quoted", not the outlet that quotes.
func quotedAsSaying(words []word, c *cue) bool {
	if c.Lemma == "quoted by" || c.Lemma == "as quoted by" {
		for k := c.last + 1; k < len(words) && k <= c.last+8; k++ {
			if words[k].lower == "as" && k+1 < len(words) && strings.HasSuffix(words[k+1].lower, "ing") {
				return true
			}
		}
		return false
	}
	if c.first < 2 || words[c.first-1].lower != "as" || !strings.HasSuffix(words[c.first].lower, "ing") {
		return false
	}
	for k := c.first - 2; k >= 0 && k >= c.first-8; k-- {
		if words[k].lower == "quoted" && k+1 < len(words) && words[k+1].lower == "by" {
			return true
		}
	}
	return false
}

// afterVague reports whether the verb cue cues[ci] follows a vague cue
// ending in "to" with at most one word between ("are said to believe",
// "is thought to have said"): the verb belongs to the rumour, and its
// subject is no source. ("The document reportedly said" still names
// its source.)
func afterVague(cues []cue, ci int) bool {
	if ci == 0 {
		return false
	}
	p := cues[ci-1]
	return p.Kind == CueVague && strings.HasSuffix(p.Lemma, " to") && cues[ci].first-p.last <= 2
}

// endsSentence reports whether only closing punctuation, quotation marks
// and spaces follow offset off in a sentence's text.
func endsSentence(text string, off int) bool {
	return strings.Trim(text[min(off, len(text)):], " \t\n.!?\"”’)") == ""
}

// withClause reports whether a gerund cue heads an absolute clause
// "with X saying", its subject starting at view offset subj.
func withClause(words []word, c *cue, base, subj int) bool {
	for k := c.first - 1; k >= 0 && k >= c.first-6; k-- {
		if base+words[k].end <= subj {
			return words[k].lower == "with"
		}
	}
	return false
}

// describedSource credits a sentence to what follows "according to" when
// no source is named there ("according to studio estimates", "according
// to official figures"): the noun phrase up to the next punctuation, at
// most six words. Vague phrases ("according to reports") are vague cues
// of their own and never reach here.
func (a *Analyzer) describedSource(doc *Document, info *sentInfo, base int, c *cue) (Attribution, bool) {
	k := c.last + 1
	end := k
	for end < len(info.words) && end < k+6 {
		if end > k && strings.TrimSpace(doc.view.Text[base+info.words[end-1].end:base+info.words[end].start]) != "" {
			break
		}
		end++
	}
	if end == k || strings.TrimSpace(doc.view.Text[base+c.End:base+info.words[k].start]) != "" {
		return Attribution{}, false
	}
	start, stop := base+info.words[k].start, base+info.words[end-1].end
	name := doc.view.Text[start:stop]
	return Attribution{
		Source:  SourceRef{ID: slugID("unnamed:", name), Name: name, Type: "official"},
		Mention: doc.view.Span(start, stop),
		Cue:     Cue{Text: c.text, Span: doc.view.Span(base+c.Start, base+c.End)},
		Link:    LinkSameSentence,
	}, true
}

// notReporting reports whether a reporting verb is used in another sense:
// a passive without an agent ("it was published in 2004": the thing
// published is no source), a verb on a reflexive object ("the group
// called itself the Underground Network" names, it does not report) or
// an infinitive ("had attempted to broadcast").
func notReporting(words []word, c *cue) bool {
	if c.Form&VerbBase != 0 && c.first > 1 && words[c.first-1].lower == "to" {
		// "journalists had attempted to broadcast", "declined to
		// comment": an infinitive under another verb reports nothing.
		return true
	}
	if c.first > 0 {
		switch words[c.first-1].lower {
		case "is", "was", "were", "are", "be", "been", "being":
			// "X is alleged to have said" still reports X's words.
			return c.last+1 >= len(words) || words[c.last+1].lower != "to"
		}
	}
	if c.last+1 < len(words) {
		switch words[c.last+1].lower {
		case "itself", "himself", "herself", "themselves":
			return true
		}
	}
	return false
}

// subjectPhrase reports whether a phrase cue takes its source before it
// ("X told reporters", "X said in a statement") rather than after it
// ("according to X", "quoted by X", "citing X").
func subjectPhrase(lemma string) bool {
	return !strings.HasSuffix(lemma, " to") && !strings.HasSuffix(lemma, " by") && lemma != "citing" &&
		lemma != "spokesman" && lemma != "spokeswoman" && lemma != "spokesperson"
}

// invertible reports whether a verb at off may have its subject after it:
// it follows a quotation or a comma ("…,” said X", ", says X", ", affirmed
// its head of diplomacy, X").
func invertible(text string, off int) bool {
	t := strings.TrimRight(text[:off], " \t\n")
	if t == "" {
		return false
	}
	// Most verbs follow a word: an ASCII byte ends none of the marks
	// below but the ASCII ones.
	if c := t[len(t)-1]; c < utf8.RuneSelf && c != ',' && c != '"' && c != ':' {
		return false
	}
	for _, suf := range []string{",", "”", "\"", "»", "“", "›", ":"} {
		if strings.HasSuffix(t, suf) {
			return true
		}
	}
	return false
}

// before finds the subject of a verb: the nearest mention ending at most
// three words before it ("the SOHR announced", "he told"), or a chain of
// mentions joined by appositions and relative clauses between commas, of
// which a named person wins ("a woman, Umm Mohamad, who lost her
// daughter-in-law, a mother of five, told AFP"), else the first that is
// not an organisation noun ("the bank").
func (a *Analyzer) before(doc *Document, info *sentInfo, base int, c *cue, x *antecedents) (mention, bool) {
	// The chain of mentions before a verb, as indexes of info.mentions,
	// is short: it fits on the stack.
	var fbuf [4]int
	found := fbuf[:0]
	limit := base + c.Start
	// "The Observatory - which has a network of … medical sources - also
	// said": the aside between dashes is skipped.
	if open, ok := dashAside(doc.view.Text[base:limit]); ok {
		limit = base + open
	}
	last := sort.Search(len(info.mentions), func(k int) bool { return info.mentions[k].start >= limit })
	for i := last - 1; i >= 0; i-- {
		m := &info.mentions[i]
		if m.kind == mentionWeak || m.ext1 > limit || x.inner(m.start) {
			continue
		}
		if m.kind == mentionPronoun && afterPreposition(doc.view.Text[max(0, m.start-8):m.start]) {
			continue // "membership of it demanded": an object, not the subject
		}
		between := doc.view.Text[m.ext1:limit]
		n := wordsBetween(info.words, base, m.ext1, limit)
		if hasClauseBreak(between, true) {
			break
		}
		if n > 3 && !(n <= 20 && apposition(between)) {
			break
		}
		found = append(found, i)
		limit = m.ext0
		if !strings.HasSuffix(strings.TrimSpace(doc.view.Text[max(0, m.ext0-2):m.ext0]), ",") {
			break // the chain goes on only through commas
		}
	}
	if len(found) == 0 {
		return mention{}, false
	}
	for _, i := range found {
		if m := &info.mentions[i]; m.kind == mentionPerson {
			return *m, true
		}
	}
	// "Mr Glazer's financial backers, including JP Morgan, the US
	// investment bank have said": an organisation noun in the chain
	// describes; the head of the chain speaks.
	for _, i := range found {
		if m := &info.mentions[i]; m.kind != mentionDefinite || !m.party {
			return *m, true
		}
	}
	return info.mentions[found[0]], true
}

// dashAside reports whether text (a sentence up to its verb) ends with an
// aside set off by spaced dashes and at most two words after it ("The
// Observatory - which has … sources - also"), and returns the offset of
// the opening dash.
func dashAside(text string) (open int, ok bool) {
	// An aside is short: look at most asideBytes back, so that a verb
	// costs the same however long its sentence.
	from := max(0, len(text)-asideBytes)
	tail := text[from:]
	closing := lastSpacedDash(tail[max(0, len(tail)-32):])
	if closing < 0 {
		return 0, false
	}
	closing += max(0, len(tail)-32)
	if len(strings.Fields(tail[closing+1:])) > 3 {
		return 0, false
	}
	open = lastSpacedDash(tail[:closing])
	if open < 0 {
		return 0, false
	}
	return from + open, true
}

// asideBytes bounds the length of an aside between dashes.
const asideBytes = 300

// lastSpacedDash returns the offset of the last dash with spaces around
// it (" - ", " – ", " — ") in text, or -1.
func lastSpacedDash(text string) int {
	if strings.IndexByte(text, '-') < 0 && strings.IndexByte(text, "–"[0]) < 0 {
		return -1 // no dash: "–" and "—" begin with the same byte
	}
	return scanSpacedDash(text)
}

// scanSpacedDash is lastSpacedDash without its early exit: it looks at
// every space from the end.
func scanSpacedDash(text string) int {
	for i := len(text) - 1; i > 0; i-- {
		if text[i] != ' ' || text[i-1] == ' ' {
			continue
		}
		j := strings.LastIndexByte(text[:i], ' ')
		if j < 0 {
			return -1
		}
		switch text[j+1 : i] {
		case "-", "–", "—":
			return j
		}
	}
	return -1
}

// afterPreposition reports whether text (what comes before a pronoun)
// ends with a preposition: the pronoun is then its object.
func afterPreposition(text string) bool {
	// The last of the fields of the lower-cased text, without making
	// the list.
	last, _ := lastField(text)
	if last == "" {
		return false
	}
	switch strings.ToLower(last) {
	case "of", "to", "for", "with", "by", "from", "about", "on", "in", "at":
		return true
	}
	return false
}

// apposition reports whether the text between a subject and its verb is
// an apposition or relative clause set off by commas, followed by at most
// two words (", which controls several areas …, had called").
func apposition(between string) bool {
	t := strings.TrimSpace(between)
	if !strings.HasPrefix(t, ",") {
		return false
	}
	last := strings.LastIndexByte(t, ',')
	return last > 0 && len(strings.Fields(t[last+1:])) <= 2
}

// hasClauseBreak reports whether s holds a mark no attribution reaches
// across: a quotation mark (“ ” " « »), a stop (. ; : ! ?) or, when
// parens is set, a parenthesis. It is strings.ContainsAny(s,
// "“”\"«».;:!?()") (or the set without parentheses) without that
// function's rune-by-rune search of a set with non-ASCII marks in it:
// the text between a cue and a mention runs to tens of bytes, tested
// for every candidate mention.
func hasClauseBreak(s string, parens bool) bool {
	for i := 0; i < len(s); i++ {
		// Most bytes are none of the switch's: one look-up rules them
		// out, rather than the switch's tests, which letters and spaces
		// take one way and the other.
		if !clauseBreakByte[s[i]] {
			continue
		}
		switch s[i] {
		case '"', '.', ';', ':', '!', '?':
			return true
		case '(', ')':
			if parens {
				return true
			}
		case 0xE2: // “ and ” are E2 80 9C and E2 80 9D
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x9C || s[i+2] == 0x9D) {
				return true
			}
		case 0xC2: // « and » are C2 AB and C2 BB
			if i+1 < len(s) && (s[i+1] == 0xAB || s[i+1] == 0xBB) {
				return true
			}
		}
	}
	return false
}

// clauseBreakByte holds the bytes hasClauseBreak's switch looks at.
var clauseBreakByte = func() (t [256]bool) {
	for _, c := range []byte{'"', '.', ';', ':', '!', '?', '(', ')', 0xE2, 0xC2} {
		t[c] = true
	}
	return t
}()

// after finds the nearest mention starting at most max words after a cue.
func (a *Analyzer) after(doc *Document, info *sentInfo, base int, c *cue, x *antecedents, max int) (mention, bool) {
	first := sort.Search(len(info.mentions), func(k int) bool { return info.mentions[k].start >= base+c.End-maxMention })
	for i := first; i < len(info.mentions); i++ {
		m := &info.mentions[i]
		if m.kind == mentionWeak || m.ext0 < base+c.End {
			continue
		}
		if x.inner(m.start) {
			continue
		}
		between := doc.view.Text[base+c.End : m.ext0]
		if hasClauseBreak(between, false) || wordsBetween(info.words, base, base+c.End, m.ext0) > max {
			return mention{}, false
		}
		return *m, true
	}
	return mention{}, false
}

// link makes an attribution from a mention and its cue, resolving a
// pronoun to the nearest compatible source named before it; false when
// it cannot.
func (a *Analyzer) link(doc *Document, m mention, c *cue, base int, ante *antecedents) (Attribution, bool) {
	at := Attribution{
		Source:  m.ref,
		Mention: doc.view.Span(m.start, m.end),
		Cue:     Cue{Text: c.text, Span: doc.view.Span(base+c.Start, base+c.End)},
		Link:    LinkSameSentence,
	}
	if m.kind == mentionDefinite {
		at.Link = LinkPronoun
		ref, ok := ante.resolveDefinite(m)
		if !ok {
			if m.party { // an organisation noun with no organisation before it
				return Attribution{}, false
			}
			ref = m.ref // "the agent": an unnamed person
		}
		at.Source = ref
	}
	if m.kind == mentionPronoun {
		at.Link = LinkPronoun
		ref, ok := ante.resolvePronoun(m)
		if !ok {
			if m.ref.Name != "they" {
				return Attribution{}, false
			}
			// "as they told franceinfo": unnamed people.
			ref = SourceRef{ID: "unnamed:they", Name: "they", Type: "eyewitness"}
		}
		at.Source = ref
	}
	return at, true
}

// Pronoun windows, in blocks: "he" and "she" refer to a person named in
// the pronoun's block or the two before it, or to a speaker (the subject
// of a speech tag) up to four blocks before; "it" to an organisation in
// the block or the two before.
const (
	pronounBlocks = 2
	speakerBlocks = 4
)

// Gender classes of the antecedents index: what a pronoun or a definite
// description asks of the gender of what it refers to.
const (
	anyGender = iota // no gender asked ("the agent")
	male             // "he", "the son": a person not said to be female
	female           // "she", "the spokeswoman"
	genders
)

// genderClass returns the class of a gender as Gender gives it.
func genderClass(g string) int {
	switch g {
	case "m":
		return male
	case "f":
		return female
	}
	return anyGender
}

// compatible reports whether a mention's gender fits class g: it says
// none, or the same.
func (m *mention) compatible(g int) bool {
	return g == anyGender || m.gender == "" || m.gender == [...]string{"", "m", "f"}[g]
}

// antecedents indexes the mentions of a document (all, sorted by start)
// for resolving pronouns and definite descriptions: for each mention, the
// nearest earlier mention of each kind that one may refer to, skipping
// those inside quotations. Resolution then costs the same however many
// mentions its window of blocks holds (a whole article may be one
// paragraph), and gives what a scan back from the pronoun over every
// earlier mention would.
//
// Speakers depend on the attributions found so far: the analysis calls
// addSpeaker after each sentence, and a pronoun sees the speakers of the
// sentences before its own.
type antecedents struct {
	doc   *Document
	all   []mention
	infos []sentInfo
	block []int32 // the block of each mention
	// prev has len(all)+1 rows: prev[i][k] is the index of the nearest
	// mention before all[i] (of all[:i]) of kind k (prevPerson and the
	// others), or -1.
	prev [][prevKinds]int32
	// described lists, for each word of a descriptor, the role
	// candidates (prevRole) it describes, by gender class, in order; built
	// on first use.
	described    map[string]*[genders][]int32
	hasDescribed bool // described is built
	// speakers and pronounSpeakers list, in order and by gender class,
	// the mentions that are the subject of their sentence's attribution:
	// people, pronouns and definite descriptions a "he" or "she" may
	// follow, and of those the pronouns and definite descriptions.
	speakers, pronounSpeakers [genders][]int32
	// attrs holds the document's attributions (newAttribution): never
	// reused, as the analysis keeps pointers to them.
	attrs []Attribution
	// ordered is true when the quoted texts of doc.Quotes (sorted by
	// start) end in order too, as they do unless quotations nest:
	// quoteInner's search then finds the first quotation whose text
	// ends after an offset, and a cursor moving forward finds the same
	// (innerFrom, screen).
	ordered bool
	// The quote screen of the sentence attributed (screen): no quoted
	// text that quoteInner looks at meets [from, to) unless quoted.
	// next is the screen's cursor in doc.Quotes.
	from, to, next int
	quoted         bool
}

// quotesInOrder reports whether the quoted texts of qs, sorted by
// start, end in order too (antecedents.ordered).
func quotesInOrder(qs []Quote) bool {
	for k := 1; k < len(qs); k++ {
		if qs[k].inner.End < qs[k-1].inner.End {
			return false // nested quotations
		}
	}
	return true
}

// innerFrom is quoteInner(x.doc, off) for offsets asked in order (none
// less than the one before), *k the cursor in doc.Quotes, 0 at first:
// where quoteInner searches all the quotations for each offset, with a
// branch the predictor misses about every other step, the cursor moves
// on only past those that end before the offset.
func (x *antecedents) innerFrom(k *int, off int) bool {
	if !x.ordered {
		return quoteInner(x.doc, off)
	}
	qs := x.doc.Quotes
	i := *k
	for i < len(qs) && qs[i].inner.End <= off {
		i++
	}
	*k = i
	for ; i < len(qs) && qs[i].view.Start <= off; i++ {
		if q := &qs[i]; q.Kind != QuoteScare && off >= q.inner.Start && off < q.inner.End {
			return true
		}
	}
	return false
}

// screen sets the quote screen to the view offsets [from, to) of a
// sentence, whose offsets inner then answers at once when no quoted
// text quoteInner looks at meets the sentence (most sentences).
// Sentences are screened in order.
func (x *antecedents) screen(from, to int) {
	x.from, x.to, x.quoted = from, to, true
	if !x.ordered {
		return
	}
	qs := x.doc.Quotes
	i := x.next
	if i > 0 && from < qs[i-1].inner.End {
		i = 0 // out of order: start again
	}
	for i < len(qs) && qs[i].inner.End <= from {
		i++
	}
	x.next = i
	// Every quotation from i on ends after from; those that start at
	// or after to are past the sentence.
	for ; i < len(qs) && qs[i].view.Start < to; i++ {
		if q := &qs[i]; q.Kind != QuoteScare && q.inner.Start < to {
			return
		}
	}
	x.quoted = false
}

// inner is quoteInner(x.doc, off), answered by the quote screen when
// off lies in the sentence screened and no quotation meets it.
func (x *antecedents) inner(off int) bool {
	if !x.quoted && x.from <= off && off < x.to {
		return false
	}
	return quoteInner(x.doc, off)
}

// newAttribution returns a pointer to a copy of at, the attribution of
// sentence si, from an array that has room for one in each sentence left
// that may have one: one allocation a document rather than one an
// attribution.
func (x *antecedents) newAttribution(si int, at Attribution) *Attribution {
	if len(x.attrs) == cap(x.attrs) {
		n := 0
		for k := si; k < len(x.infos); k++ {
			if info := &x.infos[k]; info.editorial && len(info.cues) > 0 {
				n++
			}
		}
		x.attrs = make([]Attribution, 0, max(n, 1))
	}
	x.attrs = append(x.attrs, at)
	return &x.attrs[len(x.attrs)-1]
}

// The kinds of antecedent of a row of antecedents.prev, the index of a
// mention of each.
// (newAntecedents writes a row out kind by kind: prevKinds is 9.)
const (
	// prevPerson+g, for "he" and "she": one person (singular) of
	// gender class g.
	prevPerson = 0
	// prevRole+g: a definite role: a person, or a registry source named
	// by one.
	prevRole = prevPerson + genders
	// prevWeak: a capitalised word that only looks like a name.
	prevWeak = prevRole + genders
	// prevOrg: "it", "they": an organisation or back-reference.
	prevOrg = prevWeak + 1
	// prevParty: a definite organisation noun: an organisation not named
	// by a person.
	prevParty = prevOrg + 1
	prevKinds = prevParty + 1
)

// prevKindsOf returns the set of the kinds of antecedent m is, a bit
// for each (1<<prevPerson and the others), when it is outside a
// quotation. It is worked out without a branch on the mention's kind,
// which varies from one mention to the next at random.
func prevKindsOf(m *mention) uint {
	// The gender classes m is compatible with: any, male, female.
	compat := uint(1<<anyGender | 1<<male | 1<<female)
	if m.gender != "" { // seldom
		for g := male; g <= female; g++ {
			if !m.compatible(g) {
				compat &^= 1 << g
			}
		}
	}
	org, backref := b2u(m.kind == mentionOrg), b2u(m.kind == mentionBackRef)
	person := b2u(m.person)
	role := b2u(m.kind == mentionPerson) | org&person
	set := compat*b2u(m.singular())<<prevPerson | compat*role<<prevRole
	set |= b2u(m.kind == mentionWeak)<<prevWeak | (org|backref)<<prevOrg | (org&^person|backref)<<prevParty
	return set
}

// pick returns i when the low bit of bit is set, else old, without a
// branch.
func pick(old, i int32, bit uint) int32 {
	keep := int32(bit&1) - 1 // -1 to keep old, 0 to take i
	return old&keep | i&^keep
}

// antecedentsPool keeps antecedents indexes, released by the analyses
// done with them, for reuse by other documents and goroutines.
var antecedentsPool = sync.Pool{New: func() any { return new(antecedents) }}

// maxPooledMentions bounds the index kept for reuse, so that one huge
// document does not pin its arrays for good.
const maxPooledMentions = 1 << 14

// newAntecedents indexes all, the mentions of doc sorted by start. The
// analysis calls release when it is done with the index.
func newAntecedents(doc *Document, all []mention, infos []sentInfo) *antecedents {
	x := antecedentsPool.Get().(*antecedents)
	x.doc, x.all, x.infos = doc, all, infos
	x.ordered = quotesInOrder(doc.Quotes)
	x.from, x.to, x.next, x.quoted = 0, 0, 0, true
	n := len(all) + 1
	x.block, x.prev = slices.Grow(x.block[:0], n)[:n], slices.Grow(x.prev[:0], n)[:n]
	prev := x.prev[:len(all)]
	var last [prevKinds]int32
	for k := range last {
		last[k] = -1
	}
	qk := 0 // the cursor of innerFrom: all is sorted by start
	for i := range all {
		m := &all[i]
		x.block[i] = int32(doc.Sentences[m.sentence].Block)
		prev[i] = last
		if x.innerFrom(&qk, m.start) {
			continue
		}
		// Each kind's last mention becomes all[i] when all[i] is one:
		// by arithmetic, as the kinds of one mention and the next are
		// unrelated.
		// (Written out: a loop of nine steps costs a misprediction at its
		// end.)
		set, i := prevKindsOf(m), int32(i)
		last[0], last[1], last[2] = pick(last[0], i, set>>0), pick(last[1], i, set>>1), pick(last[2], i, set>>2)
		last[3], last[4], last[5] = pick(last[3], i, set>>3), pick(last[4], i, set>>4), pick(last[5], i, set>>5)
		last[6], last[7], last[8] = pick(last[6], i, set>>6), pick(last[7], i, set>>7), pick(last[8], i, set>>8)
	}
	x.prev[len(all)] = last
	return x
}

// release empties x and puts it back in antecedentsPool, keeping its
// arrays (which hold no pointers) for the next document; x must not be
// used after. The analysis calls it once it has attributed every
// sentence.
func (x *antecedents) release() {
	if cap(x.prev) > maxPooledMentions {
		return
	}
	x.doc, x.all, x.infos, x.attrs = nil, nil, nil, nil
	for g := range genders {
		x.speakers[g], x.pronounSpeakers[g] = x.speakers[g][:0], x.pronounSpeakers[g][:0]
	}
	clear(x.described)
	x.hasDescribed = false
	antecedentsPool.Put(x)
}

// addSpeaker records the subject of sentence si's attribution, if any,
// once the sentence has been attributed.
func (x *antecedents) addSpeaker(si int) {
	info := &x.infos[si]
	if info.attr == nil {
		return
	}
	for i := x.before(info.subject); i < len(x.all) && x.all[i].start == info.subject; i++ {
		m := &x.all[i]
		if x.inner(m.start) {
			continue
		}
		for g, name := range [genders]string{"", "he", "she"} {
			if g == anyGender {
				continue
			}
			switch {
			case m.kind == mentionPronoun && m.ref.Name == name,
				m.kind == mentionDefinite && !m.party && m.compatible(g):
				x.pronounSpeakers[g] = append(x.pronounSpeakers[g], int32(i))
				x.speakers[g] = append(x.speakers[g], int32(i))
			case m.singular() && m.compatible(g):
				x.speakers[g] = append(x.speakers[g], int32(i))
			}
		}
	}
}

// before returns the index of the first mention starting at or after
// view offset off: the mentions before it start before off.
func (x *antecedents) before(off int) int {
	return sort.Search(len(x.all), func(i int) bool { return x.all[i].start >= off })
}

// within returns j when it is a mention (not -1) at most blocks blocks
// before block, else -1.
func (x *antecedents) within(j int32, block, blocks int) int {
	if j < 0 || block-int(x.block[j]) > blocks {
		return -1
	}
	return int(j)
}

// speakerRef is the source a speaker mention stands for: a person's own
// reference, or what the pronoun or description resolved to.
func (x *antecedents) speakerRef(j int) SourceRef {
	if m := &x.all[j]; m.kind == mentionPronoun || m.kind == mentionDefinite {
		return x.infos[m.sentence].attr.Source
	}
	return x.all[j].ref
}

// lastOf returns the last entry of list, or -1.
func lastOf(list []int32) int32 {
	if len(list) == 0 {
		return -1
	}
	return list[len(list)-1]
}

// resolvePronoun finds what a pronoun refers to.
//
// He and she: the speaker of the pronoun's paragraph (a person who is
// the subject of an earlier speech tag there, or the source an earlier
// "he said" resolved to) when no other person was named after it; else
// the nearest person named in the paragraph or the two before; else the
// most recent speaker up to four paragraphs before. People, one
// unnamed person ("a spokesman") and registry sources named by a
// person's name qualify, but not one whose title or descriptor gives the
// other gender ("Mrs Blair" is not "he"). A capitalised name that only
// looks like a person ("Moataz sees") is used only when nothing better
// is found. It: the nearest organisation. They: an organisation named
// earlier in the same sentence, else the source of the previous
// sentence's attribution, else unnamed people. Mentions inside
// quotations are not referred to.
func (x *antecedents) resolvePronoun(p mention) (SourceRef, bool) {
	doc := x.doc
	block := doc.Sentences[p.sentence].Block
	from := x.before(p.start)
	switch p.ref.Name {
	case "he", "she":
		g := male
		if p.ref.Name == "she" {
			g = female
		}
		// The nearest of a person in the window and a "he said" or "the
		// agent said" speaker of this paragraph. (A person speaker of
		// this paragraph is a person in the window.)
		person := x.within(x.prev[from][prevPerson+g], block, pronounBlocks)
		if sp := x.within(lastOf(x.pronounSpeakers[g]), block, 0); sp > person {
			return x.speakerRef(sp), true
		}
		if person >= 0 {
			return x.all[person].ref, true
		}
		if sp := x.within(lastOf(x.speakers[g]), block, speakerBlocks); sp >= 0 {
			return x.speakerRef(sp), true
		}
		if weak := x.within(x.prev[from][prevWeak], block, pronounBlocks); weak >= 0 {
			return x.all[weak].ref, true
		}
	case "it":
		if org := x.within(x.prev[from][prevOrg], block, pronounBlocks); org >= 0 {
			return x.all[org].ref, true
		}
	case "they":
		if org := x.prev[from][prevOrg]; org >= 0 && x.all[org].sentence == p.sentence {
			return x.all[org].ref, true
		}
		if p.sentence > 0 && doc.Sentences[p.sentence-1].Block == block {
			if at := x.infos[p.sentence-1].attr; at != nil {
				return at.Source, true
			}
		}
	}
	return SourceRef{}, false
}

// resolveDefinite finds what a definite description refers to: for an
// organisation noun ("the company said"), the nearest organisation named
// before it; for a role ("the agent added", "his son said"), the nearest
// person named before it whose descriptor has the same role noun, else
// the nearest person of a compatible gender. Both look in the phrase's
// paragraph and the two before, outside quotations. (A definite mention
// keeps its head noun in descriptor and, in party, whether it is an
// organisation noun.)
func (x *antecedents) resolveDefinite(d mention) (SourceRef, bool) {
	block := x.doc.Sentences[d.sentence].Block
	from := x.before(d.start)
	if d.party {
		if org := x.within(x.prev[from][prevParty], block, pronounBlocks); org >= 0 {
			return x.all[org].ref, true
		}
		return SourceRef{}, false
	}
	g := genderClass(d.gender)
	if list := x.describedBy(d.descriptor); list != nil {
		// The last role candidate before the phrase with its head noun.
		l := list[g]
		k := sort.Search(len(l), func(k int) bool { return int(l[k]) >= from })
		if k > 0 {
			if j := x.within(l[k-1], block, pronounBlocks); j >= 0 {
				return x.all[j].ref, true
			}
		}
	}
	if j := x.within(x.prev[from][prevRole+g], block, pronounBlocks); j >= 0 {
		return x.all[j].ref, true
	}
	return SourceRef{}, false
}

// describedBy returns the role candidates whose descriptor has word
// among its (lower-cased, space-separated) words, by gender class, or nil.
func (x *antecedents) describedBy(word string) *[genders][]int32 {
	if !x.hasDescribed {
		x.hasDescribed = true
		if x.described == nil {
			x.described = map[string]*[genders][]int32{}
		}
		qk := 0 // the cursor of innerFrom
		for i := range x.all {
			m := &x.all[i]
			if m.descriptor == "" || !(m.kind == mentionPerson || m.kind == mentionOrg && m.person) || x.innerFrom(&qk, m.start) {
				continue
			}
			for _, w := range strings.Fields(strings.ToLower(m.descriptor)) {
				list := x.described[w]
				if list == nil {
					list = new([genders][]int32)
					x.described[w] = list
				}
				for g := range genders {
					if l := list[g]; m.compatible(g) && (len(l) == 0 || l[len(l)-1] != int32(i)) {
						list[g] = append(l, int32(i))
					}
				}
			}
		}
	}
	return x.described[word]
}

// sentenceAt returns the index of the sentence holding view offset off.
func sentenceAt(doc *Document, off int) int {
	i := sort.Search(len(doc.Sentences), func(i int) bool { return doc.Sentences[i].view.End > off })
	if i == len(doc.Sentences) {
		return len(doc.Sentences) - 1
	}
	return i
}

// quoteSpeakers credits each quotation (but scare quotes) to a speaker:
// the attribution of its own sentence; else, for a quote that continues
// another (after a paragraph break or a lost mark), the speaker of that
// quote; else a speaker tagged on the next or previous quote of the same
// paragraph with no other attribution in between.
func (a *Analyzer) quoteSpeakers(doc *Document, infos []sentInfo) []*Attribution {
	attrs := make([]*Attribution, len(doc.Quotes))
	for qi := range doc.Quotes {
		q := &doc.Quotes[qi]
		q.Speaker = nil
		if q.Kind == QuoteScare || len(doc.Sentences) == 0 {
			continue
		}
		for _, si := range []int{sentenceAt(doc, max(q.view.End-1, q.view.Start)), sentenceAt(doc, q.view.Start)} {
			if si >= 0 && infos[si].attr != nil {
				attrs[qi] = infos[si].attr
				break
			}
		}
	}
	// Continuations and runs of quotes in one paragraph.
	for pass := 0; pass < 2; pass++ {
		for qi := range doc.Quotes {
			if attrs[qi] != nil || doc.Quotes[qi].Kind == QuoteScare {
				continue
			}
			q := doc.Quotes[qi]
			if qi > 0 && attrs[qi-1] != nil && (q.Continues || adjacentQuotes(doc, infos, qi-1, qi)) {
				at := *attrs[qi-1]
				at.Link = LinkContinuation
				attrs[qi] = &at
				continue
			}
			if qi+1 < len(doc.Quotes) && attrs[qi+1] != nil && adjacentQuotes(doc, infos, qi, qi+1) {
				at := *attrs[qi+1]
				at.Link = LinkContinuation
				attrs[qi] = &at
			}
		}
	}
	// A quote with no speech tag in a paragraph whose earlier sentence
	// opens with an attribution ("According to X, …") carries it.
	for qi := range doc.Quotes {
		if attrs[qi] != nil || doc.Quotes[qi].Kind == QuoteScare {
			continue
		}
		if at := carried(doc, infos, sentenceAt(doc, doc.Quotes[qi].view.Start)); at != nil {
			attrs[qi] = at
		}
	}
	// The speakers share one array.
	n := 0
	for _, at := range attrs {
		if at != nil {
			n++
		}
	}
	speakers := make([]SourceRef, 0, n)
	for qi := range doc.Quotes {
		if attrs[qi] != nil {
			speakers = append(speakers, attrs[qi].Source)
			doc.Quotes[qi].Speaker = &speakers[len(speakers)-1]
		}
	}
	return attrs
}

// adjacentQuotes reports whether quotes i and j (i before j) belong to one
// utterance: in the same or consecutive blocks, with no reporting cue or
// other editorial sentence between them.
func adjacentQuotes(doc *Document, infos []sentInfo, i, j int) bool {
	qi, qj := doc.Quotes[i], doc.Quotes[j]
	if qj.Block-qi.Block > 1 {
		return false
	}
	if qj.Block != qi.Block && qi.Kind == QuoteDash && qj.Kind == QuoteDash {
		return true // consecutive dash-quote paragraphs: one speaker
	}
	if qj.Block != qi.Block {
		// A paragraph that opens with a quotation continues the last
		// quotation of the previous paragraph, when that one ended it.
		b := doc.Blocks[qj.Block]
		prev := doc.Blocks[qi.Block]
		if qj.view.Start-b.view.Start > 2 || b.Kind != BlockBody {
			return false
		}
		// The previous paragraph ended with the quote, or this paragraph
		// is nothing but a quotation following a quoted paragraph.
		return prev.view.End-qi.view.End <= 2 || b.view.End-qj.view.End <= 2
	}
	if qj.view.Start < qi.view.End {
		return false // nested or overlapping quotations are not a run
	}
	between := doc.view.Text[qi.view.End:qj.view.Start]
	if len(strings.TrimSpace(between)) > 60 {
		return false
	}
	si, sj := sentenceAt(doc, qi.view.End-1), sentenceAt(doc, qj.view.Start)
	for s := si; s <= sj && s < len(infos); s++ {
		if s != sj && infos[s].attr != nil && s != sentenceAt(doc, qi.view.Start) {
			return false
		}
	}
	return true
}

// carried returns the attribution that covers sentence si from earlier in
// its paragraph: a sentence that opened with "According to X, …", or, for
// the first sentences of a paragraph that follows such an opening, that
// attribution. The link is "carried".
func carried(doc *Document, infos []sentInfo, si int) *Attribution {
	if si < 0 {
		return nil
	}
	block := doc.Sentences[si].Block
	for k := si - 1; k >= 0 && doc.Sentences[k].Block == block; k-- {
		if infos[k].attr != nil {
			if infos[k].opening {
				at := *infos[k].attr
				at.Link = LinkCarried
				return &at
			}
			return nil
		}
	}
	return nil
}
