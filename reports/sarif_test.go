package reports_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

// sarifSchema compiles the official SARIF 2.1.0 schema (OASIS, errata 01,
// as published in oasis-tcs/sarif-spec: Schemata/sarif-schema-2.1.0.json),
// kept in testdata since the tests run offline.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft4
	c.AssertFormat = true
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(id, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatalf("the SARIF schema does not compile: %v", err)
	}
	return s
}

// The parts of a SARIF log the tests read back.
type sarifLogT struct {
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID                   string `json:"id"`
					Name                 string `json:"name"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					ShortDescription struct{ Text string } `json:"shortDescription"`
					Help             struct{ Text, Markdown string }
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine, StartColumn, EndLine, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Properties          map[string]any    `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

func writeSARIF(t *testing.T, a *reports.Audit) ([]byte, sarifLogT) {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteSARIF(&buf, a, reports.SARIFOptions{ToolVersion: "1.2.3"}); err != nil {
		t.Fatal(err)
	}
	var log sarifLogT
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), log
}

// TestSARIFValidates checks the SARIF log of the golden audit against the
// official SARIF 2.1.0 schema, and that the validator does reject a log
// that breaks it.
func TestSARIFValidates(t *testing.T) {
	schema := sarifSchema(t)
	data, _ := writeSARIF(t, goldenAudit(t))
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(v); err != nil {
		t.Fatalf("the SARIF log does not validate: %#v", err)
	}
	for _, broken := range [][2]string{
		{`"level": "note"`, `"level": "info"`},
		{`"version": "2.1.0"`, `"version": "2.1"`},
		{`"startLine": `, `"startLine": -`},
		{`"columnKind": "unicodeCodePoints"`, `"columnKind": "codePoints"`},
	} {
		s := strings.Replace(string(data), broken[0], broken[1], 1)
		if s == string(data) {
			t.Fatalf("the log lacks %s", broken[0])
		}
		var w any
		if err := json.Unmarshal([]byte(s), &w); err != nil {
			t.Fatal(err)
		}
		if schema.Validate(w) == nil {
			t.Errorf("a log with %s still validates", broken[1])
		}
	}
}

// TestSARIFResults checks what GitHub code scanning reads: one run, rule
// metadata, each result's rule index, level and fingerprint, and regions
// that, read from the file in Unicode code points, cover exactly the text
// of the finding.
func TestSARIFResults(t *testing.T) {
	a := goldenAudit(t)
	_, log := writeSARIF(t, a)
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with exactly one", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" || run.Tool.Driver.Name != "sourcecheck" {
		t.Errorf("columnKind %q, driver %q", run.ColumnKind, run.Tool.Driver.Name)
	}
	if len(run.Tool.Driver.Rules) != len(a.Rules) {
		t.Errorf("%d rules in the driver, %d ran", len(run.Tool.Driver.Rules), len(a.Rules))
	}
	for i, r := range run.Tool.Driver.Rules {
		want := map[string]string{"error": "error", "warning": "warning", "info": "note"}[a.Rules[i].Level]
		if r.ID != a.Rules[i].ID || r.DefaultConfiguration.Level != want || r.Name == "" || r.ShortDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" {
			t.Errorf("rule %d: %+v, want %s at %s with name, descriptions and help", i, r, a.Rules[i].ID, want)
		}
	}
	if !run.Invocations[0].ExecutionSuccessful {
		t.Error("executionSuccessful is false with every input read")
	}
	var findings []reports.Finding
	var arts []*reports.AuditArticle
	for i := range a.Articles {
		for _, f := range a.Articles[i].Findings {
			findings = append(findings, f)
			arts = append(arts, &a.Articles[i])
		}
	}
	if len(run.Results) != len(findings) || len(findings) == 0 {
		t.Fatalf("%d results for %d findings", len(run.Results), len(findings))
	}
	files := map[string][]string{}
	for i, res := range run.Results {
		f, art := findings[i], arts[i]
		if res.RuleIndex == nil || run.Tool.Driver.Rules[*res.RuleIndex].ID != res.RuleID || res.RuleID != f.Rule {
			t.Errorf("result %d: rule %s at index %v, want %s", i, res.RuleID, res.RuleIndex, f.Rule)
		}
		if want := map[rules.Level]string{rules.LevelError: "error", rules.LevelWarning: "warning", rules.LevelInfo: "note"}[f.Level]; res.Level != want {
			t.Errorf("result %d: level %s, want %s", i, res.Level, want)
		}
		if res.PartialFingerprints["sourcecheck/v1"] != f.Fingerprint {
			t.Errorf("result %d: fingerprint %v, want %s", i, res.PartialFingerprints, f.Fingerprint)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != art.Path || strings.Contains(loc.ArtifactLocation.URI, `\`) {
			t.Errorf("result %d: uri %q, want %q", i, loc.ArtifactLocation.URI, art.Path)
		}
		reg := loc.Region
		if art.Record > 0 {
			if reg.StartLine != art.Record || reg.StartColumn != 0 || res.Properties["record"] != float64(art.Record) {
				t.Errorf("result %d in record %d: region %+v, properties %v", i, art.Record, reg, res.Properties)
			}
			continue
		}
		lines, ok := files[art.Path]
		if !ok {
			data, err := os.ReadFile(filepath.Join(repoRoot(t), art.Path))
			if err != nil {
				t.Fatal(err)
			}
			lines = strings.SplitAfter(string(data), "\n")
			files[art.Path] = lines
		}
		got := regionText(lines, reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn)
		if want := art.Doc.Text[f.Start:f.End]; got != want {
			t.Errorf("result %d (%s): region %+v reads %q, want %q", i, f.Rule, reg, got, want)
		}
	}
}

// regionText returns the text of a SARIF region whose columns count Unicode
// code points, end column exclusive.
func regionText(lines []string, startLine, startCol, endLine, endCol int) string {
	runeOffset := func(line string, col int) int {
		off := 0
		for n := 1; n < col && off < len(line); n++ {
			_, size := utf8.DecodeRuneInString(line[off:])
			off += size
		}
		return off
	}
	if startLine == endLine {
		l := lines[startLine-1]
		return l[runeOffset(l, startCol):runeOffset(l, endCol)]
	}
	var b strings.Builder
	b.WriteString(lines[startLine-1][runeOffset(lines[startLine-1], startCol):])
	for l := startLine; l < endLine-1; l++ {
		b.WriteString(lines[l])
	}
	b.WriteString(lines[endLine-1][:runeOffset(lines[endLine-1], endCol)])
	return b.String()
}

// TestSARIFURIs checks artifact URIs: relative with forward slashes,
// percent-encoded; absolute paths as file URIs; standard input.
func TestSARIFURIs(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"content/2024/story.md", "content/2024/story.md"},
		{"./content//a b.md", "content/a%20b.md"},
		{"content/100%.md", "content/100%25.md"},
		{"/srv/news/story.md", "file:///srv/news/story.md"},
		{"-", "stdin"},
	} {
		a := &reports.Audit{Articles: []reports.AuditArticle{{
			Article:  reports.Article{Path: tc.path},
			Findings: []reports.Finding{{Rule: "r", Level: rules.LevelWarning, Line: 1, Column: 1, RuneColumn: 1, EndLine: 1, EndColumn: 2, EndRuneColumn: 2, Message: "m", Fingerprint: "0123456789abcdef"}},
		}}}
		_, log := writeSARIF(t, a)
		if got := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != tc.want {
			t.Errorf("%q: uri %q, want %q", tc.path, got, tc.want)
		}
	}
}
