package reports

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

// Streaming reports.
//
// NewAudit and the Write* functions render a run held in memory whole:
// every article's analysis, findings and document. An AuditStream renders
// the same reports as the run goes instead, so that a run over a large
// input (a JSON Lines export of a gigabyte) holds only the articles being
// audited: each article is written once it is finished and then dropped.
// The formats that can be written that way have an AuditWriter: text
// (NewTextWriter), json (NewJSONWriter), sarif (NewSARIFWriter), rdjsonl
// (NewRDJSONLWriter), github (NewGitHubWriter) and junit
// (NewJUnitWriter). Each writes exactly the bytes its batch function
// writes for the same run. Markdown and HTML need the whole run (the
// verdict and the metrics come first) and have no streaming writer.

// AuditWriter writes one report of an audit run as the run goes: Begin
// once, Article for each article in the run's order, End once with the
// run's summary, rules and metrics (its Articles are nil). A writer that
// also implements Aborter is aborted instead of ended when the run fails.
type AuditWriter interface {
	Begin(h *AuditHeader) error
	Article(art *AuditArticle) error
	End(a *Audit) error
}

// Aborter is implemented by writers that hold resources (a temporary
// file) until End: Abort releases them when the run stops before End.
type Aborter interface {
	Abort()
}

// AnalysisWriter is implemented by writers that need each article's full
// analysis (blocks, sentences, quotes, claims, sources: the JSON report).
// Articles given to other writers carry only their path, id, record,
// metadata, findings and metrics (see MetricsWriter).
type AnalysisWriter interface {
	NeedsAnalysis() bool
}

// MetricsWriter is implemented by writers that say whether they read
// metrics: an article's (AuditArticle.Metrics) or the run's (the Metrics
// of the Audit given to End). The text, SARIF, rdjsonl and JUnit reports
// read neither. When every writer of a stream says it does not, the
// stream makes no metrics: the articles' and the run's are left empty,
// in the Audit End returns too. A writer that does not implement
// MetricsWriter is given all the metrics.
type MetricsWriter interface {
	NeedsMetrics() bool
}

// AuditHeader is what is known of a run before its first article.
type AuditHeader struct {
	// Rules describes every rule that runs, sorted by id.
	Rules []RuleInfo
	// FailLevel is the level at which a finding fails the run.
	FailLevel string
}

// Audited is one article ready to be added to an AuditStream.
type Audited struct {
	// Article is the article's report.
	Article AuditArticle
	// Suppressed and Baselined count the findings hidden from it.
	Suppressed, Baselined int
}

// AuditStream renders an audit run to AuditWriters article by article,
// and keeps the run's summary and metrics as it goes. Call Begin, then
// Prepare (from any goroutine) and Add (in the run's order, from one
// goroutine) for each article, then End; or Abort when the run stops.
type AuditStream struct {
	writers []AuditWriter
	header  AuditHeader
	// analysis is set when a writer needs the articles' analysis,
	// metrics when one needs their metrics.
	analysis, metrics bool
	tally             *auditTally
	ended             bool
}

// NewAuditStream returns a stream writing the run to ws. rs are the
// rules that run; failLevel is the level at which a finding fails it.
func NewAuditStream(rs []*rules.Rule, failLevel rules.Level, ws ...AuditWriter) *AuditStream {
	s := &AuditStream{writers: ws, header: AuditHeader{Rules: ruleInfos(rs), FailLevel: failLevel.String()}}
	for _, w := range ws {
		if a, ok := w.(AnalysisWriter); ok && a.NeedsAnalysis() {
			s.analysis = true
		}
		if m, ok := w.(MetricsWriter); !ok || m.NeedsMetrics() {
			s.metrics = true
		}
	}
	s.metrics = s.metrics || s.analysis // the analysis encoded holds them
	s.tally = newAuditTally(failLevel, s.metrics)
	return s
}

// Begin writes the start of every report.
func (s *AuditStream) Begin() error {
	for _, w := range s.writers {
		if err := w.Begin(&s.header); err != nil {
			return err
		}
	}
	return nil
}

// Prepare builds the report of one audited article: the part of the
// work that can run in parallel. When a writer needs the analysis (the
// JSON report), Prepare also encodes the article as that report nests it,
// and keeps the encoding rather than the analysis. It is safe for
// concurrent use.
func (s *AuditStream) Prepare(r Result) *Audited {
	// The analysis is encoded straight from the document: the article
	// keeps none of it.
	a := &Audited{Article: newAuditArticleOf(r, false, s.metrics), Suppressed: r.Suppressed, Baselined: r.Baselined}
	if s.analysis {
		art := &a.Article
		art.encoded, art.encErr = encodeArticleOf(art, r.Doc)
	}
	return a
}

// Add counts a prepared article into the run and writes it to every
// report. Articles must be added in the run's order. The stream keeps
// nothing of the article but its share of the summary and metrics: the
// JSON encoding Prepare made is released, and a must not be added again.
func (s *AuditStream) Add(a *Audited) error {
	s.tally.add(&a.Article, a.Suppressed, a.Baselined)
	for _, w := range s.writers {
		if err := w.Article(&a.Article); err != nil {
			return err
		}
	}
	releaseEncoded(a.Article.encoded)
	a.Article.encoded = nil
	return nil
}

// End completes every report. inputErrors counts the inputs that could
// not be read. It returns the run's report without its articles: the
// summary (which says whether the run fails), the rules and the metrics
// (empty when no writer needs them, see MetricsWriter). After an error
// the caller should Abort.
func (s *AuditStream) End(inputErrors int) (*Audit, error) {
	a := s.tally.audit(s.header.Rules, inputErrors)
	var errs []error
	for _, w := range s.writers {
		if err := w.End(a); err != nil {
			errs = append(errs, err)
		}
	}
	s.ended = len(errs) == 0
	return a, errors.Join(errs...)
}

// Abort releases what the writers hold, after a run that failed or was
// interrupted; the reports are left incomplete.
func (s *AuditStream) Abort() {
	if s.ended {
		return
	}
	for _, w := range s.writers {
		if a, ok := w.(Aborter); ok {
			a.Abort()
		}
	}
}

// newAuditArticle builds the report of one article: its analysis when
// analysis is true (or only its path, id, record and metadata), its
// findings and metrics, and its document.
func newAuditArticle(r Result, analysis bool) AuditArticle {
	return newAuditArticleOf(r, analysis, true)
}

// newAuditArticleOf is newAuditArticle, which makes no metrics (the
// article's, or its share of the run's) unless metrics is true.
func newAuditArticleOf(r Result, analysis, metrics bool) AuditArticle {
	fs := r.Findings
	if fs == nil {
		fs = []audit.Finding{}
	}
	var art Article
	if analysis {
		art = NewArticle(r.Doc)
	} else {
		d := r.Doc
		art = NewArticle(&audit.Document{Path: d.Path, Record: d.Record, Meta: d.Meta, Format: d.Format,
			Encoding: d.Encoding, Text: d.Text, Warnings: d.Warnings})
	}
	if !metrics {
		return AuditArticle{Article: art, Findings: fs, Doc: r.Doc}
	}
	// The walk that makes the article's metrics is the run's too: the
	// accumulator goes with the article, for auditTally.add to merge.
	acc := articleAcc(r.Doc)
	m := acc.articleMetrics(r.Doc)
	return AuditArticle{Article: art, Findings: fs, Metrics: m, Doc: r.Doc, acc: acc}
}

// ruleInfos describes rules for a report, sorted by id.
func ruleInfos(rs []*rules.Rule) []RuleInfo {
	out := make([]RuleInfo, 0, len(rs))
	for _, r := range rs {
		out = append(out, RuleInfo{ID: r.ID, Level: r.Level.String(), Check: r.Check,
			Description: r.Description, Standard: r.Standard, Link: r.Link, Fix: r.Fix})
	}
	sortRules(out)
	return out
}

// auditTally counts a run's summary and metrics article by article.
type auditTally struct {
	failLevel rules.Level
	summary   Summary
	// metrics is nil when no writer needs the run's metrics.
	metrics *RunMetricsAccumulator
}

// newAuditTally returns a tally failing at failLevel, which keeps the
// run's metrics if metrics is true.
func newAuditTally(failLevel rules.Level, metrics bool) *auditTally {
	t := &auditTally{failLevel: failLevel}
	if metrics {
		t.metrics = NewRunMetricsAccumulator()
	}
	t.summary.Levels = map[string]int{}
	for _, l := range rules.Levels {
		t.summary.Levels[l.String()] = 0
	}
	t.summary.FailLevel = failLevel.String()
	return t
}

// add counts one article.
func (t *auditTally) add(art *AuditArticle, suppressed, baselined int) {
	s := &t.summary
	s.Articles++
	s.Findings += len(art.Findings)
	s.Suppressed += suppressed
	s.Baselined += baselined
	for _, f := range art.Findings {
		s.Levels[f.Level.String()]++
		if f.Level >= t.failLevel {
			s.Failed = true
		}
	}
	switch {
	case t.metrics == nil:
	case art.acc != nil:
		t.metrics.merge(art.acc) // its sources listed by newAuditArticle
		art.acc.release()
		art.acc = nil
	case art.Doc != nil:
		// An Audited made by hand rather than by Prepare.
		t.metrics.Add(art.Doc)
	}
}

// audit returns the run's report without articles.
func (t *auditTally) audit(rs []RuleInfo, inputErrors int) *Audit {
	a := &Audit{Version: SchemaVersion, Tool: "sourcecheck", Rules: rs, Summary: t.summary}
	if t.metrics != nil {
		a.Metrics = t.metrics.Metrics()
	}
	if a.Rules == nil {
		a.Rules = []RuleInfo{}
	}
	a.Summary.Levels = make(map[string]int, len(t.summary.Levels))
	for k, v := range t.summary.Levels {
		a.Summary.Levels[k] = v
	}
	a.Summary.InputErrors = inputErrors
	return a
}

// indentedAt encodes v as writeIndented does, as a value nested at the
// given depth of an indented document: lines after the first start with
// 2×depth spaces. The trailing newline is dropped.
func indentedAt(v any, depth int) ([]byte, error) {
	return appendIndented(nil, v, strings.Repeat("  ", depth), "  ")
}

// splitAtEmptyArray encodes the document v (as writeIndented does), in
// which the array under key, at the given depth, is empty, and returns
// the text before and after the array's "[]": the frame a streaming
// writer writes the array's elements into.
func splitAtEmptyArray(v any, key string, depth int) (head, tail []byte, err error) {
	doc, err := indentedAt(v, 0)
	if err != nil {
		return nil, nil, err
	}
	marker := []byte("\n" + string(bytes.Repeat([]byte("  "), depth)) + `"` + key + `": []`)
	i := indexOnce(doc, marker)
	if i < 0 {
		return nil, nil, fmt.Errorf("internal error: no single empty %q array in the report frame", key)
	}
	cut := i + len(marker) - 1 // before the "]"
	return doc[:cut], append(doc[cut:], '\n'), nil
}

// indexOnce returns the index of sep in an encoded frame, or -1 unless it
// occurs there exactly once.
func indexOnce(frame, sep []byte) int {
	i := bytes.Index(frame, sep)
	if i < 0 || bytes.Contains(frame[i+len(sep):], sep) {
		return -1
	}
	return i
}

// arrayStream writes a JSON document whose one large array is streamed:
// the frame's head, the elements one by one, then the frame's tail. The
// JSON and SARIF writers share it, so that both write what their batch
// encoders would, byte for byte.
type arrayStream struct {
	w    *bufio.Writer
	what string // names the report in errors
	key  string // the streamed array's key
	// depth is the array's depth in the document; elements sit one level
	// deeper, each after sep (a newline and their indentation).
	depth int
	sep   string
	n     int
}

func newArrayStream(w io.Writer, what, key string, depth int) *arrayStream {
	return &arrayStream{w: bufio.NewWriterSize(w, 64<<10), what: what, key: key, depth: depth,
		sep: "\n" + strings.Repeat("  ", depth+1)}
}

// head writes the frame up to the array's first element; frame must hold
// the array empty.
func (a *arrayStream) head(frame any) error {
	head, _, err := splitAtEmptyArray(frame, a.key, a.depth)
	if err != nil {
		return err
	}
	return a.write(head)
}

// element writes one element, data encoded at the element's depth.
func (a *arrayStream) element(data []byte) error {
	if a.n > 0 {
		a.w.WriteByte(',')
	}
	a.n++
	a.w.WriteString(a.sep)
	return a.write(data)
}

// end writes the rest of frame after the array and flushes.
func (a *arrayStream) end(frame any) error {
	_, tail, err := splitAtEmptyArray(frame, a.key, a.depth)
	if err != nil {
		return err
	}
	return a.endWith(tail)
}

// endWith is end with the rest of the frame encoded: tail, as
// splitAtEmptyArray returns it.
func (a *arrayStream) endWith(tail []byte) error {
	if a.n > 0 {
		tail = append([]byte("\n"+strings.Repeat("  ", a.depth)), tail...)
	}
	if err := a.write(tail); err != nil {
		return err
	}
	if err := a.w.Flush(); err != nil {
		return fmt.Errorf("writing the %s: %w", a.what, err)
	}
	return nil
}

func (a *arrayStream) write(p []byte) error {
	if _, err := a.w.Write(p); err != nil {
		return fmt.Errorf("writing the %s: %w", a.what, err)
	}
	return nil
}

// writeBatch writes a run held in memory through a streaming writer: the
// batch Write* functions are this, so that both give the same bytes.
func writeBatch(w AuditWriter, a *Audit) error {
	h := AuditHeader{Rules: a.Rules, FailLevel: a.Summary.FailLevel}
	if err := w.Begin(&h); err != nil {
		abortWriter(w)
		return err
	}
	for i := range a.Articles {
		if err := w.Article(&a.Articles[i]); err != nil {
			abortWriter(w)
			return err
		}
	}
	if err := w.End(a); err != nil {
		abortWriter(w)
		return err
	}
	return nil
}

// abortWriter aborts w if it can be.
func abortWriter(w AuditWriter) {
	if a, ok := w.(Aborter); ok {
		a.Abort()
	}
}
