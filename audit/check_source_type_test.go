package audit

import "testing"

func TestSourceTypePartyOnly(t *testing.T) {
	rule := testRule("source-type", `{condition: party-only, caveats: [could not be independently verified]}`,
		"{claims: [figure/casualty, figure/territory]}")
	runCases(t, rule, []checkCase{
		{name: "an army's toll",
			text: "The Syrian army said it had killed 120 terrorists near Hama.",
			want: []string{"120 terrorists"}, msgHas: "source=Syrian Arab Army type=military"},
		{name: "state media flagged as a party in the registry",
			text: "Syrian troops regained three villages north of Hama, SANA reported.",
			want: []string{"three villages"}, msgHas: "detail=[no independent source gives a territory figure"},
		{name: "an armed group's gains",
			text: "Rebels took 20 villages, the Syrian Democratic Forces said.",
			want: []string{"20 villages"}},
		{name: "a caveat in the next sentence",
			text: "Rebels took 20 villages, the Syrian Democratic Forces said. The figures could not be independently verified."},
		{name: "an independent figure of the same kind",
			text: "The Syrian army said it had killed 120 terrorists near Hama.\n\nThe Syrian Observatory for Human Rights said 85 fighters and 12 civilians had died.",
		},
		{name: "an independent figure of another kind does not count",
			text: "The Syrian army said it had killed 120 terrorists near Hama.\n\nRebels took 20 villages, the Syrian Observatory for Human Rights said.",
			want: []string{"120 terrorists"}},
		{name: "an independent source",
			text: "At least 23 civilians were killed, the Syrian Observatory for Human Rights said."},
		{name: "an unattributed figure is not judged here",
			text: "Air strikes killed at least 23 civilians on Monday."},
	})
	runCases(t, testRule("source-type", `{condition: party-only, party_types: []}`, "{claims: [figure/casualty]}"), []checkCase{
		{name: "party_types: [] leaves only the registry's flag",
			text: "The Syrian army said it had killed 120 terrorists near Hama.",
			want: []string{"120 terrorists"}}, // the registry flags the army
		{name: "an unlisted armed group is no party without party_types",
			text: "Two fighters were killed, the newly formed rebel coalition said in a statement."},
	})
	runCases(t, testRule("source-type", `{condition: party-only}`, "{claims: [figure/casualty]}"), []checkCase{
		{name: "an unlisted armed group is a party by its type",
			text: "Two fighters were killed, the newly formed rebel coalition said in a statement.",
			want: []string{"Two fighters"}},
	})
}

func TestSourceTypeStateMedia(t *testing.T) {
	rule := testRule("source-type", `{condition: state-media-unlabelled, window: 4,
  labels: [state, state-run, official news agency]}`, "")
	runCases(t, rule, []checkCase{
		{name: "SANA unlabelled",
			text: "Syrian troops have regained control of three villages north of Hama, SANA reported on Sunday.",
			want: []string{"SANA"}, msgHas: "source=SANA type=state_media cue= detail=[Syrian Arab News Agency]"},
		{name: "labelled before",
			text: "Syrian troops have regained control of three villages, the state news agency SANA reported."},
		{name: "labelled in an apposition after",
			text: "SANA, the official news agency, said 12 people were killed in Homs."},
		{name: "labelled in the mention itself",
			text: "Syrian state media said 12 people were killed in Homs."},
		{name: "labelled at a later mention",
			text: "SANA said 12 people were killed in Homs.\n\nThe state-run agency SANA said later that the toll had risen."},
		{name: "a label too far before the mention",
			text: "The state of the roads slowed the convoy for hours before SANA reported its arrival.",
			want: []string{"SANA"}},
		{name: "the registry's name is not repeated",
			text: "At least 15 civilians were killed in the shelling, according to RIA Novosti.",
			want: []string{"RIA Novosti"}, msgHas: "detail=[]"},
		{name: "not state media",
			text: "At least 15 civilians were killed in the shelling, according to Agence France-Presse."},
	})
}
