package reports

import (
	"bufio"
	"fmt"
	"io"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
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
	// line is the buffer each line is made in before it is written.
	line []byte
}

// NewTextWriter returns an AuditWriter writing the text report to w, as
// WriteAuditText does, article by article.
func NewTextWriter(w io.Writer, opts TextOptions) AuditWriter {
	return &textWriter{bw: bufio.NewWriter(w), opts: opts}
}

// NeedsMetrics reports that the text report shows no metrics, the
// articles' or the run's.
func (t *textWriter) NeedsMetrics() bool { return false }

func (t *textWriter) Begin(h *AuditHeader) error {
	t.failRank = severityRank(h.FailLevel)
	return nil
}

func (t *textWriter) Article(art *AuditArticle) error {
	if len(art.Findings) == 0 {
		return nil
	}
	opts := t.opts
	// Each line is appended to t.line and written whole: no formatting
	// or concatenation allocates for each finding.
	b := t.line[:0]
	if t.withFindings > 0 {
		b = append(b, '\n')
	}
	t.withFindings++
	start := len(b)
	b = opts.open(b, ansiBold)
	path := slashPath(art.Path) // once for the article and its findings
	b = appendArticleRef(b, path, art)
	b = opts.close(b, start, ansiBold)
	b = append(b, ' ')
	start = len(b)
	b = opts.open(b, ansiDim)
	b = append(b, "— "...)
	b = appendNounCount(b, len(art.Findings), "finding")
	b = append(b, " ("...)
	b = appendLevelPhrase(b, countLevels(art.Findings))
	b = append(b, ')')
	b = opts.close(b, start, ansiDim)
	b = append(b, '\n')
	t.bw.Write(b)
	for j := range art.Findings {
		f := &art.Findings[j]
		b = appendTextFinding(b[:0], path, art, f, opts)
		t.bw.Write(b)
		if severityRank(f.Level.String()) >= t.failRank {
			t.failing++
		}
	}
	t.line = b
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

// appendTextFinding appends the lines of finding f of article art, whose
// slashPath is path: the compiler-style line and the excerpt beneath.
func appendTextFinding(b []byte, path string, art *AuditArticle, f *Finding, opts TextOptions) []byte {
	p := placeAt(path, art, f)
	start := len(b)
	b = opts.open(b, ansiBold)
	b = p.appendLoc(b)
	b = append(b, ':')
	b = opts.close(b, start, ansiBold)
	b = append(b, ' ')
	level := f.Level.String()
	b = opts.appendStyled(b, textLevelStyle[level], level)
	b = append(b, ' ')
	start = len(b)
	b = opts.open(b, ansiDim)
	b = append(b, f.Rule...)
	b = append(b, ':')
	b = opts.close(b, start, ansiDim)
	b = append(b, ' ')
	b = appendFlat(b, f.Message)
	if p.Record > 0 {
		b = append(b, ' ')
		start = len(b)
		b = opts.open(b, ansiDim)
		b = append(b, '(')
		b = p.appendBodyPos(b, f)
		b = append(b, ')')
		b = opts.close(b, start, ansiDim)
	}
	b = append(b, '\n')
	if f.Excerpt != "" {
		b = append(b, "    "...)
		b = opts.appendStyled(b, ansiDim, "│")
		b = append(b, ' ')
		b = appendFlat(b, f.Excerpt)
		b = append(b, '\n')
	}
	return b
}

// appendStyled appends s styled as opts.style(code, s) returns it.
func (o TextOptions) appendStyled(b []byte, code, s string) []byte {
	start := len(b)
	b = o.open(b, code)
	b = append(b, s...)
	return o.close(b, start, code)
}

// open starts text appended to b styled with code, as style styles it;
// close, given len(b) before open, ends it. Text appended between them is
// styled as style(code, text) returns it: left as it is without colour,
// or when empty.
func (o TextOptions) open(b []byte, code string) []byte {
	if o.Color {
		b = append(b, code...)
	}
	return b
}

// close ends text begun with open at start (see open).
func (o TextOptions) close(b []byte, start int, code string) []byte {
	if !o.Color {
		return b
	}
	if len(b) == start+len(code) {
		return b[:start] // no text: style leaves "" unstyled
	}
	return append(b, ansiReset...)
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

// appendFlat appends flatText(s).
func appendFlat(b []byte, s string) []byte {
	if isFlat(s) {
		return append(b, s...)
	}
	return append(b, collapseText(s)...)
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
// no other white space. ASCII is tested eight bytes at a time.
func isFlat(s string) bool {
	space := true // after a space, or at the start: no space may follow
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// The n ASCII bytes from i (a carry out of a byte from
			// 0x80 up only reaches the bytes after it): none a control
			// character (below a space) or DEL, no space after a space.
			x, n := swar.Load(s, i), 8
			if h := x & swar.High; h != 0 {
				n = bits.TrailingZeros64(h) / 8
			}
			if n > 0 {
				in := ^uint64(0) >> (64 - 8*n)
				sp := swar.Equal(x, ' ') & in
				if (swar.AtLeast(x, ' ')^swar.High|swar.AtLeast(x, 0x7f))&in|sp&(sp<<8) != 0 || space && sp&0x80 != 0 {
					return false
				}
				// After fewer than eight, a rune past ASCII follows,
				// which is no space or is not flat.
				space = sp>>63 != 0
				i += n
				continue
			}
		}
		c := s[i]
		switch {
		case ' ' < c && c < 0x7f: // most of the text
			space = false
		case c == ' ':
			if space {
				return false
			}
			space = true
		case c < utf8.RuneSelf: // ASCII control characters and DEL
			return false
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || unicode.IsSpace(r) || unicode.IsControl(r) {
				return false
			}
			i += n - 1
			space = false
		}
		i++
	}
	return !space || s == "" // no space at the end
}
