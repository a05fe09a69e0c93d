package audit

import "unicode/utf8"

// Eight bytes at a time (SWAR, SIMD within a register): the structure
// scans load eight bytes of text into a uint64, little-endian, and test
// them all at once while they are ASCII. For bytes below 0x80, adding
// 0x80-k to a byte sets its high bit exactly when the byte is at least k,
// and never carries into the next byte; the masks below build on that.

// swarLoad returns the eight bytes of s from i, packed little-endian (the
// compiler makes it one load).
func swarLoad[T ~string | ~[]byte](s T, i int) uint64 {
	s = s[i : i+8] // one bounds check instead of eight
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// swarLoadTail returns the bytes of s from i, i < len(s) < i+8, packed
// as swarLoad packs them, with spaces for the bytes past the end of s (a
// word ends at the end of s as at a space): the last eight bytes of s
// shifted down, spaces shifted in.
func swarLoadTail(s string, i int) uint64 {
	const spaces = ' ' * swarOnes
	if len(s) >= 8 {
		sh := uint(8 * (i + 8 - len(s)))
		return swarLoad(s, len(s)-8)>>sh | spaces<<(64-sh)
	}
	x := uint64(spaces)
	for k := len(s) - 1; k >= i; k-- {
		x = x<<8 | uint64(s[k])
	}
	return x
}

// swarOnes and swarHigh have each byte of a word 0x01 and 0x80.
const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// swarSpaces returns, for eight ASCII bytes packed little-endian in x,
// the high bit of each byte that asciiSpace holds: a tab, line feed,
// vertical tab, form feed, carriage return or space. Adding 0x80-k to an
// ASCII byte sets its high bit exactly when the byte is at least k, and
// never carries into the next byte.
func swarSpaces(x uint64) uint64 {
	ge := func(k uint64) uint64 { return (x + (0x80-k)*swarOnes) & swarHigh }
	return ge('\t')&^ge('\r'+1) | ge(' ')&^ge(' '+1)
}

// swarEqual returns, for eight ASCII bytes packed little-endian in x, the
// high bit of each byte equal to the ASCII byte k (see swarSpaces).
func swarEqual(x uint64, k byte) uint64 {
	ge := func(k uint64) uint64 { return (x + (0x80-k)*swarOnes) & swarHigh }
	return ge(uint64(k)) &^ ge(uint64(k)+1)
}

// swarUpper returns, for eight bytes packed little-endian in x, the high
// bit of each that is an ASCII capital. Bytes of 0x80 and above have
// theirs cleared before the test and are never capitals.
func swarUpper(x uint64) uint64 {
	h := x &^ swarHigh
	return (h + (0x80-'A')*swarOnes) &^ (h + (0x80-'Z'-1)*swarOnes) &^ x & swarHigh
}

// swarLower returns the eight bytes packed in x with their ASCII
// capitals lower-cased (0x20 is swarUpper's high bit shifted down).
func swarLower(x uint64) uint64 { return x | swarUpper(x)>>2 }

// swarAlnum returns, for eight ASCII bytes packed little-endian in x,
// the high bit of each byte that asciiAlnum holds (see swarSpaces): a
// digit, or a letter once 0x20 folds it to lower case (no other ASCII
// byte folds into a to z).
func swarAlnum(x uint64) uint64 {
	lower := x | 0x20*swarOnes
	digit := (x + (0x80-'0')*swarOnes) &^ (x + (0x80-'9'-1)*swarOnes)
	letter := (lower + (0x80-'a')*swarOnes) &^ (lower + (0x80-'z'-1)*swarOnes)
	return (digit | letter) & swarHigh
}

// runeCount returns utf8.RuneCountInString(s). Most strings it is
// asked of are ASCII, their count their length: it ORs their bytes
// together, eight a step and the last eight (overlapping the step
// before) at once, rather than testing each step, and counts the others
// with runeCountMixed.
func runeCount(s string) int {
	n := len(s)
	var or uint64
	if n >= 8 {
		for i := 0; i+8 < n; i += 8 {
			or |= swarLoad(s, i)
		}
		or |= swarLoad(s, n-8)
	} else {
		for i := range n {
			or |= uint64(s[i])
		}
	}
	if or&swarHigh == 0 {
		return n
	}
	return runeCountMixed(s)
}

// runeCountMixed is runeCount for a string that is not all ASCII,
// passing sixteen or eight ASCII bytes a step.
func runeCountMixed(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if i+16 <= len(s) && (swarLoad(s, i)|swarLoad(s, i+8))&swarHigh == 0 {
			n, i = n+16, i+16
			continue
		}
		if i+8 <= len(s) && swarLoad(s, i)&swarHigh == 0 {
			n, i = n+8, i+8
			continue
		}
		if s[i] < utf8.RuneSelf {
			n, i = n+1, i+1
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		n, i = n+1, i+size
	}
	return n
}
