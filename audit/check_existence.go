package audit

import (
	"fmt"
	"regexp"
	"slices"
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
// blocks is a finding whose Match is the matched text. A rule with tokens
// only is matched by a phraseMatcher, which finds exactly what the
// regular expression of its tokens would, in a fraction of the time; a
// rule with patterns is matched by one regular expression of all its
// tokens and patterns.
type existence struct {
	tokens *phraseMatcher
	re     *regexp.Regexp
	// heads are the first two words of each phrase, when the engine's
	// existenceScreen can rule sentences out for them
	// (screenablePhrases); else nil.
	heads [][2]string
	// shortest is the length in bytes of the shortest match, when heads
	// is not nil.
	shortest int
}

func newExistence(r *rules.Rule) (Check, error) {
	var p struct {
		Tokens   []string `yaml:"tokens"`
		Patterns []string `yaml:"patterns"`
	}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	var alts []string
	var phrases [][]string
	for i, t := range p.Tokens {
		words := strings.Fields(t)
		if len(words) == 0 {
			return nil, r.Errorf(r.Params.ItemPos("tokens", i), "token %d is empty", i+1)
		}
		phrases = append(phrases, slices.Clone(words))
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
	if len(p.Patterns) == 0 {
		x := existence{tokens: newPhraseMatcher(phrases, false)}
		x.heads, x.shortest = screenablePhrases(phrases)
		return x, nil
	}
	re, err := regexp.Compile(strings.Join(alts, "|"))
	if err != nil {
		return nil, r.Errorf(r.Pos.Params, "%v", fmt.Errorf("combining patterns: %w", err))
	}
	return existence{re: re}, nil
}

func (x existence) Run(c *Context) {
	doc := c.Doc
	// When Analyze screened the sentences for this engine's phrases, the
	// matcher scans only the parts of a block that may hold one.
	screened := x.heads != nil && c.shared != nil && doc.exist.holds(c.shared.exist, doc.view)
	si := 0 // the first sentence of block i, or one before
	for i := range doc.Blocks {
		if !c.InBlock(i) {
			continue
		}
		b := &doc.Blocks[i]
		text, off := doc.Slice(b.Span), b.Start
		report := func(start, end int) bool {
			if start < end {
				c.Report(Span{Start: off + start, End: off + end}, MessageData{Match: text[start:end]})
			}
			return true
		}
		if x.tokens != nil {
			if screened && text == b.Text {
				for si < len(doc.Sentences) && doc.Sentences[si].Block < i {
					si++
				}
				si = x.scanScreened(doc, i, si, text, report)
				continue
			}
			x.tokens.each(text, report)
			continue
		}
		for _, m := range x.re.FindAllStringIndex(text, -1) {
			report(m[0], m[1])
		}
	}
}
