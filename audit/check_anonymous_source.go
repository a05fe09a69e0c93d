package audit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "anonymous-source",
		Summary: "flags unnamed sources (\"a source close to…\", \"officials said\") credited without a position that shows how they know, or without a reason for their anonymity",
		Params: `require: what must accompany an unnamed source: position, reason, or both (default [position, reason])
types: the source types that make an unnamed person anonymous (default [anonymous])
sources: registry ids that stand for unnamed people (default [unnamed-source, unnamed-official])
except: unnamed roles that are not judged, such as spokesmen speaking on the record for their employer (default none)
positions: phrases right after the source that place it ("close to", "familiar with", "in"); any word beside the head noun and its determiner ("a security source", "senior officials") is a position too
reasons: phrases that give the reason for anonymity ("because he was not authorised", "for fear of reprisals")
anonymity: phrases that grant anonymity without a reason ("on condition of anonymity"); they name what is missing in the finding
sentences: how many sentences after the source's own are searched for a reason (default 1)
backrefs: words that, opening a mention followed by a lower-case word, make it refer back to a source described before ("the sources said", "the official added"); such mentions are not judged (default none)`,
		Claims: true,
		build:  newAnonymousSource,
	})
}

// anonymousSource reports each place where an unnamed source is credited
// with a claim and the article does not say what position gives the source
// its knowledge, or why it is not named. Each mention is reported once,
// however many claims it is credited with.
type anonymousSource struct {
	position, reason   bool
	types, ids, except map[string]bool
	backrefs           map[string]bool
	positions, reasons phraseSet
	anonymity          phraseSet
	sentences          int
}

func newAnonymousSource(r *rules.Rule) (Check, error) {
	p := struct {
		Require   []string `yaml:"require"`
		Types     []string `yaml:"types"`
		Sources   []string `yaml:"sources"`
		Except    []string `yaml:"except"`
		Positions []string `yaml:"positions"`
		Reasons   []string `yaml:"reasons"`
		Anonymity []string `yaml:"anonymity"`
		Sentences int      `yaml:"sentences"`
		Backrefs  []string `yaml:"backrefs"`
	}{
		Require:   []string{"position", "reason"},
		Types:     []string{"anonymous"},
		Sources:   []string{"unnamed-source", "unnamed-official"},
		Sentences: 1,
	}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	a := anonymousSource{types: paramSet(p.Types), ids: paramSet(p.Sources), except: paramSet(p.Except), sentences: p.Sentences, backrefs: paramSet(p.Backrefs)}
	for i, req := range p.Require {
		switch req {
		case "position":
			a.position = true
		case "reason":
			a.reason = true
		default:
			return nil, r.Errorf(r.Params.ItemPos("require", i), "require: unknown value %q (want position, reason)", req)
		}
	}
	if !a.position && !a.reason {
		return nil, r.Errorf(r.Params.Pos("require"), "require must name position, reason or both")
	}
	if err := checkTypes(r, "types", p.Types); err != nil {
		return nil, err
	}
	if p.Sentences < 0 {
		return nil, r.Errorf(r.Params.Pos("sentences"), "sentences must be 0 or more, not %d", p.Sentences)
	}
	var err error
	if a.positions, err = compilePhrases(r, "positions", p.Positions); err != nil {
		return nil, err
	}
	if a.reasons, err = compilePhrases(r, "reasons", p.Reasons); err != nil {
		return nil, err
	}
	if a.anonymity, err = compilePhrases(r, "anonymity", p.Anonymity); err != nil {
		return nil, err
	}
	if a.reason && a.reasons.m == nil {
		return nil, r.Errorf(r.Pos.Params, "require: reason needs a list of reasons phrases")
	}
	return a, nil
}

// unnamed reports whether ref is an unnamed source this check judges.
func (a anonymousSource) unnamed(ref SourceRef) bool {
	if a.ids[ref.ID] {
		return true
	}
	role, ok := strings.CutPrefix(ref.ID, "unnamed:")
	return ok && a.types[ref.Type] && !a.excepted(role)
}

// excepted reports whether except lists an unnamed role, given as in its
// ID ("source-close-to"): except[strings.ReplaceAll(role, "-", " ")],
// with a short role spaced in a stack buffer, which a map look-up reads
// without a copy.
func (a anonymousSource) excepted(role string) bool {
	var buf [64]byte
	if len(role) > len(buf) {
		return a.except[strings.ReplaceAll(role, "-", " ")]
	}
	for i := 0; i < len(role); i++ {
		buf[i] = role[i]
		if role[i] == '-' {
			buf[i] = ' '
		}
	}
	return a.except[string(buf[:len(role)])]
}

func (a anonymousSource) Run(c *Context) {
	doc := c.Doc
	var seen map[Span]bool // made at the first unnamed source
	c.Claims(func(i int, cl *Claim) {
		at := cl.Attribution
		if at == nil || (at.Link != LinkSameSentence && at.Link != LinkCarried) || !a.unnamed(at.Source) || seen[at.Mention] {
			return
		}
		if seen == nil {
			seen = map[Span]bool{}
		}
		seen[at.Mention] = true
		mention := collapse(viewText(doc, at.Mention))
		if mention == "" || a.backref(mention) {
			return
		}
		placed := !a.position || a.placed(c, at.Mention)
		explained, granted := true, false
		if a.reason {
			explained, granted = a.explained(c, at.Mention)
		}
		var detail string
		switch {
		case !placed && !explained:
			detail = "neither their position nor a reason for anonymity is given"
		case !placed:
			detail = "nothing says what position gives them the knowledge"
		case !explained && granted:
			detail = "the article grants anonymity but does not say why"
		case !explained:
			detail = "no reason for anonymity is given"
		default:
			return
		}
		c.Report(at.Mention, MessageData{Claim: Excerpt(cl.Text), Kind: string(cl.Kind), Subkind: cl.Subkind,
			Source: mention, SourceType: at.Source.Type, Cue: at.Cue.Text, Detail: detail})
	})
}

// placed reports whether an unnamed source's mention says where the
// source stands: a word beside its head noun and determiners ("a security
// source", "Turkish officials", "a source close to the army"), or a
// position phrase right after it (", who was at the meeting", "familiar
// with the talks").
func (a anonymousSource) placed(c *Context, mention Span) bool {
	n := 0
	for w := range strings.FieldsSeq(strings.ToLower(viewText(c.Doc, mention))) {
		if !c.Lexicon.People.determiners[strings.Trim(w, ",")] {
			n++
		}
	}
	if n > 1 {
		return true
	}
	si := sentenceOf(c.Doc, mention.Start)
	if si < 0 {
		return false
	}
	s := c.Doc.Sentences[si]
	after := c.Doc.view.FromSource(mention.End)
	if after < s.view.Start || after > s.view.End {
		return false
	}
	rest := c.Doc.view.Text[after:s.view.End]
	m := a.positions.find(rest)
	return m != nil && strings.Trim(rest[:m[0]], " ,\u00a0") == ""
}

// explained reports whether a reason for anonymity follows the mention in
// its sentence or the next a.sentences sentences of its paragraph, and
// whether anonymity is at least granted there ("on condition of
// anonymity").
func (a anonymousSource) explained(c *Context, mention Span) (reason, granted bool) {
	doc := c.Doc
	si := sentenceOf(doc, mention.Start)
	if si < 0 {
		return false, false
	}
	from := doc.view.FromSource(mention.Start)
	for k := si; k <= si+a.sentences && k < len(doc.Sentences) && doc.Sentences[k].Block == doc.Sentences[si].Block; k++ {
		s := doc.Sentences[k]
		text := doc.view.Text[max(from, s.view.Start):s.view.End]
		if a.reasons.has(text) {
			return true, true
		}
		if a.anonymity.has(text) {
			granted = true
		}
	}
	return false, granted
}

// backref reports whether an unnamed source's mention refers back to one
// described before: it opens with a back-reference word followed by a
// lower-case word ("the sources", "the official"; not "the Post's
// sources").
func (a anonymousSource) backref(mention string) bool {
	var buf [2]string
	words := appendFields(buf[:0], mention, len(buf))
	if len(words) < 2 || !a.backrefs[strings.ToLower(words[0])] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(words[1])
	return !unicode.IsUpper(r)
}
