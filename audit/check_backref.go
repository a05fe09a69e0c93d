package audit

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "backref",
		Summary: "flags a back-reference to a source (\"the NGO\", \"the monitor\", \"the agency\") with nothing of that kind named before it",
		Params: `ignore: back-references that name an institution on their own and need no antecedent ("the government", "state media")
generic: back-references that may stand for any organisation named before ("the group", "the newspaper", "the watchdog"): companies, papers
and regulators the registry does not know are named in every business page, so any organisation, or any source that is not a person, named
before one of these is its antecedent
Back-references are those of the source registry (backrefs). One resolves to a registry source named before it that lists it; failing that,
to anything of its kind named before it: a registry source of the same type, an organisation the registry does not know ("the Syrian
American Medical Society … the NGO"), a name ending in its noun ("the European Medicines Agency … the agency") or an indefinite
mention ("an NGO said … the NGO added").`,
		build: newBackref,
	})
}

// backref reports a back-reference that refers to nobody: copy cut and
// reordered in editing often leaves "the NGO said" above the sentence that
// names the NGO, or with its antecedent deleted.
type backref struct{ ignore, generic map[string]bool }

func newBackref(r *rules.Rule) (Check, error) {
	var p struct {
		Ignore  []string `yaml:"ignore"`
		Generic []string `yaml:"generic"`
	}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	x := backref{ignore: map[string]bool{}, generic: map[string]bool{}}
	for _, s := range p.Ignore {
		x.ignore[rules.Fold(strings.Join(strings.Fields(s), " "))] = true
	}
	for _, s := range p.Generic {
		x.generic[rules.Fold(strings.Join(strings.Fields(s), " "))] = true
	}
	return x, nil
}

// regMention is a registry mention in view offsets, with its sentence.
type regMention struct {
	rules.Mention
	sentence int
}

func (x backref) Run(c *Context) {
	doc := c.Doc
	reg := doc.registryMatches(c.Registry)
	if reg == nil {
		reg = matchRegistry(c)
	}
	resolved := reg.resolved
	if len(resolved) == 0 {
		return
	}
	memo := &backrefMemo{heads: map[string]int{}}
	sets := c.lexSets()
	owners := sets.backrefTypes
	for i, m := range resolved {
		if !m.BackRef || m.SourceID != "" {
			continue // rules.Unresolved: a resolved mention or a name
		}
		si := reg.sentenceOf(i)
		key, ok := sets.backrefFolds[m.Alias]
		if !ok {
			key = rules.Fold(m.Alias)
		}
		if !c.InBlock(doc.Sentences[si].Block) || x.ignore[key] || quoteInner(doc, m.Start) || !credits(c, si, regMention{m, si}) {
			continue
		}
		if x.antecedent(c, memo, key, regMention{m, si}, resolved, owners[key]) || x.generic[key] && memo.orgBefore(c, m.Start) {
			continue
		}
		span := doc.View().Span(m.Start, m.End)
		c.Report(span, MessageData{Match: Excerpt(doc.Slice(span)), Detail: typeList(owners[key])})
	}
}

// matchRegistry matches the registry in every editorial sentence of a
// document that Analyze did not match it in, as Analyze does.
func matchRegistry(c *Context) *registryMatches {
	doc := c.Doc
	var all []rules.Mention
	var sentOf []int
	for si, s := range doc.Sentences {
		if !doc.Blocks[s.Block].Kind.Editorial() {
			continue
		}
		base := s.ViewSpan().Start
		for _, m := range c.Registry.Match(c.wrappedText(si)) {
			m.Start += base
			m.End += base
			all = append(all, m)
			sentOf = append(sentOf, si)
		}
	}
	return newRegistryMatches(c.Registry, doc.view, all, sentOf, c.Registry.Resolve(all))
}

// credits reports whether the back-reference m of sentence si credits
// something to a source: a reporting cue follows it within three words
// ("the NGO said", "the charity's director added") or comes right before
// it ("according to the monitor", "said the agency"). A back-reference
// followed by a capitalised word introduces a name rather than referring
// back ("the French news agency AFP", "the Office for National
// Statistics"), and one outside a credit ("at the centre of", "the group
// did not pay") is not about sourcing.
func credits(c *Context, si int, m regMention) bool {
	s := c.Doc.Sentences[si]
	text := c.wrappedText(si)
	ms, me := m.Start-s.ViewSpan().Start, m.End-s.ViewSpan().Start
	if ms < 0 || me > len(text) {
		return false
	}
	rest := strings.TrimLeft(text[me:], " ")
	for _, w := range []string{"'s ", "’s ", "of ", "for "} {
		rest = strings.TrimPrefix(rest, w)
	}
	if len(rest) < len(text)-me && (startsUpper(rest) || particleNameRE.MatchString(rest)) {
		return false // "the French news agency AFP", "the daily al-Riyadh"
	}
	toks := c.sentenceWords(si) // the words of text: line breaks split no word
	words := func(from, to int) int {
		n := 0
		for _, t := range toks {
			if t.start >= from && t.end <= to {
				n++
			}
		}
		return n
	}
	for _, cue := range c.sentenceCues(si) {
		if cue.Kind == CueScare {
			continue
		}
		if cue.Start >= me && words(me, cue.Start) <= 3 || cue.End <= ms && words(cue.End, ms) <= 1 {
			return true
		}
	}
	return false
}

// antecedent reports whether something of the back-reference's kind is
// named before it, though the registry's resolution found no source that
// lists it: a registry source of one of the types (types), an
// organisation the registry does not know of those types or whose name
// ends in the back-reference's noun, or an indefinite mention of the noun.
// key is the back-reference's folded alias, which types depend on.
func (x backref) antecedent(c *Context, memo *backrefMemo, key string, m regMention, resolved []rules.Mention, types map[string]bool) bool {
	if end := memo.typedBefore(c, key, resolved, types); end >= 0 && end < m.Start {
		return true
	}
	head, _ := lastField(m.Alias)
	doc := c.Doc
	// Sentences before the back-reference's own are judged whole, and
	// what the memo learnt about them is kept for the next back-reference
	// with the same noun, so the check stays linear in the article.
	if first := memo.firstHeadSentence(c, head); first >= 0 && first < m.sentence {
		return true
	}
	if first := memo.firstOrgSentence(c, key, head, types, m.sentence); first >= 0 && first < m.sentence {
		return true
	}
	s := doc.Sentences[m.sentence]
	if !doc.Blocks[s.Block].Kind.Editorial() {
		return false
	}
	text := c.wrappedText(m.sentence)[:m.Start-s.ViewSpan().Start]
	if memo.headNamed(c, head, text, nil) {
		return true
	}
	for _, o := range FindOrgs(text, &c.Lexicon.People, nil) {
		if types[o.Type] || strings.EqualFold(lastWord(o.Name), head) {
			return true
		}
	}
	return false
}

// backrefMemo keeps, for one run of the backref check, what earlier
// sentences name: the organisations of each sentence, for each noun the
// first sentence that names something of that kind, and what each of
// antecedent's and orgBefore's scans has learnt so far. Without it a
// document of many back-references was judged in time quadratic in its
// length (10,000 nested HTML elements: 60% of the audit in antecedent).
type backrefMemo struct {
	orgs  []sentenceOrgs
	heads map[string]int
	pats  map[string]*indefiniteHead // heads the registry's back-references do not end in
	// typed holds typedBefore's answers by back-reference key; orgScans
	// firstOrgSentence's scans by key and noun; generic orgBefore's.
	typed    map[string]int
	orgScans map[orgScanKey]sentenceScan
	generic  genericScan
}

// orgScanKey identifies a scan of firstOrgSentence: a back-reference's
// key and noun.
type orgScanKey struct{ key, head string }

// sentenceScan is a scan of a document's sentences in order: those before
// next have been judged, and first is the first that passed (-1: none).
type sentenceScan struct{ next, first int }

// typedBefore returns the largest start among resolved up to and
// including the first mention of a registry source of one of types, or
// -1 when there is none: a back-reference starting after it follows such
// a source with no earlier mention ending the search (resolved is in
// document order). types are those of the back-reference key.
func (b *backrefMemo) typedBefore(c *Context, key string, resolved []rules.Mention, types map[string]bool) int {
	if end, ok := b.typed[key]; ok {
		return end
	}
	if b.typed == nil {
		b.typed = map[string]int{}
	}
	end, found := -1, false
	for _, o := range resolved {
		end = max(end, o.Start)
		if o.BackRef || o.SourceID == "" {
			continue
		}
		if src, ok := c.Registry.Info(o.SourceID); ok && types[string(src.Type)] {
			found = true
			break
		}
	}
	if !found {
		end = -1
	}
	b.typed[key] = end
	return end
}

// firstOrgSentence returns the first sentence before sentence upTo (or
// later, if an earlier call scanned further) naming an organisation the
// registry does not know whose type is one of types or whose name ends
// in head, or -1 when none before upTo does. key and head identify the
// back-reference; each scan goes over the document once in all.
func (b *backrefMemo) firstOrgSentence(c *Context, key, head string, types map[string]bool, upTo int) int {
	if b.orgScans == nil {
		b.orgScans = map[orgScanKey]sentenceScan{}
	}
	id := orgScanKey{key, head}
	sc, ok := b.orgScans[id]
	if !ok {
		sc = sentenceScan{first: -1}
	}
	for ; sc.first < 0 && sc.next < upTo; sc.next++ {
		for _, o := range b.orgsOf(c, sc.next) {
			if types[o.Type] || strings.EqualFold(lastWord(o.Name), head) {
				sc.first = sc.next
				break
			}
		}
	}
	b.orgScans[id] = sc
	return sc.first
}

// orgsOf returns the organisations sentence si names (none outside
// editorial blocks).
func (b *backrefMemo) orgsOf(c *Context, si int) []OrgMention {
	if b.orgs == nil {
		b.orgs = make([]sentenceOrgs, len(c.Doc.Sentences))
	}
	so := &b.orgs[si]
	if !so.done {
		so.done = true
		s := c.Doc.Sentences[si]
		if c.Doc.Blocks[s.Block].Kind.Editorial() {
			so.orgs = FindOrgs(c.wrappedText(si), &c.Lexicon.People, nil)
		}
	}
	return so.orgs
}

// sentenceOrgs are the organisations a sentence names, once done.
type sentenceOrgs struct {
	done bool
	orgs []OrgMention
}

// firstHeadSentence returns the first editorial sentence that names
// something of the noun's kind ("an NGO", "the Aleppo Media Centre" for
// "centre"), or -1.
func (b *backrefMemo) firstHeadSentence(c *Context, head string) int {
	key := strings.ToLower(head)
	if si, ok := b.heads[key]; ok {
		return si
	}
	b.heads[key] = -1
	for si, s := range c.Doc.Sentences {
		if c.Doc.Blocks[s.Block].Kind.Editorial() && b.headNamed(c, head, c.wrappedText(si), c.sentenceWords(si)) {
			b.heads[key] = si
			break
		}
	}
	return b.heads[key]
}

// headNamed reports whether text, whose words are toks (nil: not split
// yet), names something of the noun's kind: an indefinite mention ("a
// monitor", "one local agency") or a capitalised name ending in it.
func (b *backrefMemo) headNamed(c *Context, head, text string, toks []qword) bool {
	indefinite := c.lexSets().indefinite[head]
	if indefinite == nil {
		if b.pats == nil {
			b.pats = map[string]*indefiniteHead{}
		}
		if indefinite = b.pats[head]; indefinite == nil {
			indefinite = newIndefiniteHead(head)
			b.pats[head] = indefinite
		}
	}
	if indefinite.match(text) {
		return true
	}
	if toks == nil {
		toks = appendQWords(nil, text, 0, len(text))
	}
	return namedWithHead(text, toks, head, c.Lexicon.People.notNameKeys)
}

// indefiniteHead finds an indefinite mention of a noun: "a monitor", "one
// local agency".
type indefiniteHead struct {
	// re returns the regular expression that defines a match, compiled
	// on first use: match needs it only for a noun that is not plain, so
	// most of the registry's nouns never compile theirs.
	re func() *regexp.Regexp
	// word finds the noun as a word, (?i)\bHEAD\b, which every match of
	// re holds when the noun starts with an ASCII word character that
	// only ASCII characters fold to (not k or s, which the Kelvin sign
	// and the long s match); nil otherwise. It rules out most texts far
	// faster than re.
	word *phraseMatcher
	// plain is true when the noun is ASCII word characters only: then
	// its matches by word are all the places where a match of re can end,
	// and match judges the words before each instead of running re.
	plain bool
}

func newIndefiniteHead(head string) *indefiniteHead {
	h := &indefiniteHead{re: sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:a|an|one|another)\s+(?:[\p{L}'’-]+\s+){0,3}` + regexp.QuoteMeta(head) + `\b`)
	})}
	if head != "" && isASCIIWord(head[0]) && foldRune(rune(head[0])) != 'K' && foldRune(rune(head[0])) != 'S' {
		h.word = newPhraseMatcher([][]string{{head}}, false)
		h.plain = true
		for i := 0; i < len(head); i++ {
			h.plain = h.plain && isASCIIWord(head[i])
		}
	}
	return h
}

func (h *indefiniteHead) match(text string) bool {
	switch {
	case h.word == nil:
		return h.re().MatchString(text)
	case !h.plain:
		return h.word.contains(text) && h.re().MatchString(text)
	}
	found := false
	h.word.each(text, func(start, _ int) bool {
		found = indefiniteBefore(text, start)
		return !found
	})
	return found
}

// indefiniteBefore reports whether the noun starting at text[start:]
// (a match of (?i)\bHEAD\b) ends a match of indefiniteHead's re: white
// space (\s+) before it, and before that "a", "an", "one" or "another"
// starting at a word boundary, with up to three words of letters,
// apostrophes and hyphens in between, each followed by white space.
func indefiniteBefore(text string, start int) bool {
	e := start
	for k := 0; ; k++ {
		// The white space before e: all of its run.
		if e == 0 || !isRESpace(text[e-1]) {
			return false
		}
		for e > 0 && isRESpace(text[e-1]) {
			e--
		}
		for _, art := range indefiniteArticles {
			if b := e - len(art); b >= 0 && equalFoldLowerASCII(text[b:e], art) && (b == 0 || !isASCIIWord(text[b-1])) {
				return true
			}
		}
		if k == 3 {
			return false
		}
		// A word between: the run of its runes back to white space.
		w := e
		for w > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:w])
			if !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' {
				break
			}
			w -= size
		}
		if w == e {
			return false
		}
		e = w
	}
}

// indefiniteArticles are the words that open an indefinite mention.
var indefiniteArticles = []string{"a", "an", "one", "another"}

// isRESpace reports whether b is white space as \s is in a regular
// expression: [\t\n\f\r ].
func isRESpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}

// indefiniteHeads returns an indefiniteHead for the last word of each
// back-reference of a registry, by that word as written.
func indefiniteHeads(reg *rules.Registry) map[string]*indefiniteHead {
	out := map[string]*indefiniteHead{}
	for _, s := range reg.Sources() {
		for _, b := range s.BackRefs {
			if words := strings.Fields(b); len(words) > 0 && out[words[len(words)-1]] == nil {
				out[words[len(words)-1]] = newIndefiniteHead(words[len(words)-1])
			}
		}
	}
	return out
}

// orgBefore reports whether any organisation, or any source that is not
// a person with a full name, is named before view offset off: a registry
// source or an organisation the registry does not know, or a source of
// the analysis such as a company it took for a single-named person.
func (b *backrefMemo) orgBefore(c *Context, off int) bool {
	doc := c.Doc
	g := &b.generic
	if !g.ready {
		g.ready = true
		g.whole = sentenceScan{first: -1}
		g.mention = -1
		for _, s := range doc.Sources {
			if strings.HasPrefix(s.ID, "unnamed:") || strings.HasPrefix(s.ID, "person:") && fieldCount(s.Name, 2) > 1 || c.Lexicon.Reporting.Pronoun(s.Name) {
				continue
			}
			for _, m := range s.Mentions {
				if g.mention < 0 || m.Start < g.mention {
					g.mention = m.Start
				}
			}
		}
	}
	if g.mention >= 0 && g.mention < doc.View().Span(off, off).Start {
		return true
	}
	// The sentences that end before off are judged whole, once for all
	// calls; only the one off falls in is judged up to off.
	ends := func(si int) int { return doc.Sentences[si].ViewSpan().Start + len(c.wrappedText(si)) }
	w := &g.whole
	for ; w.first < 0 && w.next < len(doc.Sentences) && ends(w.next) <= off; w.next++ {
		// orgsOf finds a whole sentence's organisations once for
		// antecedent and orgBefore alike.
		if doc.Blocks[doc.Sentences[w.next].Block].Kind.Editorial() && namesOrg(c, c.wrappedText(w.next), b.orgsOf(c, w.next)) {
			w.first = w.next
			break
		}
	}
	if w.first >= 0 && ends(w.first) <= off {
		return true
	}
	// No sentence ending before off names one: judge the one off falls
	// in, the last to start before it, up to off.
	si := sort.Search(len(doc.Sentences), func(i int) bool { return doc.Sentences[i].ViewSpan().Start >= off }) - 1
	if si < 0 || ends(si) <= off || !doc.Blocks[doc.Sentences[si].Block].Kind.Editorial() {
		return false
	}
	text := c.wrappedText(si)[:off-doc.Sentences[si].ViewSpan().Start]
	return namesOrg(c, text, FindOrgs(text, &c.Lexicon.People, nil))
}

// genericScan is what orgBefore has learnt of a document: the first
// start of a mention of a source that is not a person or unnamed
// (mention, -1: none), and its scan of whole sentences.
type genericScan struct {
	ready   bool
	mention int
	whole   sentenceScan
}

// namesOrg reports whether text names an organisation: one the registry
// does not know (orgs, what FindOrgs finds in text), a registry source,
// or "the" and a capitalised name.
func namesOrg(c *Context, text string, orgs []OrgMention) bool {
	return len(orgs) > 0 || hasNamed(c.Registry.Match(text)) || theNameRE.MatchString(text)
}

// particleNameRE finds a name that opens with a lower-case particle:
// "al-Riyadh", "el-Watan".
var particleNameRE = regexp.MustCompile(`^\p{Ll}{1,3}-\p{Lu}`)

// theNameRE finds "the" before a capitalised word: "the Telegraph", "The
// RAC", a name the analysis does not know as an organisation.
var theNameRE = regexp.MustCompile(`\b[Tt]he\s+\p{Lu}`)

// hasNamed reports whether mentions hold a name, not only back-references.
func hasNamed(ms []rules.Mention) bool {
	for _, m := range ms {
		if !m.BackRef {
			return true
		}
	}
	return false
}

// namedWithHead reports whether text, whose words are toks, holds a name
// ending in head: a capitalised word that is not a function word, then
// head ("the Syrian Observatory", "the Mirror newspaper", "the European
// Medicines Agency").
func namedWithHead(text string, toks []qword, head string, notNames map[string]bool) bool {
	h := lexKey(head)
	for k := 1; k < len(toks); k++ {
		p := toks[k-1]
		if toks[k].key == h && startsUpper(text[p.start:p.end]) && !notNames[p.key] && strings.TrimSpace(text[p.end:toks[k].start]) == "" {
			return true
		}
	}
	return false
}

// typeList names the source types of a set in order, "or" joined.
func typeList(types map[string]bool) string {
	var ts []string
	for t := range types {
		ts = append(ts, strings.ReplaceAll(t, "_", " "))
	}
	sort.Strings(ts)
	return strings.Join(ts, " or ")
}

// backrefFolds maps each back-reference of the registry, as the registry
// spells it (rules.Mention.Alias), to rules.Fold of it.
func backrefFolds(reg *rules.Registry) map[string]string {
	out := map[string]string{}
	for _, s := range reg.Sources() {
		for _, b := range s.BackRefs {
			out[b] = rules.Fold(b)
		}
	}
	return out
}

// backrefTypes maps each back-reference of a registry (folded) to the
// types of the sources that list it.
func backrefTypes(reg *rules.Registry) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, s := range reg.Sources() {
		for _, b := range s.BackRefs {
			k := rules.Fold(strings.Join(strings.Fields(b), " "))
			if out[k] == nil {
				out[k] = map[string]bool{}
			}
			out[k][string(s.Type)] = true
		}
	}
	return out
}
