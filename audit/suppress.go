package audit

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/sourcecheck/sourcecheck/rules"
)

// Suppression comments switch rules off for part of a Markdown or HTML
// article. Three directives exist, each written in an HTML comment:
//
//	<!-- sourcecheck-disable-next-line RULE[,RULE…] -- reason -->
//	<!-- sourcecheck-disable RULE[,RULE…] -- reason -->
//	<!-- sourcecheck-enable RULE[,RULE…] -->
//
// RULE is a rule id or "all". disable-next-line covers the next line of
// text after the comment: the rest of the comment's own line when text
// follows the comment there, otherwise the first following line that has
// text outside comments (so directives can be stacked on lines of their
// own). disable covers everything from the comment to the enable that
// names the same rule (enable all closes every open range), or to the end
// of the article. A finding is suppressed when it starts inside a region
// that names its rule or all.
//
// Every disabling directive must say why after " -- ". A directive without
// a reason still applies, but it is reported as a finding of the built-in
// rule "suppression" (SuppressionRuleID), as are unknown directives, rule
// ids that do not exist, enables with nothing to close and a disable of a
// rule already disabled. Findings of that rule cannot themselves be
// suppressed by a comment.

// SuppressionRuleID is the id of the built-in rule that reports problems
// with suppression comments.
const SuppressionRuleID = "suppression"

// AllRules is the rule id in a directive that stands for every rule.
const AllRules = "all"

// DirectiveKind is the kind of a suppression comment.
type DirectiveKind string

// Directive kinds, as written after "sourcecheck-".
const (
	DisableNextLine DirectiveKind = "disable-next-line"
	Disable         DirectiveKind = "disable"
	Enable          DirectiveKind = "enable"
)

const directivePrefix = "sourcecheck-"

// hasDirective reports whether text contains directivePrefix, as
// strings.Contains does, but faster on prose: it looks for the prefix's
// last byte, a hyphen, rarer than its first, and compares back from each.
// (strings.Index hops from 's' to 's', a frequent letter.)
func hasDirective(text string) bool {
	const n = len(directivePrefix)
	for i := n - 1; i < len(text); i++ {
		j := strings.IndexByte(text[i:], directivePrefix[n-1])
		if j < 0 {
			return false
		}
		i += j
		if text[i+1-n:i+1] == directivePrefix {
			return true
		}
	}
	return false
}

// Directive is one suppression comment.
type Directive struct {
	Kind DirectiveKind `json:"kind"`
	// Rules are the rule ids the directive names, in the order written;
	// AllRules stands for every rule.
	Rules []string `json:"rules"`
	// Reason is the text after " -- ", white space collapsed.
	Reason string `json:"reason,omitempty"`
	// Comment is the comment's span, "<!--" to "-->".
	Comment Span `json:"comment"`
	// Regions[i] is where Rules[i] is suppressed: the next line of text
	// for disable-next-line, up to the closing enable (or the end of the
	// article) for disable. Enable directives have none.
	Regions []Span `json:"regions,omitempty"`
}

// DirectiveProblem is something wrong with a suppression comment.
type DirectiveProblem struct {
	// Comment is the span of the comment concerned.
	Comment Span
	Message string
}

// Suppressions parses the suppression comments of an HTML or Markdown
// document (plain text has none), in the order written, and reports the
// problems found in them. Rule ids are not checked against a rule set
// here; see CheckDirectiveRules.
func Suppressions(doc *Document) ([]Directive, []DirectiveProblem) {
	if !hasDirective(doc.Text) {
		return nil, nil // spare re-reading the markup
	}
	comments := Comments(doc)
	var ds []Directive
	var probs []DirectiveProblem
	problem := func(c Span, format string, args ...any) {
		probs = append(probs, DirectiveProblem{Comment: c, Message: fmt.Sprintf(format, args...)})
	}
	// open maps a rule id to the directive and rule index of its open
	// disable range.
	type ref struct{ d, i int }
	open := map[string]ref{}
	for _, c := range comments {
		d, ok := parseDirective(doc.Slice(c), c, problem)
		if !ok {
			continue
		}
		di := len(ds)
		switch d.Kind {
		case DisableNextLine:
			line, found := nextTextLine(doc.Text, c.End, comments)
			if !found {
				problem(c, "sourcecheck-disable-next-line is not followed by a line of text")
			}
			for range d.Rules {
				d.Regions = append(d.Regions, line)
			}
		case Disable:
			for i, id := range d.Rules {
				// A rule already disabled gets an empty region: the open
				// range covers it, and its enable closes that range.
				d.Regions = append(d.Regions, Span{c.End, c.End})
				if prev, dup := open[id]; dup {
					problem(c, "%s is already disabled since line %d", ruleLabel(id), doc.Position(ds[prev.d].Comment.Start).Line)
					continue
				}
				if prev, dup := open[AllRules]; dup {
					problem(c, "%s is already disabled since line %d (by sourcecheck-disable all)", ruleLabel(id), doc.Position(ds[prev.d].Comment.Start).Line)
					continue
				}
				d.Regions[i].End = len(doc.Text)
				open[id] = ref{di, i}
			}
		case Enable:
			for _, id := range d.Rules {
				if id == AllRules {
					if len(open) == 0 {
						problem(c, "sourcecheck-enable all: no rule is disabled here")
					}
					for k, r := range open {
						ds[r.d].Regions[r.i].End = c.Start
						delete(open, k)
					}
					continue
				}
				r, ok := open[id]
				if !ok {
					if _, all := open[AllRules]; all {
						problem(c, "sourcecheck-enable %s: %s was disabled by sourcecheck-disable all, which only sourcecheck-enable all ends", id, ruleLabel(id))
					} else {
						problem(c, "sourcecheck-enable %s: %s is not disabled here", id, ruleLabel(id))
					}
					continue
				}
				ds[r.d].Regions[r.i].End = c.Start
				delete(open, id)
			}
		}
		ds = append(ds, d)
	}
	return ds, probs
}

func ruleLabel(id string) string {
	if id == AllRules {
		return "every rule"
	}
	return fmt.Sprintf("rule %q", id)
}

// parseDirective parses one comment. It returns false for an ordinary
// comment and for one too broken to apply (the problem is reported).
func parseDirective(raw string, c Span, problem func(Span, string, ...any)) (Directive, bool) {
	body := strings.TrimPrefix(raw, "<!--")
	body = strings.TrimSuffix(strings.TrimSuffix(body, "-->"), "--!>")
	body = strings.TrimSpace(body)
	if !strings.HasPrefix(body, directivePrefix) {
		return Directive{}, false
	}
	keyword, rest, _ := strings.Cut(collapse(body), " ")
	d := Directive{Kind: DirectiveKind(strings.TrimPrefix(keyword, directivePrefix)), Comment: c}
	switch d.Kind {
	case DisableNextLine, Disable, Enable:
	default:
		problem(c, "unknown directive %q (want sourcecheck-disable-next-line, sourcecheck-disable or sourcecheck-enable)", keyword)
		return Directive{}, false
	}
	list, reason, hasReason := strings.Cut(rest, "--")
	d.Reason = strings.TrimSpace(reason)
	// Rule ids are separated by commas, with or without spaces around them.
	list = strings.TrimSpace(list)
	for strings.Contains(list, " ,") || strings.Contains(list, ", ") {
		list = strings.ReplaceAll(strings.ReplaceAll(list, " ,", ","), ", ", ",")
	}
	first, extra, _ := strings.Cut(list, " ")
	for _, id := range strings.Split(first, ",") {
		if id != "" && !slices.Contains(d.Rules, id) {
			d.Rules = append(d.Rules, id)
		}
	}
	if len(d.Rules) == 0 {
		problem(c, "%s names no rule (write a rule id, several separated by commas, or all)", keyword)
		return Directive{}, false
	}
	switch {
	case extra != "":
		problem(c, "%s: unexpected %q after the rule ids (separate ids with commas; introduce the reason with \" -- \")", keyword, extra)
	case d.Kind != Enable && (!hasReason || d.Reason == ""):
		problem(c, "%s %s gives no reason (add \" -- why\" before \"-->\")", keyword, strings.Join(d.Rules, ","))
	}
	return d, true
}

// nextTextLine returns the span of the next line of text after offset
// off: the rest of off's own line when it has text outside comments,
// otherwise the first following line that does. The span runs from the
// start of the text (or off) to the end of the line, newline excluded.
func nextTextLine(text string, off int, comments []Span) (Span, bool) {
	start := off
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if hasTextOutside(text, start, end, comments) {
			return Span{start, end}, true
		}
		start = end + 1
	}
	return Span{len(text), len(text)}, false
}

// hasTextOutside reports whether text[start:end] has a byte that is not
// white space and not inside a comment.
func hasTextOutside(text string, start, end int, comments []Span) bool {
	ci := sort.Search(len(comments), func(i int) bool { return comments[i].End > start })
	for i := start; i < end; i++ {
		for ci < len(comments) && comments[ci].End <= i {
			ci++
		}
		if ci < len(comments) && comments[ci].Start <= i {
			i = comments[ci].End - 1
			continue
		}
		switch text[i] {
		case ' ', '\t', '\r', '\f', '\v':
		default:
			return true
		}
	}
	return false
}

// CheckDirectiveRules reports every rule id in ds that known does not
// accept, and directives that name the suppression rule itself. AllRules
// is always accepted.
func CheckDirectiveRules(ds []Directive, known func(id string) bool) []DirectiveProblem {
	var probs []DirectiveProblem
	for _, d := range ds {
		for _, id := range d.Rules {
			switch {
			case id == AllRules:
			case id == SuppressionRuleID:
				probs = append(probs, DirectiveProblem{Comment: d.Comment,
					Message: fmt.Sprintf("sourcecheck-%s %s: findings about suppression comments cannot be suppressed by a comment", d.Kind, id)})
			case !known(id):
				probs = append(probs, DirectiveProblem{Comment: d.Comment,
					Message: fmt.Sprintf("sourcecheck-%s: unknown rule %q ('sourcecheck rules' lists them)", d.Kind, id)})
			}
		}
	}
	return probs
}

// Suppressed reports whether the directives suppress finding f: whether
// f starts inside a region of a directive that names f's rule or all.
// Findings of the suppression rule are never suppressed.
func Suppressed(ds []Directive, f Finding) bool {
	if f.Rule == SuppressionRuleID {
		return false
	}
	for _, d := range ds {
		for i, id := range d.Rules {
			if i < len(d.Regions) && (id == f.Rule || id == AllRules) &&
				d.Regions[i].Start <= f.Start && f.Start < d.Regions[i].End {
				return true
			}
		}
	}
	return false
}

// ApplySuppressions splits findings into those to keep and those the
// document's suppression comments suppress, keeping their order. When
// the document has none, kept is findings itself.
func ApplySuppressions(doc *Document, findings []Finding) (kept, suppressed []Finding) {
	ds, _ := Suppressions(doc)
	return ApplyDirectives(ds, findings)
}

// ApplyDirectives is ApplySuppressions with the directives already
// parsed.
func ApplyDirectives(ds []Directive, findings []Finding) (kept, suppressed []Finding) {
	if len(ds) == 0 {
		return findings, nil // most articles, and every plain-text one
	}
	kept = findings[:0:0]
	for _, f := range findings {
		if Suppressed(ds, f) {
			suppressed = append(suppressed, f)
		} else {
			kept = append(kept, f)
		}
	}
	return kept, suppressed
}

// DirectiveFindings turns directive problems into findings of rule (the
// suppression rule, possibly re-levelled), each on its comment, with
// fingerprints, sorted by position.
func DirectiveFindings(doc *Document, rule *rules.Rule, probs []DirectiveProblem) []Finding {
	if len(probs) == 0 {
		return nil
	}
	ctx := &Context{Doc: doc, Rule: rule}
	for _, p := range probs {
		excerpt := Excerpt(doc.Slice(p.Comment))
		ctx.report(p.Comment, -1, MessageData{Claim: excerpt, Detail: p.Message}, excerpt)
	}
	return ctx.finish(func(a, b *Finding) int { return cmp.Compare(a.Start, b.Start) }, nil)
}

// SortFindings sorts findings as Engine.Run does: by start offset, then
// rule id, then end offset.
func SortFindings(fs []Finding) {
	// By index: a Finding is large, and SortStableFunc would copy two
	// for every comparison.
	sort.SliceStable(fs, func(i, j int) bool { return compareFindings(&fs[i], &fs[j]) < 0 })
}

const suppressionRuleYAML = `id: suppression
level: warning
check: suppression
message: "{{.Detail}}"
fix: Say why after " -- " in the comment, name rules that exist, and close each sourcecheck-disable with a sourcecheck-enable.
description: |
  Suppression comments switch rules off for part of a Markdown or HTML
  article, and each one must say why, so that the next editor can judge
  the exception:

    <!-- sourcecheck-disable-next-line weasel-words -- quoting the indictment verbatim -->
    <!-- sourcecheck-disable unexplained-anonymous-source -- protected sources, see the editor's note -->
    ...
    <!-- sourcecheck-enable unexplained-anonymous-source -->

  RULE may be a rule id, several separated by commas, or all. This rule
  reports a disabling comment without a reason (the comment still
  applies), an unknown directive or rule id, an enable that closes
  nothing and a disable of a rule that is already disabled. Its own
  findings cannot be suppressed by a comment; turn it off or re-level it
  in the configuration instead.
standard: "Editorial accountability: exceptions to a standard are recorded with their reason"
examples:
  hit:
    - |
      <!-- sourcecheck-disable-next-line weasel-words -->
      The offensive was planned for months, sources say.
    - |
      <!-- sourcecheck-disable no-such-rule -- testing -->
      The offensive was planned for months.
  pass:
    - |
      <!-- sourcecheck-disable-next-line weasel-words -- the phrase is the ministry's own, quoted in full below -->
      The offensive was planned for months, sources say.
`

var (
	suppressionOnce sync.Once
	suppressionRule *rules.Rule
)

// SuppressionRule returns the built-in rule that reports problems with
// suppression comments. It is not an engine check: DirectiveFindings
// makes its findings. Callers must not modify it; use WithLevel.
func SuppressionRule() *rules.Rule {
	suppressionOnce.Do(func() {
		rs, err := rules.LoadRules("audit/suppress.go", []byte(suppressionRuleYAML))
		if err != nil {
			panic(err) // the package tests rule this out
		}
		suppressionRule = rs[0]
		suppressionRule.Pos.Builtin = true
		suppressionRule.Pos.Rule = rules.Pos{} // the YAML is in a Go string: no useful line
	})
	return suppressionRule
}
