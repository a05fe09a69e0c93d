package audit

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
)

func TestLoadedVerbCheck(t *testing.T) {
	runRuleCases(t, "loaded-verb", []ruleCase{
		{"claimed that", "The rebels claimed that they had taken control of Aleppo.", []string{"claimed"}},
		{"claimed with an adjunct before that", "The rebels claimed during the day that they had taken control of Aleppo.", []string{"claimed"}},
		{"admitted with a pronoun subject", "The minister admitted he had not read the report.", []string{"admitted"}},
		{"claims to have", "The group claims to have shot down a government jet.", []string{"claims"}},
		{"speech tag after a quotation", "\u201cWe did not target the hospital,\u201d the army spokesman insisted.", []string{"insisted"}},
		{"inverted speech tag", "\u201cWe did not target the hospital,\u201d insisted the army spokesman.", []string{"insisted"}},
		{"introducing a quotation", "The ministry conceded: \u201cMistakes were made.\u201d", []string{"conceded"}},
		{"said", "The rebels said that they had taken control of Aleppo.", nil},
		{"claimed responsibility", "The Islamic State group claimed responsibility for the attack.", nil},
		{"claimed the lives of", "The earthquake claimed the lives of more than 200 people.", nil},
		{"claimed a title", "Jill Shannon claimed the individual title at Saturday's championships.", nil},
		{"admitted to hospital", "Three of the wounded were admitted to hospital in Idlib.", nil},
		{"passive, left to the vague rules", "It is claimed that the commander fled to Idlib.", nil},
		{"a noun", "The minister resigned amid claims that he had misled parliament.", nil},
		{"a noun at the end of a headline", "# Minister rebuts charade claims\n\nThe minister spoke on Sunday.", nil},
		{"inside a quotation", "\u201cThey claimed the city was calm, but we heard shelling all night,\u201d a resident said.", nil},
		{"maintain another sense", "The army will maintain control of the airport.", nil},
		{"insist on", "The opposition insisted on talks in Geneva.", nil},
		{"alleged, the proper legal verb", "Prosecutors alleged that the firm had hidden its losses.", nil},
	})
}

// TestMayHoldLoaded checks that the matcher of loaded inflections finds
// every sentence with a word whose lexKey is one, as the words would.
func TestMayHoldLoaded(t *testing.T) {
	lex := DefaultLexicon()
	sets := newLexSets(lex, rules.DefaultRegistry())
	if sets.loadedForms == nil {
		t.Fatal("the default lexicon's loaded inflections are not plain letters")
	}
	pieces := []string{"claimed", "CLAIMED", "Claims", "cla\u0130med", "adm\u0130tted", "\u212aclaimed", "insisted", "maintains",
		"boasts", "x", "said", "-", "'", "’", " ", "\n", "“", "é", "ß", "claim", "ed", "admit", "ted", "_", "9", ".", "con", "ceded"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(8); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		text := b.String()
		doc := &Document{Sentences: []Sentence{{Text: text}}}
		c := &Context{Doc: doc, Lexicon: lex, shared: &docState{sets: func() *lexSets { return sets }}}
		words := false
		for _, w := range appendQWords(nil, text, 0, len(text)) {
			words = words || lex.Reporting.verbs[w.key].loaded
		}
		if words && !mayHoldLoaded(c, 0) {
			t.Fatalf("%q holds a loaded verb, but mayHoldLoaded says no", text)
		}
	}
}
