package audit

import "github.com/sourcecheck/sourcecheck/rules"

func init() {
	registerCheck(CheckKind{
		Name:    "unattributed",
		Summary: "flags claims credited to nobody: figures and quotations with no source (one finding per sentence)",
		Params:  `vague: skip (default) leaves claims that carry a vague cue ("are said to have been", "a source said") to the vague check; report flags them here too`,
		Claims:  true,
		build:   newUnattributed,
	})
}

// unattributed reports the claims in scope that have no attribution. The
// claims of one sentence make one finding, on the first of them; Detail
// lists the others, since one attribution would cover them all.
type unattributed struct{ reportVague bool }

func newUnattributed(r *rules.Rule) (Check, error) {
	p := struct {
		Vague string `yaml:"vague"`
	}{Vague: "skip"}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	if err := checkOneOf(r, "vague", p.Vague, "skip", "report"); err != nil {
		return nil, err
	}
	return unattributed{reportVague: p.Vague == "report"}, nil
}

func (u unattributed) Run(c *Context) {
	groups := sentenceGroups(c, func(_ int, cl *Claim) bool {
		return cl.Attribution == nil && (cl.Vague == nil || u.reportVague)
	})
	for _, g := range groups {
		d := MessageData{Detail: moreClaims(c.Doc, g)}
		if v := c.Doc.Claims[g[0]].Vague; v != nil {
			d.Cue = v.Text
		}
		c.ReportClaim(g[0], d)
	}
}
