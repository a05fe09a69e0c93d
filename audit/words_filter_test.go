package audit

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// refWordFilterBits is wordFilterBits as it was before it was written to
// be inlined: the filters built and read across the analysis must keep
// their bits.
func refWordFilterBits(w string) (a, b uint32) {
	n := len(w)
	x := uint64(n) << 32
	switch {
	case n >= 2:
		x |= uint64(w[0]) | uint64(w[1])<<8 | uint64(w[n-2])<<16 | uint64(w[n-1])<<24 | uint64(w[n/2])<<40
	case n == 1:
		x |= uint64(w[0])
	}
	h := x * 0x9E3779B97F4A7C15
	return uint32(h>>51) & 8191, uint32(h>>38) & 8191
}

func TestWordFilterBitsReference(t *testing.T) {
	check := func(w string) bool {
		a, b := wordFilterBits(w)
		ra, rb := refWordFilterBits(w)
		if a != ra || b != rb {
			t.Errorf("wordFilterBits(%q) = %d, %d; want %d, %d", w, a, b, ra, rb)
			return false
		}
		return true
	}
	for _, w := range []string{"", "a", "ab", "abc", "said", "spokeswoman", "\xff", "ça", "\xff\xff\xff\xff\xff\xff\xff\xff\xff"} {
		check(w)
	}
	for _, set := range corpustest.Sets(t) {
		for _, a := range set.Articles {
			for _, w := range tokenize(a.Body) {
				if !check(w.lower) || !check(w.text) {
					return
				}
			}
		}
	}
}
