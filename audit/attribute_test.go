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
		{
			name:  "a quote introduced by a colon after a sentence about its speaker",
			text:  "Headline here\n\nSinger Tom Vale said the tour was over.\n\nVale himself was at a loss to explain its success: \"I suppose people like a bit of chaos.\"\n",
			quote: "I suppose", want: "Tom Vale",
		},
		{
			name:  "plural speakers issuing a statement",
			text:  "Headline here\n\nMr Byrne and Mr Doyle issued a statement on Friday saying that they remained \"long-term investors\" in the club.\n",
			quote: "long-term", want: "Doyle",
		},
		{
			name:  "a phrase tag takes its subject, not its audience",
			text:  "Headline here\n\nBoth unions are silent, but one insider pointed out to the BBC News website that \"nobody is denying a merger\" this week.\n",
			quote: "nobody is denying", want: "one insider",
		},
		{
			name:  "she finds a wife named by her relation",
			text:  "Headline here\n\n\"I didn't like the cameras,\" singer Ozzy Brown told reporters. His wife Sharon, who also appears in the show, agreed. \"Now everybody is doing it,\" she said.\n",
			quote: "Now everybody", want: "Sharon",
		},
		{
			name:  "a partial quote with a trailing speech tag at the end of its sentence",
			text:  "Headline here\n\nClimate change was an issue the prime minister \"wanted to progress\" during the presidency of the G8 in 2005, said a spokesman.\n",
			quote: "wanted to progress", want: "a spokesman",
		},
		{
			name:  "an utterance opening its sentence, quoted by an agency (commas stripped)",
			text:  "Headline here\n\n\"Twenty members of the group died in an explosion inside a mosque\" Rami Abdel Rahman head of the Syrian Observatory for Human Rights was quoted by AFP as saying.\n",
			quote: "Twenty members", want: "Syrian Observatory",
		},
		{
			name:  "a bare apposition (commas stripped) and a pronoun",
			text:  "Headline here\n\nLast month Abu Omar al-Halabi a commander of al-Nusra threatened to target the towns.\n\"We will prepare a thousand rockets\" he said in an audio recording.\n",
			quote: "We will prepare", want: "al-Halabi",
		},
		{
			name:  "the speaker's first person leads into a fragment",
			text:  "Headline here\n\nVideo games are \"big business\", the paper quoted Mr Chapman as saying. We \"would like to get into it\".\n",
			quote: "would like", want: "Chapman",
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
		{"a source placed at an institution", "Headline here\n\nA source at Homs Police Command said that 4 rocket shells hit the district.\n", "4 rocket", false, true},
		{"sources close to a named person", "Headline here\n\nSources close to Mr Bell said around eight other members would leave.\n", "eight other", false, true},
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

// TestFigureAttribution checks whether a figure is credited to someone,
// for each way a credit is written that the attribution stage reads.
func TestFigureAttribution(t *testing.T) {
	tests := []struct {
		name, text, figure string
		attributed         bool
	}{
		{"bare plural after a comma", "Headline here\n\nHe amassed a fortune of $24m from his sales, prosecutors said.\n", "$24m", true},
		{"bare plural with a modifier", "Headline here\n\nUnion leaders said they would not return to work without a 275 pct pay rise.\n", "275 pct", true},
		{"with analysts saying: what follows", "Headline here\n\nShares jumped 10.7% on the news, with analysts saying sales of $600m were possible.\n", "$600m", true},
		{"with analysts saying: not what precedes", "Headline here\n\nShares jumped 10.7% on the news, with analysts saying sales of $600m were possible.\n", "10.7%", false},
		{"plural subject and base form", "Headline here\n\nThe Sunday Herald and The Daily Courier say they will oppose any formal £800m bid.\n", "£800m", true},
		{"apposition without its closing comma", "Headline here\n\nThe carmaker hopes to sell between 7,000 and 8,000 vehicles this year, James Fry, vice-president of the overseas division told a news briefing.\n", "7,000", true},
		{"apposition holding an organisation noun", "Headline here\n\nAdnan Hassan, chief of the defence ministry political department, said the enemy had 15,000 casualties.\n", "15,000", true},
		{"passive agent", "Headline here\n\nThe committee wants to cut the deficit of 170 billion dlrs as estimated by the Congressional Budget Office.\n", "170 billion", true},
		{"according to a description", "Headline here\n\nThe film made $17.1m in ticket sales, according to studio estimates.\n", "$17.1m", true},
		{"inverted tag without a comma", "Headline here\n\nThe province saw 25 fighters killed when a bomb exploded in a mosque on Friday said a monitoring group.\n", "25 fighters", true},
		{"the subject of a vague passive is no source", "Headline here\n\nMr Byrne and Mr Doyle are said to believe that an £800m bid undervalues the club.\n", "£800m", false},
		{"an aside between dashes", "Headline here\n\nThe Syrian Observatory for Human Rights - which has a network of medical sources - also said rebels threatened two villages.\n", "two villages", true},
		{"a gerund is no name", "Headline here\n\nIrish publishing group Delta Media is buying a 26% stake in a newspaper.\n", "26%", false},
		{"a back-reference inside a longer name", "Headline here\n\nThe Bank of America has revealed it has lost details of more than one million customers.\n", "one million", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := analyzeText(t, tt.text)
			for _, c := range doc.Claims {
				if c.Kind != ClaimFigure || !strings.Contains(c.Text, tt.figure) {
					continue
				}
				if (c.Attribution != nil) != tt.attributed {
					src := ""
					if c.Attribution != nil {
						src = c.Attribution.Source.Name
					}
					t.Errorf("figure %q: attributed %v (%q), want %v", c.Text, c.Attribution != nil, src, tt.attributed)
				}
				return
			}
			t.Fatalf("figure %q not found among %d claims", tt.figure, len(doc.Claims))
		})
	}
}
