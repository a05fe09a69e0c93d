package audit

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// extract builds the prose view of doc and its raw blocks, in view
// coordinates, for doc.Format. Each block is trimmed of white space and
// never empty; blocks come in document order and do not overlap.
//
// # Views
//
// For plain text the view is the text itself. For Markdown and HTML it is
// the prose with markup removed, entities and backslash escapes decoded,
// and (in HTML) runs of white space collapsed to one space; blocks are
// separated in the view by "\n\n". Every view byte maps back, monotonically,
// onto the source bytes it came from (a decoded "’" onto the whole
// "&rsquo;").
//
// # Hints
//
// A raw block's hint tells the block classifier what markup the block came
// from. It is empty for an ordinary plain-text block, and otherwise reads
//
//	hint    = element { " in " element }
//	element = tag { "." cue }
//
// The first element is the block itself; the ones after " in " are its
// context, innermost first (at most four). Tags are lower-case HTML names:
//
//   - plain text: "li" for a line that starts with a list marker (the
//     marker is left out of the block, except "-", which may open a dash
//     quote), "" otherwise;
//   - Markdown: "h1".."h6", "p", "li" (a paragraph in a list item),
//     "blockquote" (a paragraph in a block quote; other blocks in a quote
//     get the context "in blockquote"), "pre" (code), "img" (a paragraph
//     that is only an image: its alt text); raw HTML blocks are read as HTML
//     below, and Markdown blocks inside HTML elements opened by raw HTML
//     get those elements as context ("p in aside");
//   - HTML: the innermost block-level element around the text ("p", "div",
//     "li", "h2", "td", "figcaption", "blockquote", "address", "pre", ...),
//     or "time" when the block is exactly the text of a <time> element;
//     for text outside any block-level element the first context element
//     stands in its place, or the hint is "". Context elements are the
//     enclosing (or, for inline elements, enclosed) elements that are
//     landmarks (nav, aside, header, footer, figure, figcaption, address,
//     blockquote, form, menu, dialog, details) or carry cues.
//
// Cues are telling words found in an element's class or id attribute,
// canonicalised: "ad" (ad, ads, advert, advertisement, gpt), "promo"
// (promo, outbrain, taboola), "sponsor", "related" (related, recommended),
// "byline", "author", "caption", "credit", "share", "social", "newsletter"
// (newsletter, subscribe, signup), "breadcrumb", "comment", "tags", "date"
// (date, dateline, timestamp, published, pubdate) and "menu". Examples:
//
//	"p"                      a paragraph
//	"h1 in header"           the headline in the page header
//	"p.byline"               <p class="article-byline">
//	"p in span.byline"       a paragraph opening with <span class="byline">
//	"span.byline"            the same span outside any block-level element
//	"li in nav"              a menu entry
//	"li in ul.related"       a related-stories link
//	"p in aside.promo"       a paragraph of a promotional box
//	"figcaption in figure"   a photo caption
//	"time in header"         a standalone date
//
// A classifier can test a cue with strings.Contains(hint, ".byline") and a
// landmark with strings.Contains(hint, " in nav") or strings.HasPrefix.
//
// A warning from the extractor (Markdown too complex to parse, read as
// plain text) is added to doc.Warnings once.
func extract(doc *Document) (*View, []rawBlock) { return extractTo(doc, nil) }

// extractTo is extract, the raw blocks of plain text appended to dst
// (those of Markdown and HTML are made anew): Structure passes scratch
// it reuses from one document to the next, as the blocks are read only
// until classified.
func extractTo(doc *Document, dst []rawBlock) (*View, []rawBlock) {
	x := extractDocument(doc, dst)
	if x.warning != "" && !slices.Contains(doc.Warnings, x.warning) {
		doc.Warnings = append(doc.Warnings, x.warning)
	}
	return x.view, x.blocks
}

// extraction is everything extractDocument finds.
type extraction struct {
	view     *View
	blocks   []rawBlock
	comments []Span // HTML comments, in source coordinates
	warning  string // why the document was not read as its format, or ""
}

// extractDocument extracts doc, appending the blocks of plain text to dst.
func extractDocument(doc *Document, dst []rawBlock) extraction {
	switch doc.Format {
	case FormatHTML:
		return extractHTML(doc.Text)
	case FormatMarkdown:
		return extractMarkdown(doc.Text)
	default:
		return plainExtraction(doc.Text, dst)
	}
}

// plainExtraction reads src as plain text, appending its blocks to dst.
func plainExtraction(src string, dst []rawBlock) extraction {
	v := plainView(src)
	return extraction{view: v, blocks: textBlocks(dst, v.Text)}
}

// plainView returns the view of plain text: the text itself, except that
// each byte that is not part of valid UTF-8 (possible only for a Document
// built from raw bytes, never for one Read returns) stands as U+FFFD, so
// that the detectors always read valid UTF-8.
func plainView(src string) *View {
	if utf8.ValidString(src) {
		return identityView(src)
	}
	var b ViewBuilder
	b.buf = make([]byte, 0, len(src)+len(src)/8)
	copyValidUTF8(&b, src, 0, len(src))
	return b.View()
}

// copyValidUTF8 appends src[s:e] to b, each invalid byte as U+FFFD.
func copyValidUTF8(b *ViewBuilder, src string, s, e int) {
	for i := s; i < e; {
		j := i
		for j < e {
			if src[j] < utf8.RuneSelf {
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(src[j:e])
			if r == utf8.RuneError && n == 1 {
				break
			}
			j += n
		}
		b.Copy(src, i, j)
		if j < e {
			b.Replace("\uFFFD", j, j+1)
			j++
		}
		i = j
	}
}

// Comments returns the spans of the HTML comments ("<!-- ... -->") in an
// HTML or Markdown document, in order; nil for plain text.
func Comments(doc *Document) []Span {
	if doc.Format != FormatHTML && doc.Format != FormatMarkdown {
		return nil
	}
	return extractDocument(doc, nil).comments
}

// ---- plain text ----

// plainLine is one line of plain text: [start, end) excludes the newline;
// [ts, te) is the line trimmed of white space.
type plainLine struct {
	start, end int
	ts, te     int
	indent     int // leading white-space bytes
	// width counts the runes from the start of the line to the end of its
	// text (see lineWidth: a line too long to be hard-wrapped is not
	// counted). Only hardWrapped asks, of the lines that run on, and it
	// fills it in: a line alone in its group, or last, is not counted.
	width int
}

// maxWrapWidth is the widest, in runes, a line of hard-wrapped prose runs.
const maxWrapWidth = 100

// lineWidth returns the rune count of s, or maxWrapWidth+1 when s is
// surely wider than maxWrapWidth (a rune takes at most utf8.UTFMax bytes).
func lineWidth(s string) int {
	if len(s) > utf8.UTFMax*maxWrapWidth {
		return maxWrapWidth + 1
	}
	return runeCount(s)
}

func (l plainLine) blank() bool { return l.ts == l.te }

// textBlocks splits plain text into blocks. Blank lines (white space only,
// no-break spaces included) separate groups of lines. In a group each line
// is a block, unless the group is hard-wrapped prose (wire copy wrapped at
// a fixed width): then a block runs from line to line, and a new one starts
// at an indented line (the way wire copy marks paragraphs). A line that
// starts with a list marker always starts a block, hinted "li"; only in
// wrapped prose do the lines after it continue it. The blocks are
// appended to dst.
func textBlocks(dst []rawBlock, text string) []rawBlock {
	scratch := plainScratches.Get().(*plainScratch)
	blocks, group := dst, scratch.group[:0]
	flush := func() {
		if len(group) == 0 {
			return
		}
		if hardWrapped(text, group) {
			blocks = appendWrapped(blocks, text, group)
		} else {
			for _, l := range group {
				blocks = append(blocks, lineBlock(text, l))
			}
		}
		group = group[:0]
	}
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		l := plainLine{start: start, end: end}
		l.ts, l.te = trimProseSpace(text, start, end)
		l.indent = l.ts - start
		if l.blank() {
			flush()
		} else {
			group = append(group, l)
		}
		start = end + 1
	}
	flush()
	scratch.group = group
	plainScratches.Put(scratch)
	return blocks
}

// plainScratch is what textBlocks works in: the lines of the current
// group. plainScratches keeps them between documents, so they grow once,
// not per document.
type plainScratch struct {
	group []plainLine
}

var plainScratches = sync.Pool{New: func() any { return new(plainScratch) }}

// lineBlock makes a block of a single line.
func lineBlock(text string, l plainLine) rawBlock {
	m, strip := listMarker(text[l.ts:l.te])
	return markedBlock(text, l, m, strip)
}

// markedBlock is lineBlock given listMarker of the line's text.
func markedBlock(text string, l plainLine, m int, strip bool) rawBlock {
	if m > 0 {
		s := l.ts
		if strip {
			s, _ = trimProseSpace(text, l.ts+m, l.te)
		}
		return rawBlock{view: Span{s, l.te}, hint: "li"}
	}
	return rawBlock{view: Span{l.ts, l.te}}
}

// appendWrapped appends the blocks of a hard-wrapped group: a block runs
// on until an indented line or a list item starts the next one.
func appendWrapped(blocks []rawBlock, text string, group []plainLine) []rawBlock {
	minIndent := group[0].indent
	for i := range group {
		minIndent = min(minIndent, group[i].indent)
	}
	var open rawBlock
	opened := false
	for i := range group {
		l := &group[i] // not a copy of each line
		m, strip := listMarker(text[l.ts:l.te])
		if opened && (m > 0 || l.indent > minIndent) {
			blocks = append(blocks, open)
			opened = false
		}
		if !opened {
			open, opened = markedBlock(text, *l, m, strip), true
			continue
		}
		open.view.End = l.te
	}
	if opened {
		blocks = append(blocks, open)
	}
	return blocks
}

// hardWrapped reports whether a group of lines is prose wrapped at a fixed
// width. The lines that run on into the next one (all but the last and
// those followed by an indented line, which may end a paragraph) must be
// at most maxWrapWidth characters wide, at least half of them close to the widest,
// and at least half of them must not end a sentence. A two-line group must
// also read as one sentence running on: the second line starts in lower
// case.
func hardWrapped(text string, group []plainLine) bool {
	if len(group) < 2 {
		return false
	}
	minIndent := group[0].indent
	for i := range group {
		minIndent = min(minIndent, group[i].indent)
	}
	width, inner := 0, 0
	for i := range len(group) - 1 {
		l := &group[i]
		l.width = lineWidth(text[l.start:l.te])
		if l.width > maxWrapWidth {
			return false
		}
		if group[i+1].indent <= minIndent {
			inner++
			width = max(width, l.width)
		}
	}
	if inner == 0 || width < 40 {
		return false
	}
	full, running := 0, 0
	for i := range len(group) - 1 {
		l := &group[i]
		if group[i+1].indent > minIndent {
			continue
		}
		if l.width*5 >= width*3 {
			full++
		}
		if !lineEndsSentence(text[l.ts:l.te]) {
			running++
		}
	}
	if full*2 < inner || running*2 < inner {
		return false
	}
	if len(group) == 2 {
		r, _ := utf8.DecodeRuneInString(text[group[1].ts:group[1].te])
		return unicode.IsLower(r) || unicode.IsDigit(r)
	}
	return true
}

// lineEndsSentence reports whether s ends with sentence punctuation, possibly
// followed by closing quotes or brackets.
func lineEndsSentence(s string) bool {
	if s != "" {
		// An ASCII last byte but a closing mark is the last rune, nothing
		// trimmed.
		if c := s[len(s)-1]; c < utf8.RuneSelf && c != '"' && c != '\'' && c != ')' && c != ']' {
			return c == '.' || c == '!' || c == '?' || c == ':' || c == ';'
		}
	}
	s = strings.TrimRight(s, "\"'”’»)]")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', ':', ';':
		return true
	}
	return false
}

// listMarker returns the length of the list marker (and the white space
// after it) that s starts with, or 0. strip is false for "-", which may
// open a dash quote rather than a list item.
func listMarker(s string) (n int, strip bool) {
	if s != "" && 'a' <= s[0]|0x20 && s[0]|0x20 <= 'z' {
		return 0, false // an ASCII letter: the most lines start with one
	}
	r, size := utf8.DecodeRuneInString(s)
	switch r {
	case '•', '◦', '▪', '‣', '·', '*', '+', '-':
		if size < len(s) && isListMarkerSpace(s[size:]) {
			return size + listMarkerSpace(s[size:]), r != '-'
		}
		return 0, false
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(s) || (s[i] != '.' && s[i] != ')') || !isListMarkerSpace(s[i+1:]) {
		return 0, false
	}
	return i + 1 + listMarkerSpace(s[i+1:]), true
}

func isListMarkerSpace(s string) bool { return listMarkerSpace(s) > 0 }

// listMarkerSpace returns the length of the white space s starts with.
func listMarkerSpace(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isProseSpace(r) {
			break
		}
		n += size
	}
	return n
}

// isProseSpace reports white space, counting the zero-width space and the
// byte order mark that web copies leave behind.
func isProseSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u2060'
}

// trimProseSpace trims white space (see isProseSpace) off both ends of
// s[start:end] and returns the bounds left.
func trimProseSpace(s string, start, end int) (int, int) {
	for start < end {
		c := s[start]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			start++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[start:end])
		if !isProseSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		c := s[end-1]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			end--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !isProseSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

// ---- building views for markup ----

// proseBuilder assembles the view of a marked-up document and its blocks.
// It keeps the mapping monotonic: a piece whose source lies before the end
// of the last piece is clipped or dropped.
type proseBuilder struct {
	src      string
	b        ViewBuilder
	last     int // source end of the last piece
	blocks   []rawBlock
	comments []Span

	open      bool // a block has content
	start     int  // view start of the open block
	hint      string
	sepFrom   int // source offset where the pending block separator starts
	spaceFrom int // pending collapsed white space [spaceFrom, spaceTo), -1 when none
	spaceTo   int
}

func newProseBuilder(src string) *proseBuilder {
	p := &proseBuilder{src: src, spaceFrom: -1}
	p.b.buf = make([]byte, 0, len(src)) // the view is rarely longer than the markup
	return p
}

// clip adjusts [s, e) to start no earlier than the last piece; ok is false
// when nothing is left.
func (p *proseBuilder) clip(s, e int) (int, int, bool) {
	s = max(s, p.last)
	if e < s {
		return s, e, false
	}
	return s, e, true
}

// begin opens a block at source offset s if none is open, computing its
// hint with hint (called only then).
func (p *proseBuilder) begin(s int, hint func() string) {
	if p.open {
		if p.spaceFrom >= 0 {
			from, to := p.spaceFrom, p.spaceTo
			p.spaceFrom = -1
			if from >= p.last && from < to {
				p.piece(" ", from, min(to, s))
			}
		}
		return
	}
	p.spaceFrom = -1
	if p.b.Len() > 0 {
		from := max(p.last, p.sepFrom)
		if from > s {
			from = s
		}
		p.piece("\n\n", max(from, p.last), max(s, p.last))
	}
	p.open = true
	p.start = p.b.Len()
	p.hint = hint()
}

// piece appends text standing for source [s, e), clipped to stay monotonic.
func (p *proseBuilder) piece(text string, s, e int) {
	s, e, ok := p.clip(s, e)
	if !ok {
		return
	}
	switch {
	case text != p.src[s:e]:
		p.b.Replace(strings.ToValidUTF8(text, "\uFFFD"), s, e)
	case utf8.ValidString(text):
		p.b.Copy(p.src, s, e)
	default:
		copyValidUTF8(&p.b, p.src, s, e) // see plainView
	}
	p.last = e
}

// copyText appends source [s, e) verbatim as content of the open block.
func (p *proseBuilder) copyText(s, e int, hint func() string) {
	if e <= s {
		return
	}
	p.begin(s, hint)
	p.piece(p.src[s:e], s, e)
}

// replaceText appends text standing for source [s, e) as content.
func (p *proseBuilder) replaceText(text string, s, e int, hint func() string) {
	if text == "" {
		return
	}
	p.begin(s, hint)
	p.piece(text, s, e)
}

// space notes white space at source [s, e): it becomes one space if more
// content follows in the same block.
func (p *proseBuilder) space(s, e int) {
	if !p.open {
		return
	}
	if p.spaceFrom < 0 {
		p.spaceFrom = s
	}
	p.spaceTo = e
}

// end closes the open block, if any, trimming it; the next block's
// separator starts at source offset sep.
func (p *proseBuilder) end(sep int) {
	p.spaceFrom = -1
	if !p.open {
		return
	}
	p.open = false
	p.sepFrom = sep
	view := string(p.b.buf[p.start:])
	s, e := trimProseSpace(view, 0, len(view))
	if s < e {
		p.blocks = append(p.blocks, rawBlock{view: Span{p.start + s, p.start + e}, hint: p.hint})
	}
}

func (p *proseBuilder) extraction() extraction {
	p.end(len(p.src))
	return extraction{view: p.b.View(), blocks: p.blocks, comments: p.comments}
}
