package audit

import (
	"slices"
	"strings"
	"testing"
)

// refWordMentions, the reference wordMentions is held to, finds the
// pronouns in one walk over the words and the weak people in another.
func refWordMentions(a *Analyzer, dst []mention, text string, base, si int, words []word) []mention {
	rep := &a.lex.Reporting
	for wi := range words {
		w := &words[wi]
		if w.capital && wi > 0 {
			continue
		}
		if rep.Pronoun(w.lower) {
			dst = append(dst, mention{kind: mentionPronoun, start: base + w.start, end: base + w.end, ext0: base + w.start, ext1: base + w.end, sentence: si, ref: SourceRef{Name: w.lower}})
		}
	}
	lex := &a.lex.People
	for i := 0; i+1 < len(words); i++ {
		w, next := &words[i], &words[i+1]
		if !w.capital || w.number || len(w.text) < 3 || next.capital || gap(text, w, next) != " " {
			continue
		}
		if i > 0 && words[i-1].capital && gap(text, &words[i-1], w) == " " {
			continue
		}
		if n := next.lower; !(n == "had" || n == "has" || n == "was" || n == "himself" || n == "herself" || (strings.HasSuffix(n, "s") && !strings.HasSuffix(n, "ss") && len(n) > 3)) {
			continue
		}
		if upperOnly(w.text) || lex.notNames[w.lower] || lex.isAffiliation(w) {
			continue
		}
		dst = append(dst, mention{kind: mentionWeak, start: base + w.start, end: base + w.end, ext0: base + w.start, ext1: base + w.end, sentence: si,
			ref: SourceRef{ID: slugID("person:", w.text), Name: w.text, Type: "eyewitness"}})
	}
	return dst
}

// checkWordMentions fails t where wordMentions and refWordMentions,
// each sorted as Analyze sorts a sentence's mentions, differ.
func checkWordMentions(t *testing.T, a *Analyzer, text string, words []word) bool {
	t.Helper()
	var sc cueScratch
	a.appendCuesLoaded(nil, text, words, true, &sc)
	got := a.wordMentions(nil, text, 7, 3, words, sc.lone)
	want := refWordMentions(a, nil, text, 7, 3, words)
	sortByStart(got)
	sortByStart(want)
	if !slices.Equal(got, want) {
		t.Errorf("wordMentions(%q):\ngot  %v\nwant %v", text, got, want)
		return false
	}
	return true
}

// TestWordMentionsTable holds wordMentions to its reference on sentences
// that open with a pronoun or a name.
func TestWordMentionsTable(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for _, text := range []string{
		"He said so.", "Moataz sees his city.", "Sarah had to flee, she said.", "They has gone.", "Its staff was there.",
		"Then Sarah had left", "Mr Smith says he is", "NATO says it will", "Él dice", "said Omar himself", "",
		"U.S. officials say he was", "Ünal has said it", "“He said,” she says", "al-Assad's Moataz sees", "Ｈe said", "İt was",
	} {
		checkWordMentions(t, a, text, appendWords(nil, text))
	}
}

// TestWordMentionsCorpora holds wordMentions to its reference on every
// sentence of the corpora, its words split at quotation boundaries as
// the analysis splits them.
func TestWordMentionsCorpora(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for doc, s := range corpusSentences(t, a.lex) {
		if !checkWordMentions(t, a, s.Text, splitAtQuotes(appendWords(nil, s.Text), quoteBounds(doc.Quotes), s.view.Start)) {
			return
		}
	}
}
