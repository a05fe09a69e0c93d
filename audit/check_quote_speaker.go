package audit

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "quote-speaker",
		Summary: "flags quotations with no speaker, or whose speaker is only a pronoun that could refer to more than one person",
		Params: `missing: true (default) flags quotations credited to nobody
ambiguous: true flags quotations whose speaker is a "he" or "she" that could refer to more than one person named before it (default false)
paragraphs: how many paragraphs before the pronoun's own are searched for other people it could refer to (default 1)
kinds: the quotation kinds judged: direct, dash, partial (default [direct, dash]; partial quotes are not claims, so scope.claims does not filter them)
vague: skip (default) leaves quotations credited only vaguely ("sources said") to the vague check; report flags them here too`,
		Claims: true,
		build:  newQuoteSpeaker,
	})
}

// quoteSpeaker judges who quotations are credited to. Scare quotes are
// nobody's words and are never judged; nor are quoted names ("the
// “Deterrence of Aggression” battles"), which credit nobody either, nor
// quotations nested in another, which its speaker is quoting.
type quoteSpeaker struct {
	missing, ambiguous bool
	paragraphs         int
	kinds              quoteKinds
	reportVague        bool
}

// quoteKinds is a set of the quotation kinds quote-speaker judges.
type quoteKinds struct{ direct, dash, partial bool }

// add puts kind k in the set, reporting false when it is not one the
// check judges.
func (s *quoteKinds) add(k QuoteKind) bool {
	switch k {
	case QuoteDirect:
		s.direct = true
	case QuoteDash:
		s.dash = true
	case QuotePartial:
		s.partial = true
	default:
		return false
	}
	return true
}

// has reports whether kind k is in the set.
func (s quoteKinds) has(k QuoteKind) bool {
	switch k {
	case QuoteDirect:
		return s.direct
	case QuoteDash:
		return s.dash
	case QuotePartial:
		return s.partial
	}
	return false
}

func newQuoteSpeaker(r *rules.Rule) (Check, error) {
	p := struct {
		Missing    bool     `yaml:"missing"`
		Ambiguous  bool     `yaml:"ambiguous"`
		Paragraphs int      `yaml:"paragraphs"`
		Kinds      []string `yaml:"kinds"`
		Vague      string   `yaml:"vague"`
	}{Missing: true, Paragraphs: 1, Kinds: []string{"direct", "dash"}, Vague: "skip"}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	if !p.Missing && !p.Ambiguous {
		return nil, r.Errorf(r.Pos.Params, "quote-speaker needs missing or ambiguous (or both) to be true")
	}
	if p.Paragraphs < 0 {
		return nil, r.Errorf(r.Params.Pos("paragraphs"), "paragraphs must be 0 or more, not %d", p.Paragraphs)
	}
	if err := checkOneOf(r, "vague", p.Vague, "skip", "report"); err != nil {
		return nil, err
	}
	q := quoteSpeaker{missing: p.Missing, ambiguous: p.Ambiguous, paragraphs: p.Paragraphs, reportVague: p.Vague == "report"}
	for i, k := range p.Kinds {
		if !q.kinds.add(QuoteKind(k)) {
			return nil, r.Errorf(r.Params.ItemPos("kinds", i), "kinds: unknown quotation kind %q (want direct, dash or partial)", k)
		}
	}
	if q.kinds == (quoteKinds{}) {
		return nil, r.Errorf(r.Params.Pos("kinds"), "kinds must name at least one quotation kind")
	}
	return q, nil
}

func (q quoteSpeaker) Run(c *Context) {
	doc := c.Doc
	memo := &speakerMemo{}
	c.Claims(func(i int, cl *Claim) {
		if cl.Kind != ClaimQuote || cl.Quote < 0 || cl.Quote >= len(doc.Quotes) {
			return
		}
		qt := &doc.Quotes[cl.Quote]
		if !q.kinds.has(qt.Kind) || qt.Level > 0 {
			return
		}
		// Only a quotation that may be reported is read to tell a quoted
		// name: most are credited, and most credits are no pronoun.
		switch {
		case cl.Attribution == nil:
			if q.missing && (cl.Vague == nil || q.reportVague) && !quotedName(qt.Text) {
				c.ReportClaim(i, MessageData{})
			}
		case q.ambiguous && cl.Attribution.Link == LinkPronoun && !quotedName(qt.Text):
			if detail := q.ambiguity(c, memo, cl.Attribution); detail != "" {
				c.ReportClaim(i, MessageData{Detail: detail})
			}
		}
	})
	if !q.missing || !q.kinds.partial {
		return
	}
	for _, qt := range doc.Quotes {
		if qt.Kind == QuotePartial && qt.Level == 0 && qt.Speaker == nil && c.InBlock(qt.Block) && !quotedName(qt.Text) {
			c.Report(qt.Span, MessageData{Claim: Excerpt(qt.Text), Kind: string(ClaimQuote)})
		}
	}
}

// quotedName reports whether quoted text is a name rather than anyone's
// words: two to six words, each capitalised but for short inner words
// ("of", "the"), with no closing punctuation — the title of an operation,
// a book or a film.
func quotedName(text string) bool {
	text = strings.TrimSpace(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	if text == "" || unicode.IsPunct(last) {
		return false
	}
	// One pass over the words, as strings.Fields splits them, that stops
	// at the first that rules a name out: most quotations are long, and
	// hold a long lower-case word early.
	n := 0          // words so far
	lastOK := false // whether the last word starts with a capital or a digit
	for i := 0; i < len(text); {
		r, size := decodeRune(text, i)
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if n++; n > 6 {
			return false
		}
		ok := unicode.IsUpper(r) || unicode.IsDigit(r)
		runes := 0
		for i < len(text) {
			r, size := decodeRune(text, i)
			if unicode.IsSpace(r) {
				break
			}
			runes++
			i += size
		}
		if !ok && (n == 1 || runes > 4) {
			return false
		}
		lastOK = ok
	}
	return n >= 2 && lastOK
}

// ambiguity returns why a speaker resolved from "he" or "she" is
// ambiguous ("“he” could refer to Smith as well as Jones"), or "" when it
// is not. The people the pronoun could refer to are the named people who
// speak in the article (are credited with a claim) and are mentioned
// (outside quotations) before it in its paragraph and the q.paragraphs
// before, whose descriptor does not give the other gender, and the
// speaker it was resolved to. (People who never speak are left out: they
// are seldom who a reader takes "he said" for, and the people finder's
// slips — "Hopman Cup", "Year Honours List" — are among them.) A reader takes the pronoun for the
// person named last, so it is ambiguous when the last sentence naming any
// of them names two or more, or names someone other than the resolved
// speaker — unless one of them is the subject of an earlier speech tag in
// the pronoun's paragraph and nobody else who fits is named in a later
// sentence ("…,” Saleh said after meeting Khatib. “…,” he added).
// speakerMemo holds what ambiguity needs about the whole article,
// computed once per run so that the check stays linear: the same-sentence
// speech tags of each block in text order (who speaks, the context's
// speakingPeople, is remembered by the context).
type speakerMemo struct {
	tagsDone bool
	// tags holds, by block, the same-sentence speech tags, sorted by
	// start, listed when first asked for (tagsDone).
	tags [][]*Attribution
	// genders and sourceNames hold, by index in doc.Sources, the gender
	// of each source's descriptor and where it is named, once asked for.
	genders     []speakerGender
	sourceNames []sourceNames
	// ints is the memory of the sourceNames' lists, room for all of them.
	ints []int
}

// speakerGender is the gender the descriptor of a source gives ("", "m"
// or "f"), once known is set.
type speakerGender struct {
	known bool
	g     string
}

// blockTags returns the same-sentence speech tags of block b, sorted by
// start (stably, from claim order). They are listed for every block the
// first time: few pronouns get this far.
func (m *speakerMemo) blockTags(c *Context, b int) []*Attribution {
	if !m.tagsDone {
		m.tagsDone = true
		// The tags with their blocks, sorted by block and start (stably,
		// from claim order), then cut into each block's run of one
		// array.
		type blockTag struct {
			block int
			tag   *Attribution
		}
		var mem [32]blockTag
		all := mem[:0]
		for k := range c.Doc.Claims {
			a := c.Doc.Claims[k].Attribution
			if a == nil || a.Link != LinkSameSentence {
				continue
			}
			if b := c.BlockAt(a.Mention.Start); b >= 0 {
				all = append(all, blockTag{b, a})
			}
		}
		if len(all) > 0 {
			slices.SortStableFunc(all, func(x, y blockTag) int {
				if x.block != y.block {
					return x.block - y.block
				}
				return x.tag.Mention.Start - y.tag.Mention.Start
			})
			flat := make([]*Attribution, len(all))
			m.tags = make([][]*Attribution, len(c.Doc.Blocks))
			lo := 0
			for i, t := range all {
				flat[i] = t.tag
				if i+1 == len(all) || all[i+1].block != t.block {
					m.tags[t.block] = flat[lo : i+1 : i+1]
					lo = i + 1
				}
			}
		}
	}
	if b < len(m.tags) {
		return m.tags[b]
	}
	return nil
}

// lastTag returns the speech tag of tags (sorted by start, stably) that
// starts last before before and credits a speaker for which ok is true,
// the first in claim order of those that start there; nil for none.
func lastTag(tags []*Attribution, before int, ok func(id string) bool) *Attribution {
	k := sort.Search(len(tags), func(k int) bool { return tags[k].Mention.Start >= before })
	var tag *Attribution
	for k--; k >= 0; k-- {
		if tag != nil && tags[k].Mention.Start < tag.Mention.Start {
			break
		}
		if ok(tags[k].Source.ID) {
			tag = tags[k]
		}
	}
	return tag
}

func (q quoteSpeaker) ambiguity(c *Context, memo *speakerMemo, at *Attribution) string {
	doc := c.Doc
	if at.Link != LinkPronoun {
		return ""
	}
	pronoun := strings.ToLower(strings.TrimSpace(viewText(doc, at.Mention)))
	want := "" // the gender the pronoun refers to
	switch pronoun {
	case "he":
		want = "m"
	case "she":
		want = "f"
	}
	pb := c.BlockAt(at.Mention.Start)
	if want == "" || pb < 0 {
		return ""
	}
	first := doc.Blocks[max(0, pb-q.paragraphs)].Start
	speakers := c.speakingPeople()
	// Each source named in the window is one group of candidates: what
	// matters of its mentions there is the first and last sentence.
	var mem [8]namedGroup
	groups := mem[:0] // in source order
	resolvedNamed := false
	for i := range doc.Sources {
		s := &doc.Sources[i]
		if s.ID != at.Source.ID && (!strings.HasPrefix(s.ID, "person:") || !speakers[s.ID]) {
			continue
		}
		// Whether it is named in the window is known at less cost than
		// its gender, which is worked out only then.
		g, ok := memo.named(c, i, first, at.Mention.Start)
		if !ok {
			continue
		}
		if gender := memo.gender(c, i); gender != "" && gender != want {
			continue
		}
		groups = append(groups, g)
		resolvedNamed = resolvedNamed || s.ID == at.Source.ID
	}
	// A speaker known only by a name the people finder did not take for
	// one ("Moataz sees his city"): find the name in the window.
	if !resolvedNamed {
		if ns := nameInText(doc, at.Source, first, at.Mention.Start); len(ns) > 0 {
			// In text order: the first and last are the sentences.
			g := namedGroup{ns[0].id, ns[0].name, ns[0].sentence, ns[0].sentence}
			for _, n := range ns[1:] {
				g.first, g.last = min(g.first, n.sentence), max(g.last, n.sentence)
			}
			groups = append(groups, g)
		}
	}
	// A speaker that is not a person ("he" resolved to a team or a firm)
	// is a slip of the resolution, not a reading a reader would make:
	// only the people named are weighed then.
	person := strings.HasPrefix(at.Source.ID, "person:")
	if !person {
		groups = slices.DeleteFunc(groups, func(n namedGroup) bool { return n.id == at.Source.ID })
	}
	// The others in the order a reader meets them: by the sentence that
	// first names them, then in source order.
	slices.SortStableFunc(groups, func(a, b namedGroup) int { return a.first - b.first })
	var others []string
	ids := map[string]bool{at.Source.ID: true}
	resolvedIn := false // whether at.Source.ID is among the candidates
	for _, n := range groups {
		resolvedIn = resolvedIn || n.id == at.Source.ID
		if !ids[n.id] {
			ids[n.id] = true
			others = append(others, n.name)
		}
	}
	if len(others) == 0 || !person && len(others) < 2 {
		return ""
	}
	inCands := func(id string) bool { return ids[id] && (id != at.Source.ID || resolvedIn) }
	// A speaker tagged earlier in the paragraph, with nobody else who
	// fits named in a later sentence.
	if tag := lastTag(memo.blockTags(c, pb), at.Mention.Start, inCands); tag != nil {
		ts := sentenceOf(doc, tag.Mention.Start)
		if !slices.ContainsFunc(groups, func(n namedGroup) bool { return n.id != tag.Source.ID && n.last > ts }) {
			return ""
		}
	}
	// The last sentence that names any of them.
	last := groups[0].last
	for _, n := range groups[1:] {
		last = max(last, n.last)
	}
	inLast := map[string]bool{}
	for _, n := range groups {
		if n.last == last {
			inLast[n.id] = true
		}
	}
	if len(inLast) == 1 && (inLast[at.Source.ID] || !person) {
		return ""
	}
	if !person {
		return fmt.Sprintf("“%s” could refer to %s", pronoun, orList(others))
	}
	return fmt.Sprintf("“%s” could refer to %s as well as %s", pronoun, orList(others), at.Source.Name)
}

// namedGroup is a source named in one or more sentences, first to last.
type namedGroup struct {
	id, name    string
	first, last int
}

// gender returns the gender the descriptor of doc.Sources[i] gives.
func (m *speakerMemo) gender(c *Context, i int) string {
	if m.genders == nil {
		m.genders = make([]speakerGender, len(c.Doc.Sources))
	}
	g := &m.genders[i]
	if !g.known {
		g.known = true
		if d := c.Doc.Sources[i].Descriptor; d != "" { // no words, no gender
			g.g = c.Lexicon.People.Gender(d)
		}
	}
	return g.g
}

// named returns the first and last sentence in which doc.Sources[i] is
// named outside quotations, by a mention starting in [from, to); false
// when it is named in none. (A mention between sentences is in sentence
// -1, as sentenceOf says.)
func (m *speakerMemo) named(c *Context, i, from, to int) (namedGroup, bool) {
	doc := c.Doc
	s := &doc.Sources[i]
	if m.sourceNames == nil {
		m.sourceNames = make([]sourceNames, len(doc.Sources))
	}
	ns := &m.sourceNames[i]
	if !ns.done {
		ns.done = true
		ns.sorted = slices.IsSortedFunc(s.Mentions, func(a, b Span) int { return a.Start - b.Start })
		if ns.sorted {
			// One array for both lists, in one for all sources.
			if m.ints == nil {
				n := 0
				for k := range doc.Sources {
					n += 2 * len(doc.Sources[k].Mentions)
				}
				m.ints = make([]int, 0, n)
			}
			k := len(m.ints)
			m.ints = m.ints[:k+2*len(s.Mentions)]
			buf := m.ints[k:]
			ns.starts, ns.sentences = buf[:0:len(s.Mentions)], buf[len(s.Mentions):len(s.Mentions):len(buf)]
			for _, sp := range s.Mentions {
				if !inQuotation(doc, sp.Start) {
					ns.starts = append(ns.starts, sp.Start)
					ns.sentences = append(ns.sentences, sentenceOf(doc, sp.Start))
				}
			}
			ns.sorted = slices.IsSorted(ns.sentences)
		}
	}
	g := namedGroup{id: s.ID, name: s.Name}
	if !ns.sorted {
		// Mentions are in text order: start at the window.
		ok := false
		k := sort.Search(len(s.Mentions), func(k int) bool { return s.Mentions[k].Start >= from })
		for _, sp := range s.Mentions[k:] {
			if sp.Start >= to {
				break
			}
			if !inQuotation(doc, sp.Start) {
				si := sentenceOf(doc, sp.Start)
				if !ok {
					g.first, g.last, ok = si, si, true
				}
				g.first, g.last = min(g.first, si), max(g.last, si)
			}
		}
		return g, ok
	}
	lo, hi := sort.SearchInts(ns.starts, from), sort.SearchInts(ns.starts, to)
	if lo >= hi {
		return g, false
	}
	g.first, g.last = ns.sentences[lo], ns.sentences[hi-1]
	return g, true
}

// sourceNames are the mentions of a source outside quotations, by
// start, with their sentences; sorted is false when the source's
// mentions or their sentences are not in order, and then they are not
// used. done is true once they are listed.
type sourceNames struct {
	done      bool
	sorted    bool
	starts    []int
	sentences []int
}

// namedAt is a person named in a sentence.
type namedAt struct {
	id, name string
	sentence int
}

// nameInText finds the name of a person source written in the prose
// between source offsets from and to, word for word.
func nameInText(doc *Document, ref SourceRef, from, to int) []namedAt {
	if !strings.HasPrefix(ref.ID, "person:") || ref.Name == "" || doc.view == nil {
		return nil
	}
	v0, v1 := doc.view.FromSource(from), doc.view.FromSource(to)
	text := doc.view.Text[v0:v1]
	var out []namedAt
	for i := 0; ; {
		k := strings.Index(text[i:], ref.Name)
		if k < 0 {
			return out
		}
		at, end := i+k, i+k+len(ref.Name)
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(before) && !isWordRune(after) {
			off := doc.view.ToSource(v0+at, false)
			if !inQuotation(doc, off) {
				out = append(out, namedAt{ref.ID, ref.Name, sentenceOf(doc, off)})
			}
		}
		i = end
	}
}

// orList joins names as "A", "A or B", "A, B or C".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
