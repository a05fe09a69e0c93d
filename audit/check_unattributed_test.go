package audit

import "testing"

func TestUnattributed(t *testing.T) {
	casualty := testRule("unattributed", "", "{claims: [figure/casualty]}")
	runCases(t, casualty, []checkCase{
		{name: "toll with no source",
			text: "Russian air strikes on the city's outskirts killed at least 23 civilians on Monday.",
			want: []string{"at least 23 civilians"}, msgHas: "kind=figure/casualty"},
		{name: "toll credited in the sentence",
			text: "Russian air strikes killed at least 23 civilians on Monday, the Syrian Observatory for Human Rights said."},
		{name: "toll credited by an opening according to",
			text: "According to the Syrian Observatory for Human Rights, the strikes killed at least 23 civilians. They also killed 11 fighters."},
		{name: "figures of one sentence make one finding",
			text: "The fighting has left at least 311 dead, 183 from HTS and rebel factions, 100 soldiers and 28 civilians.",
			want: []string{"at least 311 dead"}, msgHas: "and 3 more in the sentence: “183”, “100 soldiers”, “28 civilians”"},
		{name: "two sentences, two findings",
			text: "A car bomb killed eight people in Jableh on Tuesday.\n\nAnother blast wounded 14 people in Tartus.",
			want: []string{"eight people", "14 people"}},
		{name: "a vague cue is left to the vague check",
			text: "At least 130 people are said to have been killed in the fighting."},
		{name: "other subkinds are out of scope",
			text: "Rebel fighters seized dozens of towns before reaching Aleppo."},
		{name: "captions are not audited",
			text: "Photo: At least 23 civilians were killed in the strikes. (AFP)"},
	})
	runCases(t, testRule("unattributed", "{vague: report}", "{claims: [figure/casualty]}"), []checkCase{
		{name: "vague: report flags vaguely credited figures too",
			text: "At least 130 people are said to have been killed in the fighting.",
			want: []string{"At least 130 people"}, msgHas: "cue=are said to have been"},
	})
	runCases(t, testRule("unattributed", "", "{claims: [figure/territory, figure/displacement]}"), []checkCase{
		{name: "territory", text: "Rebel fighters seized dozens of towns before reaching Aleppo.", want: []string{"dozens of towns"}},
		{name: "displacement credited", text: "The offensive has displaced more than 48,000 people, the United Nations said."},
	})
}
