package audit

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
	"github.com/sourcecheck/sourcecheck/rules"
)

// Analyzer finds claims, sources and attributions in structured documents.
// It is safe for concurrent use by several goroutines.
type Analyzer struct {
	lex      *Lexicon
	registry *rules.Registry
	// loadedSet holds the inflections of the lexicon's loaded reporting
	// verbs (see loadedScreen).
	loadedSet wordFilter
	// cues screens the words that may start a reporting cue.
	cues cueScreen
	// regWords holds the words of the registry's aliases (see
	// registrySkip).
	regWords *registryWords
	// arenas holds *analysisArena: the arrays of finished analyses, empty and
	// cleared, for the next document to fill.
	arenas sync.Pool
}

// analysisArena holds the arrays of an analysis: what it finds of each
// sentence, and the words, reporting cues and mentions of sources of all
// sentences, which the sentences' own are slices of.
type analysisArena struct {
	infos    []sentInfo
	words    []word
	cues     []cue
	mentions []mention
	// cue is the cue finder's scratch: its toks hold its words of one
	// sentence after another.
	cue cueScratch
	// regs holds the mentions of registry sources, merged into mentions.
	regs []mention
	// found and foundSent hold the registry's matches and their
	// sentences, which the document keeps copies of; match is the
	// matcher's scratch.
	found     []rules.Mention
	foundSent []int
	match     rules.MatchScratch
	// sc is the scratch of one sentence, for the next.
	sc sentenceScratch
	// full is the document's fullNames, empty between documents.
	full map[string]SourceRef
	// bounds is the document's quoteBounds.
	bounds []int
	// drop is dropNested's scratch.
	drop []bool
	// mentionsUsed and toksUsed are the most elements of mentions and
	// toks a document has filled: past them the arrays are zero still.
	mentionsUsed, toksUsed int
}

// sentenceScratch holds what the analysis works out of one sentence at a
// time: nothing keeps it past its sentence.
type sentenceScratch struct {
	// known are the sentence spans of registry mentions that name a
	// source, orgSpans those of organisations the registry does not
	// know.
	known, orgSpans []Span
	// marks are the marks of the sentence's words (markWords), split
	// those of its words split at quotation boundaries, when one was.
	marks, split wordMarks
	orgs         []OrgMention
	people       []PersonMention
	defs         []Definite
}

// clear empties s, its arrays cleared so that they keep no text alive.
func (s *sentenceScratch) clear() {
	clear(s.orgs[:cap(s.orgs)])
	clear(s.people[:cap(s.people)])
	clear(s.defs[:cap(s.defs)])
	s.known, s.orgSpans, s.orgs, s.people, s.defs = s.known[:0], s.orgSpans[:0], s.orgs[:0], s.people[:0], s.defs[:0]
}

// maxPooledWords bounds the arenas kept for reuse, so that one huge
// document does not pin its words' array for good.
const maxPooledWords = 1 << 16

// getArena returns an arena with no words or cues, its words' array of
// capacity at least n.
func (a *Analyzer) getArena(n int) *analysisArena {
	if p, ok := a.arenas.Get().(*analysisArena); ok {
		if cap(p.words) >= n {
			return p
		}
		// Too small: let it go, and make one that fits.
	}
	return &analysisArena{words: make([]word, 0, n)}
}

// putArena clears the words, cues and mentions of p, so that it keeps no
// document's text alive, and keeps it for reuse.
func (a *Analyzer) putArena(p *analysisArena) {
	if cap(p.words) > maxPooledWords {
		return
	}
	clear(p.infos)
	clear(p.words)
	clear(p.cues)
	// Mentions dropped as nested, and the words of sentences before the
	// last, lie past the end: clear them too, up to the most filled (the
	// rest of each array is zero, as it was made or last cleared).
	clear(p.mentions[:p.mentionsUsed])
	clear(p.cue.toks[:p.toksUsed])
	clear(p.cue.win[:])
	clear(p.regs)
	clear(p.found)
	p.found, p.foundSent = p.found[:0], p.foundSent[:0]
	p.sc.clear()
	clear(p.full)
	p.infos, p.words, p.cues, p.mentions, p.cue.toks, p.regs = p.infos[:0], p.words[:0], p.cues[:0], p.mentions[:0], p.cue.toks[:0], p.regs[:0]
	p.mentionsUsed, p.toksUsed = 0, 0
	a.arenas.Put(p)
}

// NewAnalyzer returns an analyzer using lex and registry (the built-in ones
// when nil).
func NewAnalyzer(lex *Lexicon, registry *rules.Registry) *Analyzer {
	if lex == nil {
		lex = DefaultLexicon()
	}
	if registry == nil {
		registry = rules.DefaultRegistry()
	}
	return &Analyzer{lex: lex, registry: registry, loadedSet: loadedFilter(&lex.Reporting), cues: newCueScreen(&lex.Reporting),
		regWords: newRegistryWords(registry)}
}

// Lexicon returns the analyzer's lexicon.
func (a *Analyzer) Lexicon() *Lexicon { return a.lex }

// Registry returns the analyzer's source registry.
func (a *Analyzer) Registry() *rules.Registry { return a.registry }

// mentionKind says how a source is named.
type mentionKind int

const (
	mentionOrg      mentionKind = iota // a registry alias
	mentionBackRef                     // "the NGO", resolved to a registry source
	mentionPerson                      // a named person
	mentionUnnamed                     // "a resident", "an AFP correspondent"
	mentionPronoun                     // he, she, they, it
	mentionWeak                        // a capitalised word that may be a person, for pronouns only
	mentionDefinite                    // "the agent", "the company": resolved like a pronoun
)

// mention is a place where a source is named, in view offsets.
type mention struct {
	kind       mentionKind
	start, end int // the name
	// ext0 and ext1 extend the name over its descriptor ("Kremlin
	// spokesman Dmitry Peskov", "Rami Abdel Rahmane, the director of the
	// SOHR"), so that a verb right after the descriptor finds the person.
	ext0, ext1 int
	ref        SourceRef
	descriptor string
	sentence   int
	// gender is "f" or "m" when a title or descriptor says so ("Mrs
	// Blair", "a spokeswoman"), else "".
	gender string
	// (The flags come last, packed together: many mentions are made.)
	party bool
	// person is true for a registry source named by a person's name
	// ("Dmitry Peskov" for the Kremlin): "he" and "she" may refer to it.
	person bool
	// unlisted is true for an organisation the registry does not know
	// (FindOrgs): a source only when something is credited to it.
	unlisted bool
	// anonymous is true for an unnamed source that names nobody in
	// particular ("a source at the ministry", "sources close to X").
	anonymous bool
}

// singular reports whether "he" or "she" may refer to m: a named person,
// a registry source named by a person's name, or one unnamed person ("a
// spokesman", not "residents").
func (m *mention) singular() bool {
	switch m.kind {
	case mentionPerson:
		return true
	case mentionOrg:
		return m.person
	case mentionUnnamed:
		if !personTypes[m.ref.Type] {
			return false
		}
		head := m.ref.ID[strings.LastIndexAny(m.ref.ID, ":-")+1:]
		return !(strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss"))
	}
	return false
}

// sentInfo is what the analysis finds in one sentence.
type sentInfo struct {
	editorial bool
	words     []word
	cues      []cue
	mentions  []mention // sorted by start
	attr      *Attribution
	attrCue   *cue
	// subject is the view offset of the mention that attr was found on
	// (the speaker of the sentence), or -1.
	subject int
	vague   *cue
	// opening is true when the sentence opens with its attribution
	// ("According to the SOHR, …"), which then covers its paragraph.
	opening bool
	// from, when not 0, is the view offset from which attr covers the
	// sentence's figures ("…, with analysts saying …").
	from int
}

// Analyze finds the claims and sources of doc, and the speaker of each of
// its quotations, with the built-in lexicon and registry. doc must have
// been through Structure.
func Analyze(doc *Document) { NewAnalyzer(nil, nil).Analyze(doc) }

// Analyze finds the claims and sources of doc, and the speaker of each of
// its quotations. doc must have been through Structure (Analyze runs it
// when doc has no view yet).
func (a *Analyzer) Analyze(doc *Document) { a.analyze(doc, nil) }

// analyze is Analyze, screening each sentence for the phrases of ex
// (doc.exist) when ex is not nil.
func (a *Analyzer) analyze(doc *Document, ex *existenceScreen) {
	if doc.view == nil {
		Structure(doc, a.lex)
	}
	var all []mention
	// A word that is only a gerund ("publishing group") tells no name.
	// Every verb form is a cue start, and a lower-case ASCII word is its
	// own key: the start filter's bits of the word turn most words away.
	isVerb := func(w *word) bool {
		rep := &a.lex.Reporting
		if w.ascii {
			// Its own key (lexKey).
			if !rep.startSet.hasWord(w) {
				return false
			}
			e, ok := rep.verbs[w.lower]
			return ok && e.form != VerbGerund
		}
		_, f, ok := rep.VerbForms(w.lower)
		return ok && f != VerbGerund
	}

	acronyms := map[string]SourceRef{}
	// The words of every sentence share one array: about one word in six
	// bytes of prose, and a sentence's words are a full slice of it.
	n := 0
	for si := range doc.Sentences {
		if s := &doc.Sentences[si]; doc.Blocks[s.Block].Kind.Editorial() {
			n += len(s.Text)
		}
	}
	pooled := a.getArena(n/5 + 16)
	arena, cues := pooled.words, pooled.cues
	regMentions, regSentence := pooled.found, pooled.foundSent
	bounds := appendQuoteBounds(pooled.bounds, doc.Quotes)
	pooled.bounds = bounds
	// The arena's infos are zero, as putArena leaves them.
	infos := pooled.infos[:0]
	if cap(infos) >= len(doc.Sentences) {
		infos = infos[:len(doc.Sentences)]
	} else {
		infos = make([]sentInfo, len(doc.Sentences))
	}
	// About one mention in a hundred bytes of prose (one in thirty at
	// most, on the corpora): room for most documents' at once.
	all = slices.Grow(pooled.mentions, n/64+8)
	// The view lower-cased once serves the words of every sentence, and
	// the view with its line breaks as spaces (made on the first wrapped
	// sentence) the text of every wrapped sentence.
	viewLower, viewWrapped := "", ""
	if n > 0 {
		viewLower = doc.lowerView()
	}
	// Per-sentence scratch, reused from one sentence to the next: nothing
	// keeps them past their sentence.
	doc.loaded.reset(&a.lex.Reporting, doc.view, len(doc.Sentences))
	doc.exist.reset(ex, doc.view, len(doc.Sentences))
	sc := &pooled.sc
	toksUsed := 0 // the most words pooled.cue.toks has held
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		info := &infos[si]
		kind := doc.Blocks[s.Block].Kind
		info.editorial = kind.Editorial()
		if !info.editorial {
			continue
		}
		m0 := len(all) // the sentence's mentions are all[m0:]
		inView := doc.sentenceInView(s)
		text := s.Text
		// screened is true when text has the words of s.Text, as
		// appendQWords splits them: line breaks, which split no word,
		// read as spaces.
		screened := true
		if strings.IndexByte(text, '\n') >= 0 || strings.IndexByte(text, '\r') >= 0 {
			// A sentence of the view is valid UTF-8, as the view is
			// (FuzzStructure holds both): only text from elsewhere is
			// checked.
			screened = inView || utf8.ValidString(text)
			if inView {
				// softWrap(text), byte for byte.
				if viewWrapped == "" {
					v := doc.view.Text
					viewWrapped = lineBreaksToSpaces(v, strings.IndexByte(v, '\n'), strings.IndexByte(v, '\r') >= 0)
				}
				text = viewWrapped[s.view.Start:s.view.End]
			} else {
				text = softWrap(text)
			}
		}
		base := s.view.Start
		// One tokenisation serves the sentence: FindPeople and
		// FindDefinites read it as it is, the rest split at quotation
		// boundaries.
		lo := len(arena)
		if inView && len(text) == len(s.Text) {
			// softWrap replaced line breaks byte for byte, if any:
			// the view's offsets still hold.
			arena = appendWordsLower(arena, text, viewLower[s.view.Start:s.view.End])
		} else {
			arena = appendWords(arena, text)
		}
		tokens := arena[lo:len(arena):len(arena)]
		if ex != nil && !ex.mayHold(tokens) {
			doc.exist.free.set(si)
		}
		info.words = splitAtQuotes(tokens, bounds, base)
		// The cues of every sentence share one array, as the words do.
		c0 := len(cues)
		var loaded bool
		cues, loaded = a.appendCuesLoaded(cues, text, info.words, len(info.words) != len(tokens), &pooled.cue)
		toksUsed = max(toksUsed, len(pooled.cue.toks))
		if screened && !loaded {
			doc.loaded.free.set(si)
		}
		if len(cues) > c0 {
			info.cues = cues[c0:len(cues):len(cues)]
		}
		// Registry mentions, resolved later across the whole document.
		known := sc.known[:0]
		r0 := len(regMentions)
		// The matcher reads only the stretches that can hold a mention,
		// and most sentences have none.
		rs := newRegistryStretches(a.regWords, text, tokens)
		for lo, hi, ok := rs.next(); ok; lo, hi, ok = rs.next() {
			r1 := len(regMentions)
			regMentions = a.registry.AppendMatchScratch(&pooled.match, regMentions, text[lo:hi])
			for k := r1; k < len(regMentions); k++ {
				regMentions[k].Start += lo
				regMentions[k].End += lo
			}
		}
		for k := r0; k < len(regMentions); k++ {
			m := &regMentions[k]
			if !m.BackRef {
				// "the bank" does not hide "the Bank of America".
				known = append(known, Span{Start: m.Start, End: m.End})
			}
			m.Start += base
			m.End += base
			regSentence = append(regSentence, si)
		}
		sc.known = known
		// Organisations the registry does not know, and the acronyms
		// defined for them earlier in the article.
		first := len(all)
		// Which words may be part of a name, and which may start a
		// person, a definite description or an organisation: one walk
		// over the words for findPeople, findDefinites and findOrgs.
		// The words split at quotation boundaries are the sentence's
		// own unless one was split.
		a.lex.People.markWords(&sc.marks, tokens)
		orgMarks := &sc.marks
		if len(info.words) != len(tokens) {
			a.lex.People.markWords(&sc.split, info.words)
			orgMarks = &sc.split
		}
		all = a.unlistedOrgs(all, text, base, si, info.words, orgMarks, sc, acronyms)
		orgSpans := sc.orgSpans[:0]
		for k := first; k < len(all); k++ {
			orgSpans = append(orgSpans, Span{Start: all[k].start - base, End: all[k].end - base})
		}
		sc.orgSpans = orgSpans
		// Registry aliases are not excluded here: a person the registry
		// knows by name ("Dmitry Peskov") keeps its descriptor, and
		// dropNested settles the overlap in the registry's favour.
		sc.people = findPeople(sc.people, text, tokens, &sc.marks, &a.lex.People, orgSpans, isVerb)
		for pi := range sc.people {
			p := &sc.people[pi]
			m := mention{kind: mentionPerson, start: base + p.Start, end: base + p.End, sentence: si, descriptor: p.Descriptor}
			m.ext0, m.ext1 = m.start, m.end
			if p.Descriptor != "" {
				m.ext0 = min(m.ext0, base+p.DescStart)
				m.ext1 = max(m.ext1, base+p.DescEnd)
			}
			if p.Descriptor != "" {
				m.gender = a.lex.People.genderOf(wordsIn(tokens, p.DescStart, p.DescEnd))
			}
			if p.Named {
				m.ref = SourceRef{ID: slugID("person:", p.Name), Name: p.Name, Type: p.Type}
			} else {
				m.kind = mentionUnnamed
				m.ref = SourceRef{ID: a.lex.People.unnamedID(p.Role), Name: p.Name, Type: p.Type}
				m.anonymous = a.lex.People.Anonymous(p.Role)
			}
			all = append(all, m)
		}
		all = a.wordMentions(all, text, base, si, info.words, pooled.cue.lone)
		sc.defs = findDefinites(sc.defs, text, tokens, &sc.marks, &a.lex.People)
		for di := range sc.defs {
			d := &sc.defs[di]
			m := mention{kind: mentionDefinite, start: base + d.Start, end: base + d.End, ext0: base + d.Start, ext1: base + d.End, sentence: si, gender: d.Gender,
				descriptor: d.Head, party: d.Org, ref: SourceRef{ID: a.lex.People.unnamedID(d.Head), Name: text[d.Start:d.End], Type: d.Type}}
			all = append(all, m)
		}
		sortByStart(all[m0:])
	}
	// Resolve back-references in document order and turn registry mentions
	// into mentions.
	pooled.found, pooled.foundSent = regMentions, regSentence
	// The document keeps the mentions, their resolution and their
	// sentences: one array holds the first two.
	nreg := len(regMentions)
	both := a.registry.AppendResolve(append(make([]rules.Mention, 0, 2*nreg), regMentions...), regMentions)
	resolved := both[nreg:]
	doc.registry = newRegistryMatches(a.registry, doc.view, both[:nreg:nreg], slices.Clone(regSentence), resolved)
	regs := pooled.regs[:0]
	for i, m := range resolved {
		if m.SourceID == "" {
			continue // an unresolved back-reference names nobody
		}
		src, ok := a.registry.Info(m.SourceID)
		if !ok {
			continue
		}
		k := mentionOrg
		if m.BackRef {
			k = mentionBackRef
		}
		regs = append(regs, mention{kind: k, start: m.Start, end: m.End, ext0: m.Start, ext1: m.End, sentence: doc.registry.sentenceOf(i),
			ref: SourceRef{ID: src.ID, Name: src.Name, Type: string(src.Type)}, party: src.PartyToConflict})
	}
	// The mentions of all sentences, then the registry's, stably sorted
	// by start.
	all = mergeByStart(all, regs)
	mentionsUsed := len(all) // dropNested leaves the dropped past the end
	pooled.drop = slices.Grow(pooled.drop[:0], len(all))[:len(all)]
	clear(pooled.drop)
	all = dropNested(all, pooled.drop)
	// Sorted by start, the mentions of each sentence are a run of all.
	for lo := 0; lo < len(all); {
		hi := lo + 1
		for hi < len(all) && all[hi].sentence == all[lo].sentence {
			hi++
		}
		infos[all[lo].sentence].mentions = all[lo:hi:hi]
		lo = hi
	}
	// Attribution of each sentence on its own.
	ante := newAntecedents(doc, all, infos)
	for si := range infos {
		a.attribute(doc, si, infos, ante)
		ante.addSpeaker(si)
	}
	ante.release() // nothing keeps the index past attribution
	// Speakers named by surname alone take the full name given elsewhere.
	full := fullNames(pooled.full, all)
	pooled.full = full
	for si := range infos {
		if at := infos[si].attr; at != nil {
			at.Source = fullName(full, at.Source)
		}
	}
	doc.Claims = doc.Claims[:0]
	doc.VagueCues = doc.VagueCues[:0]
	for si := range infos {
		for ci := range infos[si].cues {
			c := &infos[si].cues[ci]
			if c.Kind == CueVague && !quoteInner(doc, doc.Sentences[si].view.Start+c.Start) {
				doc.VagueCues = append(doc.VagueCues, *a.cueOf(doc, si, c))
			}
		}
	}
	qattrs := a.quoteSpeakers(doc, infos)
	a.claims(doc, infos, qattrs)
	doc.Sources = buildSources(doc, all, full)
	// Nothing of the analysis holds a word, cue, mention or sentInfo now:
	// the arena goes back, cleared, for the next document.
	pooled.infos, pooled.words, pooled.cues, pooled.mentions, pooled.regs = infos, arena, cues, all, regs
	pooled.mentionsUsed, pooled.toksUsed = mentionsUsed, toksUsed
	a.putArena(pooled)
}

// registryMatches is what Analyze found of a registry in a document:
// the registry mentions of every editorial sentence's wrapped text, in
// view offsets, and their resolution.
type registryMatches struct {
	// reg and view are the registry matched and the view whose sentences
	// were matched: the rest holds for them only.
	reg  *rules.Registry
	view *View
	// mentions are Registry.Match of each editorial sentence's wrapped
	// text in sentence order, moved to view offsets; sentence[i] is the
	// sentence of mentions[i].
	mentions []rules.Mention
	sentence []int
	// resolved is Registry.Resolve(mentions).
	resolved []rules.Mention
	// sorted is true when mentions are in strictly increasing order of
	// start, so that resolved[i], which Resolve sorts by start, is
	// mentions[i]; otherwise sentAt maps each start to its sentence.
	sorted bool
	sentAt map[int]int
}

func newRegistryMatches(reg *rules.Registry, view *View, mentions []rules.Mention, sentence []int, resolved []rules.Mention) *registryMatches {
	r := &registryMatches{reg: reg, view: view, mentions: mentions, sentence: sentence, resolved: resolved, sorted: true}
	for i := 1; i < len(mentions); i++ {
		if mentions[i].Start <= mentions[i-1].Start {
			r.sorted = false
			break
		}
	}
	if !r.sorted {
		r.sentAt = make(map[int]int, len(mentions))
		for i, m := range mentions {
			r.sentAt[m.Start] = sentence[i]
		}
	}
	return r
}

// sentenceOf returns the sentence of resolved[i]: that of the last of
// mentions to start where it starts.
func (r *registryMatches) sentenceOf(i int) int {
	if r.sorted {
		return r.sentence[i]
	}
	return r.sentAt[r.resolved[i].Start]
}

// registryMatches returns what Analyze found of reg in doc, or nil when
// it matched another registry or the document has been structured again
// since.
func (doc *Document) registryMatches(reg *rules.Registry) *registryMatches {
	if r := doc.registry; r != nil && r.reg == reg && r.view == doc.view && doc.view != nil {
		return r
	}
	return nil
}

// unlistedOrgs appends to dst, sorted by start, mentions of organisations
// the registry does not know (FindOrgs), in view offsets, and of acronyms
// defined for them earlier in the article ("the Syrian American Medical
// Society (SAMS) said" … "a SAMS statement said"), which it records in
// acronyms. marks are those of words (markWords); sc holds the
// sentence's known, and its orgs are scratch.
func (a *Analyzer) unlistedOrgs(dst []mention, text string, base, si int, words []word, marks *wordMarks, sc *sentenceScratch, acronyms map[string]SourceRef) []mention {
	out, lo := dst, len(dst)
	mk := func(start, end int, ref SourceRef) mention {
		return mention{kind: mentionOrg, start: base + start, end: base + end, ext0: base + start, ext1: base + end, sentence: si, ref: ref, unlisted: true}
	}
	known := sc.known
	orgs := findOrgs(sc.orgs, text, words, marks, &a.lex.People, known)
	sc.orgs = orgs
	if len(orgs) == 0 && len(acronyms) == 0 {
		return out
	}
	for _, o := range orgs {
		ref := SourceRef{ID: slugID("org:", o.Name), Name: o.Name, Type: o.Type}
		out = append(out, mk(o.Start, o.End, ref))
		if o.Acronym != "" {
			acronyms[o.Acronym] = ref
		}
	}
	if len(acronyms) == 0 {
		return out
	}
	k, o := 0, 0
	for wi := range words {
		w := &words[wi]
		// An acronym has no lower-case letter (allCaps): most words rule
		// themselves out by their first byte.
		if c := w.text[0]; 'a' <= c && c <= 'z' {
			continue
		}
		ref, ok := acronyms[w.text]
		if !ok {
			continue
		}
		for k < len(known) && known[k].End <= w.start {
			k++
		}
		for o < len(orgs) && orgs[o].End <= w.start {
			o++
		}
		inKnown := k < len(known) && known[k].Start < w.end
		inOrg := o < len(orgs) && orgs[o].Start <= w.start
		if !inKnown && !inOrg && !strings.HasPrefix(text[w.end:], ")") {
			out = append(out, mk(w.start, w.end, ref))
		}
	}
	slices.SortStableFunc(out[lo:], func(a, b mention) int { return a.start - b.start })
	return out
}

// sortByStart sorts the mentions of a sentence stably by start: an
// insertion sort, for a few mentions found in a few passes, each pass's
// in order.
func sortByStart(ms []mention) {
	for i := 1; i < len(ms); i++ {
		if ms[i].start >= ms[i-1].start {
			continue
		}
		m := ms[i]
		j := i
		for ; j > 0 && ms[j-1].start > m.start; j-- {
			ms[j] = ms[j-1]
		}
		ms[j] = m
	}
}

// mergeByStart returns all followed by regs, stably sorted by start (as
// slices.SortStableFunc would sort them), in all's array. regs is sorted
// by start, as Registry.Resolve sorts it, and so is all when each
// sentence's mentions are (sortByStart) and the sentences come in order,
// as Structure makes them: one merge from the back then sorts them.
func mergeByStart(all, regs []mention) []mention {
	byStart := func(a, b mention) int { return a.start - b.start }
	if !slices.IsSortedFunc(all, byStart) || !slices.IsSortedFunc(regs, byStart) {
		all = append(all, regs...)
		slices.SortStableFunc(all, byStart)
		return all
	}
	i, j := len(all)-1, len(regs)-1
	all = slices.Grow(all, len(regs))[:len(all)+len(regs)]
	// From the back: on equal starts a registry mention, which came
	// after, goes after.
	for k := len(all) - 1; j >= 0; k-- {
		if i >= 0 && all[i].start > regs[j].start {
			all[k] = all[i]
			i--
		} else {
			all[k] = regs[j]
			j--
		}
	}
	return all
}

// maxMention bounds the length in bytes of one name, for windowed
// searches among mentions sorted by start.
const maxMention = 256

// dropNested settles mentions that overlap:
//   - a registry alias that is a person's name ("Dmitry Peskov" is an
//     alias of the Kremlin) keeps the registry source but takes the
//     person's extent with its descriptor, so speech tags still find it;
//   - an unnamed phrase that holds an organisation ("an AFP
//     correspondent") becomes that organisation, named by the phrase;
//   - organisations and unnamed phrases inside a person's descriptor
//     ("Rami Abdel Rahmane, the director of the SOHR"; "a woman, Umm
//     Mohamad") are the person's affiliation or description, not sources
//     of their own.
//
// drop, of the length of all and all false, is its scratch.
func dropNested(all []mention, drop []bool) []mention {
	// (The loops take mentions by pointer: a mention is large.)
	overlaps := func(a, b *mention) bool { return a.start < b.end && b.start < a.end }
	// window returns the index range of mentions starting in [from, to).
	// Mentions are sorted by start, and none is longer than maxMention.
	window := func(from, to int) (int, int) {
		i := sort.Search(len(all), func(k int) bool { return all[k].start >= from })
		j := i
		for j < len(all) && all[j].start < to {
			j++
		}
		return i, j
	}
	for i := range all {
		p := &all[i]
		if p.kind != mentionPerson {
			continue
		}
		lo, hi := window(p.start-maxMention, p.end)
		for j := lo; j < hi; j++ {
			// An organisation, never p itself.
			if o := &all[j]; o.kind == mentionOrg && overlaps(o, p) {
				o.ext0, o.ext1 = min(o.ext0, p.ext0), max(o.ext1, p.ext1)
				o.descriptor = p.descriptor
				o.person = true
				drop[i] = true
			}
		}
	}
	for i := range all {
		u := &all[i]
		if u.kind != mentionUnnamed || drop[i] {
			continue
		}
		lo, hi := window(u.start, u.end)
		if u.anonymous {
			// "sources close to Mr Hockney", "a source at the ministry":
			// what places an anonymous source is not a source itself.
			for j := lo; j < hi; j++ {
				if o := &all[j]; j != i && o.start >= u.start && o.end <= u.end && o.kind != mentionPronoun {
					drop[j] = true
				}
			}
			continue
		}
		for j := lo; j < hi; j++ {
			// A registry back-reference on the same words ("according to
			// the NGO" after "the SOHR, a UK-based NGO") wins too.
			if o := &all[j]; (o.kind == mentionOrg || o.kind == mentionBackRef) && !drop[j] && o.end <= u.end {
				u.kind, u.ref, u.party, u.unlisted = o.kind, o.ref, o.party, o.unlisted
				drop[j] = true
				break
			}
		}
	}
	for i := range all {
		p := &all[i]
		if p.kind != mentionPerson || drop[i] {
			continue
		}
		lo, hi := window(p.ext0, p.ext1)
		for j := lo; j < hi; j++ {
			o := &all[j]
			inDescriptor := o.end <= p.ext1 && !overlaps(o, p)
			if j != i && inDescriptor && (o.kind == mentionOrg || o.kind == mentionBackRef || o.kind == mentionUnnamed || o.kind == mentionDefinite) {
				drop[j] = true
			}
		}
	}
	// A back-reference inside a longer organisation name ("the bank" in
	// "the Bank of America") is part of that name.
	for i := range all {
		b := &all[i]
		if b.kind != mentionBackRef {
			continue
		}
		for j := i + 1; j < len(all) && all[j].start < b.end; j++ {
			if o := &all[j]; o.kind == mentionOrg && o.end > b.end {
				drop[i] = true
			}
		}
	}
	// A definite description that overlaps another mention ("the England
	// man", a registry back-reference "the group") is that mention.
	for i := range all {
		d := &all[i]
		if d.kind != mentionDefinite {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if o := &all[j]; o.kind != mentionPronoun && o.kind != mentionDefinite && overlaps(o, d) {
				drop[i] = true
			}
		}
		for j := i + 1; j < len(all) && all[j].start < d.end; j++ {
			if o := &all[j]; o.kind != mentionPronoun && o.kind != mentionDefinite && overlaps(o, d) {
				drop[i] = true
			}
		}
	}
	// In place, from the first dropped: out never overtakes the mention
	// it copies.
	k := slices.Index(drop, true)
	if k < 0 {
		return all
	}
	out := all[:k]
	for i := k; i < len(all); i++ {
		if !drop[i] {
			out = append(out, all[i])
		}
	}
	return out
}

// wordMentions appends to dst, in order, the mentions single words of
// a sentence make: pronouns ("he", "they"), and capitalised words that
// behave like a person's name ("Moataz sees his city", "Sarah had to
// flee"), used only to resolve "he" and "she" when no better-evidenced
// person came before. It asks of the words of lone (indexes into words,
// in order) only: the cue finder's walk noted there every word that can
// be either (appendCuesLoaded). A pronoun is not capitalised unless it
// opens the sentence, and a weak person is.
func (a *Analyzer) wordMentions(dst []mention, text string, base, si int, words []word, lone []int32) []mention {
	out := dst
	rep, lex := &a.lex.Reporting, &a.lex.People
	for _, li := range lone {
		i := int(li)
		w := &words[i]
		if !w.capital || i == 0 {
			// Pronoun's key of a lower-case ASCII word is the word: the
			// filter bits of the word answer for most, the set for the
			// rest.
			if w.ascii && (rep.pronounSet.hasWord(w) && rep.pronouns[w.lower]) || !w.ascii && rep.Pronoun(w.lower) {
				out = append(out, mention{kind: mentionPronoun, start: base + w.start, end: base + w.end, ext0: base + w.start, ext1: base + w.end, sentence: si, ref: SourceRef{Name: w.lower}})
			}
			if !w.capital {
				continue
			}
		}
		// (A capitalised word after it, as in most names, rules it out
		// before the call.)
		if i+1 < len(words) && !words[i+1].capital && weakPerson(text, words, i, lex) {
			out = append(out, mention{kind: mentionWeak, start: base + w.start, end: base + w.end, ext0: base + w.start, ext1: base + w.end, sentence: si,
				ref: SourceRef{ID: slugID("person:", w.text), Name: w.text, Type: "eyewitness"}})
		}
	}
	return out
}

// weakPerson reports whether words[i], capitalised and not the last,
// behaves like a person's name: a single capitalised word followed, after
// one space, by one of the lexicon's name followers ("had", "himself") or
// a verb in -s.
func weakPerson(text string, words []word, i int, lex *PeopleLexicon) bool {
	w, next := &words[i], &words[i+1]
	// The cheap tests first: the lexicon is asked last.
	if w.number || len(w.text) < 3 || next.capital || gap(text, w, next) != " " {
		return false
	}
	if i > 0 && words[i-1].capital && gap(text, &words[i-1], w) == " " {
		return false
	}
	if n := next.lower; !(lex.nameFollowerF.hasWord(next) && lex.nameFollowers[n]) && !(strings.HasSuffix(n, "s") && !strings.HasSuffix(n, "ss") && len(n) > 3) {
		return false
	}
	return !upperOnly(w.text) && !(lex.notNameF.hasWord(w) && lex.notNames[w.lower]) && !lex.isAffiliation(w)
}

// softWrap returns text with line breaks inside a sentence turned into
// spaces, byte for byte, so that offsets keep their meaning: wire copy
// wraps its lines ("James Fry, vice-president⏎of GM") and a name, a
// descriptor or a cue must not be cut at a wrap.
func softWrap(text string) string {
	i := strings.IndexByte(text, '\n')
	cr := strings.IndexByte(text, '\r') >= 0
	if i < 0 && !cr {
		return text
	}
	if !utf8.ValidString(text) {
		// strings.Map reads invalid bytes as U+FFFD, as it always has
		// here.
		return strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, text)
	}
	return lineBreaksToSpaces(text, i, cr)
}

// lineBreaksToSpaces returns text with each line break byte ('\n', '\r')
// replaced by a space: softWrap on valid UTF-8, where line breaks are
// single bytes that no multi-byte character holds. i is the index of the
// first '\n' or -1, and cr whether text holds a '\r'.
func lineBreaksToSpaces(text string, i int, cr bool) string {
	// Copy the runs between line breaks whole.
	next := func(s string) int { return strings.IndexByte(s, '\n') }
	if cr {
		next = func(s string) int { return strings.IndexAny(s, "\r\n") }
		i = next(text)
	}
	var b strings.Builder
	b.Grow(len(text))
	for i >= 0 {
		b.WriteString(text[:i])
		b.WriteByte(' ')
		text = text[i+1:]
		i = next(text)
	}
	b.WriteString(text)
	return b.String()
}

// appendQuoteBounds returns, in dst's array from its start, the sorted
// view offsets at which quotations end (their quoted text and their
// closing mark).
func appendQuoteBounds(dst []int, quotes []Quote) []int {
	b := slices.Grow(dst[:0], 2*len(quotes))
	for qi := range quotes {
		q := &quotes[qi]
		b = append(b, q.inner.End, q.view.End)
	}
	sort.Ints(b)
	return b
}

// splitAtQuotes splits words that straddle a quotation boundary: where a
// closing mark was lost the speech tag is glued to the quote ("realizehe
// confides"), and the quotation finder has already found the seam. bounds
// are quoteBounds (view offsets); words are relative to base. words is
// not modified.
func splitAtQuotes(words []word, bounds []int, base int) []word {
	if len(words) == 0 {
		return words
	}
	lo := base + words[0].start
	hi := base + words[len(words)-1].end
	k := sort.SearchInts(bounds, lo+1)
	if k == len(bounds) || bounds[k] >= hi {
		return words
	}
	var out []word
	wi := 0
	for ; k < len(bounds) && bounds[k] < hi; k++ {
		rel := bounds[k] - base
		// The word containing rel strictly inside it, if any.
		n := sort.Search(len(words)-wi, func(i int) bool { return words[wi+i].end > rel })
		if wi+n >= len(words) {
			break
		}
		w := words[wi+n]
		if rel <= w.start || rel >= w.end {
			continue
		}
		if out == nil {
			words = slices.Clone(words) // the right part is written back
		}
		out = append(out, words[wi:wi+n]...)
		l, r := w, w
		l.end, r.start = rel, rel
		l.text, r.text = w.text[:rel-w.start], w.text[rel-w.start:]
		l.lower, r.lower = strings.ToLower(l.text), strings.ToLower(r.text)
		l.ascii, r.ascii = swar.ASCII(l.text), swar.ASCII(r.text)
		l.plain, r.plain = isPlainQWord(l.text), isPlainQWord(r.text)
		l.setBits()
		r.setBits()
		out = append(out, l)
		words[wi+n] = r // the right part may be split again
		wi += n
	}
	if out == nil {
		return words
	}
	return append(out, words[wi:]...)
}

// slugID returns prefix + the slug of s (lower case, words joined by
// hyphens), made in one allocation.
func slugID(prefix, s string) string {
	// An ASCII slug is made on the stack, a byte at a time by slugBytes,
	// and copied once into its string. dash is true after a byte that is
	// no letter or digit: a hyphen joins two words, and none opens the
	// slug.
	var stack [96]byte
	if len(prefix)+len(s) <= len(stack) {
		buf := append(stack[:0], prefix...)
		dash := false
		i := 0
		for ; i < len(s); i++ {
			c := slugBytes[s[i]]
			if c == 0 {
				dash = true
				continue
			}
			if c == 0xff {
				break // not ASCII: folded below
			}
			if dash && len(buf) > len(prefix) {
				buf = append(buf, '-')
			}
			buf = append(buf, c)
			dash = false
		}
		if i == len(s) {
			return string(buf)
		}
	}
	// wrote is true once a letter or digit of s is written.
	dash, wrote := false, false
	var b strings.Builder
	if swar.ASCII(s) {
		// Folding ASCII is lower-casing it.
		b.Grow(len(prefix) + len(s))
		b.WriteString(prefix)
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if isASCIIAlnum(c) {
				if dash && wrote {
					b.WriteByte('-')
				}
				b.WriteByte(c)
				dash, wrote = false, true
			} else {
				dash = true
			}
		}
		return b.String()
	}
	b.WriteString(prefix)
	for _, r := range rules.Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && wrote {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash, wrote = false, true
		} else {
			dash = true
		}
	}
	return b.String()
}

// slugBytes maps each ASCII letter or digit to itself lower-cased, the
// other ASCII bytes to 0 and the bytes past ASCII to 0xff (slugID).
var slugBytes = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = 0xff
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		case isASCIIAlnum(byte(c)):
			t[c] = byte(c)
		}
	}
	return t
}()
