package audit

import (
	"strings"
	"testing"
)

func TestFirstNameCheck(t *testing.T) {
	runRuleCases(t, "first-name-only", []ruleCase{
		{"first name and age",
			"Batool, 24, talks about the situation in Aleppo. \u201cThe shops are open, but the shelves are almost empty,\u201d she says.",
			[]string{"Batool"}},
		{"first name and a civilian's role",
			"\u201cWe hear rockets and shells and sometimes planes,\u201d said Sarmad, a resident of Aleppo.",
			[]string{"Sarmad"}},
		{"kunya",
			"\u201cI saw two of my grandchildren next to me and I took them away,\u201d a woman, Umm Khaled, told AFP from her hospital bed in Idlib.",
			[]string{"Umm Khaled"}},
		{"first name and a speech tag with a pronoun",
			"Moataz sees his city of Aleppo again for the first time in eight years. \u201cI cannot believe it,\u201d he confides.",
			[]string{"Moataz"}},
		{"explained at first mention",
			"\u201cThe shops are open, but the shelves are almost empty,\u201d said Batool, 24, who gave only her first name for fear of reprisals.",
			nil},
		{"explained in the next sentence",
			"\u201cThe shops are open,\u201d said Batool, 24. She asked that her surname not be used for her safety.",
			nil},
		{"editor's note anywhere",
			"\u201cThe shops are open,\u201d said Batool, 24, a resident of Aleppo.\n\nNames have been changed to protect those interviewed.",
			nil},
		{"full name", "\u201cThe shops are open,\u201d said Batool Haddad, 24, a resident of Aleppo.", nil},
		{"surname after a title",
			"\u201cWe will restore order,\u201d Mr Assad said in a statement on Sunday.", nil},
		{"surname of a full name given earlier",
			"Tim Henman lost in the second round. \u201cIt was incredibly frustrating,\u201d Henman said. He said the rain had not helped.",
			nil},
		{"surname of a full name with an initial",
			"Robert Johnstone will succeed John M. Henske as chief executive. Henske, 63, will remain chairman, he said.",
			nil},
		{"an organisation, not a person",
			"Microsoft said it would release a toolkit within 30 days. It said the tool would be free.", nil},
	})
}

func TestFirstNameKunyaDetail(t *testing.T) {
	fs := ruleFindings(t, "first-name-only", "\u201cI saw two of my grandchildren next to me,\u201d a woman, Umm Khaled, told AFP from her hospital bed in Idlib.")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "Umm Khaled") {
		t.Fatalf("findings %+v, want one on Umm Khaled", fs)
	}
}

func TestFirstNameParamErrors(t *testing.T) {
	assertEngineError(t, "first-name", "  kunyas: [umm]\n", "first-name needs explanations")
	assertEngineError(t, "first-name", "  explanations: [a pseudonym, \"\"]\n", `r.yaml:7:31: rule "x": explanations: phrase 2 is empty`)
}
