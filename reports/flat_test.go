package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlatTextFastPath holds flatText's fast path (isFlat) to the plain
// collapse (collapseText): on white space and control characters of every kind, invalid
// UTF-8, and every line and every 40-byte window of the seeds.
func TestFlatTextFastPath(t *testing.T) {
	cases := []string{
		"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\r\nb", "a\u00a0b", "a\u2009b",
		"a\u0085b", "a\x7fb", "a\x1bb", "a\x00b", "«Nous»", "“We heard”, she said", "a\xffb", "\xe2\x80",
		"café au lait", "x\u200bz", "end\u3000", "\u2028", "ok.",
	}
	seeds, _ := filepath.Glob("../seeds/*.txt")
	if len(seeds) == 0 {
		t.Fatal("no seeds in ../seeds")
	}
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		cases = append(cases, strings.Split(text, "\n")...)
		for i := 0; i+40 <= len(text); i += 13 {
			cases = append(cases, text[i:i+40])
		}
	}
	fast := 0
	for _, c := range cases {
		if got, want := flatText(c), collapseText(c); got != want {
			t.Errorf("flatText(%q) = %q, want %q", c, got, want)
		}
		if isFlat(c) {
			fast++
		}
	}
	if fast < len(cases)/4 {
		t.Errorf("the fast path took %d of %d cases", fast, len(cases))
	}
}
