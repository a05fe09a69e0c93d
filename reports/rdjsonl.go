package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// The Reviewdog Diagnostic Format messages sourcecheck writes, as
// reviewdog's proto/rdf/reviewdog.proto defines them.
type (
	rdDiagnostic struct {
		Message  string     `json:"message"`
		Location rdLocation `json:"location"`
		Severity string     `json:"severity"`
		Source   rdSource   `json:"source"`
		Code     rdCode     `json:"code"`
	}
	rdLocation struct {
		Path  string  `json:"path"`
		Range rdRange `json:"range"`
	}
	rdRange struct {
		Start rdPosition  `json:"start"`
		End   *rdPosition `json:"end,omitempty"`
	}
	rdPosition struct {
		Line   int `json:"line"`
		Column int `json:"column,omitempty"`
	}
	rdSource struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	rdCode struct {
		Value string `json:"value"`
		URL   string `json:"url,omitempty"`
	}
)

// WriteRDJSONL writes the findings in reviewdog's rdjsonl format, one
// Diagnostic JSON object per line, so that
//
//	sourcecheck audit --format rdjsonl content/ | reviewdog -f=rdjsonl -reporter=github-pr-review
//
// posts them as review comments. Each diagnostic has the message, the
// location (path as given, with forward slashes; range start and end with
// 1-based lines and 1-based columns counted in UTF-8 bytes, as reviewdog
// counts them, end exclusive), the severity (ERROR, WARNING or INFO), the
// rule as code (value, and url when the rule links to its standard) and
// source {name: "sourcecheck"}. A finding in a JSON Lines record points
// at the record's line without columns (reviewdog then takes the whole
// line), and its message says which record and where in the body.
// Nothing is written when there are no findings.
func WriteRDJSONL(w io.Writer, a *Audit) error {
	return writeBatch(NewRDJSONLWriter(w), a)
}

// rdjsonlWriter writes the rdjsonl report as the run goes.
type rdjsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
	// links maps rule ids to the web links of their standards.
	links map[string]string
}

// NeedsMetrics reports that rdjsonl shows no metrics.
func (r *rdjsonlWriter) NeedsMetrics() bool { return false }

// NewRDJSONLWriter returns an AuditWriter writing the findings in
// reviewdog's rdjsonl format to w, as WriteRDJSONL does, article by
// article.
func NewRDJSONLWriter(w io.Writer) AuditWriter {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &rdjsonlWriter{bw: bw, enc: enc}
}

func (r *rdjsonlWriter) Begin(h *AuditHeader) error {
	r.links = map[string]string{}
	for _, rule := range h.Rules {
		if strings.HasPrefix(rule.Link, "https://") || strings.HasPrefix(rule.Link, "http://") {
			r.links[rule.ID] = rule.Link
		}
	}
	return nil
}

func (r *rdjsonlWriter) Article(art *AuditArticle) error {
	if len(art.Findings) == 0 {
		return nil
	}
	for j := range art.Findings {
		f := &art.Findings[j]
		p := placeOf(art, f)
		d := rdDiagnostic{
			Message:  flatText(f.Message),
			Location: rdLocation{Path: p.Path, Range: rdRange{Start: rdPosition{Line: p.Line, Column: p.ByteCol}}},
			Severity: strings.ToUpper(f.Level.String()),
			Source:   rdSource{Name: "sourcecheck", URL: sarifInfoURI},
			Code:     rdCode{Value: f.Rule, URL: r.links[f.Rule]},
		}
		if p.Record > 0 {
			d.Message += " (" + p.bodyPos(f) + ")"
			d.Location.Range.End = &rdPosition{Line: p.EndLine}
		} else {
			d.Location.Range.End = &rdPosition{Line: p.EndLine, Column: p.EndByteCol}
		}
		if err := r.enc.Encode(d); err != nil {
			return fmt.Errorf("writing the rdjsonl report: %w", err)
		}
	}
	return r.flush()
}

func (r *rdjsonlWriter) End(*Audit) error { return r.flush() }

func (r *rdjsonlWriter) flush() error {
	if err := r.bw.Flush(); err != nil {
		return fmt.Errorf("writing the rdjsonl report: %w", err)
	}
	return nil
}
