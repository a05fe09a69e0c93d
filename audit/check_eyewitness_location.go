package audit

import (
	"strings"
	"unicode"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "eyewitness-location",
		Summary: "flags an eyewitness or resident source with nothing saying where they are (\"a resident of eastern Aleppo\", \"told AFP from Idlib\")",
		Params: `types: source types judged (default eyewitness)
roles: role words that make a source a witness to a place, in its unnamed role ("a resident") or its descriptor ("Sarmad, a resident of Aleppo")
prepositions: words that place someone before a place name ("in Aleppo", "from Idlib", "near Homs")
of_nouns: words after which "of" places someone ("a resident of Aleppo", "his city of Aleppo")
place_nouns: common nouns that are a place after a determiner ("in a camp", "from her village", "in the Idlib region")
modifiers: words that may stand between a preposition and a place ("eastern Aleppo", "rebel-held Idlib")
The sentences that name the source or credit a claim to it are searched, outside quotations.`,
		build: newEyewitnessLocation,
	})
}

// eyewitnessLocation reports an eyewitness source (a resident, a
// witness, a survivor, a named civilian described as one) that something
// is credited to when no sentence naming them or crediting them says
// where they are: a witness's account is worth what their vantage point
// is.
type eyewitnessLocation struct {
	types, roles, prepositions, ofNouns, placeNouns, modifiers map[string]bool
}

func newEyewitnessLocation(r *rules.Rule) (Check, error) {
	p := struct {
		Types        []string `yaml:"types"`
		Roles        []string `yaml:"roles"`
		Prepositions []string `yaml:"prepositions"`
		OfNouns      []string `yaml:"of_nouns"`
		PlaceNouns   []string `yaml:"place_nouns"`
		Modifiers    []string `yaml:"modifiers"`
	}{Types: []string{"eyewitness"}}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	if err := checkTypes(r, "types", p.Types); err != nil {
		return nil, err
	}
	if len(p.Roles) == 0 {
		return nil, r.Errorf(r.Params.Pos("roles"), "eyewitness-location needs roles: the role words of witnesses (resident, witness, survivor, …)")
	}
	if len(p.Prepositions) == 0 {
		return nil, r.Errorf(r.Params.Pos("prepositions"), "eyewitness-location needs prepositions: the words that place someone (in, from, near, …)")
	}
	return eyewitnessLocation{
		types: wordSet(p.Types), roles: wordSet(p.Roles), prepositions: wordSet(p.Prepositions),
		ofNouns: wordSet(p.OfNouns), placeNouns: wordSet(p.PlaceNouns), modifiers: wordSet(p.Modifiers),
	}, nil
}

func (x eyewitnessLocation) Run(c *Context) {
	doc := c.Doc
	credited := c.creditedSources()
	notNames := c.Lexicon.People.notNameKeys
	for i := range doc.Sources {
		s := &doc.Sources[i]
		if !credited[s.ID] || !x.types[s.Type] || !x.witness(s) {
			continue
		}
		m, ok := firstMention(doc, s)
		if !ok || !c.InBlock(c.BlockAt(m.Start)) {
			continue
		}
		if x.located(c, s, m, notNames) {
			continue
		}
		name := s.Name
		if !strings.HasPrefix(s.ID, "person:") {
			name = Excerpt(doc.Slice(m)) // "a resident", not the registry's "Eyewitness or resident"
		}
		c.Report(m, MessageData{Match: Excerpt(doc.Slice(m)), Source: name, SourceType: s.Type})
	}
}

// witness reports whether source s speaks as a witness: its unnamed
// role ("a resident") or its descriptor ("a resident of Aleppo", "a
// mother of five") holds a role word of roles. The analysis types people
// it knows nothing about as eyewitnesses too; they are not judged.
func (x eyewitnessLocation) witness(s *Source) bool {
	// The words of the descriptor, then those of the unnamed role with
	// its hyphens read as spaces.
	role := func(w string) bool { return hasLexKey(x.roles, strings.Trim(w, ",.;:()")) }
	for w := range strings.FieldsSeq(s.Descriptor) {
		if role(w) {
			return true
		}
	}
	if r, ok := strings.CutPrefix(s.ID, "unnamed:"); ok {
		for w := range strings.FieldsFuncSeq(r, func(c rune) bool { return c == '-' || unicode.IsSpace(c) }) {
			if role(w) {
				return true
			}
		}
	}
	return false
}

// located reports whether a sentence that names source s (first at m) or
// credits a claim to it places the source somewhere.
func (x eyewitnessLocation) located(c *Context, s *Source, m Span, notNames map[string]bool) bool {
	doc := c.Doc
	seen := map[int]bool{}
	try := func(off int) bool {
		si := sentenceOf(doc, off)
		if si < 0 || seen[si] {
			return false
		}
		seen[si] = true
		return x.placeIn(c, si, notNames)
	}
	if try(m.Start) {
		return true
	}
	for _, sp := range s.Mentions {
		if try(sp.Start) {
			return true
		}
	}
	for _, cl := range doc.Claims {
		if a := cl.Attribution; a != nil && a.Source.ID == s.ID && (try(a.Mention.Start) || try(a.Cue.Start)) {
			return true
		}
	}
	return false
}

// placeIn reports whether sentence si, outside its quotations, places
// someone: a preposition before a place name ("from Idlib", "in eastern
// Aleppo"), a resident "of" a place, or a preposition before a place noun
// ("in a camp", "from her village").
func (x eyewitnessLocation) placeIn(c *Context, si int, notNames map[string]bool) bool {
	doc := c.Doc
	s := doc.Sentences[si]
	text := s.Text
	toks := c.sentenceWords(si)
	for k, t := range toks {
		if quoteInner(doc, s.ViewSpan().Start+t.start) {
			continue
		}
		// A place before the role: "Qamishli resident", "an Aleppo
		// resident".
		if x.roles[t.key] && k > 0 {
			p := toks[k-1]
			w := text[p.start:p.end]
			if startsUpper(w) && !notNames[p.key] && strings.TrimSpace(text[p.end:t.start]) == "" && len(c.Registry.Match(w)) == 0 {
				return true
			}
		}
		if !x.prepositions[t.key] && !(t.key == "of" && k > 0 && x.ofNouns[toks[k-1].key]) {
			continue
		}
		j := k + 1
		determined := j < len(toks) && determinerWords[toks[j].key]
		if determined {
			j++
		}
		for j < len(toks) && x.modifiers[toks[j].key] {
			j++
		}
		// A place name: capitalised, not a month, a day or a function
		// word, and not a source the registry knows ("told AFP").
		for j < len(toks) && startsUpper(text[toks[j].start:toks[j].end]) && !notNames[toks[j].key] {
			if len(c.Registry.Match(text[toks[j].start:toks[j].end])) > 0 {
				break
			}
			if !determined {
				return true
			}
			j++ // "the Idlib region": a capitalised name needs its place noun
		}
		if j < len(toks) && x.placeNouns[toks[j].key] {
			return true
		}
	}
	return false
}
