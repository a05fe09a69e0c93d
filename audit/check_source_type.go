package audit

import (
	"fmt"
	"strings"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "source-type",
		Summary: "judges claims by the kind of source they rest on: claims only a party to the conflict makes, state media cited without saying so",
		Params: `condition: party-only flags claims whose source is a party to the conflict when no independent source gives a claim of the same kind in the article and no caveat says it could not be verified; state-media-unlabelled flags state media credited with a claim that the article never calls state media
party_types: (party-only) source types that count as parties even when the registry does not flag them (default [armed_group, military])
caveats: (party-only) phrases in the claim's sentence or the next that say it could not be verified ("could not be independently verified")
labels: (state-media-unlabelled; scope.claims does not apply) words that label a source as state media ("state-run", "state news agency", "Kremlin-backed")
window: (state-media-unlabelled) how many words before a mention, or in an apposition after it, a label may stand (default 5)`,
		Claims: true,
		build:  newSourceType,
	})
}

func newSourceType(r *rules.Rule) (Check, error) {
	p := struct {
		Condition  string   `yaml:"condition"`
		PartyTypes []string `yaml:"party_types"`
		Caveats    []string `yaml:"caveats"`
		Labels     []string `yaml:"labels"`
		Window     int      `yaml:"window"`
	}{PartyTypes: []string{"armed_group", "military"}, Window: 5}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	if p.Condition == "" {
		return nil, r.Errorf(r.Pos.Params, "source-type needs a condition: party-only or state-media-unlabelled")
	}
	if err := checkOneOf(r, "condition", p.Condition, "party-only", "state-media-unlabelled"); err != nil {
		return nil, err
	}
	switch p.Condition {
	case "party-only":
		if err := checkTypes(r, "party_types", p.PartyTypes); err != nil {
			return nil, err
		}
		caveats, err := compilePhrases(r, "caveats", p.Caveats)
		if err != nil {
			return nil, err
		}
		return partyOnly{types: paramSet(p.PartyTypes), caveats: caveats}, nil
	default:
		if len(p.Labels) == 0 {
			return nil, r.Errorf(r.Pos.Params, "state-media-unlabelled needs labels")
		}
		if p.Window < 1 {
			return nil, r.Errorf(r.Params.Pos("window"), "window must be 1 or more, not %d", p.Window)
		}
		labels, err := compilePhrases(r, "labels", p.Labels)
		if err != nil {
			return nil, err
		}
		return stateMediaUnlabelled{labels: labels, window: p.Window}, nil
	}
}

// partyOnly reports claims credited to a party to the conflict when
// nothing independent stands beside them: no claim of the same kind (and
// subkind) credited to another kind of source anywhere in the article, and
// no caveat that the claim could not be verified. The claims of one
// sentence credited to one source make one finding.
type partyOnly struct {
	types   map[string]bool
	caveats phraseSet
}

// party reports whether a source is a party to the conflict: flagged so in
// the registry, or of one of the party types.
func (p partyOnly) party(c *Context, ref SourceRef) bool {
	if s, ok := c.Registry.Info(ref.ID); ok && s.PartyToConflict {
		return true
	}
	return p.types[ref.Type]
}

func (p partyOnly) Run(c *Context) {
	doc := c.Doc
	type kind struct {
		kind    ClaimKind
		subkind string
	}
	kindKey := func(cl *Claim) kind { return kind{cl.Kind, cl.Subkind} }
	independent := map[kind]bool{}
	c.Claims(func(_ int, cl *Claim) {
		if cl.Attribution != nil && !p.party(c, cl.Attribution.Source) {
			independent[kindKey(cl)] = true
		}
	})
	groups := sentenceGroups(c, func(_ int, cl *Claim) bool {
		return cl.Attribution != nil && p.party(c, cl.Attribution.Source) && !independent[kindKey(cl)] && !p.caveated(doc, cl.Sentence)
	})
	for _, g := range groups {
		// One finding per source in the sentence.
		bySource := map[string][]int{}
		var order []string
		for _, i := range g {
			id := doc.Claims[i].Attribution.Source.ID
			if _, ok := bySource[id]; !ok {
				order = append(order, id)
			}
			bySource[id] = append(bySource[id], i)
		}
		for _, id := range order {
			idx := bySource[id]
			cl := &doc.Claims[idx[0]]
			what := cl.Subkind + " " + string(cl.Kind)
			if cl.Subkind == "" {
				what = string(cl.Kind)
			}
			detail := fmt.Sprintf("no independent source gives a %s in the article, and nothing says it could not be verified", what)
			if more := moreClaims(doc, idx); more != "" {
				detail += " (" + more + ")"
			}
			c.ReportClaim(idx[0], MessageData{Detail: detail})
		}
	}
}

// caveated reports whether sentence si, or the next sentence of its
// paragraph, says that what was claimed could not be verified.
func (p partyOnly) caveated(doc *Document, si int) bool {
	if si < 0 || si >= len(doc.Sentences) {
		return false
	}
	for k := si; k <= si+1 && k < len(doc.Sentences) && doc.Sentences[k].Block == doc.Sentences[si].Block; k++ {
		s := doc.Sentences[k]
		if p.caveats.has(doc.view.Text[s.view.Start:s.view.End]) {
			return true
		}
	}
	return false
}

// stateMediaUnlabelled reports state media named in the rule's blocks
// (outside quotations) when none of its mentions in the article is
// labelled as state media: the label in the mention itself ("Syrian state
// media"), within window words before it ("the state news agency SANA"),
// or in an apposition right after it ("SANA, the official news agency,").
// A state medium named in news copy is nearly always cited, whether or not
// the attribution stage credits it with a claim ("the army announced …,
// according to Russian agencies"), so every mention counts and
// scope.claims does not apply. The finding is on the first mention.
type stateMediaUnlabelled struct {
	labels phraseSet
	window int
}

func (s stateMediaUnlabelled) Run(c *Context) {
	doc := c.Doc
	for _, src := range doc.Sources {
		if src.Type != string(rules.StateMedia) {
			continue
		}
		first := -1
		labelled := false
		for k, m := range src.Mentions {
			if !c.InBlock(c.BlockAt(m.Start)) || inQuotation(doc, m.Start) {
				continue
			}
			if first < 0 {
				first = k
			}
			if s.labelled(doc, m) {
				labelled = true
				break
			}
		}
		if labelled || first < 0 {
			continue
		}
		m := src.Mentions[first]
		d := MessageData{Source: strings.TrimSpace(viewText(doc, m)), SourceType: src.Type}
		if !strings.EqualFold(d.Source, src.Name) {
			d.Detail = src.Name // the registry's name, when the text uses another
		}
		c.Report(m, d)
	}
}

// labelled reports whether a mention of a state medium is labelled as
// one.
func (s stateMediaUnlabelled) labelled(doc *Document, m Span) bool {
	si := sentenceOf(doc, m.Start)
	if si < 0 {
		return false
	}
	sent := doc.Sentences[si].view
	v0, v1 := doc.view.FromSource(m.Start), doc.view.FromSource(m.End)
	text := doc.view.Text
	if s.labels.has(text[v0:v1]) {
		return true
	}
	// Up to window words before the mention.
	before := strings.Fields(text[sent.Start:v0])
	if len(before) > s.window {
		before = before[len(before)-s.window:]
	}
	if s.labels.has(strings.Join(before, " ")) {
		return true
	}
	// An apposition after it: ", the state news agency," or "(state TV)".
	rest := text[v1:sent.End]
	t := strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(t, ",") && !strings.HasPrefix(t, "(") {
		return false
	}
	after := strings.Fields(t[1:])
	if len(after) > s.window {
		after = after[:s.window]
	}
	return s.labels.has(strings.Join(after, " "))
}
