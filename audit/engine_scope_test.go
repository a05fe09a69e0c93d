package audit

import (
	"slices"
	"strconv"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
)

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

// TestClaimsScopeBits holds Claims, which in an engine run judges scopes
// by the bits docState works out once per document, and lists the claims
// of a scope once for all the rules that have it, to ClaimInScope, for
// scopes naming known and unknown block kinds, kinds and subkinds, and
// for more claim kinds than claimKeys has bits for, each asked twice.
func TestClaimsScopeBits(t *testing.T) {
	scopes := []rules.Scope{
		{},
		{Blocks: []string{"body"}},
		{Blocks: []string{"sidebar", "headline"}, Claims: []string{"quote"}},
		{Claims: []string{"figure/casualty", "figure/displacement"}},
		{Claims: []string{"figure", "reported"}},
		{Claims: []string{"figure/other", "unknown/kind"}},
	}
	var many []string
	for i := range 70 {
		many = append(many, "k"+strconv.Itoa(i))
	}
	scopes = append(scopes, rules.Scope{Claims: append(many, "figure/money")}, rules.Scope{Blocks: []string{"body"}})
	rs := make([]compiled, len(scopes))
	for i, sc := range scopes {
		c, err := compile(&rules.Rule{ID: "r" + strconv.Itoa(i), Check: "quote-speaker", Scope: sc, Message: "m"})
		if err != nil {
			t.Fatal(err)
		}
		rs[i] = c
	}
	keys := assignClaimKeys(rs)
	doc := &Document{
		Blocks:    []Block{{Kind: BlockHeadline}, {Kind: BlockBody}, {Kind: "sidebar"}, {Kind: BlockCaption}},
		Sentences: []Sentence{{Block: 0}, {Block: 1}, {Block: 2}, {Block: 3}, {Block: 7}},
	}
	kinds := []struct {
		kind ClaimKind
		sub  string
	}{{ClaimQuote, ""}, {ClaimReported, ""}, {ClaimFigure, "casualty"}, {ClaimFigure, "displacement"},
		{ClaimFigure, "money"}, {ClaimFigure, "other"}, {"unknown", "kind"}, {"k3", ""}, {"k69", ""}}
	for s := -1; s <= len(doc.Sentences); s++ {
		for _, k := range kinds {
			doc.Claims = append(doc.Claims, Claim{Kind: k.kind, Subkind: k.sub, Sentence: s})
		}
	}
	st := &docState{claimKeys: keys}
	for i := range 2 * len(rs) {
		i %= len(rs)
		c := &Context{Doc: doc, Rule: rs[i].rule, compiled: &rs[i], shared: st}
		var got, want []int
		c.Claims(func(j int, _ *Claim) { got = append(got, j) })
		for j := range doc.Claims {
			if c.ClaimInScope(&doc.Claims[j]) {
				want = append(want, j)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("scope %+v: Claims gives %v, ClaimInScope %v", scopes[i], got, want)
		}
	}
}
