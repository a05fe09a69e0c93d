package audit

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "first-name",
		Summary: "flags a person quoted or cited by first name only (\"Batool, 24,\", \"Umm Mohamad\") with no word on why the full name is not given",
		Params: `explanations: phrases that explain a partial name, looked for in the sentences that name the person and the sentence after the first ("who gave only her first name", "not her real name")
notes: phrases that explain partial names for the whole article, wherever they stand ("names have been changed")
kunyas: words that, before a single name, make a kunya ("Umm Mohamad", "Abu Ahmad"): a parent named by their child, not a full name
roles: role words that mark a private person speaking as themselves (resident, survivor, mother): a single name whose descriptor holds one, or an age ("Batool, 24,"), is a first name
not_after: phrases after which a single capitalised word is a place, not a person ("the city of", "near"): a guard against a place taken for a speaker
A single name is judged only when something shows it is a private person's first name: a kunya, an age or a role of roles in its descriptor,
or no descriptor at all and a speech tag "he says"/"she says" credited to it. A single name after a title ("Mr Assad") or that ends a fuller name
elsewhere in the article ("Tim Henman" … "Henman said") is a surname and is not reported.`,
		build: newFirstName,
	})
}

// firstName reports a person something is credited to who is named by a
// single name or a kunya, when the article does not say why: readers, and
// the people named, cannot tell a source who chose anonymity from one the
// reporter did not ask.
type firstName struct {
	explanations, notes phraseSet
	kunyas, roles       map[string]bool
	notAfter            []string
	// notAfterWords is the most words a phrase of notAfter has.
	notAfterWords int
}

func newFirstName(r *rules.Rule) (Check, error) {
	var p struct {
		Explanations []string `yaml:"explanations"`
		Notes        []string `yaml:"notes"`
		Kunyas       []string `yaml:"kunyas"`
		Roles        []string `yaml:"roles"`
		NotAfter     []string `yaml:"not_after"`
	}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	x := firstName{kunyas: wordSet(p.Kunyas), roles: wordSet(p.Roles)}
	for _, a := range p.NotAfter {
		if a = strings.Join(strings.Fields(lexKey(a)), " "); a != "" {
			x.notAfter = append(x.notAfter, a)
			x.notAfterWords = max(x.notAfterWords, strings.Count(a, " ")+1)
		}
	}
	var err error
	if x.explanations, err = compilePhrases(r, "explanations", p.Explanations); err != nil {
		return nil, err
	}
	if len(p.Explanations) == 0 {
		return nil, r.Errorf(r.Params.Pos("explanations"), "first-name needs explanations: the phrases that say why a full name is not given")
	}
	if x.notes, err = compilePhrases(r, "notes", p.Notes); err != nil {
		return nil, err
	}
	return x, nil
}

func (x firstName) Run(c *Context) {
	doc := c.Doc
	// A note anywhere in the article ("names have been changed") explains
	// every partial name. Few articles have a partial name to report, so
	// the whole text is searched for one only before the first report.
	noted := -1 // unknown; 0 no note, 1 a note
	credited := c.creditedSources()
	titles := c.Lexicon.People.titleKeys
	for i := range doc.Sources {
		s := &doc.Sources[i]
		if !credited[s.ID] || !strings.HasPrefix(s.ID, "person:") {
			continue
		}
		kunya, partial := x.partialName(c, s.Name)
		if !partial {
			continue
		}
		m, ok := firstMention(doc, s)
		if !ok || !c.InBlock(c.BlockAt(m.Start)) || x.place(doc, m) || x.titled(doc, s, titles) {
			continue
		}
		if kunya == "" && (partOfFullName(doc, s.Name) || !x.private(c, s)) {
			continue
		}
		// Last, as the dearest test: it looks for the explanations in
		// every sentence that names the person.
		if x.explained(doc, s, m) {
			continue
		}
		if noted < 0 {
			noted = 0
			if x.notes.has(doc.View().Text) {
				noted = 1
			}
		}
		if noted == 1 {
			return
		}
		d := MessageData{Match: Excerpt(doc.Slice(m)), Source: s.Name, SourceType: s.Type}
		if kunya != "" {
			d.Detail = "“" + kunya + "” names a parent by their child; it is not a full name"
		}
		c.Report(m, d)
	}
}

// partialName reports whether name is a single name or a kunya with one
// name ("Umm Mohamad"), returning the kunya word for the latter. Names the
// source registry knows, pronouns and acronyms are not people's names.
func (x firstName) partialName(c *Context, name string) (kunya string, partial bool) {
	var buf [3]string // enough to tell more than two words
	words := appendFields(buf[:0], name, len(buf))
	switch {
	case len(words) == 1:
	case len(words) == 2 && hasLexKey(x.kunyas, words[0]):
		kunya = words[0]
	default:
		return "", false
	}
	if c.Lexicon.Reporting.Pronoun(name) || strings.IndexFunc(name, unicode.IsLower) < 0 || len(c.Registry.Match(name)) > 0 ||
		strings.HasSuffix(name, "'s") || strings.HasSuffix(name, "’s") {
		return "", false
	}
	return kunya, true
}

// titled reports whether a title stands before the person's name ("Mr
// Assad", "Dr Hamdan"), or is their descriptor: the name is a surname.
func (x firstName) titled(doc *Document, s *Source, titles map[string]bool) bool {
	if f, _ := lastField(s.Descriptor); f != "" && hasLexKey(titles, strings.TrimSuffix(f, ".")) {
		return true
	}
	for _, m := range s.Mentions {
		before := strings.TrimRightFunc(doc.Text[:m.Start], unicode.IsSpace)
		before = strings.TrimSuffix(before, ".")
		if hasLexKey(titles, lastWord(before)) {
			return true
		}
	}
	return false
}

// private reports whether the source named by a single name shows as a
// private person speaking as themselves: an age or a role of roles in its
// descriptor ("Batool, 24,", "Sarmad, a resident of Aleppo"), or no
// descriptor and a quotation or claim tagged with a personal pronoun
// ("…, he confides.").
func (x firstName) private(c *Context, s *Source) bool {
	doc := c.Doc
	for w := range strings.FieldsSeq(s.Descriptor) {
		w = strings.Trim(w, ",.;:()")
		if hasLexKey(x.roles, w) || w != "" && strings.Trim(w, "0123456789") == "" {
			return true
		}
	}
	if s.Descriptor != "" {
		return false
	}
	notNames := c.Lexicon.People.notNameKeys
	for _, cl := range doc.Claims {
		a := cl.Attribution
		if a == nil || a.Source.ID != s.ID || a.Link != LinkPronoun || !hasLexKey(personalPronouns, doc.Slice(a.Mention)) {
			continue
		}
		if b := sentenceBlock(doc, a.Mention.Start); b >= 0 && !namesSomeone(doc, b, notNames) && !namesSomeone(doc, b-1, notNames) {
			return true
		}
	}
	return false
}

// namesSomeone reports whether block bi, outside its quotations, holds two
// capitalised words in a row that could be a person's full name ("Mike
// Nash"): a pronoun there may stand for them rather than for a single
// name the analysis took for its antecedent.
func namesSomeone(doc *Document, bi int, notNames map[string]bool) bool {
	if bi < 0 || !doc.Blocks[bi].Kind.Editorial() {
		return false
	}
	b := doc.Blocks[bi]
	text := b.Text
	toks := appendQWords(nil, text, 0, len(text))
	for k := 1; k < len(toks); k++ {
		p, t := toks[k-1], toks[k]
		if strings.TrimSpace(text[p.end:t.start]) != "" || quoteInner(doc, b.ViewSpan().Start+t.start) {
			continue
		}
		if startsUpper(text[p.start:p.end]) && startsUpper(text[t.start:t.end]) && !notNames[p.key] && !notNames[t.key] {
			return true
		}
	}
	return false
}

// sentenceBlock returns the block of the sentence holding document offset
// off, or -1.
func sentenceBlock(doc *Document, off int) int {
	if si := sentenceOf(doc, off); si >= 0 {
		return doc.Sentences[si].Block
	}
	return -1
}

// personalPronouns stand for one person: a speaker tagged with one of
// them is a person, not an organisation mistaken for one.
var personalPronouns = map[string]bool{"he": true, "she": true}

// partOfFullName reports whether name, a single word, stands in a fuller
// name somewhere in the article's editorial text ("Tim Henman" …
// "Henman", "Gordon Brown" … "Gordon"): it is then a surname, or the
// analysis cut a full name short.
func partOfFullName(doc *Document, name string) bool {
	for _, sent := range doc.Sentences {
		if !doc.Blocks[sent.Block].Kind.Editorial() {
			continue
		}
		text := sent.Text
		for from := 0; from < len(text); {
			i := wordIndex(text[from:], name)
			if i < 0 {
				break
			}
			i += from
			before, after := text[:i], text[i+len(name):]
			// "Tim Henman", "John M. Henske": a capitalised word or an
			// initial right before.
			if b := strings.TrimRightFunc(before, unicode.IsSpace); len(b) < len(before) && startsUpper(lastWord(strings.TrimSuffix(b, "."))) {
				return true
			}
			if a := strings.TrimLeftFunc(after, unicode.IsSpace); len(a) < len(after) && startsUpper(a) {
				return true
			}
			from = i + len(name)
		}
	}
	return false
}

// place reports whether the first mention m follows a phrase of
// not_after ("the city of Hama"): the name is a place.
func (x firstName) place(doc *Document, m Span) bool {
	si := sentenceOf(doc, m.Start)
	if si < 0 {
		return false
	}
	off := sentenceOffset(doc, si, m.Start)
	if off < 0 || off > len(doc.Sentences[si].Text) {
		return false
	}
	return x.endsNotAfter(doc.Sentences[si].Text[:off])
}

// endsNotAfter reports whether text ends in a phrase of not_after, as a
// whole word or words.
func (x firstName) endsNotAfter(text string) bool {
	// Only the last words can hold the phrase: one more than the longest
	// phrase has tells a phrase that ends a longer run of words from one
	// that is all of it.
	before := collapse(lexKey(lastFields(text, x.notAfterWords+1, math.MaxInt)))
	for _, a := range x.notAfter {
		if endsWords(before, a) {
			return true
		}
	}
	return false
}

// explained reports whether the article says why the person is not fully
// named: in a sentence that names them (by a mention or by the name as a
// word) or in the sentence right after the first mention m.
func (x firstName) explained(doc *Document, s *Source, m Span) bool {
	if si := sentenceOf(doc, m.Start); si >= 0 && si+1 < len(doc.Sentences) && x.explanations.has(doc.Sentences[si+1].Text) {
		return true
	}
	naming := map[int]bool{}
	for _, sp := range append([]Span{m}, s.Mentions...) {
		naming[sentenceOf(doc, sp.Start)] = true
	}
	for si, sent := range doc.Sentences {
		if (naming[si] || wordIndex(sent.Text, s.Name) >= 0) && x.explanations.has(sent.Text) {
			return true
		}
	}
	return false
}

// lastWord returns the run of letters and digits that ends s, if any.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) {
			break
		}
		i -= n
	}
	return s[i:]
}
