package audit

import (
	"strings"
	"testing"
)

func TestSingleSource(t *testing.T) {
	sohr := []string{
		"Rebels entered Aleppo on Friday, the Syrian Observatory for Human Rights said.",
		"The SOHR said they had taken most of the city by Saturday.",
		"At least 311 people have been killed, according to the SOHR.",
		"Russian jets struck the city overnight, the monitor said.",
		"The army has reinforced its lines around Hama, the SOHR said.",
	}
	others := []string{
		"“We are afraid,” said Sarmad, a resident.",
		"The Syrian army said it had pulled back to regroup.",
		"Russian jets struck the city overnight, the Russian defence ministry said.",
	}
	para := func(ps ...string) string { return strings.Join(ps, "\n\n") }
	rule := testRule("single-source", "{threshold: 0.6, min_sentences: 5}", "")
	runCases(t, rule, []checkCase{
		{name: "five of six on one monitor",
			text:   para(append(sohr, others[0])...),
			want:   []string{"Syrian Observatory for Human Rights"},
			msgHas: "detail=[5 of 6 sourced sentences (83%) rest on Syrian Observatory for Human Rights]"},
		{name: "three of six is below the threshold",
			text: para(sohr[0], others[0], sohr[2], others[1], sohr[4], others[2])},
		{name: "too few sourced sentences to judge",
			text: para(sohr[0], sohr[1], sohr[2], sohr[3])},
		{name: "a sentence counts once, however many figures it holds",
			text: para("The fighting has left at least 311 dead, 183 fighters, 100 soldiers and 28 civilians, the SOHR said.",
				others[0], others[1], others[2], "Rebels took 70 localities, the SOHR said."),
		},
	})
	runCases(t, testRule("single-source", "{threshold: 0.5, min_sentences: 6}", ""), []checkCase{
		{name: "a lower threshold",
			text:   para(sohr[0], others[0], sohr[2], others[1], sohr[4], others[2]),
			want:   []string{"Syrian Observatory for Human Rights"},
			msgHas: "3 of 6 sourced sentences (50%)"},
	})
	runCases(t, testRule("single-source", "{min_sentences: 3, types: [eyewitness]}", ""), []checkCase{
		{name: "types limits what is counted",
			text: para(sohr[0], sohr[1], sohr[2], "“The shops are empty,” said Batool Hassan, a resident.", "“We have no fuel,” said Sarmad Haddad, a teacher.",
				"“Nobody sleeps,” Sarmad Haddad added."),
			want: []string{"Sarmad Haddad"}, msgHas: "2 of 3 sourced sentences (67%) rest on Sarmad Haddad"},
	})
}
