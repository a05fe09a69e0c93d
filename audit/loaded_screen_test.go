package audit

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// refMayHoldLoaded is mayHoldLoaded before the analysis screened the
// sentences: the matcher of loaded inflections, or the words one by one.
func refMayHoldLoaded(c *Context, si int) bool {
	saved := c.Doc.loaded
	c.Doc.loaded = loadedScreen{}
	defer func() { c.Doc.loaded = saved }()
	return mayHoldLoaded(c, si)
}

// TestLoadedScreenMatchesReference holds the analysis's screen of loaded
// verbs to the words of every sentence of the corpora: a sentence it
// lets the check skip has no word whose lexKey is a loaded inflection,
// hence no loaded verb cue, and it skips every sentence the old screen
// skipped.
func TestLoadedScreenMatchesReference(t *testing.T) {
	eng, err := NewEngine(nil, rules.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	lex := eng.analyzer.Lexicon()
	for _, set := range corpustest.Sets(t) {
		screened := 0
		for _, a := range set.Articles {
			doc := NewDocument(a.Ref, FormatText, a.Body)
			Structure(doc, lex)
			eng.analyzer.Analyze(doc)
			c := &Context{Doc: doc, Lexicon: lex, Registry: eng.analyzer.Registry(), shared: &docState{sets: eng.lexSets}}
			for si, s := range doc.Sentences {
				words := false
				for _, w := range appendQWords(nil, s.Text, 0, len(s.Text)) {
					words = words || lex.Reporting.verbs[w.key].loaded
				}
				cue := false
				for _, rc := range lex.Reporting.FindCues(s.Text) {
					cue = cue || rc.Loaded
				}
				got, old := mayHoldLoaded(c, si), refMayHoldLoaded(c, si)
				if (words || cue) && !got {
					t.Fatalf("%s: sentence %d %q holds a loaded verb, but mayHoldLoaded says no", a.Ref, si, s.Text)
				}
				if got && !old {
					t.Fatalf("%s: sentence %d %q: mayHoldLoaded says yes where the old screen said no", a.Ref, si, s.Text)
				}
				if doc.loaded.isFree(&lex.Reporting, doc.view, si) {
					screened++
				} else if !words && doc.Blocks[s.Block].Kind.Editorial() && utf8.ValidString(s.Text) {
					t.Errorf("%s: editorial sentence %d %q has no loaded verb, but the analysis did not screen it", a.Ref, si, s.Text)
				}
			}
		}
		if screened == 0 {
			t.Errorf("%s: the analysis screened no sentence", set.Name)
		}
	}
}

// TestLoadedScreenGuards checks that the screen answers only for the
// lexicon and view it was worked out with.
func TestLoadedScreenGuards(t *testing.T) {
	doc := NewDocument("t", FormatText, "The rebels said they had taken the town.\n\nThe minister claimed that he knew.")
	a := NewAnalyzer(nil, nil)
	Structure(doc, a.Lexicon())
	a.Analyze(doc)
	rep := &a.Lexicon().Reporting
	if !doc.loaded.isFree(rep, doc.view, 0) {
		t.Errorf("sentence 0 has no loaded verb, but the screen does not say so")
	}
	if len(doc.Sentences) > 1 && doc.loaded.isFree(rep, doc.view, 1) {
		t.Errorf("sentence 1 holds \"claimed\", but the screen calls it free")
	}
	if doc.loaded.isFree(&ReportingLexicon{}, doc.view, 0) {
		t.Errorf("the screen answers for another lexicon")
	}
	if doc.loaded.isFree(rep, &View{}, 0) {
		t.Errorf("the screen answers for another view")
	}
	if doc.loaded.isFree(rep, doc.view, 1000) {
		t.Errorf("the screen answers for a sentence past the end")
	}
}

// TestLoadedScreenLong checks the screen past its first 64 sentences.
func TestLoadedScreenLong(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		if i%3 == 0 {
			b.WriteString("The minister claimed that he knew. ")
		} else {
			b.WriteString("The rebels said they had taken the town. ")
		}
	}
	doc := NewDocument("t", FormatText, b.String())
	a := NewAnalyzer(nil, nil)
	Structure(doc, a.Lexicon())
	a.Analyze(doc)
	if len(doc.Sentences) != 200 {
		t.Fatalf("%d sentences, want 200", len(doc.Sentences))
	}
	for si, s := range doc.Sentences {
		want := !strings.Contains(s.Text, "claimed")
		if got := doc.loaded.isFree(&a.Lexicon().Reporting, doc.view, si); got != want {
			t.Errorf("sentence %d %q: free = %v, want %v", si, s.Text, got, want)
		}
	}
}

// TestHoldsLoaded holds Analyzer.holdsLoaded to the keys of every word of
// random texts, as appendQWords splits them, with the analysis's words
// split at random quotation boundaries.
func TestHoldsLoaded(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	verbs := a.lex.Reporting.verbs
	pieces := []string{"claimed", "CLAIMED", "Claims", "cla\u0130med", "adm\u0130tted", "\u212aclaimed", "insisted", "maintains",
		"boasts", "x", "said", "-", "'", "’", " ", "\n", "“", "é", "ß", "claim", "ed", "admit", "ted", "_", "9", ".", "con", "ceded", "U.S.", "\u0301"}
	rng := rand.New(rand.NewSource(2))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(8); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		text := b.String()
		want := false
		for _, w := range appendQWords(nil, text, 0, len(text)) {
			want = want || verbs[w.key].loaded
		}
		var bounds []int
		for k := rng.Intn(3); k > 0; k-- {
			bounds = append(bounds, rng.Intn(len(text)+1))
		}
		slices.Sort(bounds)
		words := splitAtQuotes(appendWords(nil, text), bounds, 0)
		if got := a.holdsLoaded(appendQWordsOf(nil, text, words), words); got != want {
			t.Fatalf("holdsLoaded(%q, split at %v) = %v, want %v", text, bounds, got, want)
		}
	}
}

// TestClaimCueMatchesSet holds claimCue, the loaded-verb check's scan of
// the claims, to the set of their cues on a tenth of the corpora's
// documents: at every cue a claim is credited by, and at every word start.
func TestClaimCueMatchesSet(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for _, set := range corpustest.Sets(t) {
		for ai, art := range set.Articles {
			if ai%10 != 0 {
				continue
			}
			doc := NewDocument(art.Ref, FormatText, art.Body)
			Structure(doc, a.Lexicon())
			a.Analyze(doc)
			cues := claimCues(doc)
			for off := range len(doc.Text) + 1 {
				if off > 0 && off < len(doc.Text) && !cues[off] && doc.Text[off-1] != ' ' {
					continue
				}
				if got, want := claimCue(doc, off), cues[off]; got != want {
					t.Fatalf("%s: claimCue(%d) = %v, want %v", art.Ref, off, got, want)
				}
			}
		}
	}
}

// holdsLoaded, the reference appendCuesLoaded is held to, reports whether a word of toks, the words appendQWordsOf
// made of words, has an inflection of a loaded verb of the analyzer's
// lexicon as its key. A plain word on its own is a word of toks whose key
// is its lower-case form: the filter bits worked out when it was made
// answer for it. The words of toks in the other words are asked one by
// one.
func (a *Analyzer) holdsLoaded(toks []qword, words []word) bool {
	verbs := a.lex.Reporting.verbs
	ti := 0
	for j := 0; j < len(words); {
		// Words that touch are the parts of one split at a quotation
		// boundary (see appendQWordsOf).
		k := j + 1
		for k < len(words) && words[k].start == words[k-1].end {
			k++
		}
		if w := &words[j]; k == j+1 && w.plain {
			if a.loadedSet.hasWord(w) && verbs[w.lower].loaded {
				return true
			}
		} else {
			for ti < len(toks) && toks[ti].start < w.start {
				ti++
			}
			for end := words[k-1].end; ti < len(toks) && toks[ti].start < end; ti++ {
				if key := toks[ti].key; a.loadedSet.may(key) && verbs[key].loaded {
					return true
				}
			}
		}
		j = k
	}
	return false
}
