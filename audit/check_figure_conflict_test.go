package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
)

func TestFigureConflictCheck(t *testing.T) {
	runRuleCases(t, "conflicting-figures", []ruleCase{
		{"two tolls from two sources",
			"More than 370 people have been killed since Wednesday, according to the Syrian Observatory for Human Rights.\n\nThe United Nations said at least 311 people had died in the fighting.",
			[]string{"at least 311 people"}},
		{"an exact figure against a hedged one",
			"The World Health Organization said 1,200 people were killed in the floods.\n\nLocal officials said 2,000 people died.",
			[]string{"2,000 people"}},
		{"unattributed figure against a credited one",
			"At least 130 people have been killed in the fighting.\n\nThe Syrian Observatory for Human Rights said 211 people had been killed.",
			[]string{"211 people"}},
		{"each later figure reported once",
			"The Syrian Observatory for Human Rights said 370 people had been killed.\n\nThe United Nations said 300 people had died.\n\nReuters counted 250 dead.",
			[]string{"300 people", "250 dead"}},
		{"reconciled in the text",
			"More than 370 people have been killed since Wednesday, according to the Syrian Observatory for Human Rights.\n\nThe United Nations put the toll at 311, a figure that could not be independently verified.",
			nil},
		{"reconciled in the next sentence",
			"The Syrian Observatory for Human Rights said 370 people had been killed.\n\nThe United Nations said 300 people had died. The figures differ because the UN counts only identified victims.",
			nil},
		{"rounding: more than 300 is 311",
			"The offensive has left more than 300 dead, the Syrian Observatory for Human Rights said.\n\nFighting has left at least 311 dead, according to Reuters.",
			nil},
		{"a breakdown in one sentence",
			"Fighting has left at least 311 dead, 183 fighters, 100 soldiers and 28 civilians, according to the Syrian Observatory for Human Rights.",
			nil},
		{"a part of the toll",
			"At least 20 people were killed, the United Nations said.\n\nAt least 14 of the dead were civilians, according to the Syrian Observatory for Human Rights.",
			nil},
		{"the dead and the wounded",
			"Officials said 40 people were killed in the blast.\n\nAnother 75 people were injured, police said.",
			nil},
		{"events in different places",
			"Eight people were killed in Idlib, the United Nations said.\n\nFive people were killed in Aleppo, according to the Syrian Observatory for Human Rights.",
			nil},
		{"a day's count against the toll",
			"More than 370 people have been killed since Wednesday, according to the Syrian Observatory for Human Rights.\n\nRussian air strikes killed five people near the university on Sunday, Reuters said.",
			nil},
		{"different groups of people",
			"The United Nations said 100 soldiers had been killed.\n\nThe Syrian Observatory for Human Rights said 80 civilians had been killed.",
			nil},
		{"same source, two counts that are not both totals",
			"The Syrian Observatory for Human Rights said 30 people were killed in the morning raids.\n\nThe Observatory said 45 people were killed in the afternoon.",
			nil},
		{"same source, two totals",
			"The death toll has reached 370, the Syrian Observatory for Human Rights said.\n\nThe Observatory later said the toll stood at 250.",
			[]string{"250"}},
	})
}

func TestFigureConflictDetail(t *testing.T) {
	fs := ruleFindings(t, "conflicting-figures", "More than 370 people have been killed since Wednesday, according to the Syrian Observatory for Human Rights.\n\nThe United Nations said at least 311 people had died in the fighting.")
	if len(fs) != 1 {
		t.Fatalf("want 1 finding, got %d", len(fs))
	}
	for _, want := range []string{"“More than 370 people”", "Syrian Observatory for Human Rights: More than 370 people", "United Nations: at least 311 people"} {
		if !strings.Contains(fs[0].Message, want) {
			t.Errorf("message %q lacks %q", fs[0].Message, want)
		}
	}
	if fs[0].Claim < 0 || fs[0].Line != 3 {
		t.Errorf("finding on claim %d at line %d, want the later figure's claim on line 3", fs[0].Claim, fs[0].Line)
	}
}

func TestFigureBounds(t *testing.T) {
	tests := []struct {
		q      Quantity
		lo, hi float64
	}{
		{Quantity{Min: 370, Max: 370, Approx: "more than"}, 370, 380},
		{Quantity{Min: 300, Max: 300, Approx: "more than"}, 300, 400},
		{Quantity{Min: 311, Max: 311, Approx: "at least"}, 311, 312},
		{Quantity{Min: 400, Max: 400, Approx: "nearly"}, 300, 400},
		{Quantity{Min: 50, Max: 50, Approx: "around"}, 40, 60},
		{Quantity{Min: 1000, Max: 1000, Approx: "up to"}, 0, 1000},
		{Quantity{Min: 24, Max: 99, Approx: "dozens"}, 24, 99},
		{Quantity{Min: 200, Max: 300}, 200, 300},
		{Quantity{Min: 311, Max: 311, Exact: true}, 311, 311},
		{Quantity{Min: 2.5, Max: 2.5, Approx: "more than"}, 2.5, 3.5},
	}
	for _, tt := range tests {
		if lo, hi := bounds(&tt.q); lo != tt.lo || hi != tt.hi {
			t.Errorf("bounds(%+v) = %g, %g; want %g, %g", tt.q, lo, hi, tt.lo, tt.hi)
		}
	}
}

func TestFigureConflictParamErrors(t *testing.T) {
	tests := []struct{ name, params, want string }{
		{"no reconciling phrases", "  window: 1\n", "figure-conflict needs reconciling"},
		{"negative window", "  reconciling: [differs from]\n  window: -1\n", `r.yaml:8:11: rule "x": window must be 0 or more`},
		{"ratio below one", "  reconciling: [differs from]\n  max_ratio: 0.5\n", "max_ratio must be at least 1"},
		{"word in two classes", "  reconciling: [differs from]\n  classes: {dead: [killed], wounded: [killed]}\n", "is listed under both"},
		{"wrong type", "  reconciling: differs from\n", `r.yaml:7:16: parameter "reconciling"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertEngineError(t, "figure-conflict", tt.params, tt.want)
		})
	}
}

// TestFigureConflictWindows holds part and classOf, which look only near
// a figure so that a sentence of many figures stays linear, to what
// reading the whole sentence gives, at every pair of word boundaries of
// sentences made to test the edges: phrases at the very start and end,
// runs of spaces, long words with no spaces, capitals, non-ASCII spaces
// and invalid UTF-8.
func TestFigureConflictWindows(t *testing.T) {
	r, ok := rules.Find(rules.DefaultRules(), "conflicting-figures")
	if !ok {
		t.Fatal("no built-in rule conflicting-figures")
	}
	e, err := NewEngine(nil, []*rules.Rule{r})
	if err != nil {
		t.Fatal(err)
	}
	x, ok := e.rules[0].check.(figureConflict)
	if !ok || x.partBefore == nil {
		t.Fatal("no figure-conflict check in the default pack")
	}
	whole := func(s string) string { return strings.Join(strings.Fields(lexKey(s)), " ") }
	refPart := func(text string, start, end int) bool {
		before, inside, after := " "+whole(text[:start]), " "+whole(text[start:end])+" ", whole(text[end:])+" "
		for _, p := range x.partBefore {
			if strings.HasSuffix(before, " "+p) || strings.Contains(inside, " "+p+" ") {
				return true
			}
		}
		for _, p := range x.partAfter {
			if strings.HasPrefix(after, p+" ") || strings.Contains(inside, " "+p+" ") {
				return true
			}
		}
		return false
	}
	refClassOf := func(toks []qword, start, end int) string {
		best, dist := "", 1<<62
		for _, t := range toks {
			cl := x.classes[t.key]
			if cl == "" || t.start >= start && t.end <= end {
				continue
			}
			d := t.start - end
			if t.end <= start {
				d = 2 * (start - t.end)
			}
			if d < dist {
				best, dist = cl, d
			}
		}
		return best
	}
	texts := []string{
		"Among them 14 were civilians, of whom 3 were children.",
		"At least 14 of the dead were civilians  among   them five KILLED\u00a0Among Them 3",
		"Another 75 people were injured and 40 killed, including 12 wounded of those 7 dead",
		"Aleppo-Homs/Damascus.SOHR,1,000“dead”Aleppo-Homs/Damascus.SOHR,1,000“dead” of them 5",
		"of the\t\n 30 among whom \xff\xfe 20 died, other 4 deaths, of them",
		"İNCLUDİNG 5 KİLLED, among the 9 wounded",
	}
	for _, text := range texts {
		toks := appendQWords(nil, text, 0, len(text))
		var classToks []int
		for i, tk := range toks {
			if x.classes[tk.key] != "" {
				classToks = append(classToks, i)
			}
		}
		// Every word boundary, and every byte offset of short texts.
		var cuts []int
		for i := 0; i <= len(text); i++ {
			cuts = append(cuts, i)
		}
		for _, start := range cuts {
			for _, end := range cuts {
				if end < start || end-start > 12 {
					continue
				}
				if got, want := x.part(text, start, end), refPart(text, start, end); got != want {
					t.Errorf("part(%q, %d, %d) = %v, want %v", text, start, end, got, want)
				}
				if got, want := x.classOf("", toks, classToks, start, end), refClassOf(toks, start, end); got != want {
					t.Errorf("classOf(%q, %d, %d) = %q, want %q", text, start, end, got, want)
				}
			}
		}
	}
}
