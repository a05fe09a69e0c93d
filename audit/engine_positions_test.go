package audit

import (
	"math/rand"
	"testing"
)

// TestPositionWalker holds the walk positions uses to lineIndex.position,
// which Document.Position answers with, on texts with long lines,
// multi-byte and invalid UTF-8 and CRLF line ends, for offsets in
// increasing order (some inside a rune, some repeated), from a copy of
// the walker as for a finding's end, and backwards.
func TestPositionWalker(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for n := 0; n < 300; n++ {
		text := randomPositionText(rng)
		idx := newLineIndex(text)
		w := newPositionWalker(text)
		for off := -2; off <= len(text)+2; off += rng.Intn(12) {
			if got, want := w.position(off), idx.position(text, off); got != want {
				t.Fatalf("text %q offset %d: got %+v, want %+v", text, off, got, want)
			}
			end, stop := w, off+rng.Intn(40)
			if got, want := end.position(stop), idx.position(text, stop); got != want {
				t.Fatalf("text %q end %d after %d: got %+v, want %+v", text, stop, off, got, want)
			}
			if back := off - rng.Intn(20); rng.Intn(10) == 0 {
				if got, want := end.position(back), idx.position(text, back); got != want {
					t.Fatalf("text %q offset %d back from %d: got %+v, want %+v", text, back, stop, got, want)
				}
			}
		}
	}
}
