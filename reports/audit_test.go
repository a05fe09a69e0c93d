package reports_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/schema"
)

// auditSchema compiles schema/audit.schema.json with the inspect schema it
// refers to.
func auditSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	for id, data := range map[string][]byte{schema.ReportID: schema.Report, schema.AuditID: schema.Audit} {
		if err := c.AddResource(id, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile(schema.AuditID)
	if err != nil {
		t.Fatalf("the audit schema does not compile: %v", err)
	}
	return s
}

func auditJSON(t *testing.T, a *reports.Audit) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteAuditJSON(&buf, a); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return s.Validate(v)
}

// TestAuditJSONValidates checks the audit report of the golden audit (the
// seeds, a Markdown article and JSON Lines records) against
// schema/audit.schema.json, and an audit without articles.
func TestAuditJSONValidates(t *testing.T) {
	s := auditSchema(t)
	if err := validate(t, s, auditJSON(t, goldenAudit(t))); err != nil {
		t.Fatalf("the audit report does not validate: %#v", err)
	}
	empty := reports.NewAudit(nil, nil, 3)
	if err := validate(t, s, auditJSON(t, empty)); err != nil {
		t.Fatalf("an empty audit report does not validate: %#v", err)
	}
}

// TestAuditSchemaRejectsRenamedFields guards the contract: renaming a
// field of the findings, rules, summary or metrics fails validation.
func TestAuditSchemaRejectsRenamedFields(t *testing.T) {
	s := auditSchema(t)
	data := string(auditJSON(t, auditFiles(t, "reports/testdata/articles/hostile.md", "reports/testdata/articles/wire.jsonl")))
	for _, rename := range [][2]string{
		{`"findings": [`, `"findingz": [`},
		{`"rule": "`, `"rule_id": "`},
		{`"fingerprint": "`, `"fp": "`},
		{`"level": "warning"`, `"level": "warn"`},
		{`"fail_level": `, `"failLevel": `},
		{`"input_errors": `, `"inputErrors": `},
		{`"attributed_share": `, `"attributedShare": `},
		{`"independent_sources": `, `"independent": `},
		{`"top_source": `, `"topSource": `},
		{`"claims_by_kind": `, `"kinds": `},
		{`"metrics": {`, `"stats": {`},
		{`"rules": [`, `"rulez": [`},
		{`"claims": [`, `"claimz": [`},
	} {
		broken := strings.Replace(data, rename[0], rename[1], 1)
		if broken == data {
			t.Fatalf("test input lacks %s", rename[0])
		}
		if validate(t, s, []byte(broken)) == nil {
			t.Errorf("renaming %s to %s still validates", rename[0], rename[1])
		}
	}
}

// TestAuditJSONMetrics checks that the report carries each article's
// metrics and the run's, and that they agree.
func TestAuditJSONMetrics(t *testing.T) {
	a := goldenAudit(t)
	claims := 0
	for _, art := range a.Articles {
		if art.Metrics.Claims != len(art.Claims) {
			t.Errorf("%s: metrics count %d claims, the article has %d", art.Path, art.Metrics.Claims, len(art.Claims))
		}
		claims += art.Metrics.Claims
	}
	if a.Metrics.Claims != claims || claims == 0 {
		t.Errorf("run metrics count %d claims, the articles %d", a.Metrics.Claims, claims)
	}
}
