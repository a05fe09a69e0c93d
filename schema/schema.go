// Package schema holds the JSON Schema of sourcecheck's JSON report, the
// stable contract of `sourcecheck inspect --format json`.
package schema

import _ "embed"

// Report is the JSON Schema (draft 2020-12) of the JSON report.
//
//go:embed report.schema.json
var Report []byte
