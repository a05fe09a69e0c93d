package audit

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// The fast paths of the first-name, quote-speaker and single-source
// checks, held to the code they replaced (the ref functions here) on
// tricky strings and on every article of the corpora.

// rules2Check builds the check of the built-in rule id.
func rules2Check(t *testing.T, id string) Check {
	t.Helper()
	r, ok := rules.Find(rules.DefaultRules(), id)
	if !ok {
		t.Fatalf("no built-in rule %q", id)
	}
	ch, err := checkKinds[r.Check].build(r)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

var rules2Corpus struct {
	once sync.Once
	docs []*Document
}

// rules2Docs returns the analysed articles of the corpora, a third of
// each set.
func rules2Docs(t *testing.T) []*Document {
	t.Helper()
	sets := corpustest.Sets(t)
	rules2Corpus.once.Do(func() { rules2Corpus.docs = analyseRules2(sets) })
	return rules2Corpus.docs
}

func analyseRules2(sets []corpustest.Set) []*Document {
	an := NewAnalyzer(nil, nil)
	var docs []*Document
	for _, set := range sets {
		for i, a := range set.Articles {
			if i%3 != 0 {
				continue
			}
			doc := NewDocument(a.Ref, FormatText, a.Body)
			Structure(doc, an.Lexicon())
			an.Analyze(doc)
			docs = append(docs, doc)
		}
	}
	return docs
}

var rules2Tricky = []string{
	"", " ", "a", "  Umm  Khaled ", "Umm\tKhaled\nAhmad", "Batool", "the city of", "The City  OF\u00a0", "near\u2003",
	"in the town of", "town\u00a0of", "x\xffnear", "İstanbul near", "’s near", "Operation “Olive Branch”", "A B C D E F",
	"A B C D E F G", "A \xff B", "Ab\u00a0Cd", "Ab\u0085Cd Ef", "Bb ccccc Dd", "Bb cccc Dd", "Bb cccc dd", "1 a 2", "Ü ü Ü", "Deterrence of Aggression", "Deterrence of aggression", "\u2003Abu\u3000Ahmad\u2003", "1 2",
}

func refEndsNotAfter(x firstName, text string) bool {
	before := collapse(lexKey(text))
	for _, a := range x.notAfter {
		if before == a || strings.HasSuffix(before, " "+a) {
			return true
		}
	}
	return false
}

func refQuotedName(text string) bool {
	text = strings.TrimSpace(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	if text == "" || unicode.IsPunct(last) {
		return false
	}
	n := 0
	for range strings.FieldsSeq(text) {
		if n++; n > 6 {
			return false
		}
	}
	if n < 2 {
		return false
	}
	i := 0
	for w := range strings.FieldsSeq(text) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && (i == 0 || i == n-1 || utf8.RuneCountInString(w) > 4) {
			return false
		}
		i++
	}
	return true
}

// refTally is single-source's count as it was, with maps.
func refTally(s singleSource, claims []Claim) (order []string, count map[string]int, total int) {
	type key struct {
		sentence int
		id       string
	}
	seen := map[key]bool{}
	count = map[string]int{}
	for i := range claims {
		at := claims[i].Attribution
		if at == nil || (s.types != nil && !s.types[at.Source.Type]) {
			continue
		}
		k := key{claims[i].Sentence, at.Source.ID}
		if seen[k] {
			continue
		}
		seen[k] = true
		total++
		if count[at.Source.ID] == 0 {
			order = append(order, at.Source.ID)
		}
		count[at.Source.ID]++
	}
	return order, count, total
}

func TestRules2FastPaths(t *testing.T) {
	x := rules2Check(t, "first-name-only").(firstName)
	ss := rules2Check(t, "single-source-dependence").(singleSource)
	for _, s := range rules2Tricky {
		checkRules2Strings(t, x, s)
	}
	for _, doc := range rules2Docs(t) {
		for _, sent := range doc.Sentences {
			// Each word start and end is a place a name may stand.
			text := sent.Text
			for i := 0; i <= len(text); i++ {
				if i == 0 || i == len(text) || isSpaceByte(text[i-1]) != isSpaceByte(text[i]) {
					if got, want := x.endsNotAfter(text[:i]), refEndsNotAfter(x, text[:i]); got != want {
						t.Fatalf("endsNotAfter(%q) = %v, want %v", text[:i], got, want)
					}
				}
			}
		}
		for _, s := range doc.Sources {
			checkRules2Strings(t, x, s.Name)
		}
		for _, q := range doc.Quotes {
			checkRules2Strings(t, x, q.Text)
		}
		checkRules2Tally(t, ss, doc.Path, doc.Claims)
		rev := slices.Clone(doc.Claims)
		slices.Reverse(rev)
		checkRules2Tally(t, ss, doc.Path+" reversed", rev)
	}
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' }

func checkRules2Strings(t *testing.T, x firstName, s string) {
	t.Helper()
	if got, want := quotedName(s), refQuotedName(s); got != want {
		t.Fatalf("quotedName(%q) = %v, want %v", s, got, want)
	}
	if got, want := x.endsNotAfter(s), refEndsNotAfter(x, s); got != want {
		t.Fatalf("endsNotAfter(%q) = %v, want %v", s, got, want)
	}
}

func checkRules2Tally(t *testing.T, s singleSource, name string, claims []Claim) {
	t.Helper()
	srcs, total := s.tally(nil, claims, func(fn func(cl *Claim)) {
		for i := range claims {
			fn(&claims[i])
		}
	})
	order, count, wantTotal := refTally(s, claims)
	if total != wantTotal || len(srcs) != len(order) {
		t.Fatalf("%s: tally total %d over %d sources, want %d over %d", name, total, len(srcs), wantTotal, len(order))
	}
	for i, e := range srcs {
		if e.first.Source.ID != order[i] || e.count != count[order[i]] {
			t.Fatalf("%s: tally source %d = %s ×%d, want %s ×%d", name, i, e.first.Source.ID, e.count, order[i], count[order[i]])
		}
	}
}

// TestRules2WordAffixes holds endsWords, startsWords and containsWords to
// the string operations on space-padded text they replace.
func TestRules2WordAffixes(t *testing.T) {
	texts := []string{"", " ", "  ", "a", "of", "of the", "one of the dead", "the dead of", "x of", "ofx", "of  the", " of", "of "}
	for _, s := range texts {
		for _, p := range texts {
			if got, want := endsWords(s, p), strings.HasSuffix(" "+s, " "+p); got != want {
				t.Errorf("endsWords(%q, %q) = %v, want %v", s, p, got, want)
			}
			if got, want := startsWords(s, p), strings.HasPrefix(s+" ", p+" "); got != want {
				t.Errorf("startsWords(%q, %q) = %v, want %v", s, p, got, want)
			}
			if got, want := containsWords(s, p), strings.Contains(" "+s+" ", " "+p+" "); got != want {
				t.Errorf("containsWords(%q, %q) = %v, want %v", s, p, got, want)
			}
		}
	}
}

// TestRules2RegexpFilters holds the descriptor check's filters before
// its regular expressions to the expressions alone, on every sentence of
// a third of the corpora, its words and the text from each space on.
func TestRules2RegexpFilters(t *testing.T) {
	check := func(s string) {
		if got, want := isBased(s), basedRE.MatchString(s); got != want {
			t.Fatalf("isBased(%q) = %v, want %v", s, got, want)
		}
		if got, want := hasPossessive(s), possessiveRE.MatchString(s); got != want {
			t.Fatalf("hasPossessive(%q) = %v, want %v", s, got, want)
		}
		if got, want := backRefOpen(s), backRefOpenRE.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
			t.Fatalf("backRefOpen(%q) = %v, want %v", s, got, want)
		}
		if got, want := parenAfter(s), parenRE.FindStringIndex(s); !slices.Equal(got, want) {
			t.Fatalf("parenAfter(%q) = %v, want %v", s, got, want)
		}
		if got, want := isAffiliation(s), affiliationRE.MatchString(s); got != want {
			t.Fatalf("isAffiliation(%q) = %v, want %v", s, got, want)
		}
		if got, want := isRelative(s), relativeRE.MatchString(s); got != want {
			t.Fatalf("isRelative(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"UK-based", "UK-BASED", "uk baſed", "London based", "Amazon's Robin", "Amazon’s Robin", "\t\nThis NGO, based", " The monitor (SOHR)", "That group —", "Th", "the NGO,", " (SOHR) said", "\t(x)", "(", "of the Hendrix", "from Unosat", "at Sal", "with the UN", "of", "which is", "whose\t", "who", "wh"} {
		check(s)
	}
	for _, doc := range rules2Docs(t) {
		for _, sent := range doc.Sentences {
			text := sent.Text
			check(text)
			for i := 0; i < len(text); i++ {
				if text[i] == ' ' {
					check(text[i:min(len(text), i+80)])
					check(text[i+1 : min(len(text), i+81)])
				}
			}
			for w := range strings.FieldsSeq(text) {
				check(w)
			}
		}
	}
}

// TestRules2IndefiniteHead holds indefiniteHead.match to its regular
// expression for every noun of the built-in registry's back-references
// and a few more, on a quarter of the sentences of a third of the corpora and on
// random strings of the pieces a match is made of.
func TestRules2IndefiniteHead(t *testing.T) {
	heads := indefiniteHeads(NewAnalyzer(nil, nil).Registry())
	for _, w := range []string{"agency", "NGO", "ngos", "source", "Kit", "x_1", "al-Qaeda", "café", "monitor"} {
		heads[w] = newIndefiniteHead(w)
	}
	plain := 0
	for _, h := range heads {
		if h.plain {
			plain++
		}
	}
	if plain == 0 {
		t.Fatal("no head takes the fast path")
	}
	check := func(s string) {
		for w, h := range heads {
			if got, want := h.match(s), h.re().MatchString(s); got != want {
				t.Fatalf("indefinite %q in %q = %v, want %v", w, s, got, want)
			}
		}
	}
	pieces := []string{"a", "an", "one", "another", "A", "AN", "One", "ANOTHER", " ", "  ", "\t", "\n", "\v", "\f", "\u00a0",
		"-", "'", "’", "x", "big", "local", "agency", "Agency", "AGENCY", "agencies", "ngo", "NGOs", "monitor", "source",
		"_", "1", ".", ",", "é", "Kit", "\u212ait", "ſource", "\xff", "Oman", "the"}
	seed := uint64(1)
	for range 20000 {
		var b strings.Builder
		seed = seed*6364136223846793005 + 1442695040888963407
		n := int(seed>>59) + 1
		for range n {
			seed = seed*6364136223846793005 + 1442695040888963407
			b.WriteString(pieces[(seed>>33)%uint64(len(pieces))])
		}
		check(b.String())
	}
	for _, doc := range rules2Docs(t) {
		for i, sent := range doc.Sentences {
			if i%4 == 0 { // the expression is slow: a quarter of them
				check(sent.Text)
			}
		}
	}
}

// TestRules2Fields holds appendFields, alone and after lastFields, to
// strings.Fields: the first and the last few words of a text.
func TestRules2Fields(t *testing.T) {
	check := func(s string) {
		all := strings.Fields(s)
		for k := range 9 {
			if got, want := appendFields(nil, s, k), all[:min(k, len(all))]; !slices.Equal(got, want) {
				t.Fatalf("appendFields(%q, %d) = %q, want %q", s, k, got, want)
			}
			if got, want := appendFields(nil, lastFields(s, k, math.MaxInt), k), all[max(0, len(all)-k):]; !slices.Equal(got, want) {
				t.Fatalf("last %d fields of %q = %q, want %q", k, s, got, want)
			}
		}
	}
	for _, s := range rules2Tricky {
		check(s)
	}
	for _, doc := range rules2Docs(t) {
		for _, sent := range doc.Sentences {
			check(sent.Text)
		}
	}
}
