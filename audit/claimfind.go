package audit

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// claims builds doc.Claims: every direct or dash quotation, every figure in
// body text outside quotations, and every sentence of reported speech
// whose source was found; each with its attribution or none, and the vague
// cue of its sentence.
func (a *Analyzer) claims(doc *Document, infos []sentInfo, qattrs []*Attribution) {
	view := doc.view
	b := claimBuilders.Get().(*claimBuilder)
	defer b.release()
	out := b.claims[:0]
	quoteSentence := slices.Grow(b.quoteSentence[:0], len(doc.Sentences))[:len(doc.Sentences)]
	clear(quoteSentence)
	b.quoteSentence = quoteSentence
	for qi := range doc.Quotes {
		q := &doc.Quotes[qi]
		if (q.Kind != QuoteDirect && q.Kind != QuoteDash) || !doc.Blocks[q.Block].Kind.Editorial() {
			continue
		}
		si := sentenceAt(doc, q.view.Start)
		for s := max(si, 0); s <= sentenceAt(doc, max(q.view.End-1, q.view.Start)); s++ {
			quoteSentence[s] = true
		}
		c := Claim{Span: q.Span, Text: q.Text, Kind: ClaimQuote, Sentence: si, Quote: qi, Attribution: qattrs[qi]}
		if si >= 0 && infos[si].vague != nil && qattrs[qi] == nil {
			c.Vague = a.cueOf(doc, si, infos[si].vague)
		}
		out = append(out, c)
	}
	figs := &b.figs
	figs.p.reuse, figs.p.kept = true, figs.p.kept[:0]
	for si := range doc.Sentences {
		s, info := &doc.Sentences[si], &infos[si]
		if doc.Blocks[s.Block].Kind != BlockBody {
			continue
		}
		figures := figs.find(s.Text, &a.lex.Figures)
		attr := info.attr
		if attr == nil && len(figures) > 0 {
			attr = carried(doc, infos, si)
		}
		for _, f := range figures {
			vs, ve := s.view.Start+f.Start, s.view.Start+f.End
			if quoteInner(doc, vs) {
				continue // a figure inside a quotation: the quote is the claim
			}
			fattr := attr
			if info.from > 0 && vs < info.from && fattr == info.attr {
				fattr = nil // before "with analysts saying": not theirs
			}
			c := Claim{Span: view.Span(vs, ve), Text: f.Text, Kind: ClaimFigure, Subkind: f.Subkind, Quantity: f.Quantity, Sentence: si, Quote: -1, Attribution: fattr}
			if info.vague != nil {
				c.Vague = a.cueOf(doc, si, info.vague)
			}
			if fattr != nil && a.anonymousSource(fattr.Source) {
				// "…, a committee source said": credited to nobody in
				// particular, the figure is vaguely sourced.
				if c.Vague == nil {
					c.Vague = anonymousCue(doc, fattr)
				}
				c.Attribution = nil
			}
			out = append(out, c)
		}
		if info.attr != nil && !quoteSentence[si] && info.attrCue != nil && info.attrCue.Kind != CueVague {
			out = append(out, Claim{Span: s.Span, Text: s.Text, Kind: ClaimReported, Sentence: si, Quote: -1, Attribution: info.attr})
		}
	}
	b.claims = out
	doc.Claims = nil
	if len(out) == 0 {
		return
	}
	// Sorted by start, stably: an order is sorted, the index breaking
	// ties, and the claims, which are large, are copied once in it into
	// the document's slice.
	order := b.order[:0]
	for i := range out {
		order = append(order, int32(i))
	}
	slices.SortFunc(order, func(i, j int32) int {
		if c := cmp.Compare(out[i].Start, out[j].Start); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	b.order = order
	doc.Claims = make([]Claim, len(out))
	for k, i := range order {
		doc.Claims[k] = out[i]
	}
	// The figures' Quantities are in the finder's buffer, which the next
	// article reuses: they are copied into one array of the document's.
	n := 0
	for k := range doc.Claims {
		if doc.Claims[k].Quantity != nil {
			n++
		}
	}
	if n == 0 {
		return
	}
	quants := make([]Quantity, n)
	n = 0
	for k := range doc.Claims {
		if c := &doc.Claims[k]; c.Quantity != nil {
			quants[n] = *c.Quantity
			c.Quantity = &quants[n]
			n++
		}
	}
}

// claimBuilder is the scratch space of Analyzer.claims, reused across
// articles: the claims are gathered in one slice that keeps its capacity,
// and the article's own slice is allocated once, at its final length.
type claimBuilder struct {
	figs          figFinder // its Quantities in figs.p.kept
	claims        []Claim
	quoteSentence []bool
	order         []int32 // the claims' order by start
}

// claimBuilders keeps claimBuilders for reuse, across articles and
// goroutines.
var claimBuilders = sync.Pool{New: func() any { return new(claimBuilder) }}

// release clears what b holds of an article and returns it to
// claimBuilders.
func (b *claimBuilder) release() {
	clear(b.claims)
	b.claims = b.claims[:0]
	b.figs.p.kept = b.figs.p.kept[:0]
	claimBuilders.Put(b)
}

// anonymousSource reports whether ref is an unnamed source that credits
// nobody in particular ("a source", "congressional sources", "one
// insider"; people.yaml anonymous_heads), as opposed to an unnamed but
// identified one ("a spokesman for the firm", "a resident").
func (a *Analyzer) anonymousSource(ref SourceRef) bool {
	role, ok := strings.CutPrefix(ref.ID, "unnamed:")
	if !ok {
		// A registry entry for unnamed sources ("a source", "sources
		// close to") is anonymous by type.
		return ref.Type == "anonymous"
	}
	return a.lex.People.Anonymous(strings.ReplaceAll(role, "-", " "))
}

// anonymousCue is the vague cue of a claim credited to an anonymous
// source: the text from the source's mention to its cue, whichever comes
// first ("sources close to Mr Hockney said", "according to a source").
func anonymousCue(doc *Document, at *Attribution) *Cue {
	start, end := min(at.Mention.Start, at.Cue.Start), max(at.Mention.End, at.Cue.End)
	return &Cue{Text: doc.Text[start:end], Span: Span{Start: start, End: end}}
}

// cueOf converts a sentence's cue to a document cue.
func (a *Analyzer) cueOf(doc *Document, si int, c *cue) *Cue {
	base := doc.Sentences[si].view.Start
	return &Cue{Text: c.text, Span: doc.view.Span(base+c.Start, base+c.End)}
}

// fullNames indexes the named people of an article by surname ("assad"
// for "Bashar al-Assad"), the first full name given for each, in full
// (empty, or nil to have it made).
func fullNames(full map[string]SourceRef, all []mention) map[string]SourceRef {
	if full == nil {
		full = map[string]SourceRef{}
	}
	var buf [64]byte
	for i := range all {
		m := &all[i] // by pointer: a mention is large
		if m.kind != mentionPerson {
			continue
		}
		if last, more := lastField(m.ref.Name); more {
			// The lower-case surname in buf when it fits: a look-up of
			// string(key) makes no copy, and only a new entry needs one.
			key := lowerKey(buf[:0], last)
			if i := bytes.IndexByte(key, '-'); i > 0 && i < 5 {
				key = key[i+1:] // al-Assad → assad
			}
			if _, ok := full[string(key)]; !ok {
				full[string(key)] = m.ref
			}
		}
	}
	return full
}

// lowerKey appends strings.ToLower(s) to buf: byte by byte for ASCII.
func lowerKey(buf []byte, s string) []byte {
	if !swar.ASCII(s) {
		return append(buf, strings.ToLower(s)...)
	}
	for i := 0; i < len(s); i++ {
		buf = append(buf, lowerByte[s[i]])
	}
	return buf
}

// lastField returns the last of the strings.Fields of s and whether
// there are others before it, without making the list.
func lastField(s string) (last string, more bool) {
	notSpace := func(r rune) bool { return !unicode.IsSpace(r) }
	end := strings.LastIndexFunc(s, notSpace)
	if end < 0 {
		return "", false
	}
	_, size := utf8.DecodeRuneInString(s[end:])
	end += size
	start := strings.LastIndexFunc(s[:end], unicode.IsSpace)
	if start < 0 {
		return s[:end], false
	}
	_, size = utf8.DecodeRuneInString(s[start:])
	return s[start+size : end], strings.IndexFunc(s[:start], notSpace) >= 0
}

// fullName returns the full name of a person named by surname alone
// ("Mr Alli" → "Dipo Alli"), or ref unchanged.
func fullName(full map[string]SourceRef, ref SourceRef) SourceRef {
	if !strings.HasPrefix(ref.ID, "person:") || strings.Contains(ref.Name, " ") {
		return ref
	}
	var buf [64]byte
	if f, ok := full[string(lowerKey(buf[:0], ref.Name))]; ok {
		return f
	}
	return ref
}

// generic reports whether a mention names a source only in passing unless
// something is credited to it: an unnamed phrase or definite description,
// an organisation the registry does not know, or a registry source of
// type eyewitness or anonymous.
func generic(m *mention) bool {
	switch m.kind {
	case mentionUnnamed, mentionDefinite:
		return true
	case mentionOrg, mentionBackRef:
		return m.unlisted || m.ref.Type == "eyewitness" || m.ref.Type == "anonymous"
	}
	return false
}

// buildSources lists every source the article names (unnamed and generic
// ones only when a claim or quote is credited to them), with each mention,
// merging people named by surname alone ("Mr Assad") into the full name
// given elsewhere ("Bashar al-Assad"); full is fullNames(all).
func buildSources(doc *Document, all []mention, full map[string]SourceRef) []Source {
	b := sourceBuilders.Get().(*sourceBuilder)
	defer b.release()
	idx, out, credited, pending := b.idx, b.sources[:0], b.credited, b.pending[:0]
	// (Claims and quotes by pointer: they are large.) firsts are the
	// claims that first credit each source, in order: a few an article,
	// where most of its claims credit a source credited before.
	firsts := b.firsts[:0]
	for ci := range doc.Claims {
		if c := &doc.Claims[ci]; c.Attribution != nil && !credited[c.Attribution.Source.ID] {
			credited[c.Attribution.Source.ID] = true
			firsts = append(firsts, ci)
		}
	}
	for qi := range doc.Quotes {
		if q := &doc.Quotes[qi]; q.Speaker != nil {
			credited[q.Speaker.ID] = true
		}
	}
	for mi := range all {
		m := &all[mi] // by pointer: a mention is large
		if m.kind == mentionPronoun || m.kind == mentionWeak {
			continue
		}
		if generic(m) && !credited[m.ref.ID] {
			continue // "a mother", "a coalition": named, but no source
		}
		ref := m.ref
		if m.kind == mentionPerson {
			ref = fullName(full, ref)
		}
		i, ok := idx[ref.ID]
		if !ok {
			i = len(out)
			idx[ref.ID] = i
			out = append(out, Source{SourceRef: ref, Descriptor: m.descriptor, Party: m.party, Registry: m.kind == mentionOrg || m.kind == mentionBackRef})
		}
		if out[i].Descriptor == "" {
			out[i].Descriptor = m.descriptor
		}
		pending = append(pending, sourceMention{i, doc.view.Span(m.start, m.end)})
	}
	// Sources that speak only through a resolved pronoun or a weak name
	// (Moataz, whose quotes say "he confides") are sources too.
	// (The claims after the first to credit a source find it in idx.)
	for _, ci := range firsts {
		c := &doc.Claims[ci]
		if _, ok := idx[c.Attribution.Source.ID]; !ok {
			idx[c.Attribution.Source.ID] = len(out)
			out = append(out, Source{SourceRef: c.Attribution.Source})
		}
	}
	// One array holds the mentions of every source, in order, each
	// source's a full slice of it.
	counts := slices.Grow(b.counts[:0], len(out))[:len(out)]
	clear(counts)
	for _, p := range pending {
		counts[p.source]++
	}
	spans := make([]Span, len(pending))
	lo := 0
	for i, n := range counts {
		out[i].Mentions = spans[lo : lo : lo+n]
		lo += n
	}
	for _, p := range pending {
		out[p.source].Mentions = append(out[p.source].Mentions, p.span)
	}
	for i := range out {
		if out[i].Mentions == nil {
			out[i].Mentions = []Span{}
		}
	}
	b.sources, b.pending, b.counts, b.firsts = out, pending, counts, firsts
	if len(out) == 0 {
		return nil
	}
	return slices.Clone(out)
}

// sourceBuilder is the scratch space of buildSources, reused across
// articles: the sources are gathered in one slice that keeps its
// capacity, and the article's own slice is allocated once, at its final
// length.
type sourceBuilder struct {
	sources  []Source
	idx      map[string]int
	credited map[string]bool
	pending  []sourceMention // the mentions of the sources, in order
	counts   []int           // how many of pending each source has
	firsts   []int           // the claims that first credit each source
}

// sourceMention is a mention of the source out[source] of buildSources.
type sourceMention struct {
	source int
	span   Span
}

// sourceBuilders keeps sourceBuilders for reuse, across articles and
// goroutines.
var sourceBuilders = sync.Pool{New: func() any {
	return &sourceBuilder{idx: map[string]int{}, credited: map[string]bool{}}
}}

// release clears what b holds of an article and returns it to
// sourceBuilders.
func (b *sourceBuilder) release() {
	clear(b.sources)
	b.sources = b.sources[:0]
	clear(b.idx)
	clear(b.credited)
	sourceBuilders.Put(b)
}
