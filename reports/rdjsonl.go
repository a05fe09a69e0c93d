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
	links := map[string]string{}
	for _, r := range a.Rules {
		if strings.HasPrefix(r.Link, "https://") || strings.HasPrefix(r.Link, "http://") {
			links[r.ID] = r.Link
		}
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range a.Articles {
		art := &a.Articles[i]
		for j := range art.Findings {
			f := &art.Findings[j]
			p := placeOf(art, f)
			d := rdDiagnostic{
				Message:  flatText(f.Message),
				Location: rdLocation{Path: p.Path, Range: rdRange{Start: rdPosition{Line: p.Line, Column: p.ByteCol}}},
				Severity: strings.ToUpper(f.Level.String()),
				Source:   rdSource{Name: "sourcecheck", URL: sarifInfoURI},
				Code:     rdCode{Value: f.Rule, URL: links[f.Rule]},
			}
			if p.Record > 0 {
				d.Message += " (" + p.bodyPos(f) + ")"
				d.Location.Range.End = &rdPosition{Line: p.EndLine}
			} else {
				d.Location.Range.End = &rdPosition{Line: p.EndLine, Column: p.EndByteCol}
			}
			if err := enc.Encode(d); err != nil {
				return fmt.Errorf("writing the rdjsonl report: %w", err)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the rdjsonl report: %w", err)
	}
	return nil
}
