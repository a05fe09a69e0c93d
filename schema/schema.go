// Package schema holds the JSON Schemas of sourcecheck's JSON reports, the
// stable contracts of `sourcecheck inspect --format json` (Report) and
// `sourcecheck audit --format json` (Audit).
package schema

import _ "embed"

// Report is the JSON Schema (draft 2020-12) of the inspect report. Its
// $id is ReportID.
//
//go:embed report.schema.json
var Report []byte

// Audit is the JSON Schema (draft 2020-12) of the audit report. Its $id is
// AuditID; it refers to Report's definitions by the relative reference
// report.schema.json, so a validator must be given both.
//
//go:embed audit.schema.json
var Audit []byte

// The schemas' $id URIs.
const (
	ReportID = "https://github.com/sourcecheck/sourcecheck/schema/report.schema.json"
	AuditID  = "https://github.com/sourcecheck/sourcecheck/schema/audit.schema.json"
)
