package audit

import (
	"math/rand"
	"strings"
	"testing"
)

func TestBackrefCheck(t *testing.T) {
	runRuleCases(t, "unresolved-backref", []ruleCase{
		{"nothing named before",
			"Russian air strikes killed five people near the university on Sunday, according to the NGO.",
			[]string{"the NGO"}},
		{"named only after the back-reference",
			"Rebels took the airport on Saturday, the monitor said.\n\nThe Syrian Observatory for Human Rights later put the toll at 370.",
			[]string{"the monitor"}},
		{"a source of another kind is no antecedent",
			"The Syrian government said rebels had withdrawn from Hama. Five people were killed in the city, according to the NGO.",
			[]string{"the NGO"}},
		{"registry source named before",
			"The Syrian Observatory for Human Rights said rebels had taken the airport. Russian air strikes killed five people near the university, according to the NGO.",
			nil},
		{"indefinite mention before",
			"An NGO said rebels had taken the airport. The NGO added that five people were killed near the university.",
			nil},
		{"organisation the registry does not know, of the right type",
			"The Syrian American Medical Society said 12 of its doctors had been killed. The NGO added that two hospitals had been hit.",
			nil},
		{"name ending in the back-reference's noun",
			"The European Medicines Agency approved the vaccine on Friday. The agency said trials showed no serious side effects.",
			nil},
		{"generic back-reference after any organisation",
			"Profits at the Halifax rose 5% in 2004, the group said.",
			nil},
		{"back-reference that needs no antecedent", "Rebels entered Aleppo on Friday, the government said.", nil},
		{"not a credit", "The town of Saraqeb sits at the centre of the offensive.", nil},
		{"introduces a name", "Rebels entered Aleppo on Friday, according to the French news agency AFP.", nil},
		{"in a quotation, the speaker's words",
			"\u201cThe agency has lied to us for years,\u201d a resident of Aleppo said.", nil},
	})
}

// TestIndefiniteHead checks that ruling texts out by the noun alone
// changes nothing the regular expression finds.
func TestIndefiniteHead(t *testing.T) {
	pieces := []string{"a", "an", "one", "another", "An", "ONE", "local", "ngo", "NGO", "NGOs", "monitor", "Monitor", "agency", "agencies",
		"centre", "\u212a", "k", "ſ", " ", "  ", "\n", "-", "'", "’", "_", ",", ".", "é", "x"}
	rng := rand.New(rand.NewSource(1))
	for _, head := range []string{"NGO", "monitor", "agency", "centre", "k", "s", "é", "-x"} {
		h := newIndefiniteHead(head)
		for n := 0; n < 20000; n++ {
			var b strings.Builder
			for k := rng.Intn(10); k >= 0; k-- {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			text := b.String()
			if got, want := h.match(text), h.re().MatchString(text); got != want {
				t.Fatalf("head %q, %q: got %v, want %v", head, text, got, want)
			}
		}
	}
}
