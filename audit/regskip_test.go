package audit

import (
	"slices"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// regSkipTexts are sentences where the analyzer's words and the words
// the registry matcher reads part: hyphens, apostrophes, periods,
// accents, marks and quotation marks inside or beside words.
var regSkipTexts = []string{
	"",
	"Nothing to see here.",
	"the offensive, said the Syrian Observatory for Human Rights.",
	"the the NGO said, and the agency said",
	"People's Protection Units and al-Assad's forces met the U.S. State Department.",
	"SOHR's director said SANAs report and the NGOs were wrong.",
	"Hay'at Tahrir al-Sham, l'OSDH and d'Etat met qu'AFP.",
	"He told Reuters‘s reporter that AFP\u0301s and \u0301AFP and AFP\u0903x were there.",
	"The “Reuters” and 'AFP' and the agency's 'the NGO' said.",
	"Société Générale, Agence France-Presse and the Observatoire syrien des droits de l'homme.",
	"a b c the\n\nNGO the. NGO the, NGO the - NGO the–NGO the's NGO",
	"U.N. UN UNs the UN's the Bank of England the bank",
	"In 2011 the 1st 24/7 France 24 said BBC-Arabic the BBC's",
	"the agencyʼs report, the AFP’s, the AFP‘s",
	"Our Reut\u0903ers and Reut\u0301ers and Reut‘ers and Reut’ers and Reut'ers said it",
	"Our \u0903Reuters and 'Reuters and \u0903'Reuters said it",
	"said a spokesman for the ministry, citing Reuters",
	"x-AFP AFP- -AFP AFP'' ''AFP the 'AFP the-AFP",
}

// checkRegistrySkip fails t where matching text past registrySkip finds
// other mentions than matching all of it.
func checkRegistrySkip(t *testing.T, a *Analyzer, text string) bool {
	t.Helper()
	want := a.registry.AppendMatch(nil, text)
	skip := registrySkip(a.regWords, text, appendWords(nil, text))
	if skip < 0 || skip > len(text) {
		t.Errorf("registrySkip(%q) = %d", text, skip)
		return false
	}
	got := a.registry.AppendMatch(nil, text[skip:])
	for k := range got {
		got[k].Start += skip
		got[k].End += skip
	}
	if !slices.Equal(got, want) {
		t.Errorf("AppendMatch(%q) past registrySkip %d:\ngot  %+v\nwant %+v", text, skip, got, want)
		return false
	}
	return true
}

// TestRegistrySkipTable holds registrySkip to AppendMatch on sentences
// that the two splits into words read differently.
func TestRegistrySkipTable(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for _, text := range regSkipTexts {
		checkRegistrySkip(t, a, text)
	}
	// registrySkip passes what it can: the words that start no mention,
	// and "the" before a word that is in none.
	for _, c := range []struct {
		text string
		skip int
	}{
		{"Nothing to see here.", 20},
		{"the offensive, said the Syrian Observatory", 19},
		{"It said al-Assad", 7},
		{"It said “AFP”", 7},
	} {
		if got := registrySkip(a.regWords, c.text, appendWords(nil, c.text)); got != c.skip {
			t.Errorf("registrySkip(%q) = %d, want %d", c.text, got, c.skip)
		}
	}
}

// TestRegistrySkipCorpora holds registrySkip to AppendMatch on every
// sentence of the corpora, as the analysis wraps it.
func TestRegistrySkipCorpora(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for _, set := range corpustest.Sets(t) {
		for _, art := range set.Articles {
			doc := NewDocument(art.Ref, FormatText, art.Body)
			Structure(doc, a.lex)
			for _, s := range doc.Sentences {
				if !checkRegistrySkip(t, a, softWrap(s.Text)) {
					return
				}
			}
		}
	}
}

// FuzzRegistrySkip holds registrySkip to AppendMatch on any text.
func FuzzRegistrySkip(f *testing.F) {
	for _, text := range regSkipTexts {
		f.Add(text)
	}
	a := NewAnalyzer(nil, nil)
	f.Fuzz(func(t *testing.T, text string) {
		checkRegistrySkip(t, a, text)
	})
}
