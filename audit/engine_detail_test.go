package audit

import (
	"fmt"
	"strings"
	"testing"
)

// TestShareDetail holds shareDetail to the fmt.Sprintf it stands for,
// with shares that round either way and names of every length.
func TestShareDetail(t *testing.T) {
	for total := 1; total <= 60; total++ {
		for n := 0; n <= total; n++ {
			for _, name := range []string{"", "SOHR", "the Syrian Observatory for Human Rights, a UK-based monitor with a long name"} {
				want := fmt.Sprintf("%d of %d sourced sentences (%.0f%%) rest on %s", n, total, 100*float64(n)/float64(total), name)
				if got := shareDetail(n, total, name); got != want {
					t.Fatalf("shareDetail(%d, %d, %q) = %q, want %q", n, total, name, got, want)
				}
			}
		}
	}
}

// TestMoreClaims holds moreClaims to the fmt.Sprintf and strings.Join it
// was written with, on groups of claims of every size, with texts long
// enough to be cut.
func TestMoreClaims(t *testing.T) {
	doc := &Document{}
	for i := range 12 {
		doc.Claims = append(doc.Claims, Claim{Text: strings.Repeat("word \n", i*i*3) + "370 people"})
	}
	for n := 0; n <= len(doc.Claims); n++ {
		idx := make([]int, n)
		for k := range idx {
			idx[k] = (k * 5) % len(doc.Claims)
		}
		want := ""
		if n >= 2 {
			var texts []string
			for _, i := range idx[1:] {
				texts = append(texts, "“"+Excerpt(doc.Claims[i].Text)+"”")
			}
			want = fmt.Sprintf("and %d more in the sentence: %s", len(idx)-1, strings.Join(texts, ", "))
		}
		if got := moreClaims(doc, idx); got != want {
			t.Fatalf("moreClaims(%v) = %q, want %q", idx, got, want)
		}
	}
}
