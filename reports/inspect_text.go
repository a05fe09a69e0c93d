package reports

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sourcecheck/sourcecheck/audit"
)

// ANSI styles used when colour is on.
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiDim     = "\x1b[2m"
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiBlue    = "\x1b[34m"
	ansiMagenta = "\x1b[35m"
	ansiCyan    = "\x1b[36m"
)

// TextOptions controls the human-readable renderers.
type TextOptions struct {
	// Color turns on ANSI colour.
	Color bool
}

func (o TextOptions) style(code, s string) string {
	if !o.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

var blockStyle = map[audit.BlockKind]string{
	audit.BlockHeadline:   ansiBold,
	audit.BlockSubheading: ansiBold,
	audit.BlockBody:       "",
	audit.BlockMeta:       ansiDim,
	audit.BlockByline:     ansiCyan,
	audit.BlockCaption:    ansiCyan,
	audit.BlockAd:         ansiRed,
	audit.BlockRelated:    ansiDim,
	audit.BlockNav:        ansiDim,
}

var quoteStyle = map[audit.QuoteKind]string{
	audit.QuoteDirect:  ansiGreen,
	audit.QuotePartial: ansiYellow,
	audit.QuoteScare:   ansiMagenta,
	audit.QuoteDash:    ansiBlue,
}

// WriteInspectText writes a marked-up view of each document so that a
// person can check it at a glance: every block with its kind and the reason
// for it, every sentence on its own line, and every quotation bracketed ⟦…⟧
// with its number; then the quotations with their speakers, the claims with
// who they are credited to (or that nobody is), and the sources named.
func WriteInspectText(w io.Writer, docs []*audit.Document, opt TextOptions) error {
	bw := bufio.NewWriter(w)
	for i, doc := range docs {
		if i > 0 {
			bw.WriteString("\n")
		}
		writeInspectDoc(bw, doc, opt)
	}
	return bw.Flush()
}

func docTitle(doc *audit.Document) string {
	if doc.Record > 0 {
		return fmt.Sprintf("%s:%d (id %s)", doc.Path, doc.Record, doc.Meta.ID)
	}
	return doc.Path
}

func writeInspectDoc(w *bufio.Writer, doc *audit.Document, opt TextOptions) {
	fmt.Fprintf(w, "%s\n", opt.style(ansiBold, "== "+docTitle(doc)))
	fmt.Fprintf(w, "   %s, %s, %d bytes: %d blocks, %d sentences, %d quotes\n",
		doc.Format, doc.Encoding, len(doc.Text), len(doc.Blocks), len(doc.Sentences), len(doc.Quotes))
	for _, warn := range doc.Warnings {
		fmt.Fprintf(w, "   %s %s\n", opt.style(ansiYellow, "warning:"), warn)
	}
	// Quote boundaries, in view coordinates, for inline marking.
	type mark struct {
		off   int
		open  bool
		index int
	}
	var marks []mark
	for i, q := range doc.Quotes {
		v := q.ViewSpan()
		marks = append(marks, mark{v.Start, true, i}, mark{v.End, false, i})
	}
	sort.SliceStable(marks, func(a, b int) bool {
		if marks[a].off != marks[b].off {
			return marks[a].off < marks[b].off
		}
		return !marks[a].open && marks[b].open // close before open at the same offset
	})
	sentencesOf := make([][]audit.Sentence, len(doc.Blocks))
	for _, s := range doc.Sentences {
		if s.Block >= 0 && s.Block < len(sentencesOf) {
			sentencesOf[s.Block] = append(sentencesOf[s.Block], s)
		}
	}
	mi := 0
	for bi, b := range doc.Blocks {
		pos := doc.Position(b.Start)
		kind := fmt.Sprintf("%-10s", b.Kind)
		fmt.Fprintf(w, "\n%5s  %s %s %s\n", fmt.Sprintf("%d:%d", pos.Line, pos.RuneColumn),
			opt.style(blockStyle[b.Kind], kind), opt.style(ansiDim, fmt.Sprintf("b%d", bi)), opt.style(ansiDim, b.Reason))
		ss := sentencesOf[bi]
		if len(ss) == 0 {
			ss = []audit.Sentence{{Span: b.Span, Block: bi, Text: b.Text}}
		}
		for _, s := range ss {
			v := s.ViewSpan()
			if v == (audit.Span{}) && s.Text != "" {
				v = b.ViewSpan()
			}
			var sb strings.Builder
			view := doc.View().Text
			last := v.Start
			for mi < len(marks) && marks[mi].off < v.Start {
				mi++
			}
			for mi < len(marks) && marks[mi].off <= v.End {
				m := marks[mi]
				if m.off == v.End && m.open {
					break
				}
				sb.WriteString(flatten(view[last:m.off]))
				q := doc.Quotes[m.index]
				if m.open {
					sb.WriteString(opt.style(quoteStyle[q.Kind], "⟦"))
				} else {
					sb.WriteString(opt.style(quoteStyle[q.Kind], fmt.Sprintf("⟧q%d", m.index+1)))
				}
				last = m.off
				mi++
			}
			sb.WriteString(flatten(view[last:v.End]))
			fmt.Fprintf(w, "       │ %s\n", sb.String())
		}
	}
	if len(doc.Quotes) > 0 {
		fmt.Fprintf(w, "\n   quotes:\n")
		for i, q := range doc.Quotes {
			pos := doc.Position(q.Start)
			state := "closed"
			if !q.Closed {
				state = "open"
			}
			if q.Continues {
				state += ", continues"
			}
			who := ""
			if q.Speaker != nil {
				who = "  ← " + q.Speaker.Name
			}
			fmt.Fprintf(w, "   q%-3d %-7s %-8s %-18s %s%s%s%s\n", i+1, fmt.Sprintf("%d:%d", pos.Line, pos.RuneColumn),
				opt.style(quoteStyle[q.Kind], string(q.Kind)), state, q.Open, excerpt(q.Text, 60), q.Close, opt.style(ansiCyan, who))
		}
	}
	if len(doc.Claims) > 0 {
		fmt.Fprintf(w, "\n   claims:\n")
		for i, c := range doc.Claims {
			pos := doc.Position(c.Start)
			kind := string(c.Kind)
			if c.Subkind != "" {
				kind += "/" + c.Subkind
			}
			var who string
			switch {
			case c.Attribution != nil:
				at := c.Attribution
				who = opt.style(ansiGreen, fmt.Sprintf("← %s (%s) via %q, %s", at.Source.Name, at.Source.Type, at.Cue.Text, at.Link))
			case c.Vague != nil:
				who = opt.style(ansiYellow, fmt.Sprintf("vague: %q", c.Vague.Text))
			default:
				who = opt.style(ansiRed, "unattributed")
			}
			if c.Attribution != nil && c.Vague != nil {
				who += opt.style(ansiYellow, fmt.Sprintf(", vague: %q", c.Vague.Text))
			}
			fmt.Fprintf(w, "   c%-3d %-7s %-22s %-42s %s\n", i+1, fmt.Sprintf("%d:%d", pos.Line, pos.RuneColumn), kind, excerpt(c.Text, 40), who)
		}
	}
	if len(doc.Sources) > 0 {
		fmt.Fprintf(w, "\n   sources:\n")
		for _, src := range doc.Sources {
			desc := ""
			if src.Descriptor != "" {
				desc = " — " + excerpt(src.Descriptor, 50)
			}
			fmt.Fprintf(w, "   %-36s %-12s %d mention(s)%s\n", excerpt(src.Name, 36), src.Type, len(src.Mentions), desc)
		}
	}
}

// flatten shows line breaks inside a block as a visible mark.
func flatten(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\n", "⏎ ")
}

// excerpt shortens s to at most n runes, marking the cut with an ellipsis.
func excerpt(s string, n int) string {
	s = flatten(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
