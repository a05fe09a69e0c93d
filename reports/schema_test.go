package reports_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/schema"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource("report.schema.json", bytes.NewReader(schema.Report)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatalf("the published schema does not compile: %v", err)
	}
	return s
}

func seedDocs(t *testing.T) []*audit.Document {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	paths, _ := filepath.Glob(filepath.Join(filepath.Dir(file), "..", "seeds", "*.txt"))
	if len(paths) != 5 {
		t.Fatalf("want 5 seeds, got %d", len(paths))
	}
	an := audit.NewAnalyzer(nil, nil)
	var docs []*audit.Document
	for _, p := range paths {
		ds, err := audit.ReadFile(p, audit.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			audit.Structure(d, an.Lexicon())
			an.Analyze(d)
			docs = append(docs, d)
		}
	}
	return docs
}

// TestReportValidatesAgainstSchema checks that the JSON report of the
// seeds, and of articles read as Markdown, HTML and JSON Lines, validates
// against schema/report.schema.json.
func TestReportValidatesAgainstSchema(t *testing.T) {
	s := compileSchema(t)
	docs := seedDocs(t)
	an := audit.NewAnalyzer(nil, nil)
	for _, in := range []struct {
		name   string
		format audit.Format
		text   string
	}{
		{"a.md", audit.FormatMarkdown, "# Rebels take Aleppo\n\n“We heard an explosion,” a resident told *AFP*. More than 370 people were killed, according to the [SOHR](https://example.org).\n"},
		{"a.html", audit.FormatHTML, "<h1>Rebels take Aleppo</h1><figure><figcaption>Photo: AP</figcaption></figure><p>At least 130 people are said to have been killed, the SOHR&rsquo;s director said.</p>"},
		{"a.jsonl", audit.FormatJSONL, `{"id":"x1","title":"T","body":"Dozens of civilians were killed, the monitor said."}` + "\n"},
	} {
		ds, err := audit.Read(strings.NewReader(in.text), in.name, in.format, audit.ReadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		for _, d := range ds {
			audit.Structure(d, an.Lexicon())
			an.Analyze(d)
			docs = append(docs, d)
		}
	}
	var buf bytes.Buffer
	if err := reports.WriteJSON(&buf, reports.NewReport(docs)); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(v); err != nil {
		t.Fatalf("report does not validate against the schema: %#v", err)
	}
}

// TestSchemaRejectsRenamedFields guards the contract: a report whose
// required field is renamed must fail validation.
func TestSchemaRejectsRenamedFields(t *testing.T) {
	s := compileSchema(t)
	var buf bytes.Buffer
	if err := reports.WriteJSON(&buf, reports.NewReport(seedDocs(t)[:1])); err != nil {
		t.Fatal(err)
	}
	for _, rename := range [][2]string{{`"claims"`, `"claimz"`}, {`"speaker"`, `"speakr"`}, {`"attribution"`, `"attrib"`}, {`"kind": "figure"`, `"kind": "number"`}} {
		broken := strings.Replace(buf.String(), rename[0], rename[1], 1)
		if broken == buf.String() {
			t.Fatalf("test input lacks %s", rename[0])
		}
		var v any
		if err := json.Unmarshal([]byte(broken), &v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); err == nil {
			t.Errorf("renaming %s to %s still validates", rename[0], rename[1])
		}
	}
}
