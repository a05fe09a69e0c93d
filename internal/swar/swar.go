// Package swar tests eight bytes of text at a time (SWAR, SIMD within a
// register): Load packs eight bytes into a uint64, little-endian, and the
// masks test them all at once while they are ASCII. For bytes below 0x80,
// adding 0x80-k to a byte sets its high bit exactly when the byte is at
// least k, and never carries into the next byte; the masks build on that.
package swar

// Ones has 0x01 in each byte, High 0x80: Ones*k repeats the byte k, and
// x&High keeps each byte's high bit.
const (
	Ones = 0x0101010101010101
	High = 0x8080808080808080
)

// Load returns the eight bytes of s from i, packed little-endian (the
// compiler makes it one load).
func Load[T ~string | ~[]byte](s T, i int) uint64 {
	s = s[i : i+8] // one bounds check instead of eight
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// AtLeast returns, for eight ASCII bytes packed in x, the high bit of
// each byte that is at least k (k <= 0x80).
func AtLeast(x uint64, k byte) uint64 {
	return (x + (0x80-uint64(k))*Ones) & High
}

// Between returns, for eight ASCII bytes packed in x, the high bit of
// each byte from lo to hi (lo <= hi < 0x80).
func Between(x uint64, lo, hi byte) uint64 {
	return (x + (0x80-uint64(lo))*Ones) &^ (x + (0x7f-uint64(hi))*Ones) & High
}

// Equal returns, for eight ASCII bytes packed in x, the high bit of each
// byte equal to the ASCII byte k.
func Equal(x uint64, k byte) uint64 { return Between(x, k, k) }

// ASCII reports whether every byte of s is ASCII: it ORs the bytes
// together eight at a time, and the last eight (overlapping the step
// before) at once, and tests the high bits once.
func ASCII[T ~string | ~[]byte](s T) bool {
	n := len(s)
	var or uint64
	if n >= 8 {
		for i := 0; i+8 < n; i += 8 {
			or |= Load(s, i)
		}
		or |= Load(s, n-8)
	} else {
		for i := range n {
			or |= uint64(s[i])
		}
	}
	return or&High == 0
}
