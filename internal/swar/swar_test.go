package swar

import (
	"strings"
	"testing"
)

// TestMasks holds AtLeast, Between and Equal to a byte-by-byte reference on every
// ASCII byte in every position, with every other byte in its neighbours
// (a carry or borrow from one byte into the next would show there).
func TestMasks(t *testing.T) {
	for pos := range 8 {
		for b := range 0x80 {
			for _, other := range []byte{0, ' ', 'A', 0x7f} {
				var buf [8]byte
				for i := range buf {
					buf[i] = other
				}
				buf[pos] = byte(b)
				x := Load(buf[:], 0)
				if x != Load(string(buf[:]), 0) {
					t.Fatalf("Load differs between []byte and string")
				}
				for _, k := range []byte{0, 1, ' ', '!', 'a', 0x7f, 0x80} {
					var ge, eq uint64
					for i, c := range buf {
						if c >= k {
							ge |= 0x80 << (8 * i)
						}
						if c == k {
							eq |= 0x80 << (8 * i)
						}
					}
					if got := AtLeast(x, k); got != ge {
						t.Errorf("AtLeast(%q, %#x) = %#x, want %#x", buf, k, got, ge)
					}
					if k < 0x80 {
						if got := Equal(x, k); got != eq {
							t.Errorf("Equal(%q, %#x) = %#x, want %#x", buf, k, got, eq)
						}
					}
					for _, hi := range []byte{k, k + 9, 0x7f} {
						if k >= 0x80 || hi < k || hi >= 0x80 {
							continue
						}
						var in uint64
						for i, c := range buf {
							if k <= c && c <= hi {
								in |= 0x80 << (8 * i)
							}
						}
						if got := Between(x, k, hi); got != in {
							t.Errorf("Between(%q, %#x, %#x) = %#x, want %#x", buf, k, hi, got, in)
						}
					}
				}
			}
		}
	}
}

// TestASCII holds ASCII to a byte loop on strings of every length up to
// 24 with one byte past ASCII (or none) at every place.
func TestASCII(t *testing.T) {
	for n := range 25 {
		for at := -1; at < n; at++ {
			b := []byte(strings.Repeat("a~\x00\x7f", 7)[:n])
			if at >= 0 {
				b[at] = 0x80 | byte(at)
			}
			want := at < 0
			if got := ASCII(b); got != want {
				t.Errorf("ASCII(%q) = %v, want %v", b, got, want)
			}
			if got := ASCII(string(b)); got != want {
				t.Errorf("ASCII(string %q) = %v, want %v", b, got, want)
			}
		}
	}
}
