package audit

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// checkCuesLoaded fails t where appendCuesLoaded, which makes the cue
// finder's words and screens them in one walk, differs from the steps
// it stands for: appendQWordsOf for the words, holdsLoaded for the
// loaded screen and refAnalyzerCues for the cues.
// split is whether splitAtQuotes split a word of words, as Analyze
// tells it.
func checkCuesLoaded(t *testing.T, a *Analyzer, phrases map[string][]phraseCue, text string, words []word, split bool) bool {
	t.Helper()
	var sc cueScratch
	cues, loaded := a.appendCuesLoaded(nil, text, words, split, &sc)
	toks := sc.toks
	wantToks := appendQWordsOf(nil, text, words)
	// toks is made only when the cue finder needs it.
	if len(toks) > 0 && !slices.Equal(toks, wantToks) {
		t.Errorf("appendCuesLoaded(%q) words:\ngot  %v\nwant %v", text, toks, wantToks)
		return false
	}
	if want := a.holdsLoaded(wantToks, words); loaded != want {
		t.Errorf("appendCuesLoaded(%q) loaded = %v, want %v", text, loaded, want)
		return false
	}
	if want := refAnalyzerCues(a, phrases, text, words); !slices.Equal(cues, want) {
		t.Errorf("appendCuesLoaded(%q) cues:\ngot  %v\nwant %v", text, cues, want)
		return false
	}
	return true
}

// TestCuesLoadedRandom runs checkCuesLoaded over random texts of cue
// words, loaded verbs and the marks that join or split words, their
// words split at random quotation boundaries.
func TestCuesLoadedRandom(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	phrases := refPhrases(&a.lex.Reporting)
	pieces := []string{"claimed", "CLAIMED", "Claims", "cla\u0130med", "\u212aclaimed", "insisted", "said", "says", "told",
		"according", "to", "reportedly", "it", "is", "understood", "sources", "say", "analysts", "he", "She", "x", "-", "'", "’",
		" ", " ", " ", "\n", "“", "é", "ß", "claim", "ed", "_", "9", ".", ",", "U.S.", "\u0301", "reporters", "quoted", "as", "saying"}
	rng := rand.New(rand.NewSource(3))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		text := b.String()
		var bounds []int
		for k := rng.Intn(3); k > 0; k-- {
			bounds = append(bounds, rng.Intn(len(text)+1))
		}
		slices.Sort(bounds)
		whole := appendWords(nil, text)
		words := splitAtQuotes(whole, bounds, 0)
		if !checkCuesLoaded(t, a, phrases, text, words, len(words) != len(whole)) {
			return
		}
	}
}

// TestCuesLoadedCorpora runs checkCuesLoaded over every sentence of the
// corpora as the analysis splits it.
func TestCuesLoadedCorpora(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	phrases := refPhrases(&a.lex.Reporting)
	for doc, s := range corpusSentences(t, a.lex) {
		whole := appendWords(nil, s.Text)
		words := splitAtQuotes(whole, quoteBounds(doc.Quotes), s.view.Start)
		if !checkCuesLoaded(t, a, phrases, s.Text, words, len(words) != len(whole)) {
			return
		}
	}
}
