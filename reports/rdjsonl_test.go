package reports_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/reports"
)

// rdDiag is reviewdog's Diagnostic message (proto/rdf/reviewdog.proto),
// decoded strictly so that a misspelt field fails the test.
type rdDiag struct {
	Message  string `json:"message"`
	Location struct {
		Path  string `json:"path"`
		Range struct {
			Start rdPos  `json:"start"`
			End   *rdPos `json:"end"`
		} `json:"range"`
	} `json:"location"`
	Severity string `json:"severity"`
	Source   struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	} `json:"source"`
	Code struct {
		Value string `json:"value"`
		URL   string `json:"url"`
	} `json:"code"`
}

type rdPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// TestRDJSONL checks the rdjsonl output as reviewdog reads it: one
// Diagnostic per line with reviewdog's field names, severities, the rule
// as code, and ranges whose columns, counted in UTF-8 bytes as reviewdog
// counts them (end exclusive), slice exactly the finding's text from the
// file; JSON Lines records get their line without columns.
func TestRDJSONL(t *testing.T) {
	a := goldenAudit(t)
	var buf bytes.Buffer
	if err := reports.WriteRDJSONL(&buf, a); err != nil {
		t.Fatal(err)
	}
	var findings []reports.Finding
	var arts []*reports.AuditArticle
	for i := range a.Articles {
		for _, f := range a.Articles[i].Findings {
			findings = append(findings, f)
			arts = append(arts, &a.Articles[i])
		}
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	n := 0
	for ; sc.Scan(); n++ {
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		var d rdDiag
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("line %d: %v: %s", n+1, err, sc.Text())
		}
		if n >= len(findings) {
			t.Fatalf("more diagnostics than the %d findings", len(findings))
		}
		f, art := findings[n], arts[n]
		want := map[string]string{"error": "ERROR", "warning": "WARNING", "info": "INFO"}[f.Level.String()]
		if d.Severity != want || d.Code.Value != f.Rule || d.Source.Name != "sourcecheck" || d.Location.Path != art.Path || d.Message == "" {
			t.Errorf("line %d: %+v, want %s %s in %s", n+1, d, want, f.Rule, art.Path)
		}
		r := d.Location.Range
		if art.Record > 0 {
			if r.Start.Line != art.Record || r.Start.Column != 0 || r.End == nil || r.End.Line != art.Record || r.End.Column != 0 {
				t.Errorf("line %d: range %+v, want line %d without columns", n+1, r, art.Record)
			}
			if !strings.Contains(d.Message, "body ") {
				t.Errorf("line %d: message %q does not say where in the body", n+1, d.Message)
			}
			continue
		}
		data, err := os.ReadFile(filepath.Join(repoRoot(t), art.Path))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(data), "\n")
		if r.End == nil {
			t.Fatalf("line %d: no end", n+1)
		}
		start := lineOffset(lines, r.Start.Line) + r.Start.Column - 1
		end := lineOffset(lines, r.End.Line) + r.End.Column - 1
		if got, want := string(data[start:end]), art.Doc.Text[f.Start:f.End]; got != want {
			t.Errorf("line %d (%s): range %+v reads %q, want %q", n+1, f.Rule, r, got, want)
		}
	}
	if n != len(findings) {
		t.Errorf("%d diagnostics for %d findings", n, len(findings))
	}
}

// lineOffset returns the byte offset at which 1-based line starts.
func lineOffset(lines []string, line int) int {
	off := 0
	for _, l := range lines[:line-1] {
		off += len(l)
	}
	return off
}

// TestRDJSONLEmpty checks that a run without findings writes nothing, as
// reviewdog expects of a clean run.
func TestRDJSONLEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := reports.WriteRDJSONL(&buf, &reports.Audit{Articles: []reports.AuditArticle{{Article: reports.Article{Path: "a.md"}}}}); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q for no findings", buf.String())
	}
}
