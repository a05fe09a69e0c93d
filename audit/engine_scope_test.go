package audit

import "testing"

// TestBlockBit checks that every block kind has a bit of its own, and
// that a blockSet holds exactly the kinds added to it, known or not.
func TestBlockBit(t *testing.T) {
	var seen uint16
	for _, k := range BlockKinds {
		b := blockBit(k)
		if b == 0 || b&(b-1) != 0 || seen&b != 0 {
			t.Errorf("blockBit(%q) = %#x: want a bit no other kind has", k, b)
		}
		seen |= b
	}
	var s compiled
	s.blocks.add(BlockBody)
	s.blocks.add("sidebar")
	doc := &Document{Blocks: []Block{{Kind: BlockBody}, {Kind: BlockHeadline}, {Kind: "sidebar"}, {Kind: "aside"}}}
	c := &Context{Doc: doc, compiled: &s}
	for i, want := range []bool{true, false, true, false} {
		if got := c.InBlock(i); got != want {
			t.Errorf("InBlock(%d) (%s) = %v, want %v", i, doc.Blocks[i].Kind, got, want)
		}
	}
	if c.InBlock(-1) || c.InBlock(4) {
		t.Error("InBlock is true outside the blocks")
	}
}
