package rules

import "testing"

// TestLe64Short holds le64Short to reading its bytes one at a time, for
// every text of fewer than eight bytes and every offset in it. (The
// tokenizer's eight-byte loads near the end of longer texts are held to
// the reference tokenizer by TestTokenizeAsReference and
// TestMatchAsReference, at every length of the match cases.)
func TestLe64Short(t *testing.T) {
	const text = "abcdefg"
	for n := 0; n <= len(text); n++ {
		s := text[:n]
		for i := 0; i < n; i++ {
			var want uint64
			for k := i; k < n; k++ {
				want |= uint64(s[k]) << (8 * (k - i))
			}
			if got := le64Short(s, i); got != want {
				t.Errorf("le64Short(%q, %d) = %#x, want %#x", s, i, got, want)
			}
		}
	}
}

// TestSkipDroppedAgain holds skipDropped to what tokenize relies on when
// it does not ask it again where AppendMatch's call stopped: from where it
// stops, at every offset of the match cases, it stops there again.
func TestSkipDroppedAgain(t *testing.T) {
	r := DefaultRegistry()
	words := &r.m.words
	for _, text := range matchCases(t, r, true) {
		for i := 0; i < len(text); i++ {
			if j := words.skipDropped(text, i); j < len(text) {
				if k := words.skipDropped(text, j); k != j {
					t.Fatalf("skipDropped(%q, %d) = %d, and from there %d", text, i, j, k)
				}
			}
		}
	}
}
