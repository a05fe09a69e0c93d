package audit

import "testing"

func TestVague(t *testing.T) {
	runCases(t, testRule("vague", "", ""), []checkCase{
		{name: "a figure said to be",
			text: "At least 130 people are said to have been killed in the fighting with government forces.",
			want: []string{"At least 130 people"}, msgHas: "cue=are said to have been"},
		{name: "reportedly, with no claim",
			text: "The governor of Aleppo has reportedly fled the city with his family.",
			want: []string{"reportedly"}, msgHas: "kind=/"},
		{name: "said to belong",
			text: "Civilians were shot at by snipers said to belong to the Syrian Democratic Forces.",
			want: []string{"said to"}},
		{name: "according to reports",
			text: "According to reports, the commander fled to Idlib overnight.",
			want: []string{"According to reports"}},
		{name: "one cue, several figures: one finding",
			text: "Rebels reportedly seized 12 villages and three towns on Friday.",
			want: []string{"12 villages"}, msgHas: "and 1 more in the sentence: “three towns”"},
		{name: "a named source",
			text: "At least 130 people have been killed in the fighting, the Syrian Observatory for Human Rights said."},
		{name: "a sentence that credits a source is not vague",
			text: "The Syrian Observatory for Human Rights said the commander had reportedly fled."},
		{name: "said to reporters is a speech tag",
			text: "The minister said to reporters that the talks had failed."},
		{name: "figure credited to an anonymous source",
			text: "Forty people were killed in the raid, a committee source said.",
			want: []string{"Forty people"}, msgHas: "cue=a committee source said"},
	})
	runCases(t, testRule("vague", "{anonymous: skip, ignore: [apparently], backrefs: [the]}", ""), []checkCase{
		{name: "anonymous credit left to the anonymous-source check",
			text: "Forty people were killed in the raid, a committee source said."},
		{name: "an ignored cue",
			text: "The message was apparently not accompanied by any sales of sterling."},
		{name: "the sources said refers back",
			text: "Sources told Reuters the bank would act on Monday. The bank rarely acts on a Saturday, the sources said.",
			want: []string{"Sources told"}}, // not the back-reference
		{name: "a lexicon cue is still reported",
			text: "Forty people were reportedly killed in the raid.",
			want: []string{"Forty people"}},
	})
	runCases(t, testRule("vague", "{cues: claims}", ""), []checkCase{
		{name: "cues: claims leaves bare cues alone",
			text: "The governor of Aleppo has reportedly fled the city with his family."},
		{name: "cues: claims still flags claims",
			text: "At least 130 people are said to have been killed.", want: []string{"At least 130 people"}},
	})
	runCases(t, testRule("vague", "", "{claims: [figure/casualty]}"), []checkCase{
		{name: "a cue on an out-of-scope claim is not reported",
			text: "Rebels reportedly seized 12 villages on Friday."},
	})
}
