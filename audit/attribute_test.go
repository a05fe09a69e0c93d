package audit

import (
	"strings"
	"testing"
)

// analyzeText structures and analyses a plain-text article.
func analyzeText(t *testing.T, text string) *Document {
	t.Helper()
	doc := NewDocument("test.txt", FormatText, text)
	Structure(doc, DefaultLexicon())
	Analyze(doc)
	return doc
}

// TestQuoteSpeakers checks the speaker credited to a quotation, found by
// the start of its quoted words.
func TestQuoteSpeakers(t *testing.T) {
	tests := []struct {
		name, text, quote, want string
	}{
		{
			name:  "an organisation the registry does not know speaks",
			text:  "Headline here\n\nMedical charity the Lakeside Medical Society (LMS) said July was the worst month.\n\"There were many attacks on clinics,\" a LMS statement said.\n",
			quote: "There were many", want: "Lakeside Medical Society",
		},
		{
			name:  "the company refers to an organisation named by its suffix",
			text:  "Headline here\n\nTwo workers were hurt at a refinery, Silver Rock Mining Ltd said.\nThe company said the fighting was \"quelled\" by its staff.\n",
			quote: "quelled", want: "Silver Rock Mining Ltd",
		},
		{
			name:  "a described subject after the verb",
			text:  "Headline here\n\nThe club boss Rafael Mendes is keen to sign a striker.\n\"I would be keen to leave,\" admitted the 28-year-old Torres.\n",
			quote: "I would be keen", want: "Torres",
		},
		{
			name:  "a verb form followed by a verb is a noun",
			text:  "Headline here\n\nOil minister Ade Okafor was confident.\nIndustry reports estimated the group was producing more.\n\"We have the experience,\" he said.\n",
			quote: "We have the", want: "Okafor",
		},
		{
			name:  "a document speaks",
			text:  "Headline here\n\nThe firm has sued a former employee.\nThe complaint said an \"unnamed person has leaked secrets\".\n",
			quote: "unnamed person", want: "The complaint",
		},
		{
			name:  "he skips a woman named after the speaker",
			text:  "Headline here\n\nBBC correspondent Gary Hall said Mrs Lane was likely to face further calls for restraint.\n\"It can be embarrassing,\" he said.\n",
			quote: "It can be", want: "Gary Hall",
		},
		{
			name:  "he refers to an unnamed spokesman",
			text:  "Headline here\n\nCulture Secretary Tessa Lowe said the bill would ban trickery.\n\nA spokesman for the trade body said the government was trying to allay fears.\n\"We have the lowest level of problem gambling,\" he said.\n",
			quote: "We have the lowest", want: "A spokesman",
		},
		{
			name:  "a definite description names the person before it",
			text:  "Headline here\n\nRock star Ozzy Brown said his family will not make any more episodes.\n\n\"I didn't like having cameras around,\" the heavy metal singer told reporters at the awards.\n",
			quote: "I didn't like", want: "Ozzy Brown",
		},
		{
			name:  "an agent described after he was named",
			text:  "Headline here\n\nDipo Bell says he has received an offer for the player.\nBut Bell insists the player is worth more.\n\"His demands are anything but excessive,\" the agent added.\n",
			quote: "His demands", want: "Dipo Bell",
		},
		{
			name:  "X quoted Y as saying",
			text:  "Headline here\n\nThe jury recommended nine years in prison.\n\"He's been ripping people off for years,\" AP quoted prosecutor Russell Mack as saying.\n",
			quote: "He's been", want: "Russell Mack",
		},
		{
			name:  "an apposition across a wrapped line",
			text:  "Headline here\n\n    \"We would like to sell more cars,\" said James Fry, vice-president\nof the distribution arm.\n    \"The low dollar makes our prices attractive,\" he told Reuters later.\n",
			quote: "The low dollar", want: "James Fry",
		},
		{
			name:  "a speech tag phrase takes its subject before it",
			text:  "Headline here\n\nRock star Ozzy Brown has said the show is over.\n\n\"I didn't like the cameras,\" Ozzy Brown told reporters at the awards.\n",
			quote: "I didn't like", want: "Ozzy Brown",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := analyzeText(t, tt.text)
			for _, q := range doc.Quotes {
				if !strings.HasPrefix(q.Text, tt.quote) && !strings.HasPrefix(strings.TrimLeft(q.Text, "\"“"), tt.quote) {
					continue
				}
				got := "nobody"
				if q.Speaker != nil {
					got = q.Speaker.Name
				}
				if !strings.Contains(got, tt.want) {
					t.Errorf("speaker of %q = %q, want %q", tt.quote, got, tt.want)
				}
				return
			}
			t.Fatalf("quote %q not found among %d quotes", tt.quote, len(doc.Quotes))
		})
	}
}

// TestAnonymousSourceFigure checks that a figure credited only to an
// anonymous source is vague, not attributed, while an unnamed but
// identified source still counts as a credit.
func TestAnonymousSourceFigure(t *testing.T) {
	tests := []struct {
		name, text, figure string
		attributed, vague  bool
	}{
		{"anonymous source", "Headline here\n\nThe cuts would save about 40 billion dollars, a committee source said.\n", "40 billion", false, true},
		{"congressional sources", "Headline here\n\nCongressional sources said about 300 jobs would go.\n", "300 jobs", false, true},
		{"unnamed spokesman", "Headline here\n\nA company spokesman said about 300 jobs would go.\n", "300 jobs", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := analyzeText(t, tt.text)
			for _, c := range doc.Claims {
				if c.Kind != ClaimFigure || !strings.Contains(c.Text, strings.Fields(tt.figure)[0]) {
					continue
				}
				if (c.Attribution != nil) != tt.attributed || (c.Vague != nil) != tt.vague {
					t.Errorf("figure %q: attributed %v, vague %v; want %v, %v", c.Text, c.Attribution != nil, c.Vague != nil, tt.attributed, tt.vague)
				}
				return
			}
			t.Fatalf("figure %q not found", tt.figure)
		})
	}
}

// TestFindDefinites checks the definite descriptions that stand for a
// source named earlier.
func TestFindDefinites(t *testing.T) {
	lex := &DefaultLexicon().People
	tests := []struct {
		text string
		want []string
	}{
		{`"It is over," the Black Sabbath singer told reporters.`, []string{"the Black Sabbath singer"}},
		{`"He called them tapes," his son said.`, []string{"his son"}},
		{`The company said two groups of workers began fighting.`, []string{"The company"}},
		{`The director Ridley Scott said he was thrilled.`, nil},
		{`Rami Abdel Rahmane, the head of the SOHR, said so.`, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range FindDefinites(tt.text, lex) {
			got = append(got, tt.text[d.Start:d.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("FindDefinites(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
