package audit

import (
	"math/bits"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// alnumRun8 returns how many of the eight bytes of text from i are ASCII
// letters and digits before the first that is not (8 when all are), and
// whether those include a capital. text must have eight bytes from i.
// The tokenisers pass most of a word in one step (see structure_swar.go).
func alnumRun8(text string, i int) (n int, upper bool) {
	x := swar.Load(text, i)
	// The high bit of each byte that is not an ASCII letter or digit:
	// bytes of 0x80 and above are tested without it, then ruled out.
	stop := (^swarAlnum(x&^swar.High) | x) & swar.High
	if stop == 0 {
		return 8, swarUpper(x) != 0
	}
	n = bits.TrailingZeros64(stop) / 8
	return n, swarUpper(x)&(1<<(8*n)-1) != 0
}

// swarLetters returns, for eight bytes packed little-endian in x, the
// high bit of each byte that is an ASCII letter (see swarAlnum); bytes of
// 0x80 and above are tested without their high bit, then ruled out.
func swarLetters(x uint64) uint64 {
	return swar.Between(x&^swar.High|0x20*swar.Ones, 'a', 'z') &^ x
}
