package audit

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// figParseDigitsRef is figParseDigits as it was before it read short
// numerals itself: every value from strconv.ParseFloat.
func figParseDigitsRef(s string, groups []figGroup) (v float64, ok bool, intDigits int, frac2 bool) {
	dots, commas := 0, 0
	for _, g := range groups[1:] {
		switch g.sep {
		case '.':
			dots++
		case ',':
			if dots > 0 {
				return 0, false, 0, false
			}
			commas++
		}
	}
	thousandDots := false
	switch {
	case dots >= 2:
		for _, g := range groups[1:] {
			if g.b-g.a != 3 || g.sep != '.' {
				return 0, false, 0, false
			}
		}
		thousandDots = true
	case dots == 1 && commas == 0 && len(groups) == 2:
		g := groups[1]
		thousandDots = s[g.a:g.b] == "000" && groups[0].b-groups[0].a <= 3
	}
	var b []byte
	for k, g := range groups {
		if k > 0 && g.sep == '.' && !thousandDots {
			b = append(b, '.')
			frac2 = g.b-g.a == 2
		} else {
			intDigits += g.b - g.a
		}
		b = append(b, s[g.a:g.b]...)
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false, 0, false
	}
	return f, true, intDigits, frac2
}

// TestFigParseDigits holds figParseDigits to figParseDigitsRef, bit for
// bit, over random numerals of up to five digit groups, and single
// groups of up to twenty digits.
func TestFigParseDigits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		b := make([]byte, 1+rng.IntN(20))
		for k := range b {
			b[k] = byte('0' + rng.IntN(10))
		}
		s := string(b)
		groups := []figGroup{{0, 0, len(s)}}
		v, ok, d, f2 := figParseDigits(s, groups)
		rv, rok, rd, rf2 := figParseDigitsRef(s, groups)
		if math.Float64bits(v) != math.Float64bits(rv) || ok != rok || d != rd || f2 != rf2 {
			t.Fatalf("%q: %v %v %d %v, want %v %v %d %v", s, v, ok, d, f2, rv, rok, rd, rf2)
		}
	}
	var sb strings.Builder
	for range 200000 {
		sb.Reset()
		var groups []figGroup
		n := 1 + rng.IntN(5)
		for k := range n {
			var sep byte
			if k > 0 {
				sep = ",.-"[rng.IntN(3)]
				if rng.IntN(4) > 0 {
					sep = ",."[rng.IntN(2)]
				}
				sb.WriteByte(sep)
			}
			a := sb.Len()
			for range 1 + rng.IntN(8) {
				sb.WriteByte(byte('0' + rng.IntN(10)))
			}
			groups = append(groups, figGroup{sep, a, sb.Len()})
		}
		s := sb.String()
		v, ok, d, f2 := figParseDigits(s, groups)
		rv, rok, rd, rf2 := figParseDigitsRef(s, groups)
		if math.Float64bits(v) != math.Float64bits(rv) || ok != rok || d != rd || f2 != rf2 {
			t.Fatalf("%q: %v %v %d %v, want %v %v %d %v", s, v, ok, d, f2, rv, rok, rd, rf2)
		}
	}
}
