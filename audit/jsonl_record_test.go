package audit

import (
	"encoding/json"
	"strings"
	"testing"
)

// recordCases are JSON Lines records scanRecord reads, and some it must
// leave to encoding/json.
var recordCases = []string{
	`{"id":"a1","body":"Text, \"quoted\"."}`,
	`{"id":"a1","body":"Plain text: 5 {x} [y] é ’ “”"}`,
	`{ "id" : 12 , "body" : "x" , "published" : null , "format":"html" }`,
	`{"id":-1.5e+3,"body":"x","title":true,"url":false,"outlet":null}`,
	`{"id":"1","body":"x","id":"2"}`,
	`{"id":"1","body":"x","extra":{"a":[1]}}`,
	`{"ID":"1","body":"x"}`, `{"id":"1","Body":"x"}`, `{"id":"1","body":"x","bo\u0064y":"y"}`,
	`{"id":"1","body":"x",}`, `{"id":"1","body":"x"} x`, `{"id":"1" "body":"x"}`,
	`{"id":01,"body":"x"}`, `{"id":1.,"body":"x"}`, `{"id":1e,"body":"x"}`, `{"id":-,"body":"x"}`,
	`{"id":truex,"body":"x"}`, `{"id":nul,"body":"x"}`, `{"id":"1","body":"tab	in"}`,
	`{"id":"1","body":"x` + "\xff" + `"}`, `{}`, `{ }`, `[]`, `"x"`, `{"id":"1","body":"x"`, `{"":"1","_a":2}`,
	`{"id":[1],"body":"x"}`, `{"id":"1","body":"a\nb\u00e9\u2028\/\"\\ \b\f\r\t\u00E9"}`,
	`{"id":"1","body":"\ud83d\ude00"}`, `{"id":"1","body":"\x"}`, `{"id":"1","body":"\'"}`, `{"id":"1","body":"\u12"}`,
	`{"id":"1","body":"\u12G4"}`, `{"id":"1","body":"\u+123"}`, `{"id":"1","body":"\u_123"}`, `{"id":"1","body":"x\\"}`,
	`{"id":"1","body":"x\"}`, `{"i\u0064":"1","body":"x"}`, `{"id":"1","body":{"a":1}}`, `{"id":"","body":"x"}`,
}

// TestScanRecord checks that whatever scanRecord reads, it reads as
// encoding/json and jsonScalar do.
func TestScanRecord(t *testing.T) {
	read := 0
	for _, c := range recordCases {
		if checkScanRecord(t, c) {
			read++
		}
	}
	if read < 6 {
		t.Errorf("scanRecord read only %d of the plain records", read)
	}
}

// checkScanRecord compares scanRecord with encoding/json on raw and
// reports whether scanRecord read it.
func checkScanRecord(t *testing.T, raw string) bool {
	t.Helper()
	got, ok := scanRecord(raw)
	if !ok {
		return false
	}
	var rec jsonlRecord
	if err := json.Unmarshal([]byte(raw), &rec); err != nil {
		t.Errorf("%s: scanRecord read what encoding/json refuses (%v)", raw, err)
		return true
	}
	for k, r := range [...]json.RawMessage{rec.ID, rec.Body, rec.Title, rec.URL, rec.Outlet, rec.Published, rec.Format} {
		v, present, err := jsonScalar(r)
		if err != nil {
			t.Errorf("%s: scanRecord read field %s that jsonScalar refuses (%v)", raw, recordKeys[k], err)
			continue
		}
		if got[k].value != v || got[k].present != present {
			t.Errorf("%s: field %s = %q, %v; want %q, %v", raw, recordKeys[k], got[k].value, got[k].present, v, present)
		}
	}
	return true
}

func FuzzScanRecord(f *testing.F) {
	for _, c := range recordCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, raw string) { checkScanRecord(t, raw) })
}

// looksLikeHTMLLowered is looksLikeHTML as it was written first: lower
// the head, then look for each signal.
func looksLikeHTMLLowered(body string) bool {
	head := strings.ToLower(body[:min(len(body), 64<<10)])
	for _, s := range htmlSignals {
		if strings.Contains(head, s) {
			return true
		}
	}
	return false
}

var htmlCases = []string{
	"", "plain text", "a <P>para", "<DIV class=x>", "x < y and y > z", "<b>bold</b>", "<BR />", "<br  />",
	"<\u212a", "<bloc\u212aquote>", "<d\u0130v>", "<d\u0131v>", "<\xff<p>", "<p\xff", "<!DOCTYPE HTML>", "<<p>",
	strings.Repeat("x", 64<<10-2) + "<p>", strings.Repeat("x", 64<<10-3) + "<p>", strings.Repeat("é", 32<<10-1) + "<p>",
}

func TestLooksLikeHTML(t *testing.T) {
	for _, c := range htmlCases {
		if got, want := looksLikeHTML(c), looksLikeHTMLLowered(c); got != want {
			t.Errorf("looksLikeHTML(%.40q…) = %v, want %v", c, got, want)
		}
	}
}

func FuzzLooksLikeHTML(f *testing.F) {
	for _, c := range htmlCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := looksLikeHTML(s), looksLikeHTMLLowered(s); got != want {
			t.Errorf("looksLikeHTML(%q) = %v, want %v", s, got, want)
		}
	})
}
