package audit

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// positionPieces are what randomPositionText joins: words, multi-byte
// and invalid UTF-8, line ends of both kinds, a long run.
var positionPieces = []string{"a", "word ", "é", "“", "😀", "\n", "\r\n", "\xff", "\xe2\x80", "\x80", strings.Repeat("x", 300)}

// randomPositionText returns a text of up to 200 random positionPieces.
func randomPositionText(rng *rand.Rand) string {
	var b strings.Builder
	for k := rng.Intn(200); k >= 0; k-- {
		b.WriteString(positionPieces[rng.Intn(len(positionPieces))])
	}
	return b.String()
}

// TestLineIndexPosition checks positions against a direct count on texts
// with long lines, multi-byte and invalid UTF-8, and CRLF line ends.
func TestLineIndexPosition(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 300; n++ {
		text := randomPositionText(rng)
		idx := newLineIndex(text)
		for off := -1; off <= len(text)+1; off++ {
			o := min(max(off, 0), len(text))
			line := strings.Count(text[:o], "\n")
			start := strings.LastIndexByte(text[:o], '\n') + 1
			want := Position{Line: line + 1, Column: o - start + 1, RuneColumn: utf8.RuneCountInString(text[start:o]) + 1}
			if got := idx.position(text, off); got != want {
				t.Fatalf("text %q offset %d: got %+v, want %+v", text, off, got, want)
			}
		}
	}
}
