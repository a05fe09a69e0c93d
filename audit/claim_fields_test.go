package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestLastField holds lastField to the strings.Fields it replaces in
// fullNames, over made-up names and every line of the corpora.
func TestLastField(t *testing.T) {
	check := func(s string) {
		f := strings.Fields(s)
		var want string
		if len(f) > 0 {
			want = f[len(f)-1]
		}
		if got, more := lastField(s); got != want || more != (len(f) > 1) {
			t.Fatalf("lastField(%q) = %q, %v; want %q, %v", s, got, more, want, len(f) > 1)
		}
	}
	for _, s := range []string{"", " ", "Assad", "Bashar al-Assad", " Dipo  Alli ", "Ümit\u00a0Öz", "a\u3000b\u2003", "x\xff", "\xe2\x80 y", "\u0085z\u0085", "Jean-Marc\tAyrault\n"} {
		check(s)
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			for _, line := range strings.Split(a.Body, "\n") {
				check(line)
			}
		}
	}
}
