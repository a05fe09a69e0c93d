package reports

import (
	"bytes"
	"encoding/json"
	"testing"
)

// indentCases are compact JSON documents that exercise every branch of
// appendIndentCompact.
var indentCases = []string{
	`{}`, `[]`, `""`, `0`, `-1.5e-7`, `true`, `null`,
	`{"a":[],"b":{},"c":[{}],"d":[[]],"e":{"f":{"g":[1,2,{"h":null}]}}}`,
	`["a\"b","c\\","d\\\"e","\\\\","{[,:]}","\u2028 é \t"]`,
	`{"x\"y":"\"","":{"":[""]},"n":[0,-0.5,1E+30,false,true,null]}`,
}

func TestAppendIndentCompact(t *testing.T) {
	for _, c := range indentCases {
		for _, prefix := range []string{"", "    "} {
			var want bytes.Buffer
			if err := json.Indent(&want, []byte(c), prefix, "  "); err != nil {
				t.Fatalf("%s: %v", c, err)
			}
			if got := appendIndentCompact(nil, []byte(c), prefix, "  "); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("%s with prefix %q:\n got %s\nwant %s", c, prefix, got, want.Bytes())
			}
		}
	}
}

// TestAppendIndented checks appendIndented against json.Encoder with the
// same settings, on a report article.
func TestAppendIndented(t *testing.T) {
	v := map[string]any{"a": []any{"<b>&</b>", 1.5, nil, map[string]any{}, []int{}}, "q": `say "no" \ then`}
	for depth, prefix := range []string{"", "  ", "    "} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		got, err := indentedAt(v, depth)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
			t.Errorf("depth %d:\n got %s\nwant %s", depth, got, want.Bytes())
		}
	}
}

func FuzzAppendIndentCompact(f *testing.F) {
	for _, c := range indentCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "  ", "\t"); err != nil {
			t.Fatal(err)
		}
		if got := appendIndentCompact(nil, compact.Bytes(), "  ", "\t"); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%q:\n got %q\nwant %q", compact.Bytes(), got, want.Bytes())
		}
	})
}
