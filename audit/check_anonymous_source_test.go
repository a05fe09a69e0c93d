package audit

import "testing"

// anonymousParams are the parameters of the tests: short lists in the
// spirit of the built-in rule's.
const anonymousParams = `{except: [spokesman], backrefs: [the], positions: [close to, familiar with, in the],
  reasons: [not authorised to, for fear of], anonymity: [on condition of anonymity, asked not to be named]}`

func TestAnonymousSource(t *testing.T) {
	runCases(t, testRule("anonymous-source", anonymousParams, ""), []checkCase{
		{name: "a bare official",
			text: "Two drones hit the convoy as it left the city, an official told AFP.",
			want: []string{"an official"}, msgHas: "detail=[neither their position nor a reason for anonymity is given"},
		{name: "officials, plural",
			text: "Officials said the airport would stay closed until further notice.",
			want: []string{"Officials"}, msgHas: "source=Officials type=official"},
		{name: "placed but not explained",
			text: "Two drones hit the convoy, a senior official said.",
			want: []string{"a senior official"}, msgHas: "detail=[no reason for anonymity is given"},
		{name: "placed by what follows",
			text: "A source close to the negotiations said the deal was done.",
			want: []string{"A source close to the negotiations"}, msgHas: "detail=[no reason for anonymity is given"},
		{name: "placed by a modifier",
			text: "The runway was damaged, Turkish officials said.",
			want: []string{"Turkish officials"}, msgHas: "detail=[no reason for anonymity is given"},
		{name: "anonymity granted without a reason",
			text: "A senior official, who spoke on condition of anonymity, said the talks had collapsed.",
			want: []string{"A senior official"}, msgHas: "detail=[the article grants anonymity but does not say why"},
		{name: "placed and explained in the sentence",
			text: "A senior official, who asked not to be named for fear of reprisals, said the talks had collapsed."},
		{name: "explained in the next sentence",
			text: "Two drones hit the convoy, a senior official said. He spoke on condition of anonymity because he was not authorised to brief the media."},
		{name: "a reason two sentences on is too far",
			text: "Two drones hit the convoy, a senior official said. The convoy was carrying food. He was not authorised to brief the media.",
			want: []string{"a senior official"}},
		{name: "a back-reference is judged at its first mention only",
			text: "Western diplomats said the vote would be delayed. The diplomats said a new draft was ready.",
			want: []string{"Western diplomats"}},
		{name: "named sources are not judged",
			text: "Two drones hit the convoy, Rami Abdel Rahman, the director of the Syrian Observatory for Human Rights, told AFP."},
		{name: "unnamed eyewitnesses are not of the judged types",
			text: "“There is no bread left,” a resident of Aleppo told AFP."},
	})
	runCases(t, testRule("anonymous-source", `{require: [position], positions: [close to]}`, ""), []checkCase{
		{name: "require position only: a bare source",
			text: "Diplomats said the vote would be delayed.",
			want: []string{"Diplomats"}, msgHas: "detail=[nothing says what position gives them the knowledge"},
		{name: "require position only: a placed source passes",
			text: "A source close to the negotiations said the deal was done."},
		{name: "without backrefs, a back-reference is judged like any mention",
			text: "Western diplomats said the vote would be delayed. The diplomats said a new draft was ready.",
			want: []string{"The diplomats"}},
	})
	runCases(t, testRule("anonymous-source", `{require: [reason], types: [eyewitness], sources: [eyewitness], reasons: [for fear of]}`, ""), []checkCase{
		{name: "types: eyewitness judges residents",
			text: "Residents said militiamen had looted shops on the main road.",
			want: []string{"Residents"}},
		{name: "types: eyewitness with a reason",
			text: "Residents, who asked not to be named for fear of reprisals, said militiamen had looted shops."},
	})
}
