package audit

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "existence",
		Summary: "flags every occurrence of listed terms or regular expressions",
		Params: `tokens: words or phrases, matched case-insensitively on word boundaries
patterns: Go regular expressions (RE2 syntax), matched as written; (?i) makes one case-insensitive`,
		build: newExistence,
	})
}

// existence is the plain term/regex check: every match in the rule's
// blocks is a finding whose Match is the matched text.
type existence struct{ re *regexp.Regexp }

func newExistence(r *rules.Rule) (Check, error) {
	var p struct {
		Tokens   []string `yaml:"tokens"`
		Patterns []string `yaml:"patterns"`
	}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	var alts []string
	for i, t := range p.Tokens {
		words := strings.Fields(t)
		if len(words) == 0 {
			return nil, r.Errorf(r.Params.ItemPos("tokens", i), "token %d is empty", i+1)
		}
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		alts = append(alts, `(?i:\b`+strings.Join(words, `\s+`)+`\b)`)
	}
	for i, pat := range p.Patterns {
		if _, err := regexp.Compile(pat); err != nil {
			return nil, r.Errorf(r.Params.ItemPos("patterns", i), "invalid regular expression: %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		alts = append(alts, "(?:"+pat+")")
	}
	if len(alts) == 0 {
		return nil, r.Errorf(r.Pos.Params, "existence needs at least one of tokens, patterns")
	}
	re, err := regexp.Compile(strings.Join(alts, "|"))
	if err != nil {
		return nil, r.Errorf(r.Pos.Params, "%v", fmt.Errorf("combining patterns: %w", err))
	}
	return existence{re}, nil
}

func (x existence) Run(c *Context) {
	for i, b := range c.Doc.Blocks {
		if !c.InBlock(i) {
			continue
		}
		text := c.Doc.Slice(b.Span)
		for _, m := range x.re.FindAllStringIndex(text, -1) {
			if m[0] == m[1] {
				continue
			}
			match := text[m[0]:m[1]]
			c.Report(Span{Start: b.Start + m[0], End: b.Start + m[1]}, MessageData{Match: match})
		}
	}
}
