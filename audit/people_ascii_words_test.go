package audit

import "testing"

// TestAppendWordsAtEnds holds the tokenizer to its reference for one or
// two of every byte value, and a space, at every place of texts around
// eight and sixteen bytes long: words that end at the end of the text,
// within the eight bytes loaded at their start or past them, and the
// marks between them.
func TestAppendWordsAtEnds(t *testing.T) {
	bases := []string{"", "a", "ab cd", "abcdefg", "abcdefgh", "Ab, cd. E", "abcdefghijklmno", "ab-cd'e.f gh"}
	failed := false
	eachByteVariant(bases, func(s string) {
		if !failed && !checkTokenize(t, s) {
			failed = true
		}
	})
}
