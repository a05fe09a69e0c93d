package audit

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/rules"
)

func init() {
	registerCheck(CheckKind{
		Name:    "quote-marks",
		Summary: "flags unbalanced quotation marks: quotations never closed, marks that open or close nothing, pairs of different families (“…»)",
		Params: `unclosed: report quotations whose closing mark is missing (default true)
stray: report double quotation marks that open or close no quotation (default true)
mismatched: report quotations opened with one family of marks and closed with another, as “…» or “…" (default true)`,
		build: newQuoteMarks,
	})
}

// quoteMarks reports what the quotation finder could not pair: a
// quotation left open (its closing mark lost, as in “I can't realizehe
// confides.), a mark that belongs to no quotation, and a pair whose marks
// do not match. A quotation left open at a paragraph end is not reported
// when the next paragraph opens with a mark: that is the convention for
// quotations of several paragraphs. Dash quotes have no marks to balance.
type quoteMarks struct {
	unclosed, stray, mismatched bool
}

func newQuoteMarks(r *rules.Rule) (Check, error) {
	p := struct {
		Unclosed   bool `yaml:"unclosed"`
		Stray      bool `yaml:"stray"`
		Mismatched bool `yaml:"mismatched"`
	}{true, true, true}
	if err := r.Params.Decode(&p); err != nil {
		return nil, err
	}
	if !p.Unclosed && !p.Stray && !p.Mismatched {
		return nil, r.Errorf(r.Pos.Params, "quote-marks needs at least one of unclosed, stray, mismatched set to true")
	}
	return quoteMarks{unclosed: p.Unclosed, stray: p.Stray, mismatched: p.Mismatched}, nil
}

func (x quoteMarks) Run(c *Context) {
	doc := c.Doc
	view := doc.View()
	if view == nil {
		return
	}
	// used holds the view offsets of every mark a quotation uses,
	// sorted below.
	var mem [64]int
	used := mem[:0]
	for i, q := range doc.Quotes {
		if q.Kind == QuoteDash {
			continue
		}
		v := q.ViewSpan()
		if q.Open != "" {
			used = append(used, v.Start)
		}
		if q.Close != "" {
			used = append(used, v.End-len(q.Close))
		}
		if !c.InBlock(q.Block) {
			continue
		}
		switch {
		case x.unclosed && !q.Closed:
			if detail, ok := unclosedDetail(doc, i); ok {
				c.Report(q.Span, MessageData{Match: q.Open, Detail: detail})
			}
		case x.mismatched && q.Open != "" && q.Close != "":
			open, _ := utf8.DecodeRuneInString(q.Open)
			if !sameFamily(open, q.Close) {
				c.Report(q.Span, MessageData{Match: q.Open + "…" + q.Close,
					Detail: "the quotation opens with " + q.Open + " and closes with " + q.Close})
			}
		}
	}
	if !x.stray {
		return
	}
	slices.Sort(used)
	isUsed := func(off int) bool {
		_, ok := slices.BinarySearch(used, off)
		return ok
	}
	for bi, b := range doc.Blocks {
		if !c.InBlock(bi) {
			continue
		}
		bv := b.ViewSpan()
		text := view.Text[bv.Start:bv.End]
		var strays []int
		leads := newMarkLeads(text)
		for i := leads.next(0); i < len(text); i = leads.next(i + 1) {
			r, _ := utf8.DecodeRuneInString(text[i:])
			if !isDoubleMark(r) || isUsed(bv.Start+i) {
				continue
			}
			if r == '"' && (i+1 < len(text) && text[i+1] == '"' || i > 0 && text[i-1] == '"' || i > 0 && isASCIIDigit(text[i-1])) {
				continue // a doubled typo counts once; 12" is inches
			}
			strays = append(strays, i)
		}
		for k := 0; k < len(strays); k++ {
			i := strays[k]
			r, n := utf8.DecodeRuneInString(text[i:])
			opens := opensQuote(r, text[:i], text[i+n:])
			// Two straight marks the quotation finder left unpaired
			// ("...it is not … interest") pair with each other.
			if r == '"' && opens && k+1 < len(strays) && text[strays[k+1]] == '"' && !opensQuote('"', text[:strays[k+1]], text[strays[k+1]+1:]) {
				k++
				continue
			}
			mark := text[i : i+n]
			detail := mark + " closes no quotation"
			if opens {
				detail = mark + " opens no quotation"
			}
			c.Report(view.Span(bv.Start+i, bv.Start+i+n), MessageData{Match: mark, Detail: detail})
		}
	}
}

// unclosedDetail says how quotation qi of doc was left open, or false
// when leaving it open is the convention for a quotation running over
// several paragraphs (the next paragraph reopens it with a mark).
func unclosedDetail(doc *Document, qi int) (string, bool) {
	q := doc.Quotes[qi]
	open := q.Open
	if open == "" {
		open = "the quotation"
	}
	var next *Quote
	for k := qi + 1; k < len(doc.Quotes); k++ {
		if doc.Quotes[k].Level == q.Level {
			next = &doc.Quotes[k]
			break
		}
	}
	b := doc.Blocks[q.Block]
	atEnd := blockRestBlank(doc, b, q.ViewSpan().End)
	switch {
	case next != nil && next.Continues && next.Block == q.Block+1 && next.Open != "" && atEnd:
		return "", false
	case next != nil && next.Continues && next.Block == q.Block && next.Open == "":
		return open + " is never closed: the closing mark is missing before the speech tag that follows it", true
	case next != nil && next.Continues && next.Block == q.Block:
		return open + " is never closed: " + next.Open + " opens the quotation again before it ends (close it, or start a new paragraph where it resumes)", true
	}
	return open + " is never closed before the end of the paragraph", true
}

// blockRestBlank reports whether only white space follows view offset off
// in block b.
func blockRestBlank(doc *Document, b Block, off int) bool {
	v := b.ViewSpan()
	if off >= v.End {
		return true
	}
	for _, r := range doc.View().Text[off:v.End] {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' && r != '\u00a0' {
			return false
		}
	}
	return true
}

// isDoubleMark reports whether r is a double quotation mark or a
// guillemet: the marks whose balance can be checked. Single curly marks
// are left out, since ’ is mostly an apostrophe.
func isDoubleMark(r rune) bool {
	switch r {
	case '“', '”', '„', '«', '»', '‹', '›', '"':
		return true
	}
	return false
}

// markLeads finds, from one offset of a text to the next, the bytes of
// doubleMarkBytes: every double mark starts with one, and none
// continues a UTF-8 sequence. It searches for each of them with
// strings.IndexByte, and keeps where each was found for the next call.
type markLeads struct {
	text string
	// at[k] is the offset of the next doubleMarkBytes[k] from where the
	// last search for it started, len(text) for none, -1 before the
	// first search.
	at [len(doubleMarkBytes)]int
}

func newMarkLeads(text string) markLeads {
	m := markLeads{text: text}
	for k := range m.at {
		m.at[k] = -1
	}
	return m
}

// next returns the offset of the first byte of the text from i on that
// is one of doubleMarkBytes, or len(text). Calls must not go back: i is at
// least what the last call returned.
func (m *markLeads) next(i int) int {
	first := len(m.text)
	for k, b := range doubleMarkBytes {
		if m.at[k] < i {
			m.at[k] = len(m.text)
			if i < len(m.text) {
				if j := strings.IndexByte(m.text[i:], b); j >= 0 {
					m.at[k] = i + j
				}
			}
		}
		first = min(first, m.at[k])
	}
	return first
}

// doubleMarkBytes lists the first bytes of the double marks' UTF-8
// encodings: '"', 0xC2 for « and », 0xE2 for the rest (TestMarkLeads
// derives them from the marks).
var doubleMarkBytes = [...]byte{'"', 0xc2, 0xe2}

// opensQuote reports whether the mark r, between before and rest, is
// written as an opening mark: “ „ « ‹ always, a straight " when text
// follows it and a space, an opening bracket or the start of the
// paragraph comes before it.
func opensQuote(r rune, before, rest string) bool {
	switch r {
	case '“', '„', '«', '‹':
		return true
	case '"':
		next, _ := utf8.DecodeRuneInString(rest)
		prev, _ := utf8.DecodeLastRuneInString(before)
		return rest != "" && !unicode.IsSpace(next) && (before == "" || unicode.IsSpace(prev) || strings.ContainsRune("([{–—", prev))
	}
	return false
}

func isASCIIDigit(b byte) bool { return '0' <= b && b <= '9' }
