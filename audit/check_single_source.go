package audit

import (
	"strconv"

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
	if len(doc.Claims) < s.min {
		return // fewer sourced sentences than claims
	}
	var buf [8]sentenceSource // room for most articles' sources
	srcs, total := s.tally(buf[:0], doc.Claims, func(fn func(cl *Claim)) {
		c.Claims(func(_ int, cl *Claim) { fn(cl) })
	})
	if total < s.min {
		return
	}
	top := 0
	for j := range srcs {
		if srcs[j].count > srcs[top].count {
			top = j
		}
	}
	n := srcs[top].count
	if float64(n) < s.threshold*float64(total) {
		return
	}
	at := srcs[top].first
	span := at.Mention
	if src := sourceByID(doc, at.Source.ID); src != nil {
		for _, m := range src.Mentions {
			if c.InBlock(c.BlockAt(m.Start)) {
				span = earlier(span, m)
				break
			}
		}
	}
	c.Report(span, MessageData{Source: at.Source.Name, SourceType: at.Source.Type,
		Detail: shareDetail(n, total, at.Source.Name)})
}

// shareDetail says what share of the sourced sentences rest on a source,
// as fmt.Sprintf("%d of %d sourced sentences (%.0f%%) rest on %s") would,
// in one allocation.
func shareDetail(n, total int, name string) string {
	var mem [96]byte
	b := strconv.AppendInt(mem[:0], int64(n), 10)
	b = append(b, " of "...)
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, " sourced sentences ("...)
	b = strconv.AppendFloat(b, 100*float64(n)/float64(total), 'f', 0, 64)
	b = append(b, "%) rest on "...)
	return string(append(b, name...))
}

// earlier returns whichever span starts first.
func earlier(a, b Span) Span {
	if b.Start < a.Start {
		return b
	}
	return a
}

// tally counts, for each source of the check's types credited by the
// claims each yields (some of claims, in order), the sentences crediting
// it, returning the sources in the order first met (appended to srcs)
// and the sentences counted in all: a sentence counts once for each
// source it credits.
func (s singleSource) tally(srcs []sentenceSource, claims []Claim, each func(fn func(cl *Claim))) (_ []sentenceSource, total int) {
	// Few sources to an article: a slice serves, indexed by a map only
	// when long.
	var index map[string]int
	// Claims are in sentence order as Analyze makes them, and then a
	// sentence already counted for a source is the last one counted for
	// it; seen holds every pair otherwise.
	var seen map[sentenceKey]bool
	for i := 1; i < len(claims); i++ {
		if claims[i].Sentence < claims[i-1].Sentence {
			seen = map[sentenceKey]bool{}
			break
		}
	}
	each(func(cl *Claim) {
		at := cl.Attribution
		if at == nil || (s.types != nil && !s.types[at.Source.Type]) {
			return
		}
		k := -1
		if index != nil {
			if j, ok := index[at.Source.ID]; ok {
				k = j
			}
		} else {
			for j := len(srcs) - 1; j >= 0; j-- {
				if srcs[j].first.Source.ID == at.Source.ID {
					k = j
					break
				}
			}
		}
		if k < 0 {
			k = len(srcs)
			srcs = append(srcs, sentenceSource{first: at, last: -1})
			switch {
			case index != nil:
				index[at.Source.ID] = k
			case len(srcs) > 16:
				index = make(map[string]int, 2*len(srcs))
				for j := range srcs {
					index[srcs[j].first.Source.ID] = j
				}
			}
		}
		e := &srcs[k]
		if seen != nil {
			key := sentenceKey{cl.Sentence, at.Source.ID}
			if seen[key] {
				return
			}
			seen[key] = true
		} else if e.last == cl.Sentence {
			return
		}
		e.last = cl.Sentence
		e.count++
		total++
	})
	return srcs, total
}

// sentenceSource is a source single-source counts the sentences of: the
// first attribution to it, how many sentences credit it and the last.
type sentenceSource struct {
	first       *Attribution
	count, last int
}

// sentenceKey is a sentence and a source credited in it.
type sentenceKey struct {
	sentence int
	id       string
}
