package rules

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// This file keeps the matcher as it was before it was tuned for speed
// (tokenising rune by rune, a trie of maps), as a reference that
// TestMatchAsReference compares Match with.

// refMatch is Registry.Match as it was.
func refMatch(m *refMatcher, text string) []Mention {
	toks, arena := refTokenize(text, nil, nil)
	var out []Mention
	for i := 0; i < len(toks); {
		t, end, last := m.longestAt(text, toks, arena, i)
		if t == nil {
			i++
			continue
		}
		for k := i + 1; k <= last; k++ {
			if t2, end2, last2 := m.longestAt(text, toks, arena, k); t2 != nil && last2 > last {
				i, t, end, last = k, t2, end2, last2
			}
		}
		out = append(out, Mention{
			Start:    toks[i].start,
			End:      end,
			SourceID: t.id,
			Alias:    t.alias,
			BackRef:  t.backref,
		})
		i = last + 1
	}
	return out
}

// refToken is one word of a text. Its normalised form (the key) is stored in a
// shared byte arena so that tokenising allocates nothing per word.
type refToken struct {
	start, end int // byte offsets of the word in the text
	key0, key1 int // arena[key0:key1] is the normalised word
	stemEnd    int // text offset where the word's stem ends, if stem != stemNone
	stemKey1   int // arena[key0:stemKey1] is the normalised stem
	stem       stemKind
	gap        gapKind // separation from the previous word
	single     bool    // the word is a single letter (an initial)
}

// refTokenize splits text into words, appending them to toks and their
// normalised forms to arena.
func refTokenize(text string, toks []refToken, arena []byte) ([]refToken, []byte) {
	gap, newlines, periods := gapBreak, 0, 0
	prevSingle := false
	raise := func(g gapKind) {
		if g > gap {
			gap = g
		}
	}
	for i := 0; i < len(text); {
		r, size := refDecodeAt(text, i)
		if !refIsWordRune(r) {
			switch {
			case r == '\n':
				newlines++
				if newlines > 1 {
					raise(gapBreak)
				}
			case unicode.IsSpace(r), refIsHyphen(r), refIsApostrophe(r), r == '&', unicode.Is(unicode.Cf, r):
			case r == '.':
				periods++
				if !prevSingle || periods > 1 {
					raise(gapBreak)
				}
			case r == ',':
				raise(gapComma)
			default:
				raise(gapBreak)
			}
			i += size
			continue
		}

		t := refToken{start: i, key0: len(arena), gap: gap}
		runes := 0
	word:
		for i < len(text) {
			r, size = refDecodeAt(text, i)
			switch {
			case refIsWordRune(r):
				n := len(arena)
				arena = refAppendFolded(arena, r)
				if len(arena) > n {
					runes++
				}
				i += size
			case refIsApostrophe(r):
				next, nsize := refDecodeAt(text, i+size)
				if i+size >= len(text) || !unicode.IsLetter(next) || refIsElision(arena[t.key0:], runes) {
					break word
				}
				after, _ := refDecodeAt(text, i+size+nsize)
				if (next == 's' || next == 'S') && (i+size+nsize >= len(text) || !refIsWordRune(after)) {
					t.stem, t.stemEnd, t.stemKey1 = stemPossessive, i, len(arena)
					arena = append(arena, 's')
					i += size + nsize
					break word
				}
				i += size // an apostrophe inside a word: dropped
			default:
				break word
			}
		}
		t.end, t.key1 = i, len(arena)
		if t.key1 == t.key0 {
			continue // only marks that fold to nothing
		}
		if t.stem == stemNone && runes >= 3 && text[t.end-1] == 's' && refIsUpperAt(text, t.start) {
			t.stem, t.stemEnd, t.stemKey1 = stemPlainS, t.end-1, t.key1-1
		}
		t.single = runes == 1
		toks = append(toks, t)
		gap, newlines, periods, prevSingle = gapSoft, 0, 0, t.single
	}
	return toks, arena
}

func refDecodeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func refIsUpperAt(s string, i int) bool {
	r, _ := refDecodeAt(s, i)
	return unicode.IsUpper(r)
}

func refIsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func refIsApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC' || r == '\u2018'
}

func refIsHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011'
}

// refIsElision reports whether the word before an apostrophe is a French elided
// article, pronoun or conjunction ("l'", "d'", "qu'"), after which the
// apostrophe separates words.
func refIsElision(word []byte, runes int) bool {
	return runes == 1 || string(word) == "qu" || string(word) == "jusqu" || string(word) == "lorsqu" || string(word) == "puisqu"
}

// refAppendFolded appends the normalised form of r: lower case, accents
// removed, combining marks and the Arabic tatweel dropped, Arabic alef
// variants unified.
func refAppendFolded(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	if s, ok := latinFold[r]; ok {
		return append(b, s...)
	}
	switch {
	case unicode.IsMark(r), r == '\u0640':
		return b
	case r == '\u0622' || r == '\u0623' || r == '\u0625' || r == '\u0671':
		r = '\u0627'
	case r == '\u0649':
		r = '\u064A'
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}

// refNormalizeKey returns the normalised words of s joined by single spaces:
// two aliases with the same key are the same alias to the refMatcher.
func refNormalizeKey(s string) string {
	toks, arena := refTokenize(s, nil, nil)
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(arena[t.key0:t.key1])
	}
	return b.String()
}

// refAliasShape returns what the refMatcher needs to know about an alias's
// punctuation: the positions of its commas, and whether it has a gap that
// text could never match (brackets, quotes, a sentence period).
func refAliasShape(s string) (commas uint64, unmatchable bool) {
	toks, _ := refTokenize(s, nil, nil)
	for k, t := range toks {
		if k == 0 {
			continue
		}
		switch t.gap {
		case gapComma:
			if k >= 64 {
				return 0, true
			}
			commas |= 1 << k
		case gapBreak:
			return 0, true
		}
	}
	return commas, false
}

// refIsExact reports whether an alias is short enough (at most four letters)
// to be matched only with its exact letter case.
func refIsExact(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n <= 4
}

// refTerm is an alias or back-reference ending at a trie node.
type refTerm struct {
	id      string // source ID; "" for a back-reference
	alias   string
	backref bool
	exact   []string // the alias's words as written, when matched case-sensitively
	commas  uint64   // bit k: the alias has a comma before its word k
}

type refTrieNode struct {
	next  map[string]*refTrieNode
	terms []refTerm
}

// refMatcher is a trie over normalised words. From each word of a text it
// follows at most depth words, so matching is linear in the text length.
type refMatcher struct {
	root  *refTrieNode
	depth int
}

func refNewMatcher(entries []entry) *refMatcher {
	m := &refMatcher{root: &refTrieNode{}}
	backrefs := make(map[string]bool)
	for _, e := range entries {
		for _, a := range e.Aliases {
			m.add(refTerm{id: e.ID, alias: a}, a)
		}
		for _, b := range e.BackRefs {
			key := refNormalizeKey(b)
			if backrefs[key] {
				continue
			}
			backrefs[key] = true
			m.add(refTerm{alias: b, backref: true}, b)
		}
	}
	return m
}

func (m *refMatcher) add(t refTerm, phrase string) {
	toks, arena := refTokenize(phrase, nil, nil)
	if len(toks) == 0 {
		return
	}
	t.commas, _ = refAliasShape(phrase)
	exact := refIsExact(phrase)
	nd := m.root
	for _, tk := range toks {
		if exact {
			t.exact = append(t.exact, phrase[tk.start:tk.end])
		}
		key := string(arena[tk.key0:tk.key1])
		child := nd.next[key]
		if child == nil {
			child = &refTrieNode{}
			if nd.next == nil {
				nd.next = make(map[string]*refTrieNode)
			}
			nd.next[key] = child
		}
		nd = child
	}
	nd.terms = append(nd.terms, t)
	m.depth = max(m.depth, len(toks))
}

// longestAt returns the longest refTerm matching the words of toks starting at
// i, the text offset where it ends and the index of its last word.
func (m *refMatcher) longestAt(text string, toks []refToken, arena []byte, i int) (best *refTerm, end, last int) {
	nd := m.root
	for j := i; j < len(toks) && j-i < m.depth; j++ {
		t := &toks[j]
		if j > i && t.gap == gapBreak {
			break
		}
		if t.stem != stemNone {
			if sn := nd.next[string(arena[t.key0:t.stemKey1])]; sn != nil {
				for k := range sn.terms {
					if m.accept(&sn.terms[k], text, toks, i, j, true) {
						best, end, last = &sn.terms[k], t.stemEnd, j
						break
					}
				}
			}
		}
		nd = nd.next[string(arena[t.key0:t.key1])]
		if nd == nil {
			break
		}
		for k := range nd.terms {
			if m.accept(&nd.terms[k], text, toks, i, j, false) {
				best, end, last = &nd.terms[k], t.end, j
				break
			}
		}
	}
	return best, end, last
}

// accept checks what the trie cannot: letter case for short aliases, commas,
// and the bare-"s" stem for back-references.
func (m *refMatcher) accept(tm *refTerm, text string, toks []refToken, i, j int, stem bool) bool {
	if stem && tm.backref && toks[j].stem == stemPlainS {
		return false
	}
	for k := i + 1; k <= j; k++ {
		if toks[k].gap == gapComma && (k-i >= 64 || tm.commas&(1<<(k-i)) == 0) {
			return false
		}
	}
	for k, w := range tm.exact {
		t := &toks[i+k]
		e := t.end
		if stem && i+k == j {
			e = t.stemEnd
		}
		if text[t.start:e] != w {
			return false
		}
	}
	return true
}

// matchCases returns texts to compare Match with refMatch on: the seeds
// whole and by sentence, the corpora by sentence if asked and present, every
// alias and back-reference in several letter cases and with a possessive,
// and hand-made odd cases.
func matchCases(t testing.TB, r *Registry, corpora bool) []string {
	cases := []string{
		"", " ", "s", "'s", "A", "U.S.", "U.N.'s", "U. N.", "the the the", "l'OSDH", "qu'AFP", "jusqu'Alep",
		"SANAs report", "the NGOs said", "the NGO's report", "SOHR's director", "Hay'at Tahrir al-Sham", "HAY'AT",
		"Syrian Observatory for Human Rights, the Observatory", "Syrian Observatory\n\nfor Human Rights",
		"Syrian Observatory\nfor Human Rights", "the Bank of England", "Bank of England's", "AFP\u00adX", "A\u0301FP",
		"Observatoire syrien des droits de l\u2019Homme", "OSDH\u2019s", "Stra\u00dfe", "\u0627\u0644\u0645\u0631\u0635\u062f \u0627\u0644\u0633\u0648\u0631\u064a",
		"\xff\xfeAFP\xff", "AFP\x80s", "U.S.-led coalition", "U.S. State Department", "Reuters,AFP", "the agency, the agency",
		"WHO said who", "who said WHO's", "the UN's un", "Fed-Fed", "BoE & the Fed",
	}
	for _, e := range r.entries {
		for _, a := range append(slices.Clone(e.Aliases), e.BackRefs...) {
			cases = append(cases, a, strings.ToUpper(a), strings.ToLower(a), a+"'s", a+"s", "the "+a+" of "+a+", "+a+".")
		}
	}
	cases = append(cases, seedSentences(t)...)
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, string(b))
	}
	if corpora {
		cases = append(cases, corpusSentences(t)...)
	}
	return cases
}

// TestMatchAsReference checks that the tuned matcher finds exactly what
// the reference one does, on the default registry and on one merged with
// a user file.
func TestMatchAsReference(t *testing.T) {
	user, err := LoadRegistryFile(filepath.Join("testdata", "user_sources.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	merged, err := DefaultRegistry().Merge(user)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Registry{DefaultRegistry(), merged} {
		ref := refNewMatcher(r.entries)
		for _, text := range matchCases(t, r, true) {
			got, want := r.Match(text), refMatch(ref, text)
			if !slices.Equal(got, want) {
				t.Fatalf("Match(%q)\n got %+v\nwant %+v", text, got, want)
			}
		}
	}
}

// refResolve is Registry.Resolve as it was.
func refResolve(r *Registry, mentions []Mention) []Mention {
	out := slices.Clone(mentions)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := range out {
		if !out[i].BackRef {
			continue
		}
		out[i].SourceID = ""
		owners := r.backrefOwners[refNormalizeKey(out[i].Alias)]
		for k := i - 1; k >= 0; k-- {
			prev := out[k]
			if prev.BackRef || prev.SourceID == "" {
				continue
			}
			if owners[prev.SourceID] {
				out[i].SourceID = prev.SourceID
				break
			}
		}
	}
	return out
}

// TestResolveAsReference resolves the mentions of each seed, shuffled
// and with back-references spelt otherwise than in the registry, as the
// reference did.
func TestResolveAsReference(t *testing.T) {
	r := DefaultRegistry()
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ms := r.Match(string(b))
		for i := range ms {
			if i%3 == 0 && ms[i].BackRef {
				ms[i].Alias = strings.ToUpper(ms[i].Alias)
			}
		}
		slices.Reverse(ms)
		if got, want := r.Resolve(ms), refResolve(r, ms); !slices.Equal(got, want) {
			t.Fatalf("%s: Resolve\n got %+v\nwant %+v", f, got, want)
		}
	}
}

// TestTokenizeAsReference checks the tuned tokeniser, key by key, and the
// helpers built on it.
func TestTokenizeAsReference(t *testing.T) {
	r := DefaultRegistry()
	for _, text := range matchCases(t, r, false) {
		checkTokenize(t, text)
	}
}

func checkTokenize(t *testing.T, text string) {
	t.Helper()
	toks, arena := tokenize(text, nil, nil, nil)
	refToks, refArena := refTokenize(text, nil, nil)
	if len(toks) != len(refToks) {
		t.Fatalf("tokenize(%q): %d tokens, want %d", text, len(toks), len(refToks))
	}
	for i, tk := range toks {
		rt := refToks[i]
		key, refKey := string(arena[tk.key0:tk.key1]), string(refArena[rt.key0:rt.key1])
		var stem, refStem string
		if tk.stem != stemNone && rt.stem != stemNone {
			stem, refStem = string(arena[tk.key0:tk.stemKey1]), string(refArena[rt.key0:rt.stemKey1])
		}
		if tk.start != rt.start || tk.end != rt.end || key != refKey || tk.stem != rt.stem || tk.gap != rt.gap ||
			tk.single != rt.single || tk.stem != stemNone && (tk.stemEnd != rt.stemEnd || stem != refStem) {
			t.Fatalf("tokenize(%q) token %d = %+v (%q), want %+v (%q)", text, i, tk, key, rt, refKey)
		}
		if tk.hash != wordHash([]byte(key)) || tk.stem != stemNone && tk.stemHash != wordHash([]byte(stem)) {
			t.Fatalf("tokenize(%q) token %d: wrong hash", text, i)
		}
	}
	if normalizeKey(text) != refNormalizeKey(text) {
		t.Fatalf("normalizeKey(%q) = %q, want %q", text, normalizeKey(text), refNormalizeKey(text))
	}
	c, u := aliasShape(text)
	rc, ru := refAliasShape(text)
	if c != rc || u != ru {
		t.Fatalf("aliasShape(%q) = %v, %v, want %v, %v", text, c, u, rc, ru)
	}
}

// FuzzMatchAsReference compares Match and the tokeniser with the
// reference on arbitrary text.
func FuzzMatchAsReference(f *testing.F) {
	r := DefaultRegistry()
	cases := matchCases(f, r, false)
	for _, s := range cases[:min(len(cases), 500)] {
		f.Add(s)
	}
	ref := refNewMatcher(r.entries)
	f.Fuzz(func(t *testing.T, text string) {
		checkTokenize(t, text)
		if got, want := r.Match(text), refMatch(ref, text); !slices.Equal(got, want) {
			t.Fatalf("Match(%q)\n got %+v\nwant %+v", text, got, want)
		}
	})
}

// TestASCIIWordEnd checks the eight-bytes-at-a-time scan against a byte
// loop, for every byte value at every place in a run.
func TestASCIIWordEnd(t *testing.T) {
	slow := func(s string, i int) int {
		for i < len(s) && ('a' <= s[i] && s[i] <= 'z' || 'A' <= s[i] && s[i] <= 'Z' || '0' <= s[i] && s[i] <= '9') {
			i++
		}
		return i
	}
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 20; pos++ {
			b := []byte("aZ09mMzA9azZ0aQqYy0123456789")
			b[pos] = byte(c)
			s := string(b)
			for i := 0; i < 3; i++ {
				if got, want := asciiWordEnd(s, i), slow(s, i); got != want {
					t.Fatalf("asciiWordEnd(%q, %d) = %d, want %d", s, i, got, want)
				}
			}
		}
	}
}

// TestTokenizeFiltered checks that tokenize with the registry's word
// filter leaves out exactly the words the filter turns away, and maybe
// words that start aliases but are none alone before one of those, a
// gapBreak or the end of text, each making the next word follow a
// gapBreak, and gives the others as without it.
func TestTokenizeFiltered(t *testing.T) {
	r := DefaultRegistry()
	for _, text := range matchCases(t, r, true) {
		checkTokenizeFiltered(t, &r.m.words, text)
	}
}

// TestTokenizeFilteredBytes checks the filtered tokeniser's skipping of
// dropped words (skipDropped) with every byte after, before and inside
// words of every length up to past eight, near the end of text and not.
func TestTokenizeFilteredBytes(t *testing.T) {
	r := DefaultRegistry()
	words := []string{"a", "Is", "the", "The", "Sanas", "SANAs", "agency", "AFPs", "Reuters", "Reuterss", "governments", "1984", "U",
		"abcdefgh", "Abcdefgs", "Observatory", "OBSERVATORYs", "abcdefghijklmnop", "Abcdefghijklmnops"}
	for c := range 256 {
		for _, w := range words {
			for _, text := range []string{
				w + string(rune(c)) + "said the agency of Reuters",
				"said " + w + string(rune(c)) + " SOHR's report, AFP said",
				"xx yy. " + w + string([]byte{byte(c)}) + "AFP",
				string([]byte{byte(c)}) + w + " " + w + " the NGO",
				w + "\n" + string([]byte{byte(c), ' '}) + w + "s zz, " + w,
			} {
				checkTokenizeFiltered(t, &r.m.words, text)
			}
		}
	}
}

// checkTokenizeFiltered checks that tokenize with the filter words leaves
// out of text exactly the words the filter turns away, and maybe a word
// that starts aliases but is none alone, after a gapBreak, when one space
// and a word turned away follow it, or a gapBreak, or the end of text,
// each making the next word follow a gapBreak, and gives the others as
// without it.
func checkTokenizeFiltered(t *testing.T, words *wordFilter, text string) {
	t.Helper()
	all, arena := tokenize(text, nil, nil, nil)
	got, gotArena := tokenize(text, nil, nil, words)
	bits := func(tk token) uint8 {
		v := words.get(tk.hash)
		if tk.stem != stemNone {
			v |= words.get(tk.stemHash)
		}
		return v
	}
	g := 0
	dropped := false
	for k, w := range all {
		if dropped {
			w.gap = gapBreak
		}
		keep := words.keep(w.hash, w.stemHash, w.stem != stemNone, w.gap)
		lone := keep && w.gap == gapBreak && bits(w)&filterWhole == 0 &&
			(k+1 == len(all) || all[k+1].gap == gapBreak || text[w.end:all[k+1].start] == " " && bits(all[k+1]) == 0)
		if g == len(got) || got[g].start != w.start {
			if keep && !lone {
				t.Fatalf("tokenize(%q) with the filter left out token %d (%q), which it must keep", text, k, arena[w.key0:w.key1])
			}
			dropped = true
			continue
		}
		if !keep {
			t.Fatalf("tokenize(%q) with the filter kept token %d (%q), which it must leave out", text, k, arena[w.key0:w.key1])
		}
		dropped = false
		gt := got[g]
		g++
		key, wantKey := string(gotArena[gt.key0:gt.key1]), string(arena[w.key0:w.key1])
		var stem, wantStem string
		if gt.stem != stemNone && w.stem != stemNone {
			stem, wantStem = string(gotArena[gt.key0:gt.stemKey1]), string(arena[w.key0:w.stemKey1])
		}
		if key != wantKey || stem != wantStem {
			t.Fatalf("tokenize(%q) with the filter, token %d: key %q stem %q, want %q %q", text, k, key, stem, wantKey, wantStem)
		}
		gt.key0, gt.key1, gt.stemKey1 = w.key0, w.key1, w.stemKey1
		if gt != w {
			t.Fatalf("tokenize(%q) with the filter, token %d = %+v, want %+v", text, k, gt, w)
		}
	}
	if g != len(got) {
		t.Fatalf("tokenize(%q) with the filter: %d tokens, only %d as without it", text, len(got), g)
	}
}
