package audit

import "testing"

func TestQuoteSpeakerMissing(t *testing.T) {
	runCases(t, testRule("quote-speaker", "", ""), []checkCase{
		{name: "a quotation nobody said",
			text: "Shops reopened on Sunday, but shelves were almost empty.\n\n“There is no fuel, no transport, nothing. Life has simply stopped.”",
			want: []string{"“There is no fuel, no transport, nothing. Life has simply stopped.”"}, msgHas: "kind=quote/"},
		{name: "a quotation with its speaker",
			text: "“There is no fuel, no transport, nothing,” said Batool, a resident of Aleppo."},
		{name: "a dash quotation with its speaker",
			text: "– Our forces have begun to enter the city of Aleppo, says the rebel coalition in a statement."},
		{name: "a quoted name is nobody's words",
			text: "Rebels launched the “Deterrence of Aggression” operation on Wednesday."},
		{name: "scare quotes are nobody's words",
			text: "The president vowed to crush what he called “terrorists”."},
		{name: "a vaguely credited quotation is left to the vague check",
			text: "“We will fight on until the last man,” sources said."},
	})
	runCases(t, testRule("quote-speaker", "{vague: report}", ""), []checkCase{
		{name: "vague: report",
			text: "“We will fight on until the last man,” sources said.",
			want: []string{"“We will fight on until the last man,”"}},
	})
	runCases(t, testRule("quote-speaker", "{kinds: [partial]}", ""), []checkCase{
		{name: "a partial quotation with no speaker",
			text: "The withdrawal was described as “a betrayal of the revolution” in leaflets dropped over the city.",
			want: []string{"“a betrayal of the revolution”"}},
		{name: "a partial quotation credited",
			text: "The rebels met “no significant resistance”, according to the Syrian Observatory for Human Rights."},
		{name: "direct quotations are not judged with kinds: [partial]",
			text: "Shops reopened on Sunday.\n\n“There is no fuel, no transport, nothing. Life has simply stopped.”"},
	})
}

func TestQuoteSpeakerAmbiguous(t *testing.T) {
	rule := testRule("quote-speaker", "{missing: false, ambiguous: true}", "")
	runCases(t, rule, []checkCase{
		{name: "two speakers named in one sentence, then he said",
			text: "Analyst Nanar Hawach said the lines would hold. Commander Ahmed Saleh said they would not.\n\nMr Hawach and Mr Saleh met in Geneva. “Nobody expected this,” he said.",
			want: []string{"“Nobody expected this,”"}, msgHas: "detail=[“he” could refer to Nanar Hawach as well as Ahmed Saleh"},
		{name: "someone other than the resolved speaker named last",
			text: "“The road is open,” army commander Ahmed Saleh told reporters.\n\nTribal leader Omar Khatib said the convoys were ready.\n\nMr Khatib later toured the checkpoint with Mr Saleh. “The first trucks leave on Monday,” he said.",
			want: []string{"“The first trucks leave on Monday,”"}},
		{name: "people who never speak are not weighed",
			text: "Analyst Nanar Hawach met commander Ahmed Saleh.\n\n“Nobody expected this,” he said."},
		{name: "the last speaker tagged in the paragraph",
			text: "Army commander Ahmed Saleh said the road was open.\n\nTribal leader Omar Khatib said the convoys were ready. “We expect the first trucks on Monday,” he said."},
		{name: "the speaker tagged earlier in the paragraph",
			text: "“The road is open,” army commander Ahmed Saleh said after meeting tribal leader Omar Khatib in Raqqa. “We expect convoys on Monday,” he added."},
		{name: "one person named",
			text: "The England team trained at Pennyhill Park with captain Jason Robinson. “We should have won,” he said."},
		{name: "she, and a man whose gender the text does not give",
			text: "Spokeswoman Layla Haddad said the talks had failed. Commander Ahmed Saleh said they would resume.\n\nMs Haddad and commander Saleh left Geneva on Monday. “We agreed on nothing,” she said.",
			want: []string{"“We agreed on nothing,”"}, msgHas: "“she” could refer to"},
		{name: "she, and a man the text calls Mr",
			text: "Spokeswoman Layla Haddad said the talks had failed. Mr Ahmed Saleh said they would resume.\n\nMs Haddad and Mr Saleh left Geneva on Monday. “We agreed on nothing,” she said."},
		{name: "a quotation with no speaker is not judged here",
			text: "Shops reopened on Sunday.\n\n“There is no fuel, no transport, nothing. Life has simply stopped.”"},
	})
	far := "Analyst Nanar Hawach said the lines would hold. Commander Ahmed Saleh said they would not. Mr Hawach and Mr Saleh then left Geneva.\n\nThe talks resumed on Monday.\n\n“Nobody expected this,” he said."
	runCases(t, rule, []checkCase{{name: "people two paragraphs back are out of the window", text: far}})
	runCases(t, testRule("quote-speaker", "{missing: false, ambiguous: true, paragraphs: 2}", ""), []checkCase{
		{name: "paragraphs: 2 takes them in", text: far, want: []string{"“Nobody expected this,”"}},
	})
}

func TestQuotedName(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Deterrence of Aggression", true},
		{"Operation Dawn of Freedom", true},
		{"The Lord of the Rings", true},
		{"We are afraid", false},
		{"Liberation", false},                                      // one word: could be a cry
		{"We Will Win!", false},                                    // punctuated: an utterance
		{"force", false},                                           // a scare quote, but not a name
		{"Justice for the Victims of Aleppo and Idlib Now", false}, // too long for a title
		{"", false},
	}
	for _, tt := range tests {
		if got := quotedName(tt.text); got != tt.want {
			t.Errorf("quotedName(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
