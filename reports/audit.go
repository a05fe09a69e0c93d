package reports

import (
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

// Audit is the report of `sourcecheck audit`: the inspect contract (every
// article's analysis) plus, per article, the findings the rules made, the
// rules that ran, and a summary of the run. Like Report, its JSON form is
// a stable contract: fields may be added, never renamed.
type Audit struct {
	Version  int            `json:"version"`
	Tool     string         `json:"tool"`
	Articles []AuditArticle `json:"articles"`
	// Rules describes every rule that ran, sorted by id.
	Rules   []RuleInfo `json:"rules"`
	Summary Summary    `json:"summary"`
	// Metrics sum up the sourcing of every article of the run (see
	// Metrics for the definitions).
	Metrics Metrics `json:"metrics"`
}

// AuditArticle is one article of an audit: its analysis and findings.
type AuditArticle struct {
	Article
	// Findings are the findings shown for the article, after level
	// filtering, suppression comments and the baseline.
	Findings []Finding `json:"findings"`
	// Metrics sum up how the article is sourced.
	Metrics Metrics `json:"metrics"`
	// Doc is the analysed document, for renderers that show the text.
	Doc *audit.Document `json:"-"`
	// encoded is the article as the JSON report nests it, when
	// AuditStream.Prepare rendered it ahead (in parallel) and dropped the
	// analysis (a buffer of encodedBuffers); encErr is the error
	// rendering it.
	encoded *[]byte
	encErr  error
	// acc holds the article's metrics as the run's need them, from
	// newAuditArticle until auditTally.add merges it into the run's and
	// gives it back.
	acc *metricsAcc
}

// Finding is a finding in a report.
type Finding = audit.Finding

// RuleInfo describes a rule in a report.
type RuleInfo struct {
	ID          string `json:"id"`
	Level       string `json:"level"`
	Check       string `json:"check"`
	Description string `json:"description"`
	Standard    string `json:"standard,omitempty"`
	Link        string `json:"link,omitempty"`
	Fix         string `json:"fix,omitempty"`
}

// Summary counts what a run found.
type Summary struct {
	Articles int `json:"articles"`
	Findings int `json:"findings"`
	// Levels counts the shown findings by level name.
	Levels map[string]int `json:"levels"`
	// Suppressed counts findings hidden by suppression comments;
	// Baselined those hidden because the baseline accepts them.
	Suppressed int `json:"suppressed"`
	Baselined  int `json:"baselined"`
	// InputErrors counts inputs that could not be read.
	InputErrors int `json:"input_errors"`
	// FailLevel is the level at which a finding fails the run; Failed is
	// true when a shown finding reaches it.
	FailLevel string `json:"fail_level"`
	Failed    bool   `json:"failed"`
}

// Result is one audited article: its analysed document and the findings
// to show for it.
type Result struct {
	Doc      *audit.Document
	Findings []audit.Finding
	// Suppressed and Baselined count findings hidden from Findings.
	Suppressed, Baselined int
}

// NewAudit builds the report of an audit run. rs are the rules that ran;
// failLevel is the level at which a finding fails the run. The report
// holds every article's analysis and document; an AuditStream writes the
// same reports without holding the run.
func NewAudit(results []Result, rs []*rules.Rule, failLevel rules.Level) *Audit {
	t := newAuditTally(failLevel, true)
	arts := make([]AuditArticle, 0, len(results))
	for _, r := range results {
		art := newAuditArticle(r, true)
		t.add(&art, r.Suppressed, r.Baselined)
		arts = append(arts, art)
	}
	a := t.audit(ruleInfos(rs), 0)
	a.Articles = arts
	return a
}

func sortRules(rs []RuleInfo) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
}

// WriteAuditJSON writes the audit report as indented JSON and a newline.
// NewJSONWriter writes the same bytes article by article.
func WriteAuditJSON(w io.Writer, a *Audit) error {
	return writeIndented(w, a)
}

// jsonWriter writes the JSON report as the run goes: the document's head,
// each article as it comes, then the rules, summary and metrics.
type jsonWriter struct{ out *arrayStream }

// NewJSONWriter returns an AuditWriter writing the audit report as
// indented JSON to w, article by article, byte for byte as
// WriteAuditJSON writes the whole run.
func NewJSONWriter(w io.Writer) AuditWriter {
	return &jsonWriter{newArrayStream(w, "JSON report", "articles", 1)}
}

// NeedsAnalysis reports that the JSON report holds each article's
// analysis.
func (j *jsonWriter) NeedsAnalysis() bool { return true }

func (j *jsonWriter) Begin(*AuditHeader) error {
	return j.out.head(&Audit{Version: SchemaVersion, Tool: "sourcecheck", Articles: []AuditArticle{}})
}

func (j *jsonWriter) Article(art *AuditArticle) error {
	buf, err := art.encoded, art.encErr
	if buf == nil && err == nil {
		buf, err = encodeArticle(art)
		defer releaseEncoded(buf)
	}
	if err != nil {
		return fmt.Errorf("writing the JSON report: %w", err)
	}
	return j.out.element(*buf)
}

// End writes the rules, the summary and the run's metrics. The metrics
// list every distinct source of the run (11,914 of them, 2.7 MB, over the
// corpora); encoding the frame with them through encoding/json, then
// indenting it and finding the articles' place in it, took 15–19 ms
// (BenchmarkJSONEnd), on one CPU after every article was done. So the
// frame is encoded with empty metrics, and articleEncoder's encoding of
// the run's takes their place: 2.3–2.9 ms.
func (j *jsonWriter) End(a *Audit) error {
	frame := *a
	frame.Articles = []AuditArticle{}
	frame.Metrics = Metrics{}
	_, tail, err := splitAtEmptyArray(&frame, j.out.key, j.out.depth)
	if err != nil {
		return err
	}
	if tail, err = spliceMetrics(tail, &a.Metrics); err != nil {
		return fmt.Errorf("writing the JSON report: %w", err)
	}
	return j.out.endWith(tail)
}

// spliceMetrics returns tail, the end of the JSON report's frame encoded
// with empty metrics, with m in their place.
func spliceMetrics(tail []byte, m *Metrics) ([]byte, error) {
	const key = "\n  \"metrics\": "
	e := articleEncoder{buf: []byte(key), prefix: "  "}
	if err := e.metrics(&Metrics{}); err != nil {
		return nil, err
	}
	empty := e.buf
	i := indexOnce(tail, empty)
	if i < 0 {
		return nil, errors.New("internal error: no single empty metrics in the report frame")
	}
	// About 230 bytes per source.
	buf := make([]byte, 0, len(tail)+256*len(m.Sources))
	e = articleEncoder{buf: append(buf, tail[:i+len(key)]...), prefix: "  "}
	if err := e.metrics(m); err != nil {
		return nil, err
	}
	return append(e.buf, tail[i+len(empty):]...), nil
}

// encodeArticle encodes an article as the JSON report nests it (as
// appendIndented would, by articleEncoder), into a buffer of
// encodedBuffers that releaseEncoded gives back once written.
func encodeArticle(art *AuditArticle) (*[]byte, error) {
	return encodeArticleWith(func(e *articleEncoder) error { return e.auditArticle(art) })
}

// encodeArticleOf encodes art with doc's analysis as encodeArticle encodes
// it after NewArticle(doc); art holds no analysis.
func encodeArticleOf(art *AuditArticle, doc *audit.Document) (*[]byte, error) {
	return encodeArticleWith(func(e *articleEncoder) error { return e.auditArticleOf(art, doc) })
}

func encodeArticleWith(encode func(*articleEncoder) error) (*[]byte, error) {
	buf := encodedBuffers.Get().(*[]byte)
	e := articleEncoder{buf: (*buf)[:0], prefix: "    "}
	err := encode(&e)
	*buf = e.buf
	if err != nil {
		releaseEncoded(buf)
		return nil, err
	}
	return buf, nil
}

// releaseEncoded gives an article's encoding back to encodedBuffers; the
// caller must not use it after. The buffer goes back with the pointer
// that held it, so that with several jobs no buffer is dropped for
// another.
func releaseEncoded(buf *[]byte) {
	if buf == nil {
		return
	}
	*buf = (*buf)[:0]
	encodedBuffers.Put(buf)
}
