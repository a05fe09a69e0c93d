package reports

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/sourcecheck/sourcecheck/audit"
)

// The metrics as they were computed before the run merged each article's
// stats instead of walking its document a second time: the reference
// TestMetricsMatchReference holds ArticleMetrics and the run's
// accumulator to.

// refMetricsAcc accumulates metrics over one article or a run.
type refMetricsAcc struct {
	m Metrics
	// stats holds what is known of every source id named or cited, in
	// order of first naming; order lists the cited ids in order of first
	// citation. ids indexes stats by id once it holds more than
	// refSmallStats entries (an article's few sources are found by a scan,
	// which costs less than building a map for each article).
	stats []refSourceStat
	ids   map[string]int
	order []string
	// named, parties and indep count the ids named or cited, the cited
	// parties to the conflict and the independent named sources.
	named, parties, indep int
	// unnamedIndep counts the articles with an independent unnamed or
	// anonymous source: all of an article's count as one source, told
	// apart from other articles' (a count, not a key per article, so that
	// a run of a million articles does not hold a million keys).
	unnamedIndep int
	// docs counts the documents added: a refSourceStat whose partyDoc is
	// docs is a party in the document being added.
	docs int
	// keep is set for an accumulator that outlives the documents added
	// (a run's): it copies the strings it keeps, which may be slices of
	// a document's text and would otherwise hold the whole text in
	// memory for the rest of the run.
	keep bool
}

// refSmallStats is how many sources a refMetricsAcc finds by scanning before it
// indexes them by id.
const refSmallStats = 16

// refSourceStat is what a refMetricsAcc knows of one source id.
type refSourceStat struct {
	id string
	// ref is the source as first cited; cited counts the claims credited
	// to it.
	ref   audit.SourceRef
	cited int
	// party is true for a cited party to the conflict, indep for an
	// independent named source; partyDoc is the number of the last
	// document that names the source as a party (see refMetricsAcc.docs).
	party, indep bool
	partyDoc     int
	// src is the index in the document's Sources of its first naming of
	// the source, when srcDoc is the number of the document being added.
	src, srcDoc int
}

// index returns the index of id in stats, or -1.
func (acc *refMetricsAcc) index(id string) int {
	if acc.ids != nil {
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

// stat returns the entry of id, added (as named) if new.
func (acc *refMetricsAcc) stat(id string) *refSourceStat {
	i := acc.index(id)
	if i < 0 {
		i = len(acc.stats)
		if acc.keep {
			id = strings.Clone(id)
		}
		acc.stats = append(acc.stats, refSourceStat{id: id})
		acc.named++
		switch {
		case acc.ids != nil:
			acc.ids[id] = i
		case len(acc.stats) > refSmallStats:
			acc.ids = make(map[string]int, 2*len(acc.stats))
			for j := range acc.stats {
				acc.ids[acc.stats[j].id] = j
			}
		}
	}
	return &acc.stats[i]
}

// lookup returns what is known of id: the zero refSourceStat when it was
// neither named nor cited.
func (acc *refMetricsAcc) lookup(id string) refSourceStat {
	if i := acc.index(id); i >= 0 {
		return acc.stats[i]
	}
	return refSourceStat{}
}

func newRefMetricsAcc() *refMetricsAcc {
	return &refMetricsAcc{
		m: Metrics{
			ClaimsByKind:  map[string]int{string(audit.ClaimFigure): 0, string(audit.ClaimQuote): 0, string(audit.ClaimReported): 0},
			SourcesByType: map[string]int{},
		},
	}
}

// refPartyTypes are the source types the metrics treat as parties to the
// conflict whatever the registry says, as the party-only-source rule does.
var refPartyTypes = map[string]bool{"armed_group": true, "military": true}

// refGenericSources are the registry's entries for sources nobody names:
// "a resident", "sources", "an official".
var refGenericSources = map[string]bool{"eyewitness": true, "unnamed-source": true, "unnamed-official": true}

// refIsUnnamed reports whether a source is unnamed ("a resident", id
// "unnamed:…" or one of the registry's generic entries) or anonymous: a
// reader cannot tell two of them apart.
func refIsUnnamed(ref audit.SourceRef) bool {
	return strings.HasPrefix(ref.ID, "unnamed:") || refGenericSources[ref.ID] || ref.Type == "anonymous"
}

// refArticleMetrics computes the metrics of one analysed document.
func refArticleMetrics(doc *audit.Document) Metrics {
	acc := newRefMetricsAcc()
	acc.add(doc)
	m := acc.finish()
	m.Sources = refSourceCounts(doc, acc)
	if m.Sources == nil {
		m.Sources = []SourceCount{}
	}
	return m
}

// add counts doc into the accumulator. The unnamed sources of each
// document added count as one independent source at most.
func (acc *refMetricsAcc) add(doc *audit.Document) {
	acc.docs++
	for i, s := range doc.Sources {
		st := acc.stat(s.ID)
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
	for _, c := range doc.Claims {
		m.Claims++
		m.ClaimsByKind[string(c.Kind)]++
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
		ref := c.Attribution.Source
		if isQuote && !refIsUnnamed(ref) {
			m.NamedQuotes++
		}
		st := acc.stat(ref.ID)
		if st.cited == 0 {
			acc.order = append(acc.order, st.id)
			st.ref = ref
			if acc.keep {
				st.ref = audit.SourceRef{ID: st.id, Name: strings.Clone(ref.Name), Type: strings.Clone(ref.Type)}
			}
		}
		st.cited++
		if st.partyDoc == acc.docs || refPartyTypes[ref.Type] {
			if !st.party {
				st.party = true
				acc.parties++
			}
			continue
		}
		if outlet != "" && (strings.ToLower(ref.Name) == outlet || ref.ID == outlet) {
			continue // the article's own outlet: "AFP said" in AFP copy
		}
		if refIsUnnamed(ref) {
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

// finish computes the counts and shares from what was added.
func (acc *refMetricsAcc) finish() Metrics {
	m := acc.m
	m.AttributedShare = refShareOf(m.Attributed, m.Claims)
	m.NamedQuoteShare = refShareOf(m.NamedQuotes, m.Quotes)
	m.SourcesNamed = acc.named
	m.SourcesCited = len(acc.order)
	m.PartySources = acc.parties
	m.IndependentSources = acc.indep + acc.unnamedIndep
	m.SourcesByType = map[string]int{}
	best := ""
	var top refSourceStat
	for _, id := range acc.order {
		st := acc.lookup(id)
		m.SourcesByType[st.ref.Type]++
		if best == "" || st.cited > top.cited {
			best, top = id, st
		}
	}
	if best != "" {
		ref := top.ref
		m.TopSource = &TopSource{ID: ref.ID, Name: ref.Name, Type: ref.Type, Claims: top.cited,
			Share: *refShareOf(top.cited, m.Attributed)}
	}
	return m
}

// refSourceCounts lists an article's sources with their claims and mentions,
// most-cited first, then in the order the article names them (the sources
// it cites without naming them last, in order of first citation). acc
// holds the article alone.
func refSourceCounts(doc *audit.Document, acc *refMetricsAcc) []SourceCount {
	if len(acc.stats) == 0 {
		return nil
	}
	// acc.stats holds exactly these sources in this order: add met the
	// named ones first, then the cited ones not named.
	out := make([]SourceCount, len(acc.stats))
	for i := range acc.stats {
		st := &acc.stats[i]
		s := &out[i]
		if st.srcDoc == acc.docs {
			src := &doc.Sources[st.src]
			*s = SourceCount{ID: src.ID, Name: src.Name, Type: src.Type, Mentions: len(src.Mentions)}
		} else {
			*s = SourceCount{ID: st.ref.ID, Name: st.ref.Name, Type: st.ref.Type}
		}
		s.Claims = st.cited
		s.Party = st.party || st.partyDoc == acc.docs || refPartyTypes[s.Type]
		if refIsUnnamed(audit.SourceRef{ID: s.ID, Type: s.Type}) {
			s.Independent = s.Claims > 0 && acc.unnamedIndep > 0
		} else {
			s.Independent = s.Claims > 0 && st.indep
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Claims > out[j].Claims })
	return out
}

// refRunMetrics computes the metrics of a whole run from its documents. Its
// Sources merge the articles' by id: claims and mentions summed, a party
// or independent source in any article being one in the run. It is
// refRunAcc fed every document in order.
func refRunMetrics(docs []*audit.Document) Metrics {
	r := newRefRunAcc()
	for _, d := range docs {
		r.Add(d)
	}
	return r.Metrics()
}

// refRunAcc computes the metrics of a run article by article,
// so that a streamed run need not keep its documents: Add each analysed
// document in the run's order, then Metrics gives what refRunMetrics gives
// for the same documents. It holds one entry per distinct source of the
// run, not per article. It is not safe for concurrent use.
type refRunAcc struct {
	acc *refMetricsAcc
	// sources merges the articles' source counts by id, in order of
	// first appearance; index maps an id to its entry.
	sources []SourceCount
	index   map[string]int
}

// newRefRunAcc returns an accumulator of an empty run.
func newRefRunAcc() *refRunAcc {
	acc := newRefMetricsAcc()
	acc.keep = true
	return &refRunAcc{acc: acc, index: map[string]int{}}
}

// Add counts one analysed document into the run.
func (r *refRunAcc) Add(doc *audit.Document) {
	one := newRefMetricsAcc()
	one.add(doc)
	r.addSources(doc, refSourceCounts(doc, one))
}

// addSources counts doc into the run, given its sources as
// refArticleMetrics lists them.
func (r *refRunAcc) addSources(doc *audit.Document, sources []SourceCount) {
	r.acc.add(doc)
	for _, s := range sources {
		j, ok := r.index[s.ID]
		if !ok {
			r.index[s.ID] = len(r.sources)
			// The run outlives the document: keep copies of its strings.
			s.ID, s.Name, s.Type = strings.Clone(s.ID), strings.Clone(s.Name), strings.Clone(s.Type)
			r.sources = append(r.sources, s)
			continue
		}
		t := &r.sources[j]
		t.Claims += s.Claims
		t.Mentions += s.Mentions
		t.Party = t.Party || s.Party
		t.Independent = t.Independent || s.Independent
	}
}

// Metrics returns the metrics of the documents added so far. The
// accumulator can go on after it.
func (r *refRunAcc) Metrics() Metrics {
	m := r.acc.finish()
	m.ClaimsByKind = maps.Clone(m.ClaimsByKind)
	m.Sources = slices.Clone(r.sources)
	sort.SliceStable(m.Sources, func(i, j int) bool { return m.Sources[i].Claims > m.Sources[j].Claims })
	if m.Sources == nil {
		m.Sources = []SourceCount{}
	}
	return m
}

// refShareOf returns part/whole rounded to four decimals, or nil when whole is
// zero.
func refShareOf(part, whole int) *float64 {
	if whole == 0 {
		return nil
	}
	v := math.Round(float64(part)/float64(whole)*1e4) / 1e4
	return &v
}
