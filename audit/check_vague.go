package audit

import (
	"strings"
	"unicode"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name: "vague",
		Summary: "flags claims credited only vaguely (\"are said to have been killed\", \"reportedly\", \"according to reports\") " +
			"and vague cues in editorial text that credit nobody",
		Params: `cues: all (default) also flags vague cues that qualify no claim ("snipers said to belong to the SDF"), unless their sentence credits a source; claims flags claims only
anonymous: report (default) flags claims whose only credit is an anonymous source ("40 were killed, a source said"); skip leaves them to an anonymous-source rule
ignore: vague cues not reported, as written in the lexicon ("apparently", which hedges more often than it credits)
backrefs: words after which a cue refers back to a source described earlier ("the sources said"); such cues are not reported (default none)`,
		Claims: true,
		build:  newVague,
	})
}

// vague reports unattributed claims that carry a vague cue, one finding per
// cue (on the first claim it qualifies; Detail lists the others), and,
// with cues: all, the vague cues that qualify no claim.
type vague struct {
	allCues, anonymous bool
	ignore, backrefs   map[string]bool
}

func newVague(r *rules.Rule) (Check, error) {
	p := struct {
		Cues      string   `yaml:"cues"`
		Anonymous string   `yaml:"anonymous"`
		Ignore    []string `yaml:"ignore"`
		Backrefs  []string `yaml:"backrefs"`
	}{Cues: "all", Anonymous: "report"}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	if err := checkOneOf(r, "cues", p.Cues, "all", "claims"); err != nil {
		return nil, err
	}
	if err := checkOneOf(r, "anonymous", p.Anonymous, "report", "skip"); err != nil {
		return nil, err
	}
	return vague{allCues: p.Cues == "all", anonymous: p.Anonymous == "report", ignore: paramSet(p.Ignore), backrefs: paramSet(p.Backrefs)}, nil
}

func (v vague) Run(c *Context) {
	doc := c.Doc
	// Claims by the cue that qualifies them, in document order.
	var order []Span
	var byCue map[Span][]int // made at the first such claim
	c.Claims(func(i int, cl *Claim) {
		if cl.Attribution != nil || cl.Vague == nil || v.skip(doc, *cl.Vague) {
			return
		}
		// A vague cue the lexicon does not list is the credit to an
		// anonymous source ("a committee source said").
		if !v.anonymous && !cueAt(doc.VagueCues, cl.Vague.Span) {
			return
		}
		if byCue == nil {
			byCue = map[Span][]int{}
		}
		if _, seen := byCue[cl.Vague.Span]; !seen {
			order = append(order, cl.Vague.Span)
		}
		byCue[cl.Vague.Span] = append(byCue[cl.Vague.Span], i)
	})
	for _, s := range order {
		g := byCue[s]
		c.ReportClaim(g[0], MessageData{Cue: doc.Claims[g[0]].Vague.Text, Detail: moreClaims(doc, g)})
	}
	if !v.allCues || len(doc.VagueCues) == 0 {
		return
	}
	// Cues that qualify no claim, in sentences that credit nobody.
	used := map[Span]bool{}
	credited := map[int]bool{}
	for i := range doc.Claims {
		cl := &doc.Claims[i] // by pointer: a claim is large
		if cl.Vague != nil {
			used[cl.Vague.Span] = true
		}
		if cl.Attribution != nil {
			credited[cl.Sentence] = true
		}
	}
	for _, cue := range doc.VagueCues {
		if used[cue.Span] || !c.InBlock(c.BlockAt(cue.Start)) || credited[sentenceOf(doc, cue.Start)] || v.skip(doc, cue) {
			continue
		}
		c.Report(cue.Span, MessageData{Cue: cue.Text})
	}
}

// skip reports whether a cue is not to be reported: listed in ignore,
// right after a back-reference word ("the sources said"), or matched
// across punctuation ("said: “to …"), which makes it no cue at all.
func (v vague) skip(doc *Document, cue Cue) bool {
	text := viewText(doc, cue.Span)
	if v.ignore[strings.ToLower(collapse(text))] || strings.ContainsFunc(text, func(r rune) bool {
		return unicode.IsPunct(r) && r != '-' && r != '\'' && r != '’'
	}) {
		return true
	}
	if len(v.backrefs) == 0 || doc.view == nil {
		return false
	}
	before, _ := lastField(doc.view.Text[max(0, doc.view.FromSource(cue.Start)-16):doc.view.FromSource(cue.Start)])
	return before != "" && v.backrefs[strings.ToLower(before)]
}
