package audit

import "testing"

// refFigHash is figHash one byte at a time: the word's length, then each
// eight bytes lower-cased and packed little-endian, then the last zero to
// seven padded with zeros.
func refFigHash(w string) uint32 {
	h := figHashStart(len(w))
	for {
		n := min(len(w), 8)
		var x uint64
		for j := n - 1; j >= 0; j-- {
			c := w[j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			x = x<<8 | uint64(c)
		}
		h = figHashMix(h, x)
		if n < 8 {
			return uint32(h)
		}
		w = w[8:]
	}
}

// TestFigHashIn holds figHashIn, which loads eight bytes at once from
// around the word, to the byte-wise reference for every slice of texts
// with capitals, digits, marks and bytes not ASCII, and the key lookup
// the tokenizer's packed probe makes to the vocabulary's own.
func TestFigHashIn(t *testing.T) {
	texts := []string{"", "a", "Ab", "HUNDRED thousand", "Five-year-old’s 12,000 Zürich",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ \x80\xff abcdefghijklmnopqrstuvwxyz"}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			for end := i; end <= len(s); end++ {
				if got, want := figHashIn(s, i, end), refFigHash(s[i:end]); got != want {
					t.Fatalf("figHashIn(%q, %d, %d) = %#x, want %#x", s, i, end, got, want)
				}
			}
		}
	}
	c := DefaultLexicon().Figures.c
	for id, k := range c.keys {
		if k == "" {
			continue
		}
		if got := c.table.lookup(k, false); got != int32(id) {
			t.Fatalf("lookup(%q) = %d, want %d", k, got, id)
		}
		if len(k) < 8 {
			h := figHash(k)
			if i := h & c.table.mask; c.table.slots[i].id != 0 && c.table.keys[i] != k && c.table.slots[i].short == figPack(k) {
				t.Fatalf("%q packs as key %q", k, c.table.keys[i])
			}
		}
	}
}

// TestFigTokenizeVariants holds figTokenize to figTokenizeRef for every
// byte, alone or doubled, at every place of short texts: words that end
// at a dot, at the end of the text and across the eight bytes the
// tokenizer loads at once.
func TestFigTokenizeVariants(t *testing.T) {
	c := figLexicon(t).c
	bases := []string{"Five.", "U.S. men", "ab. Cd", "TEN thousand.", "Twelve dozen.", "hundreds of them"}
	eachByteVariant(bases, func(s string) { checkFigTokenizeRef(t, c, s) })
}
