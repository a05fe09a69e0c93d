package audit

import "testing"

// TestLetterRunEndAsReference holds letterRunEnd to a byte-wise scan for
// one or two of every byte value at every place of texts around eight and
// sixteen bytes long, from every start and to every limit.
func TestLetterRunEndAsReference(t *testing.T) {
	ref := func(text string, i, lim int) int {
		for i < lim && isASCIILetter(text[i]) {
			i++
		}
		return i
	}
	bases := []string{"", "a", "abcdefg", "abcdefgh", "abc defgh", "abcdefghijklmno", "ABCDefghIJKLmnop", "abcdefghijklmnopqrstuvw"}
	eachByteVariant(bases, func(s string) {
		for i := 0; i <= len(s); i++ {
			for lim := i; lim <= len(s); lim++ {
				if got, want := letterRunEnd(s, i, lim), ref(s, i, lim); got != want {
					t.Fatalf("letterRunEnd(%q, %d, %d) = %d, want %d", s, i, lim, got, want)
				}
			}
		}
	})
}
