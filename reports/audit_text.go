package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textLevelStyle colours a level name in the text report.
var textLevelStyle = map[string]string{
	"error":   ansiBold + ansiRed,
	"warning": ansiYellow,
	"info":    ansiCyan,
}

// WriteAuditText writes the audit for a person at a terminal. Articles
// with findings each get a header line (the article and what was found in
// it), then one line per finding in the form compilers use, so that
// editors and terminals can jump to it,
//
//	path:line:column: level rule: message
//	    │ excerpt of the text the finding covers
//
// with the column counted in characters (Unicode code points). A finding
// in a JSON Lines record points at the record's line and says where in
// the body it is: "feed.jsonl:3: warning rule: message (record x1, body
// 2:14)". Articles without findings are not listed. A closing line sums
// up the run: findings by level, articles, findings hidden by suppression
// comments and the baseline, unreadable inputs, and whether the run fails
// at the fail level.
//
// opts.Color adds ANSI colour; the caller decides (see TextOptions), and
// no escape sequence is written without it.
func WriteAuditText(w io.Writer, a *Audit, opts TextOptions) error {
	return writeBatch(NewTextWriter(w, opts), a)
}

// textWriter writes the text report as the run goes (see WriteAuditText).
type textWriter struct {
	bw   *bufio.Writer
	opts TextOptions
	// failRank is the fail level's rank; withFindings counts the articles
	// with findings so far, failing the findings at or above the fail
	// level.
	failRank              int
	withFindings, failing int
}

// NewTextWriter returns an AuditWriter writing the text report to w, as
// WriteAuditText does, article by article.
func NewTextWriter(w io.Writer, opts TextOptions) AuditWriter {
	return &textWriter{bw: bufio.NewWriter(w), opts: opts}
}

func (t *textWriter) Begin(h *AuditHeader) error {
	t.failRank = severityRank(h.FailLevel)
	return nil
}

func (t *textWriter) Article(art *AuditArticle) error {
	if len(art.Findings) == 0 {
		return nil
	}
	bw, opts := t.bw, t.opts
	if t.withFindings > 0 {
		bw.WriteString("\n")
	}
	t.withFindings++
	fmt.Fprintf(bw, "%s %s\n", opts.style(ansiBold, articleRef(art)),
		opts.style(ansiDim, "— "+nounCount(len(art.Findings), "finding")+" ("+levelPhrase(findingLevels(art.Findings))+")"))
	for j := range art.Findings {
		f := &art.Findings[j]
		writeTextFinding(bw, art, f, opts)
		if severityRank(f.Level.String()) >= t.failRank {
			t.failing++
		}
	}
	return t.flush()
}

func (t *textWriter) End(a *Audit) error {
	if t.withFindings > 0 {
		t.bw.WriteString("\n")
	}
	t.bw.WriteString(textSummary(a, t.withFindings, t.failing, t.opts))
	t.bw.WriteString("\n")
	return t.flush()
}

func (t *textWriter) flush() error {
	if err := t.bw.Flush(); err != nil {
		return fmt.Errorf("writing the text report: %w", err)
	}
	return nil
}

func writeTextFinding(w *bufio.Writer, art *AuditArticle, f *Finding, opts TextOptions) {
	p := placeOf(art, f)
	loc := fmt.Sprintf("%s:%d:%d:", p.Path, p.Line, p.Col)
	if p.Record > 0 {
		loc = fmt.Sprintf("%s:%d:", p.Path, p.Line)
	}
	level := f.Level.String()
	msg := flatText(f.Message)
	if pos := p.bodyPos(f); pos != "" {
		msg += " " + opts.style(ansiDim, "("+pos+")")
	}
	fmt.Fprintf(w, "%s %s %s %s\n", opts.style(ansiBold, loc), opts.style(textLevelStyle[level], level),
		opts.style(ansiDim, f.Rule+":"), msg)
	if f.Excerpt != "" {
		fmt.Fprintf(w, "    %s %s\n", opts.style(ansiDim, "│"), flatText(f.Excerpt))
	}
}

// textSummary is the closing line of the text report. withFindings counts
// the articles with findings, failing the findings at or above the fail
// level.
func textSummary(a *Audit, withFindings, failing int, opts TextOptions) string {
	s := a.Summary
	var b strings.Builder
	mark, style := "✔", ansiGreen
	switch {
	case s.Failed:
		mark, style = "✖", ansiRed
	case s.Findings > 0:
		mark, style = "!", ansiYellow
	}
	b.WriteString(opts.style(ansiBold+style, mark) + " ")
	if s.Findings == 0 {
		fmt.Fprintf(&b, "no findings in %s", nounCount(s.Articles, "article"))
	} else {
		phrase := levelPhrase(s.Levels)
		fmt.Fprintf(&b, "%s (%s) in %d of %s", nounCount(s.Findings, "finding"), phrase, withFindings, nounCount(s.Articles, "article"))
	}
	var hidden []string
	if s.Suppressed > 0 {
		hidden = append(hidden, fmt.Sprintf("%d suppressed", s.Suppressed))
	}
	if s.Baselined > 0 {
		hidden = append(hidden, fmt.Sprintf("%d in the baseline", s.Baselined))
	}
	if len(hidden) > 0 {
		b.WriteString("; " + strings.Join(hidden, ", "))
	}
	if s.InputErrors > 0 {
		fmt.Fprintf(&b, "; %s could not be read", nounCount(s.InputErrors, "input"))
	}
	if s.Failed {
		b.WriteString("; " + opts.style(ansiBold+ansiRed, fmt.Sprintf("fails: %d at or above %s", failing, s.FailLevel)))
	}
	return b.String()
}

// severityRank orders level names: info 1, warning 2, error 3; 0 for others.
func severityRank(l string) int {
	switch l {
	case "info":
		return 1
	case "warning":
		return 2
	case "error":
		return 3
	}
	return 0
}

// flatText collapses white space, line breaks included, to single spaces,
// and shows other control characters as U+FFFD, so that article text
// cannot move the cursor or change colours at a terminal.
func flatText(s string) string {
	if isFlat(s) {
		return s // most messages and excerpts: no copy
	}
	return collapseText(s)
}

// collapseText is flatText without the shortcut for text already flat.
func collapseText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return utf8.RuneError
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// isFlat reports whether flatText would return s as it is: valid UTF-8
// without control characters, with single ASCII spaces between words and
// no other white space.
func isFlat(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f || c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
		i += n
	}
	return true
}
