package audit

import (
	"math/rand/v2"
	"testing"
)

// TestWordFilterBits8 holds wordFilterBits8 to wordFilterBits for words
// of one to eight bytes, whatever bytes follow them in the word loaded.
func TestWordFilterBits8(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		x := rng.Uint64()
		var b [8]byte
		for k := range b {
			b[k] = byte(x >> (8 * k))
		}
		for n := 1; n <= 8; n++ {
			a1, b1 := wordFilterBits8(x, n)
			a2, b2 := wordFilterBits(string(b[:n]))
			if a1 != a2 || b1 != b2 {
				t.Fatalf("wordFilterBits8(%#x, %d) = %d, %d; wordFilterBits(%q) = %d, %d", x, n, a1, b1, b[:n], a2, b2)
			}
		}
	}
}

// TestSwarLoadTail holds swarLoadTail to the bytes of s from i, spaces
// past its end.
func TestSwarLoadTail(t *testing.T) {
	s := "abcdefghijklmnopq"
	for n := 0; n <= len(s); n++ {
		for i := max(n-7, 0); i < n; i++ {
			var want uint64
			for k := 7; k >= 0; k-- {
				c := byte(' ')
				if i+k < n {
					c = s[i+k]
				}
				want = want<<8 | uint64(c)
			}
			if got := swarLoadTail(s[:n], i); got != want {
				t.Errorf("swarLoadTail(%q, %d) = %#x, want %#x", s[:n], i, got, want)
			}
		}
	}
}
