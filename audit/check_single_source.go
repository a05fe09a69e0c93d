package audit

import (
	"fmt"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "single-source",
		Summary: "flags an article most of whose sourced sentences rest on one source, once, at that source's first mention",
		Params: `threshold: the share of sourced sentences one source must reach, above 0 and at most 1 (default 0.6)
min_sentences: the fewest sourced sentences an article needs before it is judged (default 5)
types: the source types counted (default every type)`,
		Claims: true,
		build:  newSingleSource,
	})
}

// singleSource measures how much of an article rests on one source. It
// counts sourced sentences: a sentence whose claims in scope are credited
// to a source counts once for that source, however many figures or
// quotations it holds, so that one paragraph of figures does not outweigh
// the rest.
type singleSource struct {
	threshold float64
	min       int
	types     map[string]bool
}

func newSingleSource(r *rules.Rule) (Check, error) {
	p := struct {
		Threshold    float64  `yaml:"threshold"`
		MinSentences int      `yaml:"min_sentences"`
		Types        []string `yaml:"types"`
	}{Threshold: 0.6, MinSentences: 5}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	if p.Threshold <= 0 || p.Threshold > 1 {
		return nil, r.Errorf(r.Params.Pos("threshold"), "threshold must be above 0 and at most 1, not %g", p.Threshold)
	}
	if p.MinSentences < 1 {
		return nil, r.Errorf(r.Params.Pos("min_sentences"), "min_sentences must be 1 or more, not %d", p.MinSentences)
	}
	if err := checkTypes(r, "types", p.Types); err != nil {
		return nil, err
	}
	var types map[string]bool
	if len(p.Types) > 0 {
		types = paramSet(p.Types)
	}
	return singleSource{threshold: p.Threshold, min: p.MinSentences, types: types}, nil
}

func (s singleSource) Run(c *Context) {
	doc := c.Doc
	type key struct {
		sentence int
		id       string
	}
	seen := map[key]bool{}
	count := map[string]int{}
	first := map[string]*Attribution{}
	var order []string
	total := 0
	var last key // a key already seen, once started: the claim before's
	started := false
	c.Claims(func(_ int, cl *Claim) {
		at := cl.Attribution
		if at == nil || (s.types != nil && !s.types[at.Source.Type]) {
			return
		}
		k := key{cl.Sentence, at.Source.ID}
		if started && k == last || seen[k] {
			return
		}
		seen[k], last, started = true, k, true
		total++
		if count[at.Source.ID] == 0 {
			order = append(order, at.Source.ID)
			first[at.Source.ID] = at
		}
		count[at.Source.ID]++
	})
	if total < s.min {
		return
	}
	top := ""
	for _, id := range order {
		if top == "" || count[id] > count[top] {
			top = id
		}
	}
	n := count[top]
	if float64(n) < s.threshold*float64(total) {
		return
	}
	at := first[top]
	span := at.Mention
	if src := sourceByID(doc, top); src != nil {
		for _, m := range src.Mentions {
			if c.InBlock(c.BlockAt(m.Start)) {
				span = earlier(span, m)
				break
			}
		}
	}
	c.Report(span, MessageData{Source: at.Source.Name, SourceType: at.Source.Type,
		Detail: fmt.Sprintf("%d of %d sourced sentences (%.0f%%) rest on %s", n, total, 100*float64(n)/float64(total), at.Source.Name)})
}

// earlier returns whichever span starts first.
func earlier(a, b Span) Span {
	if b.Start < a.Start {
		return b
	}
	return a
}
