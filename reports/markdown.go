package reports

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// MarkdownOptions controls the Markdown reports.
type MarkdownOptions struct {
	// HeadingLevel is the level of the report's top heading, 1 to 6; 0
	// means 1. WriteMarkdown gives each article a heading one level below
	// its own (at most 6).
	HeadingLevel int
	// Title replaces the run report's title, "sourcecheck audit".
	Title string
	// MaxFindings caps the findings listed for each article; the rest are
	// counted in a line below the table. 0 lists them all.
	MaxFindings int
	// LineURL, when set, links each finding's line: it returns the URL of
	// a line of an article's file (a blob URL on GitHub, say) or "" for
	// none. path has forward slashes; for JSON Lines, line is the record's.
	LineURL func(path string, line int) string
	// MaxCleanListed caps how many articles without findings WriteMarkdown
	// names; 0 means 20.
	MaxCleanListed int
}

func (o MarkdownOptions) level() int {
	switch {
	case o.HeadingLevel < 1:
		return 1
	case o.HeadingLevel > 6:
		return 6
	}
	return o.HeadingLevel
}

// mdLevelIcon marks a level in the findings table.
var mdLevelIcon = map[string]string{"error": "🛑", "warning": "⚠️", "info": "ℹ️"}

// WriteMarkdown writes the audit of a run as GitHub-flavoured Markdown:
// a title, a verdict line (findings by level, articles, whether the run
// fails at the fail level), the run's sourcing metrics in a table, then a
// section for each article with findings (as WriteMarkdownArticle writes
// it) and a line naming the articles without findings. It is used as a
// GitHub step summary and an issue body, so every piece of article text
// goes through EscapeMarkdown: it can mention nobody, link no issue and
// inject no HTML.
func WriteMarkdown(w io.Writer, a *Audit, opts MarkdownOptions) error {
	bw := bufio.NewWriter(w)
	lvl := opts.level()
	title := opts.Title
	if title == "" {
		title = "sourcecheck audit"
	}
	fmt.Fprintf(bw, "%s %s\n\n", strings.Repeat("#", lvl), EscapeMarkdown(title))
	bw.WriteString(markdownVerdict(a) + "\n\n")
	writeMarkdownMetrics(bw, &a.Metrics)
	var clean []string
	sub := opts
	sub.HeadingLevel = lvl + 1
	for i := range a.Articles {
		art := &a.Articles[i]
		if len(art.Findings) == 0 {
			clean = append(clean, articleRef(art))
			continue
		}
		bw.WriteString("\n")
		writeMarkdownArticle(bw, art, sub, a.Rules)
	}
	if len(clean) > 0 {
		limit := opts.MaxCleanListed
		if limit <= 0 {
			limit = 20
		}
		names := make([]string, 0, min(len(clean), limit))
		for _, n := range clean[:min(len(clean), limit)] {
			names = append(names, EscapeMarkdown(n))
		}
		more := ""
		if len(clean) > limit {
			more = fmt.Sprintf(" and %d more", len(clean)-limit)
		}
		fmt.Fprintf(bw, "\n**No findings** in %s: %s%s.\n", nounCount(len(clean), "article"), strings.Join(names, ", "), more)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the Markdown report: %w", err)
	}
	return nil
}

// WriteMarkdownArticle writes the report of one article for an editor, or
// as the body of a GitHub issue about it: a heading naming the article,
// a line of figures (findings by level, claims and the share attributed,
// quotes with a named speaker, sources cited and independent, the largest
// single source), the findings in a table (line, level, rule, message and
// the text concerned), how to fix what the rules found, and the sources
// the article names with their type, claims and mentions. Article text is
// escaped with EscapeMarkdown.
func WriteMarkdownArticle(w io.Writer, art *AuditArticle, opts MarkdownOptions) error {
	bw := bufio.NewWriter(w)
	writeMarkdownArticle(bw, art, opts, nil)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the Markdown report: %w", err)
	}
	return nil
}

func writeMarkdownArticle(w *bufio.Writer, art *AuditArticle, opts MarkdownOptions, rules []RuleInfo) {
	name := articleRef(art)
	heading := EscapeMarkdown(name)
	if art.Meta != nil && art.Meta.Title != "" {
		heading = EscapeMarkdown(flatText(art.Meta.Title)) + " — " + heading
	}
	fmt.Fprintf(w, "%s %s\n\n", strings.Repeat("#", opts.level()), heading)
	if art.Meta != nil && (art.Meta.Outlet != "" || art.Meta.Published != "" || art.Meta.URL != "") {
		var parts []string
		for _, s := range []string{art.Meta.Outlet, art.Meta.Published, art.Meta.URL} {
			if s != "" {
				parts = append(parts, EscapeMarkdown(flatText(s)))
			}
		}
		w.WriteString(strings.Join(parts, " · ") + "\n\n")
	}
	m := &art.Metrics
	findings := "No findings"
	if n := len(art.Findings); n > 0 {
		findings = fmt.Sprintf("**%s** (%s)", nounCount(n, "finding"), appendLevelPhrase(nil, countLevels(art.Findings)))
	}
	facts := []string{findings, fmt.Sprintf("%s, %s attributed", nounCount(m.Claims, "claim"), sharePercent(m.AttributedShare))}
	if m.Quotes > 0 {
		facts = append(facts, fmt.Sprintf("%d of %s with a named speaker", m.NamedQuotes, nounCount(m.Quotes, "quote")))
	}
	facts = append(facts, fmt.Sprintf("%s cited, %d independent", nounCount(m.SourcesCited, "source"), m.IndependentSources))
	if t := m.TopSource; t != nil {
		facts = append(facts, fmt.Sprintf("largest single source: %s (%s)", EscapeMarkdown(t.Name), sharePercent(&t.Share)))
	}
	w.WriteString(strings.Join(facts, " · ") + "\n")
	if len(art.Findings) > 0 {
		writeMarkdownFindings(w, art, opts)
		writeMarkdownFixes(w, art, rules)
	}
	writeMarkdownSources(w, m)
}

func writeMarkdownFindings(w *bufio.Writer, art *AuditArticle, opts MarkdownOptions) {
	w.WriteString("\n| Line | Level | Rule | Finding | Text |\n|---:|---|---|---|---|\n")
	shown := art.Findings
	if opts.MaxFindings > 0 && len(shown) > opts.MaxFindings {
		shown = shown[:opts.MaxFindings]
	}
	for i := range shown {
		f := &shown[i]
		p := placeOf(art, f)
		loc := fmt.Sprintf("%d:%d", p.Line, p.Col)
		if p.Record > 0 {
			loc = fmt.Sprintf("%d (body %d:%d)", p.Line, f.Line, f.RuneColumn)
		}
		if opts.LineURL != nil {
			if u := opts.LineURL(p.Path, p.Line); isHTTPURL(u) {
				loc = "[" + loc + "](" + mdURL(u) + ")"
			}
		}
		level := f.Level.String()
		excerpt := EscapeMarkdown(quoteExcerpt(flatText(f.Excerpt)))
		fmt.Fprintf(w, "| %s | %s %s | %s | %s | %s |\n", loc, mdLevelIcon[level], level, mdRuleCode(f.Rule),
			EscapeMarkdown(flatText(f.Message)), excerpt)
	}
	if left := len(art.Findings) - len(shown); left > 0 {
		fmt.Fprintf(w, "\n… and %s more, not listed here.\n", nounCount(left, "finding"))
	}
}

// writeMarkdownFixes lists, once per rule that fired, what would resolve
// its findings and the standard it follows.
func writeMarkdownFixes(w *bufio.Writer, art *AuditArticle, rules []RuleInfo) {
	info := map[string]RuleInfo{}
	for _, r := range rules {
		info[r.ID] = r
	}
	var ids []string
	fix := map[string]string{}
	for _, f := range art.Findings {
		if _, seen := fix[f.Rule]; seen {
			continue
		}
		hint := f.Fix
		if hint == "" {
			hint = info[f.Rule].Fix
		}
		fix[f.Rule] = hint
		ids = append(ids, f.Rule)
	}
	sort.Strings(ids)
	var lines []string
	for _, id := range ids {
		if fix[id] == "" && info[id].Link == "" {
			continue
		}
		line := "- " + mdRuleCode(id)
		if fix[id] != "" {
			line += ": " + EscapeMarkdown(flatText(fix[id]))
		}
		if u := info[id].Link; isHTTPURL(u) {
			line += " ([standard](" + mdURL(u) + "))"
		}
		lines = append(lines, line)
	}
	if len(lines) > 0 {
		w.WriteString("\n**How to fix**\n\n" + strings.Join(lines, "\n") + "\n")
	}
}

func writeMarkdownSources(w *bufio.Writer, m *Metrics) {
	if len(m.Sources) == 0 {
		return
	}
	fmt.Fprintf(w, "\n<details><summary>Sources: %d named, %d cited</summary>\n\n", m.SourcesNamed, m.SourcesCited)
	w.WriteString("| Source | Type | Claims | Mentions | Counts as |\n|---|---|---:|---:|---|\n")
	for _, s := range m.Sources {
		role := "not cited"
		switch {
		case s.Independent:
			role = "independent"
		case s.Party:
			role = "party to the conflict"
		case s.Claims > 0:
			role = "cited"
		}
		fmt.Fprintf(w, "| %s | %s | %d | %d | %s |\n", EscapeMarkdown(flatText(s.Name)), EscapeMarkdown(sourceTypeName(s.Type)), s.Claims, s.Mentions, role)
	}
	w.WriteString("\n</details>\n")
}

// markdownVerdict is the run report's first line.
func markdownVerdict(a *Audit) string {
	s := a.Summary
	var b strings.Builder
	switch {
	case s.Failed:
		b.WriteString("🛑 **Fails**")
	case s.Findings > 0:
		b.WriteString("⚠️ **Passes with findings**")
	default:
		b.WriteString("✅ **Passes**")
	}
	fmt.Fprintf(&b, " at fail level %s: ", s.FailLevel)
	if s.Findings == 0 {
		fmt.Fprintf(&b, "no findings in %s", nounCount(s.Articles, "article"))
	} else {
		with := 0
		for i := range a.Articles {
			if len(a.Articles[i].Findings) > 0 {
				with++
			}
		}
		fmt.Fprintf(&b, "%s (%s) in %d of %s", nounCount(s.Findings, "finding"), levelPhrase(s.Levels), with, nounCount(s.Articles, "article"))
	}
	var more []string
	if s.Suppressed > 0 {
		more = append(more, fmt.Sprintf("%d suppressed", s.Suppressed))
	}
	if s.Baselined > 0 {
		more = append(more, fmt.Sprintf("%d in the baseline", s.Baselined))
	}
	if s.InputErrors > 0 {
		more = append(more, nounCount(s.InputErrors, "input")+" could not be read")
	}
	if len(more) > 0 {
		b.WriteString("; " + strings.Join(more, ", "))
	}
	b.WriteString(".")
	return b.String()
}

// writeMarkdownMetrics writes a run's metrics as a table.
func writeMarkdownMetrics(w *bufio.Writer, m *Metrics) {
	kinds := fmt.Sprintf("%d figures, %d quotes, %d reported", m.ClaimsByKind["figure"], m.ClaimsByKind["quote"], m.ClaimsByKind["reported"])
	rows := [][2]string{
		{"Claims", fmt.Sprintf("%d: %s", m.Claims, kinds)},
		{"Attributed", fmt.Sprintf("%d (%s); %d vague, %d unattributed", m.Attributed, sharePercent(m.AttributedShare), m.Vague, m.Unattributed)},
		{"Quotes with a named speaker", fmt.Sprintf("%d of %d (%s)", m.NamedQuotes, m.Quotes, sharePercent(m.NamedQuoteShare))},
		{"Sources cited", fmt.Sprintf("%d of %d named%s", m.SourcesCited, m.SourcesNamed, mdTypeBreakdown(m.SourcesByType))},
		{"Independent sources", fmt.Sprintf("%d (%d %s left out)", m.IndependentSources, m.PartySources, partyNoun(m.PartySources))},
	}
	if t := m.TopSource; t != nil {
		rows = append(rows, [2]string{"Largest single source", fmt.Sprintf("%s: %d of %d attributed claims (%s)",
			EscapeMarkdown(flatText(t.Name)), t.Claims, m.Attributed, sharePercent(&t.Share))})
	}
	w.WriteString("| Sourcing | |\n|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %s |\n", r[0], r[1])
	}
}

func partyNoun(n int) string {
	if n == 1 {
		return "party to the conflict"
	}
	return "parties to the conflict"
}

// mdTypeBreakdown writes ": 3 ngo monitor, 1 wire agency", most frequent
// type first.
func mdTypeBreakdown(byType map[string]int) string {
	type tc struct {
		t string
		n int
	}
	var ts []tc
	for t, n := range byType {
		ts = append(ts, tc{t, n})
	}
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].n != ts[j].n {
			return ts[i].n > ts[j].n
		}
		return ts[i].t < ts[j].t
	})
	var parts []string
	for _, x := range ts {
		parts = append(parts, fmt.Sprintf("%d %s", x.n, EscapeMarkdown(sourceTypeName(x.t))))
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}

// sourceTypeName writes a source type for people: "ngo_monitor" → "ngo monitor".
func sourceTypeName(t string) string { return strings.ReplaceAll(t, "_", " ") }

// mdRuleCode writes a rule id as inline code; ids are lowercase words and
// hyphens, but a rule file could name one otherwise, so backticks are
// dropped.
func mdRuleCode(id string) string {
	return "`" + strings.ReplaceAll(flatText(id), "`", "") + "`"
}

// sharePercent writes a share as a whole percentage, or "–" when there is none.
func sharePercent(share *float64) string {
	if share == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", math.Round(*share*100))
}

// isHTTPURL reports whether u may be a link target: an absolute http(s)
// URL.
func isHTTPURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}
