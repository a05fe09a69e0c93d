package audit

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// regSkipTexts returns sentences where the analyzer's words and the words
// the registry matcher reads part: hyphens, apostrophes, periods,
// accents, marks and quotation marks inside or beside words. They are
// the rules package's test texts for the contract registrySkip relies on.
func regSkipTexts(t testing.TB) []string {
	t.Helper()
	const path = "../rules/testdata/words_texts.json"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	if err := json.Unmarshal(data, &texts); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return texts
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
	for _, text := range regSkipTexts(t) {
		checkRegistrySkip(t, a, text)
	}
	// registrySkip passes what it can: the words that start no mention,
	// and "the" before a word it starts none with, even one that is in
	// some ("the Syrian" starts none, "Syrian Observatory" does).
	for _, c := range []struct {
		text string
		skip int
	}{
		{"Nothing to see here.", 20},
		{"the offensive, said the Syrian Observatory", 23},
		{"the offensive, said the NGO", 19},
		{"the offensive, said the", 19},
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
	for _, s := range corpusSentences(t, a.lex) {
		if !checkRegistrySkip(t, a, s.Text) {
			return
		}
	}
}

// FuzzRegistrySkip holds registrySkip to AppendMatch on any text.
func FuzzRegistrySkip(f *testing.F) {
	for _, text := range regSkipTexts(f) {
		f.Add(text)
	}
	a := NewAnalyzer(nil, nil)
	f.Fuzz(func(t *testing.T, text string) {
		checkRegistrySkip(t, a, text)
	})
}
