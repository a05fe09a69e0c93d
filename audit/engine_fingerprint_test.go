package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestAppendLowerCollapsed holds appendLowerCollapsed to the
// strings.ToLower(collapse(s)) it stands for, on white space of every
// kind, invalid UTF-8, letters whose lower case is longer or shorter, and
// the sentences of the BBC corpus when it is present.
func TestAppendLowerCollapsed(t *testing.T) {
	texts := []string{"", " ", "a", "  Ab  CD ", "x\u00a0Y\u0085z\u2003W", "\tTab\nLine\r\n\v\fEnd ", "İstanbul KELVIN \u212a ſ",
		"bad \xff\xfe UTF-8 \xc3", "\ufffd real", "ÉTAT Über ΣΑΣ", "one  two   three", "a\u200bb", "trailing\u3000"}
	check := func(t *testing.T, texts []string) {
		buf := []byte("prefix")
		for _, s := range texts {
			got := string(appendLowerCollapsed(buf, s)[len(buf):])
			if want := strings.ToLower(collapse(s)); got != want {
				t.Fatalf("appendLowerCollapsed(%q) = %q, want %q", s, got, want)
			}
		}
	}
	check(t, texts)
	t.Run("corpus", func(t *testing.T) {
		var texts []string
		for _, a := range corpustest.Sets(t)[0].Articles {
			texts = append(texts, strings.Split(a.Body, ".")...)
		}
		check(t, texts)
	})
}
