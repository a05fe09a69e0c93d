package audit

import (
	"math/rand/v2"
	"testing"
)

// TestCueMasksMatchLoop holds classifyOne, which tries only the cues the
// block's first and last bytes allow (cueFirst, cueLast), to the loop
// over every cue, on the corpora's blocks and on random blocks built
// from pieces of the cues' own matches.
func TestCueMasksMatchLoop(t *testing.T) {
	lex := testBlockLexicon(t)
	if lex.cueFirst == nil {
		t.Fatal("no cue masks")
	}
	loop := *lex
	loop.cueFirst, loop.cueLast = nil, nil
	check := func(text string) {
		t.Helper()
		a, b := lex.newItem(text, Span{0, len(text)}, ""), loop.newItem(text, Span{0, len(text)}, "")
		lex.classifyOne(&a)
		loop.classifyOne(&b)
		if a.kind != b.kind || a.src != b.src || a.reason != b.reason {
			t.Fatalf("%q: %s %q, want %s %q", text, a.kind, a.reason, b.kind, b.reason)
		}
	}
	docs, err := cueTestDocs()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		for _, b := range d.Blocks {
			check(b.Text)
		}
	}
	pieces := []string{"Published", "Updated on", " ", "12:30", "3 min read", "By ", "Jane Smith", "Aleppo", " – ", "Photo:", "Image:",
		"(Reuters/John Doe)", "(Photo: AFP)", "Getty Images", "©", "2024", "50% deposit bonus", "Sponsored:", "at franceinfo",
		"the", ".", "”", "a", "é", "\xff", "\n", "Mon, 3 Jan 2024", "•"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		check(pieceText(rng, pieces, 6))
	}
}
