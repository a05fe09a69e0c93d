package audit

import "testing"

// TestFigureQuantitiesOwned holds Analyzer.claims to giving each article
// Quantities of its own: the finder's buffer they are found in is reused
// by the next article, which must leave the first one's figures as they
// were.
func TestFigureQuantitiesOwned(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	first := NewDocument("first", FormatText, "More than 370 people were killed. Dozens of towns were shelled and 12,000 fled.")
	a.Analyze(first)
	want := figureQuantities(first)
	if len(want) != 3 {
		t.Fatalf("first article: %d figure quantities, want 3: %+v", len(want), want)
	}
	for range 3 {
		second := NewDocument("second", FormatText, "Five people died and 40 were hurt, with 2,000 displaced and hundreds of homes lost.")
		a.Analyze(second)
		if len(figureQuantities(second)) == 0 {
			t.Fatal("second article: no figure quantities")
		}
	}
	got := figureQuantities(first)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("first article's figure %d changed: %+v, was %+v", i, got[i], want[i])
		}
	}
}

// figureQuantities returns the Quantities of doc's figure claims.
func figureQuantities(doc *Document) []Quantity {
	var qs []Quantity
	for _, c := range doc.Claims {
		if c.Quantity != nil {
			qs = append(qs, *c.Quantity)
		}
	}
	return qs
}
