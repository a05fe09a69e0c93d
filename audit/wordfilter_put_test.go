package audit

import (
	"math/rand/v2"
	"testing"
)

// TestFilterBytesPut holds put, which visits a filter's set bits only, to
// the position-by-position definition: bit j of entry p is bit p of the
// j-th filter, and the other filters' bits stay as they were.
func TestFilterBytesPut(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var filters [8]wordFilter
	for j := range filters {
		for i := range filters[j] {
			// Sparse, dense, empty and full words of bits.
			switch i % 4 {
			case 0:
				filters[j][i] = r.Uint64() & r.Uint64() & r.Uint64()
			case 1:
				filters[j][i] = r.Uint64()
			case 2:
				filters[j][i] = 0
			default:
				filters[j][i] = ^uint64(0) >> (r.Uint64() % 64)
			}
		}
	}
	var got filterBytes
	for j := range filters {
		got.put(uint(j), &filters[j])
	}
	for p := range got {
		var want uint8
		for j := range filters {
			want |= uint8(filters[j][p/64]>>(p%64)&1) << j
		}
		if got[p] != want {
			t.Fatalf("entry %d: %08b, want %08b", p, got[p], want)
		}
	}
}
