package audit

import (
	"math/rand/v2"
	"testing"
)

// refLowerASCII is lowerASCII byte by byte, as it was before it took eight
// bytes a step.
func refLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerByte[c]
	}
	return string(b)
}

// TestLowerASCIIMatchesReference holds the eight-byte lowerASCII to the
// byte table: every byte value at every position of a word, and random
// texts of every length around the chunk sizes.
func TestLowerASCIIMatchesReference(t *testing.T) {
	for c := range 256 {
		for pos := range 9 {
			b := []byte("xYz-AbC.Zq@[`{")
			b[pos] = byte(c)
			if s := string(b); lowerASCII(s) != refLowerASCII(s) {
				t.Fatalf("lowerASCII(%q) = %q, want %q", s, lowerASCII(s), refLowerASCII(s))
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 1100 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		if s := string(b); lowerASCII(s) != refLowerASCII(s) {
			t.Fatalf("lowerASCII(%q) = %q, want %q", s, lowerASCII(s), refLowerASCII(s))
		}
	}
}

func BenchmarkLowerASCII(b *testing.B) {
	s := "The Prime Minister SAID on Tuesday that “the U.S. economy” was strong. "
	for len(s) < 64<<10 {
		s += s
	}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		lowerASCII(s)
	}
}

// TestAlnumRun8 holds alnumRun8 to a byte-by-byte count over every byte
// value at every position.
func TestAlnumRun8(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for c := range 256 {
		for pos := range 8 {
			b := []byte("aZ09mQxy")
			if r.IntN(2) == 0 {
				b = []byte("abcdefgh")
			}
			b[pos] = byte(c)
			s := string(b)
			n, upper := 0, false
			for n < 8 && isASCIIAlnum(s[n]) {
				upper = upper || 'A' <= s[n] && s[n] <= 'Z'
				n++
			}
			if gn, gu := alnumRun8(s, 0); gn != n || gu != upper {
				t.Fatalf("alnumRun8(%q) = %d, %v, want %d, %v", s, gn, gu, n, upper)
			}
		}
	}
}
