package audit

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// existenceTestRules are the weasel words, a rule of common phrases
// (which match often) including some that start with "k" and "s" (the
// Kelvin sign and the long s fold to them), a rule over every block
// kind, and a rule the screen cannot rule sentences out for (a one-word
// phrase, a hyphen): with the last, the others are still screened.
func existenceTestRules(t testing.TB) []*rules.Rule {
	t.Helper()
	weasel, ok := rules.Find(rules.DefaultRules(), "weasel-words")
	if !ok {
		t.Fatal("no weasel-words rule")
	}
	const yaml = `id: common
level: warning
check: existence
message: "{{.Match}}"
description: d
params:
  tokens: [of the, in the, it is, has been, he said, said the, such as, kill them, Some People say, k s, s k, the U2 band, 2 1 0]
examples: {hit: [of the], pass: [x]}
---
id: everywhere
level: warning
check: existence
message: "{{.Match}}"
description: d
scope:
  blocks: [headline, subheading, body, meta, byline, caption, ad, related, nav]
params:
  tokens: [the BBC, said on]
examples: {hit: [the BBC], pass: [x]}
---
id: unscreened
level: warning
check: existence
message: "{{.Match}}"
description: d
params:
  tokens: [state-run media, reportedly, some argue]
examples: {hit: [reportedly], pass: [x]}
`
	rs, err := rules.LoadRules("r.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return append([]*rules.Rule{weasel}, rs...)
}

// existenceBothWays returns the findings of e on text audited as Audit
// does, with the sentences screened, and as Run does on a document
// analysed without the screen, which scans every block whole; and how
// many sentences the screen ruled out.
func existenceBothWays(e *Engine, format Format, text string) (screened, full []Finding, free int) {
	doc := NewDocument("t", format, text)
	screened = e.Audit(doc)
	for si := range doc.Sentences {
		if doc.exist.free.has(si) {
			free++
		}
	}
	plain := NewDocument("t", format, text)
	Structure(plain, e.Analyzer().Lexicon())
	e.Analyzer().Analyze(plain)
	if plain.exist.holds(e.exist, plain.view) {
		panic("a document analysed without the screen holds its bits")
	}
	return screened, e.Run(plain), free
}

func TestExistenceScreenCorpora(t *testing.T) {
	e, err := NewEngine(nil, existenceTestRules(t))
	if err != nil {
		t.Fatal(err)
	}
	if e.exist == nil {
		t.Fatal("the engine has no existence screen")
	}
	sentences, free, findings := 0, 0, 0
	for _, set := range corpustest.Sets(t) {
		for k, art := range set.Articles {
			if testing.Short() && k%10 != 0 {
				continue
			}
			got, want, n := existenceBothWays(e, FormatText, art.Body)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: screened findings differ:\n got %v\nwant %v", art.Ref, got, want)
			}
			free += n
			findings += len(got)
			doc := NewDocument("t", FormatText, art.Body)
			Structure(doc, nil)
			sentences += len(doc.Sentences)
		}
	}
	t.Logf("%d findings; %d of %d sentences screened out", findings, free, sentences)
	if free == 0 || findings == 0 {
		t.Fatal("the test screens out nothing, or finds nothing")
	}
}

// TestExistenceScreenEdges holds the screened scan to the full one on
// texts built at random from pieces where the screen could go wrong:
// case, joiners before and after the words, runes past ASCII (the long s
// and the Kelvin sign fold to ASCII letters), line breaks and runs of
// white space, sentence ends, invalid bytes, in plain text and in
// Markdown (whose views are not their sources).
func TestExistenceScreenEdges(t *testing.T) {
	e, err := NewEngine(nil, existenceTestRules(t))
	if err != nil {
		t.Fatal(err)
	}
	fixed := []string{
		"Some argue it is so. Many believe it.",
		"ſome argue it is so.",
		"Some argue.",
		"Some-argue. some -argue. o'some argue. Some argue'x. Some argue-x. x.some argue. some argue_. _some argue.",
		"Some\nargue. Some\r\nargue. Some  \t argue. Some\fargue. Some\vargue.",
		"SOME ARGUE. sOmE aRgUe. It Is Widely Believed. According to some.",
		"They will \u212aill them. They will kill them. They will kill\u212a them. \u212a s. ſ \u212a. s k.",
		"“Some argue” he said. «some argue». Some argue… Some argue’s. Some’ argue.",
		"éSome argue. Someé argue. Some arguée. Some argue\u0301. Some\u0301 argue.",
		"The end\nsome argue\nthe start. The end. some\n\nargue.",
		"Of the. of\nthe. he said the U2 band. 2 1 0. 21 0. 2 10.",
		"Some argue\xff. \xffSome argue. So\xffme argue. Some \xc5argue.",
		"# Some argue\n\nMany believe *some* argue, and **many believe** it. Some [argue](x).",
		"Shr 12 cts vs 10 cts\nNet some\nargue that. Many say so\nsome argue",
		"Many argue. Some argue that x\n\nsome",
		"Some argue 'it is' so. \"Some argue\". (some argue) [it is]",
		"A. B. C. D. E. F. G. H. I. J. K. L. M. N. O. P. Q. R. S. T. U. V. W. X. Y. Z. A. B. C. D. E. F. G. H. I. J. K. L. M. N. O. P. Q. R. S. T. U. V. W. X. Y. Z. A. B. C. D. E. F. G. H. I. J. K. L. M. N. O. P. Q. R. S. T. U. V. W. X. Y. Z. Some argue. It is.",
	}
	pieces := []string{"some", "Some", "SOME", "ſome", "argue", "ARGUE", "many", "people", "say", "it", "is", "of", "the", "kill", "\u212aill", "them", "k", "s", "\u212a", "ſ",
		"U2", "band", "2", "1", "0", "said", "on", "BBC", "state-run", "media",
		" ", " ", " ", "  ", "\n", "\r\n", "\n\n", "\t", "\f", "\v", ".", ". ", ".\n\n", "? ", "! ", ",", "-", "'", "’", "_", "é", "\u0301", "“", "”", "\"", "«", "»", "…",
		"x", "o'", "U.S.", "\xff", "\xc5", "\xe2", "\x84", "#", "*", "# ", "\n- "}
	rng := rand.New(rand.NewPCG(1, 2))
	texts := fixed
	for range 20000 {
		texts = append(texts, pieceText(rng, pieces, 40))
	}
	free := 0
	for i, text := range texts {
		for _, format := range []Format{FormatText, FormatMarkdown} {
			got, want, n := existenceBothWays(e, format, text)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %q: screened findings differ:\n got %v\nwant %v", format, text, findingMatches(got), findingMatches(want))
			}
			if i < len(fixed) {
				free += n
			}
		}
	}
	if free == 0 {
		t.Fatal("the screen rules out no sentence of the fixed texts")
	}
}

func findingMatches(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %d-%d %q", f.Rule, f.Start, f.End, f.Message))
	}
	return out
}

// TestExistenceScreenMayHold checks the screen's verdict on sentences
// one by one: false only where the phrases' matcher finds nothing.
func TestExistenceScreenMayHold(t *testing.T) {
	phrases := [][]string{{"some", "argue"}, {"it", "is", "widely", "believed"}, {"kill", "them"}, {"according", "to", "some"}}
	s := new(existenceScreen)
	heads, shortest := screenablePhrases(phrases)
	if shortest != len("kill them") {
		t.Errorf("shortest = %d, want %d", shortest, len("kill them"))
	}
	for _, h := range heads {
		s.add(existFirst, h[0])
		s.add(existSecond, h[1])
	}
	m := newPhraseMatcher(phrases, false)
	for _, tt := range []struct {
		text string
		may  bool
	}{
		{"Some argue so.", true},
		{"SOME  ARGUE", true},
		{"so some argue", true},
		{"so so some argue", true},
		{"so so so some argue", true},
		{"argue", false},
		{"", false},
		{"some\nargue", true},
		{"ſome argue", true},
		{"\u212aill them", true},
		{"x'some argue", true},
		{"some arguex", false},
		{"some, argue", true}, // the screen does not see the comma
		{"argue some", false},
		{"it was widely believed", false},
		{"It Is widely believed", true},
		{"according to them", true}, // a pair of the phrase, not all of it
		{"nothing here at all", false},
	} {
		words := tokenize(softWrap(tt.text))
		if got := s.mayHold(words); got != tt.may {
			t.Errorf("mayHold(%q) = %v, want %v", tt.text, got, tt.may)
		}
		if !s.mayHold(words) && m.contains(tt.text) {
			t.Errorf("mayHold(%q) is false, but it holds a phrase", tt.text)
		}
	}
	for _, ph := range [][][]string{{{"some"}}, {{"state-run", "media"}}, {{"x", "y"}, {"é", "y"}}, {{"a_b", "c"}}} {
		if heads, _ := screenablePhrases(ph); heads != nil {
			t.Errorf("screenablePhrases(%q) is not nil", ph)
		}
	}
}

// TestFoldsToASCII checks that the long s and the Kelvin sign are the
// only runes past ASCII that fold to an ASCII letter or digit, and that
// they are letters (the tokenizer keeps them in their words), which
// existenceCut and the screen rely on.
func TestFoldsToASCII(t *testing.T) {
	var got []rune
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if f := foldRune(r); f < utf8.RuneSelf && isASCIIAlnum(byte(f)) {
			got = append(got, r)
			if !unicode.IsLetter(r) {
				t.Errorf("%U folds to %q but is no letter", r, f)
			}
		}
	}
	if !reflect.DeepEqual(got, foldsToASCII) {
		t.Errorf("runes folding to ASCII letters: %U, want %U", got, foldsToASCII)
	}
	for _, c := range []byte(" \t\n\f\rAz09_\xc5\xbf\xe2\x84\xaa") {
		if existenceCut[c] {
			t.Errorf("existenceCut[%q] is true", c)
		}
	}
	for _, c := range []byte(".,;:!?\"'-\v\x80\x9d\xff") {
		if !existenceCut[c] {
			t.Errorf("existenceCut[%q] is false", c)
		}
	}
}
