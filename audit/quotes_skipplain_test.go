package audit

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// TestQuoteLike holds quoteLike to its set (" ' # &) for every ASCII
// byte at every place of eight, among random ASCII bytes outside it.
func TestQuoteLike(t *testing.T) {
	in := func(c byte) bool { return c == '"' || c == '\'' || c == '#' || c == '&' }
	rng := rand.New(rand.NewPCG(7, 8))
	for c := range byte(0x80) {
		for pos := range 8 {
			for range 20 {
				var b [8]byte
				for k := range b {
					for b[k] = byte(rng.IntN(0x80)); in(b[k]); b[k] = byte(rng.IntN(0x80)) {
					}
				}
				b[pos] = c
				if got := quoteLike(swar.Load(b[:], 0)) != 0; got != in(c) {
					t.Fatalf("quoteLike(%q) = %v, want %v", b, got, in(c))
				}
			}
		}
	}
}

// TestQuoteLikeFirst holds the first byte skipPlain finds with
// quoteLike (one past ASCII or one of " ' # &) to a byte loop, on
// random bytes, mostly ASCII letters and the marks.
func TestQuoteLikeFirst(t *testing.T) {
	stop := func(c byte) bool { return c >= 0x80 || c == '"' || c == '\'' || c == '#' || c == '&' }
	pick := []byte{'a', 'z', ' ', '"', '\'', '#', '&', '!', '$', '%', 0x21, 0x23, 0x26, 0x27, 0x80, 0xA2, 0xC2, 0xE2, 0xFF, 0x00, 0x01, 0x7F}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 200000 {
		var b [8]byte
		for k := range b {
			if rng.IntN(2) == 0 {
				b[k] = pick[rng.IntN(len(pick))]
			} else {
				b[k] = byte(rng.IntN(256))
			}
		}
		want := 8
		for k := range b {
			if stop(b[k]) {
				want = k
				break
			}
		}
		x := swar.Load(b[:], 0)
		if got := bits.TrailingZeros64(x&swar.High|quoteLike(x)) / 8; got != want {
			t.Fatalf("first of %q: %d, want %d", b, got, want)
		}
	}
}
