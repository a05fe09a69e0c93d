package audit

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
)

// ruleFindings runs the built-in rule id over text, read as a Markdown
// article, and returns its findings.
func ruleFindings(t *testing.T, id, text string) []Finding {
	t.Helper()
	r, ok := rules.Find(rules.DefaultRules(), id)
	if !ok {
		t.Fatalf("no built-in rule %q", id)
	}
	e, err := NewEngine(nil, []*rules.Rule{r})
	if err != nil {
		t.Fatal(err)
	}
	return e.Audit(NewDocument("t.md", FormatMarkdown, text))
}

// ruleCase is a text and the excerpts of the findings a rule must report
// on it, in order; none for a pass.
type ruleCase struct {
	name, text string
	want       []string
}

// runRuleCases checks rule id against each case.
func runRuleCases(t *testing.T, id string, tests []ruleCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range ruleFindings(t, id, tt.text) {
				got = append(got, f.Excerpt)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("%s findings %q, want %q\ntext: %s", id, got, tt.want, tt.text)
			}
		})
	}
}

func TestDescriptorCheck(t *testing.T) {
	runRuleCases(t, "source-without-descriptor", []ruleCase{
		{"monitor credited without a word on what it is",
			"More than 370 people have been killed since Wednesday, according to the Syrian Observatory for Human Rights.",
			[]string{"Syrian Observatory for Human Rights"}},
		{"a clause after the comma is not an apposition",
			"According to the Syrian Observatory for Human Rights, the rebels advanced on Saturday in the provinces of Idlib and Hama.",
			[]string{"Syrian Observatory for Human Rights"}},
		{"armed group credited",
			"The Military Operations Administration said its fighters had entered the western districts of the city.",
			[]string{"Military Operations Administration"}},
		{"named person, called by surname later, never described",
			"\u201cThe lines collapsed within hours,\u201d said Leila Haddad. \u201cNobody in Damascus expected it,\u201d Haddad added.",
			[]string{"Leila Haddad"}},
		{"apposition after the name",
			"More than 370 people have been killed, according to the Syrian Observatory for Human Rights, a Britain-based monitor that relies on a network of sources in Syria.",
			nil},
		{"relative clause after the name",
			"The Syrian Observatory for Human Rights, which relies on a network of sources inside Syria, said 40 civilians had been detained.",
			nil},
		{"description before the name",
			"The Britain-based war monitor Syrian Observatory for Human Rights said 40 civilians had been detained.",
			nil},
		{"description in the next sentence",
			"\u201cRebels control most of the city,\u201d said the Syrian Observatory for Human Rights (SOHR). This NGO, based in Britain, relies on a network of sources in the country.",
			nil},
		{"short apposition with the",
			"The People's Protection Units, the main Kurdish militia, said its fighters had withdrawn from Tal Rifaat.",
			nil},
		{"role before a person",
			"But it is no coincidence that they are striking now, said defense analyst Nanar Hawach. Hawach said the rebels saw an opportunity.",
			nil},
		{"bare role after a person",
			"\u201cThe lines collapsed within hours,\u201d said Leila Haddad, researcher at the International Crisis Group. Haddad said nobody expected it.",
			nil},
		{"affiliation after a person",
			"\u201cThe lines collapsed within hours,\u201d said Leila Haddad of the International Crisis Group. Haddad said nobody expected it.",
			nil},
		{"apposition before a person",
			"The King of Jordan, Abdullah II, affirmed on Sunday his support for the territorial integrity of Syria. Abdullah said the borders were secure.",
			nil},
		{"wire agency is well known", "Rebels entered the city on Friday, AFP reported.", nil},
		{"rights group is well known", "Human Rights Watch said both sides had shelled residential districts.", nil},
		{"state media are another rule's", "Syrian troops regained control of three villages north of Hama, SANA reported.", nil},
		{"a source nothing is credited to", "The Syrian Observatory for Human Rights has documented the war since 2011.", nil},
		{"a single name is the first-name rule's",
			"Moataz returned to Aleppo on Sunday. \u201cI cannot believe it,\u201d he says.", nil},
	})
}

func TestDescriptorParamErrors(t *testing.T) {
	tests := []struct{ name, params, want string }{
		{"unknown source type", "  types: [ngo_monitor, warlord]\n  openers: [a]\n", `r.yaml:7:24: rule "x": types: unknown source type "warlord"`},
		{"no openers", "  types: [ngo_monitor]\n", `rule "x": descriptor needs openers`},
		{"unknown parameter", "  kinds: [ngo_monitor]\n", `r.yaml:7:3: unknown parameter "kinds"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertEngineError(t, "descriptor", tt.params, tt.want)
		})
	}
}

func TestWordIndex(t *testing.T) {
	tests := []struct {
		text, word string
		want       int
	}{
		{"Batool, 24, talks about Aleppo.", "Batool", 0},
		{"said Sarah, who fled Homs", "Sarah", 5},
		{"Sarahs and Sarah", "Sarah", 11},
		{"Ömer and Ömer", "Ömer", 0},
		{"Moatazz", "Moataz", -1},
		{"", "Moataz", -1},
	}
	for _, tt := range tests {
		if got := wordIndex(tt.text, tt.word); got != tt.want {
			t.Errorf("wordIndex(%q, %q) = %d, want %d", tt.text, tt.word, got, tt.want)
		}
	}
}

// assertEngineError compiles a rule of check kind check with params (YAML
// lines under "params:", from line 7 of r.yaml) and wants an error
// holding want.
func assertEngineError(t *testing.T, check, params, want string) {
	t.Helper()
	yaml := "id: x\nlevel: warning\ncheck: " + check + "\nmessage: m\ndescription: d\nparams:\n" + params + "examples: {hit: [a], pass: [b]}\n"
	rs, err := rules.LoadRules("r.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewEngine(nil, rs); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want it to contain %q", err, want)
	}
}
