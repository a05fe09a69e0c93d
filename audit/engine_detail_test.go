package audit

import (
	"fmt"
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
