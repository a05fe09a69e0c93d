package audit

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
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

// registryStretchList returns the stretches registryStretches walks in
// text, each as {lo, hi}.
func registryStretchList(a *Analyzer, text string) [][2]int {
	var out [][2]int
	rs := newRegistryStretches(a.regWords, text, appendWords(nil, text))
	for lo, hi, ok := rs.next(); ok; lo, hi, ok = rs.next() {
		out = append(out, [2]int{lo, hi})
	}
	return out
}

// checkRegistrySkip fails t where matching the stretches of text that
// registryStretches walks finds other mentions than matching all of it.
func checkRegistrySkip(t *testing.T, a *Analyzer, text string) bool {
	t.Helper()
	want := a.registry.AppendMatch(nil, text)
	var got []rules.Mention
	end := 0
	for _, s := range registryStretchList(a, text) {
		lo, hi := s[0], s[1]
		if lo < end || hi < lo || hi > len(text) {
			t.Errorf("registryStretches(%q): stretch [%d:%d] after %d", text, lo, hi, end)
			return false
		}
		end = hi
		r1 := len(got)
		got = a.registry.AppendMatch(got, text[lo:hi])
		for k := r1; k < len(got); k++ {
			got[k].Start += lo
			got[k].End += lo
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("AppendMatch(%q) in stretches %v:\ngot  %+v\nwant %+v", text, registryStretchList(a, text), got, want)
		return false
	}
	return true
}

// TestRegistrySkipTable holds registryStretches to AppendMatch on
// sentences that the two splits into words read differently.
func TestRegistrySkipTable(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for _, text := range regSkipTexts(t) {
		checkRegistrySkip(t, a, text)
	}
	// registryStretches passes what it can: the words that start no
	// mention, and "the" before a word it starts none with, even one that
	// is in some ("the Syrian" starts none, "Syrian Observatory" does),
	// and ends a stretch before a word in none.
	for _, c := range []struct {
		text      string
		stretches [][2]int
	}{
		{"Nothing to see here.", nil},
		{"the offensive, said the Syrian Observatory", [][2]int{{23, 42}}},
		{"the offensive, said the NGO", [][2]int{{19, 27}}},
		{"the offensive, said the", nil},
		{"It said al-Assad", [][2]int{{7, 16}}},
		{"It said “AFP”", [][2]int{{7, 17}}},
		{"SOHR said the army, AFP reported.", [][2]int{{0, 4}, {9, 18}, {18, 23}}},
		{"The NGO told AFP in a statement", [][2]int{{0, 7}, {12, 16}}},
		{"SOHR’s director said so", [][2]int{{0, 17}}},
		{"the Syrian Observatory for Human Rights said", [][2]int{{3, 39}}},
	} {
		if got := registryStretchList(a, c.text); !slices.Equal(got, c.stretches) {
			t.Errorf("registryStretches(%q) = %v, want %v", c.text, got, c.stretches)
		}
	}
}

// TestRegistrySkipCorpora holds registryStretches to AppendMatch on every
// sentence of the corpora, as the analysis wraps it.
func TestRegistrySkipCorpora(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for _, s := range corpusSentences(t, a.lex) {
		if !checkRegistrySkip(t, a, s.Text) {
			return
		}
	}
}

// FuzzRegistrySkip holds registryStretches to AppendMatch on any text.
func FuzzRegistrySkip(f *testing.F) {
	for _, text := range regSkipTexts(f) {
		f.Add(text)
	}
	a := NewAnalyzer(nil, nil)
	f.Fuzz(func(t *testing.T, text string) {
		checkRegistrySkip(t, a, text)
	})
}

// TestApartFrom holds apartFrom to a byte-by-byte search at every offset
// of texts of every length around the eight bytes it reads a step.
func TestApartFrom(t *testing.T) {
	for _, text := range append(regSkipTexts(t), "", "a", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnop-", "abcdefghijklmnop'q", "abcdefghijklmno\u00e9",
		"abcdefghijklmnopqrstuvwxyz0123456789-", "abcdefghijk'lmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxy\u00e9z") {
		for i := 0; i <= len(text); i++ {
			want := len(text) + 1
			for k := i; k < len(text); k++ {
				if c := text[k]; c >= 0x80 || c == '\'' || c == '-' {
					want = k
					break
				}
			}
			if got := apartFrom(text, i); got != want {
				t.Errorf("apartFrom(%q, %d) = %d, want %d", text, i, got, want)
			}
		}
	}
}
