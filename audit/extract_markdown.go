package audit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// mdExtractor walks a goldmark syntax tree, whose text segments are byte
// ranges of the source, and feeds a proseBuilder. Raw HTML blocks go to an
// htmlExtractor that lives as long as the document, so Markdown inside an
// <aside>…</aside> pair of HTML blocks is known to be in the aside. The
// walk uses explicit stacks: deeply nested quotes or lists do not recurse.
type mdExtractor struct {
	p      *proseBuilder
	h      *htmlExtractor
	src    string
	source []byte

	quotes, items int // open block quotes and list items
	hint          string
	hintFn        func() string
}

// Limits on what the Markdown reader hands to goldmark, whose parser is
// not linear: each line costs the nesting depth of the containers (block
// quotes, list items) it continues times its length, and a paragraph costs
// up to the square of its link, emphasis and code-span marks. Hostile or
// broken input (thousands of nested lists, a megabyte of "[" and "](")
// would take minutes, so a document past either limit is read as plain
// text: every character is kept, only the markup is not interpreted.
// Articles come nowhere near them.
const (
	// maxMarkdownDepth bounds the containers a line may open or continue,
	// estimated from its prefix of block quote markers, list markers and
	// indentation.
	maxMarkdownDepth = 64
	// maxMarkdownMarks bounds the sum over paragraphs (runs of non-blank
	// lines) of the square of their marks ("[", "]", "*", "_", "`").
	maxMarkdownMarks = 1 << 27
)

// markdownMarks are the bytes whose count per paragraph drives goldmark's
// inline parsing cost.
var markdownMarks = [256]bool{'[': true, ']': true, '*': true, '_': true, '`': true}

// markdownTooComplex reports why src is past the limits above, or "".
func markdownTooComplex(src string) string {
	var cost, marks int64
	for start := 0; start < len(src); {
		end := strings.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		start = end + 1
		if strings.TrimSpace(line) == "" {
			cost += marks * marks
			marks = 0
			continue
		}
		if markdownDepth(line) > maxMarkdownDepth {
			return fmt.Sprintf("Markdown nested more than %d levels deep", maxMarkdownDepth)
		}
		for i := 0; i < len(line); i++ {
			if markdownMarks[line[i]] {
				marks++
			}
		}
		if cost+marks*marks > maxMarkdownMarks {
			return "a Markdown paragraph with too many link, emphasis or code marks"
		}
	}
	return ""
}

// markdownDepth estimates the containers a line opens or continues: one
// per block quote marker or list marker in its prefix, and one per two
// columns of indentation (the least a nested list item needs).
func markdownDepth(line string) int {
	depth, cols := 0, 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4
			i++
		case c == '>':
			depth++
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t') {
				depth++
				i++
				continue
			}
			return depth + cols/2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				depth++
				i = j + 1
				continue
			}
			return depth + cols/2
		default:
			return depth + cols/2
		}
	}
	return depth + cols/2
}

// extractMarkdown builds the view and blocks of a CommonMark document.
// A document too complex for the parser (see markdownTooComplex) is read
// as plain text, with a warning that says why.
func extractMarkdown(src string) extraction {
	if why := markdownTooComplex(src); why != "" {
		x := plainExtraction(src, nil)
		x.warning = why + "; read as plain text"
		return x
	}
	source := []byte(src)
	root := goldmark.DefaultParser().Parse(text.NewReader(source))
	p := newProseBuilder(src)
	m := &mdExtractor{p: p, h: newHTMLExtractor(p), src: src, source: source}
	m.hintFn = func() string { return m.hint }
	m.walk(root)
	return p.extraction()
}

// mdFrame is a node to visit, or to leave when exit is set.
type mdFrame struct {
	n    ast.Node
	exit bool
}

func (m *mdExtractor) walk(root ast.Node) {
	stack := []mdFrame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.exit {
			switch f.n.Kind() {
			case ast.KindBlockquote:
				m.quotes--
			case ast.KindListItem:
				m.items--
			}
			continue
		}
		switch n := f.n.(type) {
		case *ast.Heading:
			m.block(n, "h"+strconv.Itoa(n.Level))
		case *ast.Paragraph, *ast.TextBlock:
			base := "p"
			switch {
			case m.items > 0:
				base = "li"
			case m.quotes > 0:
				base = "blockquote"
			}
			if m.imageOnly(n) {
				base = "img"
			}
			m.block(n, base)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			m.code(n)
		case *ast.HTMLBlock:
			m.htmlBlock(n)
		case *ast.ThematicBreak:
			m.p.end(n.Pos())
		default:
			switch n.Kind() {
			case ast.KindBlockquote:
				m.quotes++
			case ast.KindListItem:
				m.items++
			}
			stack = append(stack, mdFrame{n: n, exit: true})
			for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
				stack = append(stack, mdFrame{n: c})
			}
		}
	}
}

// blockHint returns base with the Markdown containers and the open HTML
// elements around it as context.
func (m *mdExtractor) blockHint(base string) string {
	var sb strings.Builder
	sb.WriteString(base)
	room := maxContexts
	if m.items > 0 && base != "li" {
		sb.WriteString(" in li")
		room--
	}
	if m.quotes > 0 && base != "blockquote" {
		sb.WriteString(" in blockquote")
		room--
	}
	sb.WriteString(m.h.contexts(room))
	return sb.String()
}

// block emits a heading or paragraph and its inline content.
func (m *mdExtractor) block(n ast.Node, base string) {
	start := blockStart(n)
	m.p.end(start)
	m.hint = m.blockHint(base)
	m.inlines(n, base == "img")
	m.p.end(start)
}

// blockStart returns the source offset a block's text starts at.
func blockStart(n ast.Node) int {
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return n.Pos()
}

// imageOnly reports whether a paragraph holds nothing but an image
// (possibly inside a link) and white space.
func (m *mdExtractor) imageOnly(n ast.Node) bool {
	images := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			images++
		case *ast.Link:
			if c.ChildCount() != 1 || c.FirstChild().Kind() != ast.KindImage {
				return false
			}
			images++
		case *ast.Text:
			if !c.SoftLineBreak() && !c.HardLineBreak() && strings.TrimSpace(m.src[c.Segment.Start:c.Segment.Stop]) != "" {
				return false
			}
		default:
			return false
		}
	}
	return images == 1
}

// inlines emits the inline content of a block. Link destinations, raw
// inline HTML and images are left out; withImages keeps image alt text
// (for an image-only paragraph).
func (m *mdExtractor) inlines(parent ast.Node, withImages bool) {
	var stack []ast.Node
	push := func(n ast.Node) {
		for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
			stack = append(stack, c)
		}
	}
	push(parent)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch n := n.(type) {
		case *ast.Text:
			if n.IsRaw() {
				m.p.copyText(n.Segment.Start, n.Segment.Stop, m.hintFn)
			} else {
				m.text(n.Segment.Start, n.Segment.Stop)
			}
			if n.SoftLineBreak() || n.HardLineBreak() {
				m.lineBreak(n.Segment.Stop)
			}
		case *ast.String:
			// Text with no source of its own: anchor it where we are.
			m.p.replaceText(string(n.Value), m.p.last, m.p.last, m.hintFn)
		case *ast.AutoLink:
			label := string(n.Label(m.source))
			pos := n.Pos()
			if i := strings.Index(m.src[pos:min(len(m.src), pos+len(label)+16)], label); i >= 0 && label != "" {
				m.p.copyText(pos+i, pos+i+len(label), m.hintFn)
			}
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				if strings.HasPrefix(m.src[seg.Start:seg.Stop], "<!--") {
					m.p.comments = append(m.p.comments, Span{seg.Start, seg.Stop})
				}
			}
		case *ast.Image:
			if withImages {
				push(n)
			}
		default:
			push(n)
		}
	}
}

// text emits source [s, e) of a Markdown text segment, decoding backslash
// escapes and character references.
func (m *mdExtractor) text(s, e int) {
	src := m.src
	for i := s; i < e; {
		j := i
		for j < e && src[j] != '\\' && src[j] != '&' {
			j++
		}
		m.p.copyText(i, j, m.hintFn)
		if j >= e {
			return
		}
		if src[j] == '\\' && j+1 < e && isMarkdownPunct(src[j+1]) {
			m.p.replaceText(src[j+1:j+2], j, j+2, m.hintFn)
			i = j + 2
			continue
		}
		if src[j] == '&' {
			if dec, n := entityAt(src[:e], j, true); n > 0 {
				m.p.replaceText(dec, j, j+n, m.hintFn)
				i = j + n
				continue
			}
		}
		m.p.copyText(j, j+1, m.hintFn)
		i = j + 1
	}
}

// lineBreak emits a newline standing for the source line end after
// offset s (with any trailing spaces or backslash of a hard break).
func (m *mdExtractor) lineBreak(s int) {
	nl := strings.IndexByte(m.src[s:], '\n')
	if nl < 0 {
		return
	}
	m.p.replaceText("\n", s, s+nl+1, m.hintFn)
}

func isMarkdownPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// code emits a code block verbatim as one block hinted "pre".
func (m *mdExtractor) code(n ast.Node) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	m.p.end(lines.At(0).Start)
	m.hint = m.blockHint("pre")
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		m.p.copyText(seg.Start, seg.Stop, m.hintFn)
	}
	m.p.end(lines.At(lines.Len() - 1).Stop)
}

// htmlBlock reads a raw HTML block as HTML. Lines that follow each other
// in the source are read in one run; lines split by container markers
// ("> ") are read one by one.
func (m *mdExtractor) htmlBlock(n *ast.HTMLBlock) {
	lines := n.Lines()
	var segs []text.Segment
	for i := 0; i < lines.Len(); i++ {
		segs = append(segs, lines.At(i))
	}
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	if len(segs) == 0 {
		return
	}
	m.p.end(segs[0].Start)
	start, stop := segs[0].Start, segs[0].Stop
	for _, seg := range segs[1:] {
		if seg.Start == stop {
			stop = seg.Stop
			continue
		}
		m.h.run(start, stop)
		start, stop = seg.Start, seg.Stop
	}
	m.h.run(start, stop)
	m.p.end(stop)
}
