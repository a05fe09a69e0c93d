package reports

import (
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// checkMetricsMatchReference checks ArticleMetrics, RunMetrics and the
// metrics of a streamed run over docs against the reference (the metrics
// as computed when the run walked each document again,
// metrics_ref_test.go).
func checkMetricsMatchReference(t *testing.T, docs []*audit.Document) {
	t.Helper()
	// tally's articles have their metrics, blind's (a stream whose
	// writers need none) have none, nor has the run.
	tally, blind := newAuditTally(rules.LevelError, true), newAuditTally(rules.LevelError, false)
	for _, d := range docs {
		if got, want := ArticleMetrics(d), refArticleMetrics(d); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: article metrics\n got %+v\nwant %+v", d.Path, got, want)
		}
		art := newAuditArticle(Result{Doc: d}, false)
		tally.add(&art, 0, 0)
		art = newAuditArticleOf(Result{Doc: d}, false, false)
		if !reflect.DeepEqual(art.Metrics, Metrics{}) {
			t.Fatalf("%s: article metrics made though not needed", d.Path)
		}
		blind.add(&art, 0, 0)
	}
	want := refRunMetrics(docs)
	if got := RunMetrics(docs); !reflect.DeepEqual(got, want) {
		t.Fatalf("run metrics\n got %+v\nwant %+v", got, want)
	}
	if got := tally.audit(nil, 0).Metrics; !reflect.DeepEqual(got, want) {
		t.Fatalf("streamed run metrics\n got %+v\nwant %+v", got, want)
	}
	if got := blind.audit(nil, 0).Metrics; !reflect.DeepEqual(got, Metrics{}) {
		t.Fatalf("streamed run metrics made though not needed: %+v", got)
	}
}

// TestMetricsMatchReference holds the metrics, which a run now merges from
// its articles' accumulators, to the reference over the corpora's
// articles, with and without an outlet.
func TestMetricsMatchReference(t *testing.T) {
	eng, err := audit.NewEngine(nil, rules.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	var docs, withOutlet []*audit.Document
	for _, set := range corpustest.Sets(t) {
		arts := set.Articles
		if testing.Short() {
			arts = arts[:min(len(arts), 100)]
		}
		for _, a := range arts {
			d := audit.NewDocument(a.Ref, audit.FormatText, a.Body)
			eng.Audit(d)
			docs = append(docs, d)
			o := *d
			o.Meta.Outlet = " Reuters "
			withOutlet = append(withOutlet, &o)
		}
	}
	checkMetricsMatchReference(t, docs)
	checkMetricsMatchReference(t, withOutlet)
}

// TestMetricsMatchReferenceRandom holds the metrics to the reference over
// made-up documents that meet the cases the corpora may not: a source
// cited with types that differ from claim to claim, party in one article
// and not another, cited without being named, an article with more
// sources than smallStats, claims of an unknown kind, the article's own
// outlet.
func TestMetricsMatchReferenceRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ids := []string{"sohr", "reuters", "unnamed:resident", "eyewitness", "unnamed-source", "person:ahmed-khalil",
		"syrian-army", "isis", "who", "un", "afp", "person:a", "person:b", "person:c", "person:d", "person:e",
		"person:f", "person:g", "person:h", "person:i", "person:j"}
	types := []string{"ngo", "wire_agency", "armed_group", "military", "anonymous", "official", "eyewitness", ""}
	kinds := []audit.ClaimKind{audit.ClaimFigure, audit.ClaimQuote, audit.ClaimReported, "rumour"}
	ref := func() audit.SourceRef {
		id := ids[rng.IntN(len(ids))]
		return audit.SourceRef{ID: id, Name: fmt.Sprintf("Name of %s %d", id, rng.IntN(2)), Type: types[rng.IntN(len(types))]}
	}
	for run := range 50 {
		var docs []*audit.Document
		for a := range 1 + rng.IntN(12) {
			d := &audit.Document{Path: fmt.Sprintf("run%d/a%d.txt", run, a)}
			if rng.IntN(3) == 0 {
				d.Meta.Outlet = []string{"Reuters", "afp", "Name of who 1"}[rng.IntN(3)]
			}
			for range rng.IntN(25) {
				s := audit.Source{SourceRef: ref(), Party: rng.IntN(4) == 0}
				s.Mentions = make([]audit.Span, rng.IntN(4))
				d.Sources = append(d.Sources, s)
			}
			for range rng.IntN(30) {
				c := audit.Claim{Kind: kinds[rng.IntN(len(kinds))]}
				switch rng.IntN(4) {
				case 0:
					c.Vague = &audit.Cue{}
				case 1:
				default:
					c.Attribution = &audit.Attribution{Source: ref()}
				}
				d.Claims = append(d.Claims, c)
			}
			docs = append(docs, d)
		}
		checkMetricsMatchReference(t, docs)
	}
}

// metricsSpy records the metrics of the articles it is given; it needs
// them unless blind.
type metricsSpy struct {
	blind bool
	got   []Metrics
}

func (s *metricsSpy) Begin(*AuditHeader) error { return nil }
func (s *metricsSpy) Article(a *AuditArticle) error {
	s.got = append(s.got, a.Metrics)
	return nil
}
func (s *metricsSpy) End(*Audit) error   { return nil }
func (s *metricsSpy) NeedsMetrics() bool { return !s.blind }

// TestStreamArticleMetrics checks that a stream's articles and the run
// have their metrics when a writer needs them (or does not say), and only
// then.
func TestStreamArticleMetrics(t *testing.T) {
	docs := []*audit.Document{
		{Path: "a.txt", Sources: []audit.Source{{SourceRef: audit.SourceRef{ID: "sohr", Name: "SOHR", Type: "ngo_monitor"}}},
			Claims: []audit.Claim{{Kind: audit.ClaimFigure, Attribution: &audit.Attribution{Source: audit.SourceRef{ID: "sohr", Name: "SOHR", Type: "ngo_monitor"}}}}},
		{Path: "b.txt", Claims: []audit.Claim{{Kind: audit.ClaimQuote}}},
	}
	run := func(ws ...AuditWriter) *Audit {
		t.Helper()
		s := NewAuditStream(nil, rules.LevelError, ws...)
		if err := s.Begin(); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if err := s.Add(s.Prepare(Result{Doc: d})); err != nil {
				t.Fatal(err)
			}
		}
		a, err := s.End(0)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	want := refRunMetrics(docs)
	for _, c := range []struct {
		name  string
		ws    []AuditWriter
		needs bool
	}{
		{"blind", []AuditWriter{&metricsSpy{blind: true}, NewTextWriter(io.Discard, TextOptions{})}, false},
		{"one needs", []AuditWriter{&metricsSpy{blind: true}, &metricsSpy{}}, true},
		{"json", []AuditWriter{&metricsSpy{blind: true}, NewJSONWriter(io.Discard)}, true},
	} {
		a := run(c.ws...)
		if !c.needs {
			if !reflect.DeepEqual(a.Metrics, Metrics{}) {
				t.Errorf("%s: run metrics made though not needed: %+v", c.name, a.Metrics)
			}
		} else if !reflect.DeepEqual(a.Metrics, want) {
			t.Errorf("%s: run metrics\n got %+v\nwant %+v", c.name, a.Metrics, want)
		}
		spy := c.ws[0].(*metricsSpy)
		for i, m := range spy.got {
			if has := m.ClaimsByKind != nil; has != c.needs {
				t.Errorf("%s: article %d has metrics %v, want %v", c.name, i, has, c.needs)
			} else if has && !reflect.DeepEqual(m, refArticleMetrics(docs[i])) {
				t.Errorf("%s: article %d metrics\n got %+v\nwant %+v", c.name, i, m, refArticleMetrics(docs[i]))
			}
		}
	}
}
