package audit

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// QuoteBench holds what the external quote and cue benchmarks
// (quotes_bench_test.go) run the unexported finders on.
type QuoteBench struct {
	docs  []*Document
	lex   *Lexicon
	a     *Analyzer
	sents []benchSentence
	cues  []cue // the cues of a document, as the analyzer keeps them
	// SentenceBytes and ViewBytes are the sizes of the inputs of the
	// per-sentence and the per-document finders.
	SentenceBytes, ViewBytes int
}

type benchSentence struct {
	text  string
	words []word
}

// NewQuoteBench structures docs with the built-in lexicon and prepares
// each sentence as the analyzer does before finding its cues.
func NewQuoteBench(docs []*Document) *QuoteBench {
	qb := &QuoteBench{docs: docs, lex: DefaultLexicon(), a: NewAnalyzer(nil, nil)}
	for _, d := range docs {
		Structure(d, qb.lex)
		qb.ViewBytes += len(d.view.Text)
		bounds := quoteBounds(d.Quotes)
		for _, s := range d.Sentences {
			text := softWrap(s.Text)
			qb.sents = append(qb.sents, benchSentence{text, splitAtQuotes(tokenize(text), bounds, s.view.Start)})
			qb.SentenceBytes += len(text)
		}
	}
	return qb
}

// FindCues runs ReportingLexicon.FindCues on every sentence.
func (qb *QuoteBench) FindCues() {
	for _, s := range qb.sents {
		qb.lex.Reporting.FindCues(s.text)
	}
}

// AnalyzerCues runs the analyzer's cue finder on every sentence, its
// cues in one array as Analyze keeps them.
func (qb *QuoteBench) AnalyzerCues() {
	qb.cues = qb.cues[:0]
	for _, s := range qb.sents {
		qb.cues = qb.a.appendCuesOf(qb.cues, s.text, s.words)
	}
}

// FindQuotes runs findQuotes on every document.
func (qb *QuoteBench) FindQuotes() {
	for _, d := range qb.docs {
		findQuotes(d.view.Text, d.Blocks, d.Sentences, qb.lex)
	}
}

// refAppendQWords is appendQWords as it was before its keys shared one
// lower-cased copy: each key from lexKey. The tests hold the two equal.
func refAppendQWords(toks []qword, text string, start, end int) []qword {
	i := start
	for i < end {
		if c := text[i]; c < utf8.RuneSelf && !isASCIIAlnum(c) {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !isWordRune(r) {
			i += n
			continue
		}
		ws := i
		i += n
		for i < end {
			if isASCIIAlnum(text[i]) {
				i++
				continue
			}
			r, n = utf8.DecodeRuneInString(text[i:end])
			if isWordRune(r) {
				i += n
				continue
			}
			if r == '-' || r == '\'' || r == '’' {
				r2, _ := utf8.DecodeRuneInString(text[i+n : end])
				if i+n < end && isWordRune(r2) {
					i += n
					continue
				}
			}
			break
		}
		toks = append(toks, qword{start: ws, end: i, key: lexKey(text[ws:i])})
	}
	return toks
}

// refPhrases are the multi-word cues of l by first word, longest first,
// as FindCues used to keep them.
func refPhrases(l *ReportingLexicon) map[string][]phraseCue {
	phrases := make(map[string][]phraseCue)
	for _, set := range []struct {
		kind  ReportingCueKind
		items []string
	}{{CuePhrase, l.Phrases}, {CueVague, l.Vague}, {CueScare, l.Scare}} {
		for _, p := range set.items {
			words := strings.Fields(lexKey(p))
			phrases[words[0]] = append(phrases[words[0]], phraseCue{words: words, kind: set.kind, text: strings.Join(words, " ")})
		}
	}
	for _, ps := range phrases {
		slices.SortStableFunc(ps, func(a, b phraseCue) int { return len(b.words) - len(a.words) })
	}
	return phrases
}

// refFindCues is FindCues as it was, on refAppendQWords and a map of
// phrases and one of verbs looked up one after the other.
func refFindCues(l *ReportingLexicon, phrases map[string][]phraseCue, text string) []ReportingCue {
	toks := refAppendQWords(nil, text, 0, len(text))
	var out []ReportingCue
	for i := 0; i < len(toks); {
		c, n := refCueAt(l, phrases, text, toks, i)
		if n == 0 {
			i++
			continue
		}
		out = append(out, c)
		i += n
	}
	return out
}

func refCueAt(l *ReportingLexicon, phrases map[string][]phraseCue, text string, toks []qword, i int) (ReportingCue, int) {
	w := toks[i].key
	for _, p := range phrases[w] {
		if i+len(p.words) > len(toks) {
			continue
		}
		match := true
		for k := 1; k < len(p.words); k++ {
			if toks[i+k].key != p.words[k] {
				match = false
				break
			}
		}
		if match {
			last := toks[i+len(p.words)-1]
			return ReportingCue{Start: toks[i].start, End: last.end, Kind: p.kind, Lemma: p.text}, len(p.words)
		}
	}
	e, ok := l.verbs[w]
	if !ok {
		return ReportingCue{}, 0
	}
	if i > 0 && startsUpper(text[toks[i].start:toks[i].end]) {
		return ReportingCue{}, 0
	}
	form := e.form
	if form == VerbBase && (i == 0 || !l.baseAfter[toks[i-1].key] && !l.pluralSubject(text, toks, i, e.lemma)) {
		return ReportingCue{}, 0
	}
	return ReportingCue{Start: toks[i].start, End: toks[i].end, Kind: CueVerb, Lemma: e.lemma, Form: form, Loaded: e.loaded}, 1
}

// cueTestTexts are texts that exercise the tokeniser's and the cue
// finder's edge cases.
var cueTestTexts = []string{
	"", " ", "A", "ÉCOLE said", "He SAID “no”, according To Reports.",
	"Aleppo’s residents’ anger, it’s said-to be ’90s O’Brien’S",
	"Traders Say, the Sunday Times say, analysts say, a say, Reports say",
	"İstanbul KELVIN K ß ẞ Σ said to reporters", "x-ray -x x- 'quoted' ’tis",
	"\u00a0Said\u00a0said\u00a0", "naïve Café said; they say", "日本 said 语 says",
	"are said to have been claimed, allegedly, so-called “experts”",
}

// cueTestDocs are the corpora's articles, structured once (none when the
// corpora are absent or with -short).
var cueTestDocs = sync.OnceValues(func() ([]*Document, error) {
	root, ok := corpus.Root()
	if !ok || testing.Short() {
		return nil, nil
	}
	var docs []*Document
	lex := DefaultLexicon()
	for _, load := range []func(string) ([]corpus.Article, error){corpus.BBC, corpus.Reuters, corpus.Fakes} {
		arts, err := load(root)
		if err != nil {
			return nil, err
		}
		for _, a := range arts {
			doc := NewDocument(a.Ref, FormatText, a.Body)
			Structure(doc, lex)
			docs = append(docs, doc)
		}
	}
	return docs, nil
})

// TestFindCuesMatchesReference holds appendQWords and FindCues to the
// simple implementations they were optimised from, on the corpora's
// sentences and documents and on edge cases.
func TestFindCuesMatchesReference(t *testing.T) {
	docs, err := cueTestDocs()
	if err != nil {
		t.Fatal(err)
	}
	texts := slices.Clone(cueTestTexts)
	for _, d := range docs {
		for _, s := range d.Sentences {
			texts = append(texts, s.Text)
		}
	}
	l := &DefaultLexicon().Reporting
	phrases := refPhrases(l)
	for _, text := range texts {
		for _, r := range [][2]int{{0, len(text)}, {len(text) / 3, len(text)}, {0, len(text) / 2}} {
			if !utf8.ValidString(text[r[0]:]) {
				continue
			}
			got, want := appendQWords(nil, text, r[0], r[1]), refAppendQWords(nil, text, r[0], r[1])
			if !slices.Equal(got, want) {
				t.Fatalf("appendQWords(%q, %d, %d):\ngot  %v\nwant %v", text, r[0], r[1], got, want)
			}
		}
		if got, want := l.FindCues(text), refFindCues(l, phrases, text); !slices.Equal(got, want) {
			t.Fatalf("FindCues(%q):\ngot  %v\nwant %v", text, got, want)
		}
	}
	// Whole documents: ranges that run across sentences and paragraphs.
	for _, d := range docs {
		text := d.view.Text
		if got, want := appendQWords(nil, text, 0, len(text)), refAppendQWords(nil, text, 0, len(text)); !slices.Equal(got, want) {
			t.Fatalf("appendQWords(%s): differs from the reference", d.Path)
		}
	}
}

// refAnalyzerCues is Analyzer.findCues as it was, on refFindCues.
func refAnalyzerCues(a *Analyzer, phrases map[string][]phraseCue, text string, words []word) []cue {
	rc := refFindCues(&a.lex.Reporting, phrases, text)
	out := make([]cue, 0, len(rc))
	wi := 0
	for _, c := range rc {
		for wi < len(words) && words[wi].end <= c.Start {
			wi++
		}
		first := wi
		last := first
		for last+1 < len(words) && words[last+1].start < c.End {
			last++
		}
		if c.Kind == CueVague && last+1 < len(words) && a.lex.Reporting.Audience(words[last+1].lower) && lastWordIs(text, c, "to") {
			c.Kind, c.End = CueVerb, words[first].end
			c.Lemma, _ = a.lex.Reporting.Verb(words[first].lower)
			last = first
		}
		out = append(out, cue{ReportingCue: c, text: text[c.Start:c.End], first: first, last: last})
	}
	return out
}

// TestAnalyzerCuesMatchesReference holds the analyzer's findCues, which
// makes the cue finder's words from its own, to FindCues on the sentence,
// on every corpus sentence as the analyzer prepares it (split at
// quotation boundaries).
func TestAnalyzerCuesMatchesReference(t *testing.T) {
	docs, err := cueTestDocs()
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnalyzer(nil, nil)
	phrases := refPhrases(&a.lex.Reporting)
	check := func(text string, words []word) {
		t.Helper()
		if got, want := appendQWordsOf(nil, text, words), appendQWords(nil, text, 0, len(text)); !slices.Equal(got, want) {
			t.Fatalf("appendQWordsOf(%q):\ngot  %v\nwant %v", text, got, want)
		}
		if got, want := a.findCues(text, words), refAnalyzerCues(a, phrases, text, words); !slices.Equal(got, want) {
			t.Fatalf("findCues(%q):\ngot  %v\nwant %v", text, got, want)
		}
	}
	for _, text := range cueTestTexts {
		words := tokenize(text)
		check(text, words)
		// Split every word in two, as at a quotation boundary.
		var bounds []int
		for _, w := range words {
			if w.end-w.start > 1 {
				bounds = append(bounds, w.start+1)
			}
		}
		check(text, splitAtQuotes(words, bounds, 0))
	}
	for _, d := range docs {
		bounds := quoteBounds(d.Quotes)
		for _, s := range d.Sentences {
			text := softWrap(s.Text)
			check(text, splitAtQuotes(tokenize(text), bounds, s.view.Start))
		}
	}
}

// TestPronounFilter holds Pronoun, which a filter answers first, to the
// pronoun list on every word of the test texts and on the list itself.
func TestPronounFilter(t *testing.T) {
	l := &DefaultLexicon().Reporting
	words := slices.Clone(l.Pronouns)
	for _, text := range cueTestTexts {
		for _, w := range tokenize(text) {
			words = append(words, w.text, w.lower)
		}
	}
	words = append(words, " He ", "THEY", "it’s", "")
	for _, w := range words {
		if got, want := l.Pronoun(w), l.pronouns[lexKey(w)]; got != want {
			t.Errorf("Pronoun(%q) = %v, want %v", w, got, want)
		}
	}
	for _, w := range l.Pronouns {
		if !l.Pronoun(w) {
			t.Errorf("Pronoun(%q) = false", w)
		}
	}
}
