package audit

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
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
	// The reader scans its line buffer: bytes read as the string is.
	if gotBytes, okBytes := scanRecord([]byte(raw)); gotBytes != got || okBytes != ok {
		t.Errorf("%s: scanRecord of the bytes = %v, %v; of the string %v, %v", raw, gotBytes, okBytes, got, ok)
	}
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
		if got.values[k] != v || got.has(k) != present {
			t.Errorf("%s: field %s = %q, %v; want %q, %v", raw, recordKeys[k], got.values[k], got.has(k), v, present)
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

// scanPlainString reads the JSON string opening at s[i] as scanRecord
// reads a value, with scanString and unescape, for the tests that hold
// it to a byte-at-a-time scan. ok is false for strings left to
// encoding/json; a string without escapes is a substring of s.
func scanPlainString(s string, i int) (value string, next int, ok bool) {
	next, escaped, ok := scanString(s, i)
	switch {
	case !ok:
		return "", i, false
	case !escaped:
		return s[i+1 : next-1], next, true
	}
	if value, ok = unescape(s[i+1 : next-1]); !ok {
		return "", i, false
	}
	return value, next, true
}

// scanPlainStringBytewise is scanPlainString as it was written first, a
// byte at a time.
func scanPlainStringBytewise(s string, i int) (value string, next int, ok bool) {
	if i >= len(s) || s[i] != '"' {
		return "", i, false
	}
	ascii, escaped := true, false
	j := i + 1
	for ; ; j++ {
		if j >= len(s) {
			return "", i, false
		}
		c := s[j]
		if c == '"' {
			break
		}
		switch {
		case c == '\\':
			escaped = true
			j++
		case c < 0x20:
			return "", i, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	value = s[i+1 : j]
	if !ascii && !utf8.ValidString(value) {
		return "", i, false
	}
	if escaped {
		if value, ok = unescape(value); !ok {
			return "", i, false
		}
	}
	return value, j + 1, true
}

// TestScanPlainStringWords holds scanPlainString, which skips eight plain
// bytes at a time, to the byte-at-a-time scan: every byte that stops it
// (and pairs of them) at every offset of the words around it, then the
// same strings in a whole record against encoding/json.
func TestScanPlainStringWords(t *testing.T) {
	stops := []string{`"`, `\"`, `\\`, `\n`, `\u00e9`, `\x`, `\`, "\t", "\x00", "\x1f", " ", "~", "\x7f",
		"é", "’", "\xff", "\xc3", "\x80", "\x9f", "\xe2\x80", `\é`, "é\t", "\xff\"", `é"`, `\` + "\xc3\xa9"}
	read := 0
	for _, a := range stops {
		for _, b := range append(stops[:len(stops):len(stops)], "") {
			for pre := 0; pre < 18; pre++ {
				for gap := 0; gap < 10; gap += 3 {
					s := `"` + strings.Repeat("a", pre) + a + strings.Repeat("b", gap) + b + strings.Repeat("c", 9) + `"tail`
					for _, i := range []int{0, 1} {
						v, next, ok := scanPlainString(s, i)
						wv, wnext, wok := scanPlainStringBytewise(s, i)
						if v != wv || next != wnext || ok != wok {
							t.Fatalf("scanPlainString(%q, %d) = %q, %d, %v; want %q, %d, %v", s, i, v, next, ok, wv, wnext, wok)
						}
					}
					if checkScanRecord(t, `{"id":"1","body":`+s[:len(s)-len("tail")]+`}`) {
						read++
					}
				}
			}
		}
	}
	if read == 0 {
		t.Error("scanRecord read none of the records")
	}
}
