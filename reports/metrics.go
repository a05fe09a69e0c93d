package reports

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/sourcecheck/sourcecheck/audit"
)

// Metrics sum up how an article (or a whole run) is sourced. They are part
// of the audit report's JSON contract (schema/audit.schema.json) and shown
// by the Markdown and HTML reports.
//
// Definitions:
//
//   - A claim is attributed when the analysis credits it to a source; a
//     claim whose only credit is a vague cue ("are said to have been") or
//     an anonymous source is vague; the rest are unattributed.
//   - A quote (a direct or dash quotation claim) has a named speaker when
//     it is credited to a registry source or a named person: not to an
//     unnamed source ("a resident": id "unnamed:…" or the registry's generic
//     eyewitness, unnamed-source and unnamed-official) nor to an anonymous
//     one.
//   - A source is cited when at least one claim is credited to it; sources
//     named but credited with nothing (a party the story is about) are
//     counted in SourcesNamed only.
//   - A cited source is a party to the conflict when the registry flags it
//     so, or when its type is armed_group or military (the party-only-source
//     rule's reading).
//   - IndependentSources counts the cited sources that have no stake in the
//     story and are not the article itself: parties to the conflict are
//     left out (they are one side's voice, however many of their
//     ministries, armies and media speak); so is the article's own outlet
//     when it is known (JSON Lines "outlet"), since "AFP said" in AFP copy
//     is the article, not a second source; and every unnamed or anonymous
//     source together counts once at most, since a reader cannot tell two
//     unnamed sources apart.
//   - TopSource is the cited source credited with the most claims, and its
//     share of the attributed claims; ties go to the source cited first.
//
// Shares are fractions in [0, 1] rounded to four decimals, and null when
// there is nothing to divide by. For a run, counts are summed over the
// articles and shares recomputed from the sums; sources are told apart by
// id across the whole run (and unnamed sources by article).
type Metrics struct {
	// Claims counts the claims; ClaimsByKind splits them into figure,
	// quote and reported (every kind is present, zero or not).
	Claims       int            `json:"claims"`
	ClaimsByKind map[string]int `json:"claims_by_kind"`
	// Attributed, Vague and Unattributed partition Claims.
	Attributed      int      `json:"attributed"`
	Vague           int      `json:"vague"`
	Unattributed    int      `json:"unattributed"`
	AttributedShare *float64 `json:"attributed_share"`
	// Quotes counts quote claims; NamedQuotes those with a named speaker.
	Quotes          int      `json:"quotes"`
	NamedQuotes     int      `json:"named_quotes"`
	NamedQuoteShare *float64 `json:"named_quote_share"`
	// SourcesNamed counts the distinct sources the text names;
	// SourcesCited those credited with at least one claim, and
	// SourcesByType splits the cited ones by source type.
	SourcesNamed  int            `json:"sources_named"`
	SourcesCited  int            `json:"sources_cited"`
	SourcesByType map[string]int `json:"sources_by_type"`
	// PartySources counts the cited sources that are parties to the
	// conflict.
	PartySources       int `json:"party_sources"`
	IndependentSources int `json:"independent_sources"`
	// TopSource is nil when no claim is attributed.
	TopSource *TopSource `json:"top_source"`
	// Sources lists every source named or cited with its claims and
	// mentions, most-cited first (for a run, merged by id).
	Sources []SourceCount `json:"sources"`
}

// TopSource is the source credited with the most claims.
type TopSource struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	// Claims counts the claims credited to it; Share is Claims over the
	// attributed claims.
	Claims int     `json:"claims"`
	Share  float64 `json:"share"`
}

// SourceCount is one source of an article with what the article credits
// to it.
type SourceCount struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Type  string `json:"type"`
	Party bool   `json:"party_to_conflict"`
	// Claims counts the claims credited to the source; Mentions how often
	// the text names it.
	Claims   int `json:"claims"`
	Mentions int `json:"mentions"`
	// Independent is true when the source counts towards
	// IndependentSources.
	Independent bool `json:"independent"`
}

// metricsAcc accumulates metrics over one article or a run. An article's
// accumulator is also what the run's needs of the article: a streamed run
// walks each document once, in AuditStream.Prepare, and Add merges the
// article's accumulator into the run's (RunMetricsAccumulator.merge).
type metricsAcc struct {
	// m holds the claim counts; finish fills in the rest. kinds counts
	// the claims of each of claimKinds, otherKinds those of any other
	// kind (nil while there are none).
	m          Metrics
	kinds      [len(claimKinds)]int
	otherKinds map[string]int
	// stats holds what is known of every source id named or cited, in
	// order of first naming (for a run, in order of first appearance in
	// the articles' Sources lists); order indexes the cited ones in
	// stats, in order of first citation. ids indexes stats by id once it
	// holds more than smallStats entries (an article's few sources are
	// found by a scan, which costs less than building a map for each
	// article; a pooled accumulator keeps its map, emptied, for the next
	// article with many).
	stats []sourceStat
	ids   map[string]int
	order []int
	// counts lists an article's sources as its Metrics.Sources do, and
	// sorted indexes them in stats (see sourceCounts); unused by a run's
	// accumulator.
	counts []SourceCount
	sorted []int
	// named, parties and indep count the ids named or cited, the cited
	// parties to the conflict and the independent named sources.
	named, parties, indep int
	// unnamedIndep counts the articles with an independent unnamed or
	// anonymous source: all of an article's count as one source, told
	// apart from other articles' (a count, not a key per article, so that
	// a run of a million articles does not hold a million keys).
	unnamedIndep int
	// docs counts the documents added: a sourceStat whose partyDoc is
	// docs is a party in the document being added.
	docs int
}

// claimKinds are the kinds of claim ClaimsByKind always lists.
var claimKinds = [...]audit.ClaimKind{audit.ClaimFigure, audit.ClaimQuote, audit.ClaimReported}

// smallStats is how many sources a metricsAcc finds by scanning before it
// indexes them by id.
const smallStats = 16

// sourceStat is what a metricsAcc knows of one source id.
type sourceStat struct {
	id string
	// ref is the source as first cited; cited counts the claims credited
	// to it.
	ref   audit.SourceRef
	cited int
	// party is true for a cited party to the conflict, indep for an
	// independent named source; partyDoc is the number of the last
	// document that names the source as a party (see metricsAcc.docs).
	party, indep bool
	partyDoc     int
	// src is the index in the document's Sources of its first naming of
	// the source, when srcDoc is the number of the document being added.
	src, srcDoc int
}

// index returns the index of id in stats, or -1.
func (acc *metricsAcc) index(id string) int {
	if len(acc.stats) > smallStats {
		if i, ok := acc.ids[id]; ok {
			return i
		}
		return -1
	}
	for i := range acc.stats {
		if acc.stats[i].id == id {
			return i
		}
	}
	return -1
}

// statIndex returns the index of the entry of id, added (as named) if
// new.
func (acc *metricsAcc) statIndex(id string) int {
	i := acc.index(id)
	if i < 0 {
		i = acc.newStat(id)
	}
	return i
}

// newStat adds an entry for id, which has none, and returns its index.
func (acc *metricsAcc) newStat(id string) int {
	i := len(acc.stats)
	acc.stats = append(acc.stats, sourceStat{id: id})
	acc.named++
	switch {
	case len(acc.stats) <= smallStats:
	case len(acc.stats) > smallStats+1:
		acc.ids[id] = i
	case acc.ids == nil:
		acc.ids = make(map[string]int, 2*len(acc.stats))
		fallthrough
	default: // index them all, in the map a pooled accumulator kept
		for j := range acc.stats {
			acc.ids[acc.stats[j].id] = j
		}
	}
	return i
}

// articleAccs recycles the accumulators of articles: an article's is
// dropped once its metrics are made and merged into the run's.
var articleAccs = sync.Pool{New: func() any { return new(metricsAcc) }}

// articleAcc returns an accumulator holding doc alone; give it back with
// release once done with it.
func articleAcc(doc *audit.Document) *metricsAcc {
	acc := articleAccs.Get().(*metricsAcc)
	acc.add(doc)
	return acc
}

// release empties an article's accumulator and gives it back to
// articleAccs; the caller must not use it after.
func (acc *metricsAcc) release() {
	clear(acc.stats) // drop the strings of the document's text
	clear(acc.counts)
	clear(acc.ids)
	clear(acc.otherKinds)
	*acc = metricsAcc{stats: acc.stats[:0], ids: acc.ids, order: acc.order[:0], counts: acc.counts[:0],
		sorted: acc.sorted[:0], otherKinds: acc.otherKinds}
	articleAccs.Put(acc)
}

// isPartyType reports whether the metrics treat sources of type t as
// parties to the conflict whatever the registry says, as the
// party-only-source rule does: armed groups and the military.
func isPartyType(t string) bool {
	return t == "armed_group" || t == "military"
}

// isGenericSource reports whether id is one of the registry's entries for
// sources nobody names: "a resident", "sources", "an official".
func isGenericSource(id string) bool {
	switch id {
	case "eyewitness", "unnamed-source", "unnamed-official":
		return true
	}
	return false
}

// isUnnamedSource reports whether a source is unnamed ("a resident", id
// "unnamed:…" or one of the registry's generic entries) or anonymous: a
// reader cannot tell two of them apart.
func isUnnamedSource(ref audit.SourceRef) bool {
	return strings.HasPrefix(ref.ID, "unnamed:") || isGenericSource(ref.ID) || ref.Type == "anonymous"
}

// ArticleMetrics computes the metrics of one analysed document.
func ArticleMetrics(doc *audit.Document) Metrics {
	acc := articleAcc(doc)
	m := acc.articleMetrics(doc)
	acc.release()
	return m
}

// articleMetrics returns the metrics of doc, which the accumulator holds
// alone.
func (acc *metricsAcc) articleMetrics(doc *audit.Document) Metrics {
	m := acc.finish()
	acc.sourceCounts(doc)
	m.Sources = make([]SourceCount, len(acc.counts))
	copy(m.Sources, acc.counts)
	return m
}

// add counts doc into the accumulator. The unnamed sources of each
// document added count as one independent source at most.
func (acc *metricsAcc) add(doc *audit.Document) {
	acc.docs++
	acc.stats = slices.Grow(acc.stats, len(doc.Sources))
	for i := range doc.Sources {
		s := &doc.Sources[i]
		st := &acc.stats[acc.statIndex(s.ID)]
		if st.srcDoc != acc.docs {
			st.srcDoc, st.src = acc.docs, i
		}
		if s.Party {
			st.partyDoc = acc.docs
		}
	}
	outlet := strings.ToLower(strings.TrimSpace(doc.Meta.Outlet))
	unnamedIndep := false
	m := &acc.m
	for i := range doc.Claims {
		c := &doc.Claims[i]
		m.Claims++
		acc.countKind(c.Kind)
		isQuote := c.Kind == audit.ClaimQuote
		if isQuote {
			m.Quotes++
		}
		switch {
		case c.Attribution != nil:
			m.Attributed++
		case c.Vague != nil:
			m.Vague++
			continue
		default:
			m.Unattributed++
			continue
		}
		ref := &c.Attribution.Source
		if isQuote && !isUnnamedSource(*ref) {
			m.NamedQuotes++
		}
		j := acc.statIndex(ref.ID)
		st := &acc.stats[j]
		if st.cited == 0 {
			acc.order = append(acc.order, j)
			st.ref = *ref
		}
		st.cited++
		if st.partyDoc == acc.docs || isPartyType(ref.Type) {
			if !st.party {
				st.party = true
				acc.parties++
			}
			continue
		}
		if outlet != "" && (strings.ToLower(ref.Name) == outlet || ref.ID == outlet) {
			continue // the article's own outlet: "AFP said" in AFP copy
		}
		if isUnnamedSource(*ref) {
			unnamedIndep = true
		} else {
			if !st.indep {
				st.indep = true
				acc.indep++
			}
		}
	}
	if unnamedIndep {
		acc.unnamedIndep++
	}
}

// countKind counts a claim of kind k.
func (acc *metricsAcc) countKind(k audit.ClaimKind) {
	for i, ck := range claimKinds {
		if k == ck {
			acc.kinds[i]++
			return
		}
	}
	if acc.otherKinds == nil {
		acc.otherKinds = map[string]int{}
	}
	acc.otherKinds[string(k)]++
}

// finish computes the counts and shares from what was added.
func (acc *metricsAcc) finish() Metrics {
	m := acc.m
	m.ClaimsByKind = make(map[string]int, len(claimKinds)+len(acc.otherKinds))
	for i, k := range claimKinds {
		m.ClaimsByKind[string(k)] = acc.kinds[i]
	}
	for k, n := range acc.otherKinds {
		m.ClaimsByKind[k] = n
	}
	// The shares and the top source are pointers, made only when there
	// are claims (there is no share nor top source without): one
	// allocation holds them all.
	var x *metricsPointees
	if m.Claims > 0 {
		x = new(metricsPointees)
		m.AttributedShare = shareIn(&x.shares[0], m.Attributed, m.Claims)
		m.NamedQuoteShare = shareIn(&x.shares[1], m.NamedQuotes, m.Quotes)
	}
	m.SourcesNamed = acc.named
	m.SourcesCited = len(acc.order)
	m.PartySources = acc.parties
	m.IndependentSources = acc.indep + acc.unnamedIndep
	m.SourcesByType = map[string]int{}
	var top *sourceStat
	for _, i := range acc.order {
		st := &acc.stats[i]
		m.SourcesByType[st.ref.Type]++
		if top == nil || st.cited > top.cited {
			top = st
		}
	}
	if top != nil {
		ref := top.ref
		x.top = TopSource{ID: ref.ID, Name: ref.Name, Type: ref.Type, Claims: top.cited,
			Share: roundShare(top.cited, m.Attributed)}
		m.TopSource = &x.top
	}
	return m
}

// metricsPointees holds what a Metrics points to (see finish).
type metricsPointees struct {
	shares [2]float64
	top    TopSource
}

// sourceCounts lists an article's sources in acc.counts with their claims
// and mentions, most-cited first, then in the order the article names
// them (the sources it cites without naming them last, in order of first
// citation), and their indexes in acc.stats in acc.sorted. acc holds the
// article alone.
func (acc *metricsAcc) sourceCounts(doc *audit.Document) {
	// acc.stats holds exactly these sources in this order: add met the
	// named ones first, then the cited ones not named.
	acc.sorted = acc.sorted[:0]
	for i := range acc.stats {
		acc.sorted = append(acc.sorted, i)
	}
	slices.SortStableFunc(acc.sorted, func(i, j int) int { return cmp.Compare(acc.stats[j].cited, acc.stats[i].cited) })
	out := slices.Grow(acc.counts[:0], len(acc.stats))[:len(acc.stats)]
	for k, i := range acc.sorted {
		st := &acc.stats[i]
		s := &out[k]
		if st.srcDoc == acc.docs {
			src := &doc.Sources[st.src]
			*s = SourceCount{ID: src.ID, Name: src.Name, Type: src.Type, Mentions: len(src.Mentions)}
		} else {
			*s = SourceCount{ID: st.ref.ID, Name: st.ref.Name, Type: st.ref.Type}
		}
		s.Claims = st.cited
		s.Party = st.party || st.partyDoc == acc.docs || isPartyType(s.Type)
		if isUnnamedSource(audit.SourceRef{ID: s.ID, Type: s.Type}) {
			s.Independent = s.Claims > 0 && acc.unnamedIndep > 0
		} else {
			s.Independent = s.Claims > 0 && st.indep
		}
	}
	acc.counts = out
}

// RunMetrics computes the metrics of a whole run from its documents. Its
// Sources merge the articles' by id: claims and mentions summed, a party
// or independent source in any article being one in the run. It is
// RunMetricsAccumulator fed every document in order.
func RunMetrics(docs []*audit.Document) Metrics {
	r := NewRunMetricsAccumulator()
	for _, d := range docs {
		r.Add(d)
	}
	return r.Metrics()
}

// RunMetricsAccumulator computes the metrics of a run article by article,
// so that a streamed run need not keep its documents: Add each analysed
// document in the run's order, then Metrics gives what RunMetrics gives
// for the same documents. It holds one entry per distinct source of the
// run, not per article. It is not safe for concurrent use.
type RunMetricsAccumulator struct {
	acc *metricsAcc
	// sources merges the articles' source counts by id: sources[i] is
	// the source of acc.stats[i], and both are in order of first
	// appearance in the articles' Sources lists.
	sources []SourceCount
	// at is scratch space for merge: the index in the run's stats of
	// each source of the article being merged.
	at []int
	// types holds the run's copy of each source type (see keep).
	types map[string]string
}

// NewRunMetricsAccumulator returns an accumulator of an empty run.
func NewRunMetricsAccumulator() *RunMetricsAccumulator {
	return &RunMetricsAccumulator{acc: &metricsAcc{}, types: map[string]string{}}
}

// Add counts one analysed document into the run.
func (r *RunMetricsAccumulator) Add(doc *audit.Document) {
	one := articleAcc(doc)
	one.sourceCounts(doc)
	r.merge(one)
	one.release()
}

// merge counts an article into the run, given the accumulator that holds
// it alone, its sources listed (sourceCounts).
// It gives what adding the article's document to the run's accumulator
// would, without walking the document again: every count of the article
// is summed, and a source is a party, independent or cited in the run
// when it is in any article.
func (r *RunMetricsAccumulator) merge(a *metricsAcc) {
	run := r.acc
	run.docs++
	rm, am := &run.m, &a.m
	rm.Claims += am.Claims
	rm.Attributed += am.Attributed
	rm.Vague += am.Vague
	rm.Unattributed += am.Unattributed
	rm.Quotes += am.Quotes
	rm.NamedQuotes += am.NamedQuotes
	for i, n := range a.kinds {
		run.kinds[i] += n
	}
	for k, n := range a.otherKinds {
		if run.otherKinds == nil {
			run.otherKinds = map[string]int{}
		}
		run.otherKinds[k] += n
	}
	run.unnamedIndep += a.unnamedIndep
	r.at = slices.Grow(r.at[:0], len(a.stats))[:len(a.stats)]
	for k := range a.counts {
		s := &a.counts[k]
		i := a.sorted[k]
		st := &a.stats[i]
		j := run.index(st.id)
		if j < 0 {
			c := *s
			c.ID, c.Name = keepPair(s.ID, s.Name)
			c.Type = r.keepType(s.Type)
			j = run.newStat(c.ID)
			r.sources = append(r.sources, c)
		} else {
			t := &r.sources[j]
			t.Claims += s.Claims
			t.Mentions += s.Mentions
			t.Party = t.Party || s.Party
			t.Independent = t.Independent || s.Independent
		}
		r.at[i] = j
		rs := &run.stats[j]
		if st.party && !rs.party {
			rs.party = true
			run.parties++
		}
		if st.indep && !rs.indep {
			rs.indep = true
			run.indep++
		}
	}
	// The sources cited first in the run, in the order the article first
	// cites them.
	for _, i := range a.order {
		st, j := &a.stats[i], r.at[i]
		rs := &run.stats[j]
		if rs.cited == 0 {
			run.order = append(run.order, j)
			rs.ref = audit.SourceRef{ID: rs.id, Name: keptCopy(st.ref.Name, r.sources[j].Name),
				Type: r.keepType(st.ref.Type)}
		}
		rs.cited += st.cited
	}
}

// The run's metrics outlive the documents added: they keep copies of the
// strings they hold, which may be slices of a document's text and would
// otherwise hold the whole text in memory for the rest of the run.

// keepPair returns copies of a and b the run may keep, made in one
// allocation.
func keepPair(a, b string) (string, string) {
	var sb strings.Builder
	sb.Grow(len(a) + len(b))
	sb.WriteString(a)
	sb.WriteString(b)
	ab := sb.String()
	return ab[:len(a)], ab[len(a):]
}

// keepType returns a copy of the source type t the run may keep: one per
// type for the whole run.
func (r *RunMetricsAccumulator) keepType(t string) string {
	if k, ok := r.types[t]; ok {
		return k
	}
	k := strings.Clone(t)
	r.types[k] = k
	return k
}

// keptCopy returns a copy of s that the run may keep: kept, a copy the run
// already holds, when it is the same string.
func keptCopy(s, kept string) string {
	if s == kept {
		return kept
	}
	return strings.Clone(s)
}

// Metrics returns the metrics of the documents added so far. The
// accumulator can go on after it.
func (r *RunMetricsAccumulator) Metrics() Metrics {
	m := r.acc.finish()
	// Most-cited first, else in order of first appearance: a stable sort
	// of the sources' indexes, which moves less than one of the sources.
	order := make([]int32, len(r.sources))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int { return cmp.Compare(r.sources[j].Claims, r.sources[i].Claims) })
	m.Sources = make([]SourceCount, len(order))
	for k, i := range order {
		m.Sources[k] = r.sources[i]
	}
	return m
}

// shareIn stores part/whole rounded to four decimals in *p and returns p,
// or returns nil when whole is zero.
func shareIn(p *float64, part, whole int) *float64 {
	if whole == 0 {
		return nil
	}
	*p = roundShare(part, whole)
	return p
}

// roundShare returns part/whole rounded to four decimals; whole is not
// zero.
func roundShare(part, whole int) float64 {
	return math.Round(float64(part)/float64(whole)*1e4) / 1e4
}
