package audit

import (
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "descriptor",
		Summary: "flags the first mention of a source the reader may not know (a monitor, a think tank, a named person) with nothing saying who it is",
		Params: `types: registry source types that need a descriptor (default ngo_monitor, expert, armed_group; state media have their own rule)
well_known: registry source ids that need none (wire agencies, the UN, major broadcasters)
people: true when named people need one too (default true); people named by a single name are left to the first-name rule
nouns: words that describe a source when they stand before its name ("the war monitor SOHR") or open the next sentence ("This NGO, based in …"); a word ending in -based always does
openers: words that open an apposition after the name and a comma ("SOHR, a UK-based monitor", "Khalifa, who heads …")
Only sources something is credited to are judged; a descriptor given in the next sentence ("The Observatory, which relies on …") counts.`,
		build: newDescriptor,
	})
}

// descriptor reports a source named for the first time with nothing that
// tells the reader who it is: no apposition ("the SOHR, a UK-based NGO
// that relies on a network of sources in Syria"), no description before
// the name ("defense analyst Nanar Hawach", "the war monitor SOHR") and
// none in the next sentence ("This NGO, based in Great Britain, …").
type descriptor struct {
	types, wellKnown map[string]bool
	people           bool
	nouns            phraseSet
	openers          map[string]bool
}

func newDescriptor(r *rules.Rule) (Check, error) {
	p := struct {
		Types     []string `yaml:"types"`
		WellKnown []string `yaml:"well_known"`
		People    bool     `yaml:"people"`
		Nouns     []string `yaml:"nouns"`
		Openers   []string `yaml:"openers"`
	}{Types: []string{"ngo_monitor", "expert", "armed_group"}, People: true}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	x := descriptor{types: map[string]bool{}, wellKnown: map[string]bool{}, people: p.People, openers: wordSet(p.Openers)}
	if err := checkTypes(r, "types", p.Types); err != nil {
		return nil, err
	}
	for _, t := range p.Types {
		x.types[t] = true
	}
	for _, id := range p.WellKnown {
		x.wellKnown[strings.ToLower(strings.TrimSpace(id))] = true
	}
	var err error
	if x.nouns, err = compilePhrases(r, "nouns", p.Nouns); err != nil {
		return nil, err
	}
	if len(x.openers) == 0 {
		return nil, r.Errorf(r.Params.Pos("openers"), "descriptor needs openers: the words that open an apposition (a, an, which, who, …)")
	}
	return x, nil
}

// describer is what judging descriptors needs from the lexicon: function
// words, role nouns ("spokesman", "analyst") and reporting verbs.
type describer struct {
	descriptor
	notNames, roles, affiliations, titles map[string]bool
	rep                                   *ReportingLexicon
}

func (x descriptor) Run(c *Context) {
	doc := c.Doc
	credited := c.creditedSources()
	people, sets := &c.Lexicon.People, c.lexSets()
	d := describer{descriptor: x, notNames: people.notNameKeys, roles: sets.roles, rep: &c.Lexicon.Reporting,
		affiliations: sets.affiliations, titles: people.titleKeys}
	for i := range doc.Sources {
		s := &doc.Sources[i]
		if !credited[s.ID] || !x.needs(c, s) {
			continue
		}
		m, ok := firstMention(doc, s)
		if !ok || !c.InBlock(c.BlockAt(m.Start)) {
			continue
		}
		// personEvidence reads the whole article: it comes last.
		person := strings.HasPrefix(s.ID, "person:")
		if person && s.Descriptor != "" || d.described(c, s, m) || person && !personEvidence(c, s) {
			continue
		}
		c.Report(m, MessageData{Match: Excerpt(doc.Slice(m)), Source: s.Name, SourceType: s.Type})
	}
}

// personEvidence reports whether the article treats a source the
// analysis took for a named person as a person: it calls them by surname
// alone or after a title ("Mr Hawach", "Hawach said"), or a speech tag
// "he says" is credited to them. Organisations the analysis takes for
// people ("Merrill Lynch", "Age Concern") show none of these.
func personEvidence(c *Context, s *Source) bool {
	doc := c.Doc
	last, _ := lastField(s.Name)
	full, alone := 0, 0
	for _, sent := range doc.Sentences {
		if !doc.Blocks[sent.Block].Kind.Editorial() {
			continue
		}
		full += strings.Count(sent.Text, s.Name)
		for from := 0; from < len(sent.Text); {
			i := wordIndex(sent.Text[from:], last)
			if i < 0 {
				break
			}
			alone++
			from += i + len(last)
		}
	}
	if alone > full {
		return true
	}
	for _, cl := range doc.Claims {
		if a := cl.Attribution; a != nil && a.Source.ID == s.ID && a.Link == LinkPronoun && hasLexKey(personalPronouns, doc.Slice(a.Mention)) {
			return true
		}
	}
	return false
}

// needs reports whether source s is of a kind that needs a descriptor.
func (x descriptor) needs(c *Context, s *Source) bool {
	switch {
	case strings.HasPrefix(s.ID, "person:"):
		return x.people && fieldCount(s.Name, 2) > 1
	case x.wellKnown[s.ID] || !x.types[s.Type]:
		return false
	case c.Doc.Meta.Outlet != "" && rules.Fold(c.Doc.Meta.Outlet) == rules.Fold(s.Name):
		return false // the article's own outlet
	}
	// Organisations the registry does not know are named by what they
	// are ("the Syrian American Medical Society") as far as the analysis
	// can tell; only registry sources are judged.
	_, known := c.Registry.Info(s.ID)
	return known
}

// described reports whether the text describes source s at its first
// mention m or in the sentence after it.
func (x describer) described(c *Context, s *Source, m Span) bool {
	doc := c.Doc
	si := sentenceOf(doc, m.Start)
	if si < 0 {
		return false
	}
	text := doc.Sentences[si].Text
	start, end := sentenceOffset(doc, si, m.Start), sentenceOffset(doc, si, m.End)
	if start < 0 || end > len(text) || start > end {
		return false
	}
	name := text[start:end]
	if isBased(name) || hasPossessive(name) || x.appositionAfter(text[end:]) || x.describedBefore(text[:start]) {
		return true
	}
	// Another mention in the same or the next sentence with an apposition
	// ("The Observatory, which relies on …"), or a next sentence opening
	// with a describing noun ("This NGO, based in Great Britain, …").
	for _, o := range s.Mentions {
		oi := sentenceOf(doc, o.Start)
		if o.Start <= m.Start || oi < 0 || oi > si+1 {
			continue
		}
		if e := sentenceOffset(doc, oi, o.End); e >= 0 && e <= len(doc.Sentences[oi].Text) && x.appositionAfter(doc.Sentences[oi].Text[e:]) {
			return true
		}
	}
	if si+1 < len(doc.Sentences) && c.InBlock(doc.Sentences[si+1].Block) {
		next := doc.Sentences[si+1].Text
		if loc := backRefOpen(next); loc != nil {
			if n := x.nouns.find(next[loc[2]:loc[3]]); n != nil && n[1] == loc[3]-loc[2] {
				return true
			}
		}
	}
	return false
}

var (
	// basedRE finds a "UK-based", "Britain-based" kind of description.
	basedRE = regexp.MustCompile(`(?i)\p{L}[- ]based\b`)
	// backRefOpenRE finds a sentence opening "This NGO," or "The
	// monitor, which …": group 1 is the noun phrase after the determiner.
	backRefOpenRE = regexp.MustCompile(`^\s*(?:This|The|That)\s+((?:[\p{L}-]+\s+){0,2}[\p{L}-]+)\s*(?:,|\(|–|—)`)
	// affiliationRE finds an affiliation after a name: "of the Hendrix
	// Foundation", "from Unosat", "at Sal Oppenheim".
	affiliationRE = regexp.MustCompile(`^(?:of|from|at|with)\s+(?:the\s+)?\p{Lu}`)
	// possessiveRE finds an affiliation inside a name the analysis kept
	// whole: "Amazon's Robin Terrell".
	possessiveRE = regexp.MustCompile(`\p{L}['’]s\s+\p{Lu}`)
	// relativeRE finds a relative clause right after a name, as copy
	// stripped of its commas has it: "the Observatory which monitors …".
	relativeRE = regexp.MustCompile(`^(?:which|who|whose)\s`)
	// parenRE is a parenthesised acronym after a name: " (SOHR)".
	parenRE = regexp.MustCompile(`^\s*\([^()]{1,40}\)`)
)

// isBased is basedRE.MatchString without the regular expression for the
// many texts that hold no "based" in any letter case (nor a long s,
// which (?i) matches for an s).
func isBased(text string) bool {
	return (containsFoldASCII(text, "based") || strings.Contains(text, "\u017f")) && basedRE.MatchString(text)
}

// hasPossessive is possessiveRE.MatchString without the regular
// expression for texts with no "'s" or "’s".
func hasPossessive(text string) bool {
	return (strings.Contains(text, "'s") || strings.Contains(text, "’s")) && possessiveRE.MatchString(text)
}

// backRefOpen is backRefOpenRE.FindStringSubmatchIndex without the
// regular expression for the many sentences that do not open with "Th"
// after white space (\s).
func backRefOpen(text string) []int {
	if !strings.HasPrefix(strings.TrimLeft(text, "\t\n\f\r "), "Th") {
		return nil
	}
	return backRefOpenRE.FindStringSubmatchIndex(text)
}

// parenAfter is parenRE.FindStringIndex without the regular expression
// for text that does not open with "(" after white space (\s).
func parenAfter(text string) []int {
	if !strings.HasPrefix(strings.TrimLeft(text, "\t\n\f\r "), "(") {
		return nil
	}
	return parenRE.FindStringIndex(text)
}

// isAffiliation is affiliationRE.MatchString without the regular
// expression for text that opens with none of its words.
func isAffiliation(text string) bool {
	if !strings.HasPrefix(text, "of") && !strings.HasPrefix(text, "from") && !strings.HasPrefix(text, "at") && !strings.HasPrefix(text, "with") {
		return false
	}
	return affiliationRE.MatchString(text)
}

// isRelative is relativeRE.MatchString without the regular expression
// for text that does not open with "wh".
func isRelative(text string) bool {
	return strings.HasPrefix(text, "wh") && relativeRE.MatchString(text)
}

// appositionAfter reports whether rest, the text after a name, describes
// it: an affiliation ("of the James Marshall Hendrix Foundation", "from
// Unosat") or an apposition after a comma or a dash (", a UK-based NGO",
// ", who heads …", ", the main Kurdish militia,", ", partner at BDO",
// ", Davis's co-star", ", Nintendo UK general manager").
func (x describer) appositionAfter(rest string) bool {
	if loc := parenAfter(rest); loc != nil {
		rest = rest[loc[1]:]
	}
	rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
	if isAffiliation(rest) || isRelative(rest) {
		return true
	}
	var ok bool
	if rest, ok = strings.CutPrefix(rest, ","); !ok {
		if rest, ok = cutDash(rest); !ok {
			return false
		}
	}
	rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
	if isAffiliation(rest) {
		return true // ", from Families Need Fathers,"
	}
	// The first eight words are all that is read: words[i+1] for i up to 6.
	var buf [8]string
	words := appendFields(buf[:0], rest, len(buf))
	if len(words) == 0 {
		return false
	}
	first := lexKey(strings.Trim(words[0], ",;:.“”\"«»"))
	switch {
	case x.openers[first] || isBased(words[0]):
		return true
	case first == "the":
		// ", the main Kurdish militia, said": a short phrase closed by a
		// comma or a dash; ", the rebels advanced on …" is the next clause.
		for i := 1; i < len(words) && i <= 6; i++ {
			w := words[i]
			if strings.HasSuffix(w, ",") || i+1 < len(words) && (words[i+1] == "–" || words[i+1] == "—") {
				return true
			}
			if strings.ContainsAny(w, ".;:") {
				break
			}
		}
		return false
	case strings.HasSuffix(first, "'s") && startsUpper(words[0]):
		return true // ", Davis's co-star"
	case !startsUpper(words[0]):
		// A bare role: ", partner at BDO", ", governor of the Tourism
		// Authority"; not a clause (", adding that", ", but …").
		_, verb := x.rep.Verb(first)
		return first != "" && !x.notNames[first] && !verb && !strings.HasSuffix(first, "ing") && !strings.HasSuffix(first, "ly")
	}
	// A capitalised phrase holding a role: ", Nintendo UK general manager,".
	for i := 0; i < len(words) && i < 6; i++ {
		if hasLexKey(x.roles, strings.Trim(words[i], ",;:.")) {
			return true
		}
		if strings.ContainsAny(words[i], ",;:.") {
			break
		}
	}
	return false
}

// describedBefore reports whether before, the text of the sentence before
// a name, ends in a description of it: a describing noun or a "-based"
// word among the four words right before it ("the war monitor", "defense
// analyst"), or an apposition closed by a comma ("a woman, Umm Mohamad";
// "The King of Jordan, Abdullah II").
func (x describer) describedBefore(before string) bool {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	if seg, ok := strings.CutSuffix(trimmed, ","); ok {
		if i := strings.LastIndexAny(seg, ",;:.!?“”\"(«»"); i >= 0 {
			seg = seg[i+1:]
		}
		var buf [7]string // enough to tell more than six
		words := appendFields(buf[:0], seg, len(buf))
		if len(words) > 0 && len(words) <= 6 && determinerWords[strings.ToLower(words[0])] {
			return true
		}
		return false
	}
	// The words right before the name, back to any punctuation.
	tail := trimmed
	if i := strings.LastIndexAny(tail, ",;:.!?“”\"()«»"); i >= 0 {
		tail = tail[i+1:]
	}
	var buf [4]string
	words := appendFields(buf[:0], lastFields(tail, len(buf), math.MaxInt), len(buf)) // the last four
	phrase := strings.Join(words, " ")
	if isBased(phrase) || x.nouns.has(phrase) {
		return true
	}
	for _, w := range words {
		if hasLexKey(x.roles, w) {
			return true // "Kremlin spokesman Dmitry Peskov"
		}
	}
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	key := lexKey(last)
	switch {
	case strings.HasSuffix(key, "'s"):
		return true // "Fox TV's Bill O'Reilly"
	case x.affiliations[key] || x.titles[key]:
		return true // "Tory Liam Fox"
	case startsUpper(last):
		return false
	}
	// A common noun right before the name: "producer Gil Cates", "England
	// skipper Jason Robinson"; not a verb ("said Mike Bryan") or a
	// function word ("by Mike Bryan").
	_, verb := x.rep.Verb(key)
	return !verb && !x.notNames[key] && !strings.HasSuffix(key, "ly") && !strings.HasSuffix(key, "ed") && !strings.HasSuffix(key, "ing")
}

// cutDash removes a leading dash (– or —) from s.
func cutDash(s string) (string, bool) {
	for _, d := range []string{"–", "—", "--"} {
		if rest, ok := strings.CutPrefix(s, d); ok {
			return rest, true
		}
	}
	return s, false
}

// determinerWords open a noun phrase: "a woman, Umm Mohamad" (an
// apposition before a name), "claimed the lives of" (an object), "in the
// camp" (a place).
var determinerWords = map[string]bool{"the": true, "a": true, "an": true, "one": true, "this": true, "that": true,
	"his": true, "her": true, "its": true, "their": true, "our": true, "some": true, "no": true}
