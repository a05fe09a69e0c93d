package audit

import (
	"strings"
	"testing"
)

// TestInvertedTagSurname checks the speaker of a quotation followed by an
// inverted speech tag that names its speaker by a bare capitalised word
// ("“…,” said Davies."): the full name given elsewhere when there is one,
// else the word; and that organisations, months, days and other
// capitalised non-names after the verb are not taken for a person.
func TestInvertedTagSurname(t *testing.T) {
	tests := []struct {
		name, text, quote, want string
		not                     string // when set, want is unchecked
	}{
		{
			name:  "surname after the verb takes the full name given before",
			text:  "Headline here\n\nEd Davies, the party's spokesman, set out the plans on Tuesday.\n\n“We will not stop,” said Davies.\n",
			quote: "We will not stop", want: "Ed Davies",
		},
		{
			name:  "surname after the verb with a trailing clause",
			text:  "Headline here\n\nThe minister, Anna Smith, has defended the report.\n\n\"The figures are clear,\" said Smith, adding that more work was needed.\n",
			quote: "The figures are clear", want: "Anna Smith",
		},
		{
			name:  "surname never given in full",
			text:  "Headline here\n\nThe council met on Tuesday to discuss the plans.\n\n“We will not stop,” said Davies.\n",
			quote: "We will not stop", want: "Davies",
		},
		{
			name:  "other reporting verbs invert too",
			text:  "Headline here\n\nCoach Mark Hughes watched from the stand.\n\n“It was a tough night for us,” added Hughes.\n",
			quote: "It was a tough night", want: "Mark Hughes",
		},
		{
			name:  "a full name before the speaker's surname in the tag still works",
			text:  "Headline here\n\n“We will not stop,” said Ed Davies.\n",
			quote: "We will not stop", want: "Ed Davies",
		},
		{
			name:  "the uninverted tag still works",
			text:  "Headline here\n\nEd Davies, the party's spokesman, set out the plans.\n\n“We will not stop,” Davies said.\n",
			quote: "We will not stop", want: "Ed Davies",
		},
		{
			name:  "a surname and a time",
			text:  "Headline here\n\nEd Davies, the party's spokesman, set out the plans.\n\n\"We will not stop,\" said Davies on Tuesday.\n",
			quote: "We will not stop", want: "Ed Davies",
		},
		{
			name:  "a single-word first name the article gives",
			text:  "Headline here\n\nMustafa lives with his two sons in the city.\n\n“The people here were terrified,” says Mustafa, who lost his home.\n",
			quote: "The people here", want: "Mustafa",
		},
		{
			name:  "a company modifying a description is no speaker",
			text:  "Headline here\n\nShares in the firm fell sharply.\n\n“The outlook is uncertain,” said Yukos chief executive Steven Theede.\n",
			quote: "The outlook", want: "Steven Theede",
		},
		{
			name:  "a firm joined by and is no speaker",
			text:  "Headline here\n\nIndian outsourcing is growing fast.\n\n“Costs are rising,” added Ernst and Young's Sanjay Mehta.\n",
			quote: "Costs are rising", not: "Ernst",
		},
		{
			name:  "a firm of partners is no speaker",
			text:  "Headline here\n\nShares in the firm fell sharply.\n\n\"Costs are rising,\" said Donaldson, Lufkin and Jenrette Inc analyst William Marcus.\n",
			quote: "Costs are rising", not: "Donaldson",
		},
		{
			name:  "a place modifying a description is no speaker",
			text:  "Headline here\n\nThe match ended in a draw.\n\n“The US may be weaker,” said Ulster man Humphreys.\n",
			quote: "The US may be", not: "Ulster",
		},
		{
			name:  "a news agency stays an organisation",
			text:  "Headline here\n\nThe talks ended without agreement.\n\n“The talks have collapsed,” said Reuters.\n",
			quote: "The talks have collapsed", want: "Reuters",
		},
		{
			name:  "a day after the verb is no speaker",
			text:  "Headline here\n\nThe talks ended without agreement.\n\n“The talks have collapsed,” said Monday's statement.\n",
			quote: "The talks have collapsed", want: "nobody",
		},
		{
			name:  "a month after the verb is no speaker",
			text:  "Headline here\n\nThe talks ended without agreement.\n\n“The talks have collapsed,” said January's report.\n",
			quote: "The talks have collapsed", want: "nobody",
		},
		{
			name:  "a capitalised sentence start after the quote is no speaker",
			text:  "Headline here\n\nThe talks ended without agreement.\n\n“The talks have collapsed.” Said to be furious, officials left the room.\n",
			quote: "The talks have collapsed", want: "nobody",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := analyzeText(t, tt.text)
			for _, q := range doc.Quotes {
				if !strings.HasPrefix(strings.TrimLeft(q.Text, "\"“"), tt.quote) {
					continue
				}
				got := "nobody"
				if q.Speaker != nil {
					got = q.Speaker.Name
				}
				if tt.not != "" {
					if got == tt.not {
						t.Errorf("speaker of %q = %q, want anyone else", tt.quote, got)
					}
					return
				}
				if got != tt.want {
					t.Errorf("speaker of %q = %q, want %q", tt.quote, got, tt.want)
				}
				return
			}
			t.Fatalf("quote %q not found among %d quotes", tt.quote, len(doc.Quotes))
		})
	}
}
