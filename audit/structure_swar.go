package audit

import (
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// Eight bytes at a time (SWAR, SIMD within a register): the structure
// scans load eight bytes of text into a uint64 (swar.Load) and test them
// all at once while they are ASCII (see package swar). The masks below are
// the audit's own, built on swar's.

// swarLoadTail returns the bytes of s from i, i < len(s) < i+8, packed
// as swar.Load packs them, with spaces for the bytes past the end of s (a
// word ends at the end of s as at a space): the last eight bytes of s
// shifted down, spaces shifted in.
func swarLoadTail(s string, i int) uint64 {
	const spaces = ' ' * swar.Ones
	if len(s) >= 8 {
		sh := uint(8 * (i + 8 - len(s)))
		return swar.Load(s, len(s)-8)>>sh | spaces<<(64-sh)
	}
	x := uint64(spaces)
	for k := len(s) - 1; k >= i; k-- {
		x = x<<8 | uint64(s[k])
	}
	return x
}

// swarSpaces returns, for eight ASCII bytes packed little-endian in x,
// the high bit of each byte that asciiSpace holds: a tab, line feed,
// vertical tab, form feed, carriage return or space. Adding 0x80-k to an
// ASCII byte sets its high bit exactly when the byte is at least k, and
// never carries into the next byte.
func swarSpaces(x uint64) uint64 {
	return swar.Between(x, '\t', '\r') | swar.Equal(x, ' ')
}

// swarUpper returns, for eight bytes packed little-endian in x, the high
// bit of each that is an ASCII capital. Bytes of 0x80 and above have
// theirs cleared before the test and are never capitals.
func swarUpper(x uint64) uint64 {
	return swar.Between(x&^swar.High, 'A', 'Z') &^ x
}

// swarLower returns the eight bytes packed in x with their ASCII
// capitals lower-cased (0x20 is swarUpper's high bit shifted down).
func swarLower(x uint64) uint64 { return x | swarUpper(x)>>2 }

// swarAlnum returns, for eight ASCII bytes packed little-endian in x,
// the high bit of each byte that asciiAlnum holds (see swarSpaces): a
// digit, or a letter once 0x20 folds it to lower case (no other ASCII
// byte folds into a to z).
func swarAlnum(x uint64) uint64 {
	// swar.Between(x, '0', '9') | swar.Between(lower, 'a', 'z'), with
	// one mask where the two would take two: this runs at every eight
	// bytes of every tokenizer.
	lower := x | 0x20*swar.Ones
	digit := (x + (0x80-'0')*swar.Ones) &^ (x + (0x7f-'9')*swar.Ones)
	letter := (lower + (0x80-'a')*swar.Ones) &^ (lower + (0x7f-'z')*swar.Ones)
	return (digit | letter) & swar.High
}

// runeCount returns utf8.RuneCountInString(s). Most strings it is
// asked of are ASCII, their count their length (swar.ASCII tests the
// whole string at once); runeCountMixed counts the others.
func runeCount(s string) int {
	if swar.ASCII(s) {
		return len(s)
	}
	return runeCountMixed(s)
}

// runeCountMixed is runeCount for a string that is not all ASCII,
// passing sixteen or eight ASCII bytes a step.
func runeCountMixed(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if i+16 <= len(s) && (swar.Load(s, i)|swar.Load(s, i+8))&swar.High == 0 {
			n, i = n+16, i+16
			continue
		}
		if i+8 <= len(s) && swar.Load(s, i)&swar.High == 0 {
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
