package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// TestSlugIDCorpora holds slugID, made on the stack for most names, to
// the reference slug on stretches of the corpora's articles of up to
// and past the stack's length, at every place a word may start.
func TestSlugIDCorpora(t *testing.T) {
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			body := a.Body
			for i := 0; i < len(body) && i < 1500; i += 11 {
				for _, n := range []int{1, 5, 17, 40, 89, 95, 96, 120} {
					s := body[i:min(i+n, len(body))]
					for _, prefix := range []string{"", "person:"} {
						if got, want := slugID(prefix, s), prefix+refSlug(s); got != want {
							t.Fatalf("slugID(%q, %q) = %q, want %q", prefix, s, got, want)
						}
					}
				}
			}
		}
	}
}
