package audit

import (
	"math/rand/v2"
	"testing"
)

// TestWordMarksNext holds wordMarks.next, inlined, to a scan of the bit
// sets bit by bit, on random sets of up to 200 words, from every index
// up to past the last word.
func TestWordMarksNext(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		n := rng.IntN(200)
		nw := (n + 63) / 64
		m := wordMarks{marks: make([]uint8, n+16), bits: make([]uint64, 4*nw)}
		density := rng.IntN(64) + 1
		for i := range n {
			for s := range 4 {
				if rng.IntN(density) == 0 {
					m.bits[i/64*4+s] |= 1 << (i % 64)
				}
			}
		}
		for s := range 4 {
			for i := 0; i <= n+1; i++ {
				want := n
				for k := i; k < n; k++ {
					if m.bits[k/64*4+s]>>(k%64)&1 != 0 {
						want = k
						break
					}
				}
				if got := m.next(s, i); got != want {
					t.Fatalf("next(%d, %d) of %d words = %d, want %d", s, i, n, got, want)
				}
			}
		}
	}
}
