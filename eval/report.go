package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Goal is an accuracy target for one metric.
type Goal struct {
	// Metric is a Value name ("direct_quotes.f1").
	Metric string `json:"metric"`
	// Min is the target: the metric should be at least Min.
	Min float64 `json:"min"`
	// Title names the metric in report tables.
	Title string `json:"title"`
}

// Goals are the accuracy targets the detectors are built to meet, checked
// on the total over every set.
var Goals = []Goal{
	{Metric: "direct_quotes.f1", Min: 0.95, Title: "direct-quote F1"},
	{Metric: "speakers.accuracy", Min: 0.90, Title: "speaker accuracy"},
	{Metric: "figures.f1", Min: 0.90, Title: "figure F1"},
	{Metric: "attributed.accuracy", Min: 0.90, Title: "attributed accuracy"},
	{Metric: "vague_cues.precision", Min: 0.85, Title: "vague-cue precision"},
}

// row is one line of a report table: a detector and the metric its
// headline number is.
type row struct {
	key   string // Value name prefix ("direct_quotes")
	title string
	prf   bool
}

var rows = []row{
	{"direct_quotes", "Direct quotes (direct + dash spans)", true},
	{"partial_quotes", "Partial quotes (spans)", true},
	{"any_quotes", "Any quote (spans, kinds ignored)", true},
	{"speakers", "Quote speakers", false},
	{"named_speakers", "Quote speakers (labelled speaker only)", false},
	{"figures", "Figures (spans)", true},
	{"figure_subkinds", "Figure subkinds", false},
	{"attributed", "Attributed or not (figures + quotes)", false},
	{"vague_cues", "Vague cues", true},
}

// TextOptions control WriteText.
type TextOptions struct {
	// Mismatches lists every mismatch after the scores.
	Mismatches bool
	// CorpusText shows the text of corpus-article spans in mismatches.
	// Leave it off when the output may be written to a file: corpus text
	// must not be copied into the repository.
	CorpusText bool
}

// WriteText writes the scores of every set and the total as plain text,
// then how the total compares with the Goals and, if asked, the list of
// mismatches.
func (r *Result) WriteText(w io.Writer, opts TextOptions) error {
	p := &printer{w: w}
	for _, s := range r.Skipped {
		p.printf("skipped: %s\n", s)
	}
	if len(r.Skipped) > 0 {
		p.printf("\n")
	}
	for _, s := range r.Sets {
		writeTextMetrics(p, s.Name, s.Metrics)
	}
	writeTextMetrics(p, "total", r.Total)
	p.printf("goals (total):\n")
	for _, g := range Goals {
		v, _ := r.Total.Value(g.Metric)
		p.printf("  %-22s %s  goal ≥ %.2f  %s\n", g.Metric, fmtValue(v), g.Min, verdict(v, g))
	}
	if !opts.Mismatches {
		p.printf("\n%d mismatches (list them with --mismatches)\n", len(r.Mismatches))
		return p.err
	}
	p.printf("\nmismatches (%d):\n", len(r.Mismatches))
	article := ""
	for _, m := range r.Mismatches {
		if m.Article != article {
			article = m.Article
			p.printf("\n%s [%s]\n", article, m.Set)
		}
		p.printf("  %-14s %-8s %s\n", m.Detector, m.Kind, describe(m, opts.CorpusText || !m.Corpus))
	}
	return p.err
}

func writeTextMetrics(p *printer, name string, m Metrics) {
	p.printf("== %s (%d articles)\n", name, m.Articles)
	for _, rw := range rows {
		if rw.prf {
			c := prfOf(m, rw.key)
			pv, _ := m.Value(rw.key + ".precision")
			rv, _ := m.Value(rw.key + ".recall")
			fv, _ := m.Value(rw.key + ".f1")
			p.printf("  %-40s P %s  R %s  F1 %s   tp %d fp %d fn %d\n", rw.title, fmtValue(pv), fmtValue(rv), fmtValue(fv), c.TP, c.FP, c.FN)
			continue
		}
		a := accOf(m, rw.key)
		v, _ := m.Value(rw.key + ".accuracy")
		p.printf("  %-40s accuracy %s   %d/%d\n", rw.title, fmtValue(v), a.Correct, a.Total)
	}
	p.printf("\n")
}

// describe renders a mismatch's two sides; text only when showText.
func describe(m Mismatch, showText bool) string {
	side := func(tag string, it *Item) string {
		if it == nil {
			return ""
		}
		s := fmt.Sprintf("%s [%d,%d) h=%s", tag, it.Start, it.End, it.H)
		if it.Detail != "" {
			s += " " + it.Detail
		}
		if showText {
			s += " " + strconv.Quote(clip(it.Text, 80))
		}
		return s
	}
	var parts []string
	for _, s := range []string{side("gold", m.Gold), side("pred", m.Pred)} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "  |  ")
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n/2]) + "…" + string(r[len(r)-n/2:])
}

func prfOf(m Metrics, key string) PRF {
	switch key {
	case "direct_quotes":
		return m.DirectQuotes
	case "partial_quotes":
		return m.PartialQuotes
	case "any_quotes":
		return m.AnyQuotes
	case "figures":
		return m.Figures
	case "vague_cues":
		return m.VagueCues
	}
	return PRF{}
}

func accOf(m Metrics, key string) Accuracy {
	switch key {
	case "speakers":
		return m.Speakers
	case "named_speakers":
		return m.NamedSpeakers
	case "figure_subkinds":
		return m.FigureSubkinds
	case "attributed":
		return m.Attributed
	}
	return Accuracy{}
}

func fmtValue(v Value) string {
	if !v.OK {
		return "  –  "
	}
	return fmt.Sprintf("%.3f", v.V)
}

func verdict(v Value, g Goal) string {
	switch {
	case !v.OK:
		return "n/a"
	case v.V >= g.Min:
		return "met"
	default:
		return "not met"
	}
}

// WriteMarkdown writes a README-ready summary: a table of the total with
// each detector's precision, recall, F1 or accuracy, the number of
// labelled items or decisions (n) and its goal, then the headline metrics
// per set. It never includes article text.
func (r *Result) WriteMarkdown(w io.Writer) error {
	p := &printer{w: w}
	sets := make([]string, len(r.Sets))
	for i, s := range r.Sets {
		sets[i] = fmt.Sprintf("%s (%d)", s.Name, s.Metrics.Articles)
	}
	p.printf("Scores over %d labelled articles: %s.\n\n", r.Total.Articles, strings.Join(sets, ", "))
	p.printf("| detector | precision | recall | F1 / accuracy | n | goal |\n")
	p.printf("|---|---:|---:|---:|---:|---|\n")
	for _, rw := range rows {
		var prec, rec, head Value
		if rw.prf {
			prec, _ = r.Total.Value(rw.key + ".precision")
			rec, _ = r.Total.Value(rw.key + ".recall")
			head, _ = r.Total.Value(rw.key + ".f1")
		} else {
			head, _ = r.Total.Value(rw.key + ".accuracy")
		}
		goal := ""
		for _, g := range Goals {
			if strings.HasPrefix(g.Metric, rw.key+".") {
				v, _ := r.Total.Value(g.Metric)
				measure := strings.TrimPrefix(g.Metric, rw.key+".")
				goal = fmt.Sprintf("%s ≥ %.2f: %s", measure, g.Min, verdict(v, g))
			}
		}
		cell := func(v Value, show bool) string {
			if !show {
				return ""
			}
			return mdValue(v)
		}
		p.printf("| %s | %s | %s | %s | %d | %s |\n", rw.title, cell(prec, rw.prf), cell(rec, rw.prf), mdValue(head), head.N, goal)
	}
	p.printf("\nn counts labelled items for precision/recall/F1 rows and scored decisions for accuracy rows.\n")
	if len(r.Sets) > 1 {
		p.printf("\n| set | articles |")
		for _, g := range Goals {
			p.printf(" %s |", g.Title)
		}
		p.printf("\n|---|---:|%s\n", strings.Repeat("---:|", len(Goals)))
		for _, s := range r.Sets {
			p.printf("| %s | %d |", s.Name, s.Metrics.Articles)
			for _, g := range Goals {
				v, _ := s.Metrics.Value(g.Metric)
				p.printf(" %s |", mdValue(v))
			}
			p.printf("\n")
		}
	}
	if len(r.Skipped) > 0 {
		p.printf("\n%d labelled articles were skipped (corpora not available); these scores cover the rest.\n", len(r.Skipped))
	}
	return p.err
}

func mdValue(v Value) string {
	if !v.OK {
		return "–"
	}
	return fmt.Sprintf("%.3f", v.V)
}

// jsonResult is the JSON form of a Result: counts with their ratios.
type jsonResult struct {
	Sets       []jsonSet  `json:"sets"`
	Total      jsonSet    `json:"total"`
	Goals      []jsonGoal `json:"goals"`
	Skipped    []string   `json:"skipped"`
	Mismatches []Mismatch `json:"mismatches"`
}

type jsonSet struct {
	Name   string      `json:"name"`
	Counts Metrics     `json:"counts"`
	Values []jsonValue `json:"values"`
}

type jsonValue struct {
	Name  string   `json:"name"`
	Value *float64 `json:"value"` // null when undefined
	N     int      `json:"n"`
}

type jsonGoal struct {
	Goal
	Value *float64 `json:"value"`
	Met   bool     `json:"met"`
}

func toJSONSet(name string, m Metrics) jsonSet {
	s := jsonSet{Name: name, Counts: m}
	for _, v := range m.Values() {
		jv := jsonValue{Name: v.Name, N: v.N}
		if v.OK {
			x := v.V
			jv.Value = &x
		}
		s.Values = append(s.Values, jv)
	}
	return s
}

// WriteJSON writes the result as indented JSON: per set and in total, the
// counts and every ratio (null when undefined), the goals and the
// mismatches. Span text is included for repository articles only, never
// for corpus articles, so the output may be saved to a file.
func (r *Result) WriteJSON(w io.Writer) error {
	out := jsonResult{Total: toJSONSet("total", r.Total), Skipped: r.Skipped, Mismatches: make([]Mismatch, len(r.Mismatches))}
	if out.Skipped == nil {
		out.Skipped = []string{}
	}
	out.Sets = []jsonSet{}
	for _, s := range r.Sets {
		out.Sets = append(out.Sets, toJSONSet(s.Name, s.Metrics))
	}
	for _, g := range Goals {
		v, _ := r.Total.Value(g.Metric)
		jg := jsonGoal{Goal: g, Met: v.OK && v.V >= g.Min}
		if v.OK {
			x := v.V
			jg.Value = &x
		}
		out.Goals = append(out.Goals, jg)
	}
	for i, m := range r.Mismatches {
		if m.Corpus {
			m.Gold, m.Pred = withoutText(m.Gold), withoutText(m.Pred)
		}
		out.Mismatches[i] = m
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("eval: writing JSON: %w", err)
	}
	return nil
}

func withoutText(it *Item) *Item {
	if it == nil {
		return nil
	}
	c := *it
	c.Text = ""
	return &c
}

// printer writes formatted output and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err != nil {
		return
	}
	if _, err := fmt.Fprintf(p.w, format, args...); err != nil {
		p.err = fmt.Errorf("eval: writing report: %w", err)
	}
}
