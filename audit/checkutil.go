package audit

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

// Helpers shared by the check kinds (check_*.go).

// phraseSet is a list of phrases from a rule's parameters, matched
// case-insensitively on word boundaries; the words of a phrase may be
// separated by any white space or a hyphen ("state-run" matches "state
// run"). The zero phraseSet matches nothing.
type phraseSet struct{ m *phraseMatcher }

// compilePhrases compiles the phrases of parameter key. An empty phrase is
// a *rules.LoadError at its line and column.
func compilePhrases(r *rules.Rule, key string, phrases []string) (phraseSet, error) {
	type alt struct {
		words []string
		size  int // the length of the phrase as a regular expression
	}
	var alts []alt
	for i, p := range phrases {
		words := strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '\t' || r == '-' })
		if len(words) == 0 {
			return phraseSet{}, r.Errorf(r.Params.ItemPos(key, i), "%s: phrase %d is empty", key, i+1)
		}
		size := len(`[\s\-]+`) * (len(words) - 1)
		for _, w := range words {
			size += len(regexp.QuoteMeta(w))
		}
		alts = append(alts, alt{words, size})
	}
	if len(alts) == 0 {
		return phraseSet{}, nil
	}
	// Longer alternatives first, so that the leftmost match is also the
	// longest one that starts there.
	sort.SliceStable(alts, func(i, j int) bool { return alts[i].size > alts[j].size })
	list := make([][]string, len(alts))
	for i, a := range alts {
		list[i] = a.words
	}
	return phraseSet{newPhraseMatcher(list, true)}, nil
}

// find returns the byte range of the first phrase in text, or nil.
func (p phraseSet) find(text string) []int {
	if p.m == nil {
		return nil
	}
	return p.m.find(text)
}

// has reports whether text holds one of the phrases: find(text) != nil.
func (p phraseSet) has(text string) bool {
	return p.m != nil && p.m.contains(text)
}

// paramSet returns the words of a list parameter as a lower-cased set.
func paramSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(strings.TrimSpace(w))] = true
	}
	return m
}

// checkOneOf returns a *rules.LoadError when a parameter's value is not
// one of the allowed ones.
func checkOneOf(r *rules.Rule, key, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return r.Errorf(r.Params.Pos(key), "%s: unknown value %q (want %s)", key, value, strings.Join(allowed, ", "))
}

// checkTypes returns a *rules.LoadError for an entry of parameter key that
// is not a source type of the registry.
func checkTypes(r *rules.Rule, key string, types []string) error {
	for i, t := range types {
		if !rules.SourceType(t).Valid() {
			var all []string
			for _, v := range rules.SourceTypes {
				all = append(all, string(v))
			}
			return r.Errorf(r.Params.ItemPos(key, i), "%s: unknown source type %q (want one of %s)", key, t, strings.Join(all, ", "))
		}
	}
	return nil
}

// viewText returns the prose a source span covers, as the detectors read
// it (markup removed, entities decoded).
func viewText(doc *Document, s Span) string {
	if doc.view == nil {
		return doc.Slice(s)
	}
	a, b := doc.view.FromSource(s.Start), doc.view.FromSource(s.End)
	if a > b || b > len(doc.view.Text) {
		return ""
	}
	return doc.view.Text[a:b]
}

// sentenceOf returns the index of the sentence holding source offset off,
// or -1.
func sentenceOf(doc *Document, off int) int {
	if doc.view == nil || len(doc.Sentences) == 0 {
		return -1
	}
	v := doc.view.FromSource(off)
	i := sentenceAt(doc, v)
	if i < 0 || doc.Sentences[i].view.Start > v {
		return -1
	}
	return i
}

// inQuotation reports whether source offset off lies inside the quoted
// text of a direct, dash or partial quotation.
func inQuotation(doc *Document, off int) bool {
	if doc.view == nil {
		return false
	}
	return quoteInner(doc, doc.view.FromSource(off))
}

// sentenceGroups returns the indexes of the claims that pass keep, grouped
// by sentence, in document order.
func sentenceGroups(c *Context, keep func(i int, cl *Claim) bool) [][]int {
	// The claims come in order, so the groups are runs of one list of
	// the indexes kept: ends holds where each run ends.
	var kept []int
	var mem [32]int
	ends := mem[:0]
	last := -1
	c.Claims(func(i int, cl *Claim) {
		if !keep(i, cl) {
			return
		}
		if len(kept) > 0 && cl.Sentence != last {
			ends = append(ends, len(kept))
		}
		kept = append(kept, i)
		last = cl.Sentence
	})
	if len(kept) == 0 {
		return nil
	}
	ends = append(ends, len(kept))
	groups := make([][]int, len(ends))
	start := 0
	for k, end := range ends {
		groups[k] = kept[start:end:end]
		start = end
	}
	return groups
}

// fieldCount returns len(strings.Fields(s)) when it is less than max, and
// max otherwise, without building the fields.
func fieldCount(s string, max int) int {
	n := 0
	for range strings.FieldsSeq(s) {
		if n++; n >= max {
			break
		}
	}
	return n
}

// moreClaims describes the claims of a group after the first, for a
// finding's Detail: "and 2 more in the sentence: 183, 28 civilians".
func moreClaims(doc *Document, idx []int) string {
	if len(idx) < 2 {
		return ""
	}
	// "and N more in the sentence: “A”, “B”", written in one buffer.
	var mem [256]byte
	b := append(mem[:0], "and "...)
	b = strconv.AppendInt(b, int64(len(idx)-1), 10)
	b = append(b, " more in the sentence: "...)
	for k, i := range idx[1:] {
		if k > 0 {
			b = append(b, ", "...)
		}
		b = append(append(append(b, "“"...), Excerpt(doc.Claims[i].Text)...), "”"...)
	}
	return string(b)
}

// cueAt reports whether one of cues lies exactly at span s.
func cueAt(cues []Cue, s Span) bool {
	for _, c := range cues {
		if c.Span == s {
			return true
		}
	}
	return false
}

// sourceByID returns the article's source with the given id, or nil.
func sourceByID(doc *Document, id string) *Source {
	for i := range doc.Sources {
		if doc.Sources[i].ID == id {
			return &doc.Sources[i]
		}
	}
	return nil
}

// sentenceSpan maps the range [start, end) of sentence si's text to a
// span of the document.
func sentenceSpan(doc *Document, si, start, end int) Span {
	v := doc.Sentences[si].ViewSpan()
	return doc.View().Span(v.Start+start, v.Start+end)
}

// sentenceOffset returns document offset off as an offset into the text
// of sentence si.
func sentenceOffset(doc *Document, si, off int) int {
	return doc.View().FromSource(off) - doc.Sentences[si].ViewSpan().Start
}

// addCreditedSources adds to out the IDs of the sources a claim or a
// quotation of doc is credited to.
func addCreditedSources(out map[string]bool, doc *Document) {
	// Claims in a row are often credited to the same source: only a new
	// ID costs a map assignment.
	last := ""
	for i := range doc.Claims {
		if a := doc.Claims[i].Attribution; a != nil && (a.Source.ID != last || len(out) == 0) {
			last = a.Source.ID
			out[last] = true
		}
	}
	for i := range doc.Quotes {
		if sp := doc.Quotes[i].Speaker; sp != nil && (sp.ID != last || len(out) == 0) {
			last = sp.ID
			out[last] = true
		}
	}
}

// firstMention returns where source s is first named in the article's
// editorial text: its first mention, or, for a person the analysis knows
// only as a speaker (a quotation tagged "he confides"), the first
// occurrence of the name as a whole word.
func firstMention(doc *Document, s *Source) (Span, bool) {
	if len(s.Mentions) > 0 {
		return s.Mentions[0], true
	}
	if s.Name == "" {
		return Span{}, false
	}
	for si, sent := range doc.Sentences {
		if !doc.Blocks[sent.Block].Kind.Editorial() {
			continue
		}
		if i := wordIndex(sent.Text, s.Name); i >= 0 {
			return sentenceSpan(doc, si, i, i+len(s.Name)), true
		}
	}
	return Span{}, false
}

// wordIndex returns the offset of the first occurrence of word in text
// that stands as a whole word (not inside a longer one), or -1.
func wordIndex(text, word string) int {
	for from := 0; ; {
		i := strings.Index(text[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(word):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		from = i + 1
	}
}

// hasLexKey reports whether set holds lexKey(w), without allocating for
// a word of ASCII up to maxStackKey bytes: it is lower-cased into a
// buffer on the stack, which a map look-up reads without a copy.
func hasLexKey(set map[string]bool, w string) bool {
	if isLowerASCIIWord(w) || len(w) > maxStackKey {
		return set[lexKey(w)]
	}
	w = strings.TrimSpace(w)
	var buf [maxStackKey]byte
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return set[lexKey(w)]
		}
		buf[i] = lowerByte[w[i]]
	}
	return set[string(buf[:len(w)])]
}

// maxStackKey is the longest word hasLexKey lower-cases on the stack.
const maxStackKey = 64

// equalFoldLowerASCII reports whether s is word, which is lower-case
// ASCII letters, in any ASCII letter case.
func equalFoldLowerASCII(s, word string) bool {
	if len(s) != len(word) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != word[i] {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether s holds word, which is lower-case
// ASCII letters, in any mix of ASCII letter case.
func containsFoldASCII(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if equalFoldLowerASCII(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}
