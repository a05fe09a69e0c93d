package audit

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHTMLDepth bounds the stack of open elements the HTML extractor keeps.
// Elements nested deeper are counted but not remembered: their end tags
// close them in order, and their names never reach a hint.
const maxHTMLDepth = 256

// maxContexts bounds the context elements of a hint.
const maxContexts = 4

// htmlElem is an open HTML element.
type htmlElem struct {
	name  string
	block bool   // block-level: its start and end separate blocks
	label string // tag and cues when the element is a landmark or has cues, else ""
	cues  string // ".ad.related", from class and id
}

// htmlExtractor reads HTML with the x/net/html tokenizer, which leaves
// each token's raw bytes in place, so every piece of text is known by its
// source offsets. It feeds a proseBuilder. No tree is built: a bounded
// stack of open elements gives block boundaries and hints, so deep or
// malformed markup costs neither recursion nor quadratic time.
type htmlExtractor struct {
	p        *proseBuilder
	hintFn   func() string
	stack    []htmlElem
	overflow int // open elements beyond maxHTMLDepth
	pre      int // open <pre> elements in the stack

	// skips is the stack of elements whose content is skipped (head,
	// script, ...), each with how many of it are nested.
	skips []skipElem

	// timeStart and timeEnd are the view range of the last <time>
	// element's content; timeEnd is -1 while it is open, timeStart -1
	// when there is none.
	timeStart, timeEnd int
}

type skipElem struct {
	name  string
	depth int
}

func newHTMLExtractor(p *proseBuilder) *htmlExtractor {
	h := &htmlExtractor{p: p, timeStart: -1, timeEnd: -1}
	h.hintFn = h.hint
	return h
}

// extractHTML builds the view and blocks of an HTML document.
func extractHTML(src string) extraction {
	p := newProseBuilder(src)
	h := newHTMLExtractor(p)
	h.run(0, len(src))
	return p.extraction()
}

// Element sets, by atom.
var (
	// htmlSkipped elements hold no article prose.
	htmlSkipped = htmlAtomSet(atom.Head, atom.Title, atom.Script, atom.Style, atom.Noscript, atom.Template,
		atom.Svg, atom.Math, atom.Iframe, atom.Object, atom.Canvas, atom.Select, atom.Textarea,
		atom.Button, atom.Audio, atom.Video, atom.Noembed, atom.Noframes)
	// htmlInHead may appear in <head> without closing it.
	htmlInHead = htmlAtomSet(atom.Title, atom.Meta, atom.Link, atom.Style, atom.Script, atom.Noscript,
		atom.Base, atom.Template)
	// htmlBlock elements start and end blocks.
	htmlBlock = htmlAtomSet(atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body,
		atom.Caption, atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl,
		atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1,
		atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr, atom.Html,
		atom.Legend, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th,
		atom.Thead, atom.Tr, atom.Ul, atom.Br, atom.Listing, atom.Plaintext, atom.Xmp)
	// htmlVoid elements have no content and no end tag.
	htmlVoid = htmlAtomSet(atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr)
	// htmlLandmark elements always appear in hints as context.
	htmlLandmark = htmlAtomSet(atom.Nav, atom.Aside, atom.Header, atom.Footer, atom.Figure,
		atom.Figcaption, atom.Address, atom.Blockquote, atom.Form, atom.Menu, atom.Dialog,
		atom.Details)
	// htmlClosesP elements close an open <p>.
	htmlClosesP = htmlAtomSet(atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Details,
		atom.Dialog, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup,
		atom.Hr, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section,
		atom.Table, atom.Ul)
)

func htmlAtomSet(as ...atom.Atom) map[string]bool {
	m := make(map[string]bool, len(as))
	for _, a := range as {
		m[a.String()] = true
	}
	return m
}

// htmlTagName returns a tag name as a string, without allocating for known
// elements.
func htmlTagName(b []byte) string {
	if a := atom.Lookup(b); a != 0 {
		return a.String()
	}
	return string(b)
}

// run reads the HTML in source [start, end).
func (h *htmlExtractor) run(start, end int) {
	src := h.p.src
	z := html.NewTokenizer(strings.NewReader(src[start:end]))
	pos := start
	for {
		tt := z.Next()
		s := pos
		pos = min(pos+len(z.Raw()), end)
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			h.text(s, pos)
		case html.CommentToken:
			if strings.HasPrefix(src[s:pos], "<!--") {
				h.p.comments = append(h.p.comments, Span{s, pos})
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := htmlTagName(name)
			var attrs string
			if hasAttr && len(h.skips) == 0 {
				attrs = classAndID(z)
			}
			h.startTag(tag, attrs, tt == html.SelfClosingTagToken, s, pos)
		case html.EndTagToken:
			name, _ := z.TagName()
			h.endTag(htmlTagName(name), s, pos)
		}
	}
}

// classAndID returns the class and id attributes of the current tag.
func classAndID(z *html.Tokenizer) string {
	var out string
	for {
		key, val, more := z.TagAttr()
		if k := string(key); k == "class" || k == "id" {
			if len(val) > 256 {
				val = val[:256]
			}
			out += " " + string(val)
		}
		if !more {
			return out
		}
	}
}

// skipping reports whether content is being skipped.
func (h *htmlExtractor) skipping() bool { return len(h.skips) > 0 }

func (h *htmlExtractor) pushSkip(name string) {
	if n := len(h.skips); n > 0 && h.skips[n-1].name == name {
		h.skips[n-1].depth++
		return
	}
	h.skips = append(h.skips, skipElem{name, 1})
}

func (h *htmlExtractor) startTag(name, attrs string, selfClosing bool, s, e int) {
	if h.skipping() {
		top := h.skips[len(h.skips)-1].name
		switch {
		case name == top:
			h.pushSkip(name)
			return
		case top == "head" && htmlInHead[name]:
			if !htmlVoid[name] && !selfClosing {
				h.pushSkip(name)
			}
			return
		case top == "head":
			h.skips = h.skips[:0] // any other element ends the head
		default:
			return
		}
	}
	if htmlSkipped[name] {
		if !(selfClosing && (name == "svg" || name == "math")) {
			h.pushSkip(name)
		}
		return
	}
	if htmlVoid[name] {
		if name == "br" || name == "hr" {
			h.boundary(s)
		}
		return
	}
	h.closeImplied(name, s)
	block := htmlBlock[name]
	if block {
		h.boundary(s)
	}
	if len(h.stack) >= maxHTMLDepth || h.overflow > 0 {
		h.overflow++
		return
	}
	el := htmlElem{name: name, block: block, cues: classCues(attrs)}
	if el.cues != "" || htmlLandmark[name] {
		el.label = name + el.cues
	}
	h.stack = append(h.stack, el)
	switch name {
	case "pre", "listing", "plaintext", "xmp":
		h.pre++
	case "time":
		h.timeStart, h.timeEnd = h.p.b.Len(), -1
	}
}

func (h *htmlExtractor) endTag(name string, s, e int) {
	if h.skipping() {
		top := &h.skips[len(h.skips)-1]
		if name == top.name {
			if top.depth--; top.depth == 0 {
				h.skips = h.skips[:len(h.skips)-1]
			}
		} else if top.name == "head" && (name == "body" || name == "html") {
			h.skips = h.skips[:0]
		}
		return
	}
	if h.overflow > 0 {
		// Assume well-formed nesting beyond the depth we remember.
		h.overflow--
		if htmlBlock[name] {
			h.boundary(s)
		}
		return
	}
	for i := len(h.stack) - 1; i >= 0; i-- {
		if h.stack[i].name == name {
			h.popTo(i, s)
			return
		}
	}
	// An end tag with nothing to close: </br> and </p> still break.
	if htmlBlock[name] {
		h.boundary(s)
	}
}

// popTo closes the elements from stack[i] up, at source offset s.
func (h *htmlExtractor) popTo(i, s int) {
	block := false
	for _, el := range h.stack[i:] {
		block = block || el.block
		switch el.name {
		case "pre", "listing", "plaintext", "xmp":
			h.pre--
		case "time":
			if h.timeStart >= 0 && h.timeEnd < 0 {
				h.timeEnd = h.p.b.Len()
			}
		}
	}
	h.stack = h.stack[:i]
	if block {
		h.boundary(s)
	}
}

// closeImplied closes the elements that a start tag closes without an
// end tag: a <p> before a block, an <li> before the next, and so on.
func (h *htmlExtractor) closeImplied(name string, s int) {
	if h.overflow > 0 {
		return
	}
	switch name {
	case "li":
		h.closeOpen(s, []string{"li"}, []string{"ul", "ol", "menu"})
	case "dt", "dd":
		h.closeOpen(s, []string{"dt", "dd"}, []string{"dl"})
	case "td", "th":
		h.closeOpen(s, []string{"td", "th"}, []string{"tr", "table"})
	case "tr":
		h.closeOpen(s, []string{"tr", "td", "th"}, []string{"table", "tbody", "thead", "tfoot"})
	}
	if htmlClosesP[name] {
		// A <p> is closed if no other block lies between it and the top.
		for i := len(h.stack) - 1; i >= 0; i-- {
			if h.stack[i].name == "p" {
				h.popTo(i, s)
				return
			}
			if h.stack[i].block {
				return
			}
		}
	}
}

// closeOpen closes the innermost element named in targets unless an
// element named in stops is found first.
func (h *htmlExtractor) closeOpen(s int, targets, stops []string) {
	for i := len(h.stack) - 1; i >= 0; i-- {
		name := h.stack[i].name
		for _, t := range targets {
			if name == t {
				h.popTo(i, s)
				return
			}
		}
		for _, t := range stops {
			if name == t {
				return
			}
		}
	}
}

// boundary ends the open block at source offset s. A block that is
// exactly the content of a <time> element gets the hint "time".
func (h *htmlExtractor) boundary(s int) {
	n := len(h.p.blocks)
	h.p.end(s)
	if len(h.p.blocks) > n && h.timeStart >= 0 {
		b := &h.p.blocks[n]
		end := h.timeEnd
		if end < 0 {
			end = h.p.b.Len()
		}
		if b.view.Start >= h.timeStart && b.view.End <= end {
			b.hint = timeHint(b.hint)
		}
	}
	if h.timeEnd >= 0 {
		h.timeStart, h.timeEnd = -1, -1
	}
}

// timeHint turns the hint of a block that is exactly a <time> element's
// text into a "time" hint: the old block element stays as context when it
// is a landmark or has cues ("time in header"), and is dropped otherwise.
func timeHint(hint string) string {
	first, rest, _ := strings.Cut(hint, " in ")
	tag, _, cued := strings.Cut(first, ".")
	switch {
	case first == "":
		return "time"
	case cued || htmlLandmark[tag]:
		return "time in " + hint
	case rest != "":
		return "time in " + rest
	}
	return "time"
}

// text reads a text token at source [s, e): white space collapses to one
// space (kept as is inside <pre>), character references are decoded.
func (h *htmlExtractor) text(s, e int) {
	if h.skipping() {
		top := h.skips[len(h.skips)-1].name
		if top != "head" || strings.TrimLeft(h.p.src[s:e], " \t\r\n\f") == "" {
			return
		}
		h.skips = h.skips[:0] // text ends the head
	}
	src := h.p.src
	for i := s; i < e; {
		c := src[i]
		if isHTMLSpace(c) && h.pre == 0 {
			j := i + 1
			for j < e && isHTMLSpace(src[j]) {
				j++
			}
			h.p.space(i, j)
			i = j
			continue
		}
		if c == '&' {
			if dec, n := entityAt(src[:e], i, false); n > 0 {
				h.p.replaceText(dec, i, i+n, h.hintFn)
				i += n
				continue
			}
		}
		j := i + 1
		for j < e && src[j] != '&' && (h.pre > 0 || !isHTMLSpace(src[j])) {
			j++
		}
		h.p.copyText(i, j, h.hintFn)
		i = j
	}
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// hint describes the open elements for a block starting now (see extract
// for the format).
func (h *htmlExtractor) hint() string {
	base := -1
	for i := len(h.stack) - 1; i >= 0; i-- {
		if el := h.stack[i]; el.block && el.name != "html" && el.name != "body" {
			base = i
			break
		}
	}
	var parts []string
	if base >= 0 {
		parts = append(parts, h.stack[base].name+h.stack[base].cues)
	}
	for i := len(h.stack) - 1; i >= 0 && len(parts) <= maxContexts; i-- {
		if i != base && h.stack[i].label != "" {
			parts = append(parts, h.stack[i].label)
		}
	}
	return strings.Join(parts, " in ")
}

// contexts returns the labels of the open elements, innermost first, as
// hint context (" in nav in aside.related"); used for Markdown inside raw
// HTML.
func (h *htmlExtractor) contexts(room int) string {
	var sb strings.Builder
	for i := len(h.stack) - 1; i >= 0 && room > 0; i-- {
		if l := h.stack[i].label; l != "" {
			sb.WriteString(" in ")
			sb.WriteString(l)
			room--
		}
	}
	return sb.String()
}

// entityAt decodes the character reference at s[i] ('&'), returning the
// text it stands for and its length in s, or 0 when there is none. strict
// (CommonMark) requires the closing ';'; HTML also accepts the legacy
// forms without it ("&amp", "&copy").
func entityAt(s string, i int, strict bool) (string, int) {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			j++
		}
	}
	k := j
	for k < len(s) && k-j < 32 && isEntityByte(s[k]) {
		k++
	}
	if k == j {
		return "", 0
	}
	if k < len(s) && s[k] == ';' {
		k++
	} else if strict {
		return "", 0
	}
	cand := s[i:k]
	dec := html.UnescapeString(cand)
	if dec == cand {
		return "", 0
	}
	// Without ';' only a prefix may be a reference ("&ampx" is "&" "x"):
	// drop the undecoded tail both sides share.
	n := len(cand)
	for n > 1 && len(dec) > 0 && dec[len(dec)-1] == cand[n-1] && s[k-1] != ';' {
		dec, n = dec[:len(dec)-1], n-1
	}
	if dec == "" {
		return "", 0
	}
	return dec, n
}

func isEntityByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Cue words of class and id attributes: words that are cues as they are,
// and fragments that make any word containing them a cue.
var (
	htmlCueWords = map[string]string{
		"ad": "ad", "ads": "ad", "adv": "ad", "adslot": "ad", "adunit": "ad", "gpt": "ad", "dfp": "ad",
		"outbrain": "promo", "taboola": "promo",
		"tag": "tags", "tags": "tags",
		"date": "date", "dateline": "date", "timestamp": "date", "published": "date", "pubdate": "date",
		"datetime": "date",
	}
	htmlCueFragments = []struct{ frag, cue string }{
		{"advert", "ad"}, {"promo", "promo"}, {"sponsor", "sponsor"}, {"related", "related"},
		{"recommend", "related"}, {"byline", "byline"}, {"author", "author"}, {"caption", "caption"},
		{"credit", "credit"}, {"share", "share"}, {"sharing", "share"}, {"social", "social"},
		{"newsletter", "newsletter"}, {"subscribe", "newsletter"}, {"signup", "newsletter"},
		{"breadcrumb", "breadcrumb"}, {"comment", "comment"}, {"menu", "menu"},
	}
)

// classCues returns the cues in class and id attribute values, as
// ".cue.cue", in order of first appearance. Words split at anything but
// letters and digits and at lower-to-upper case changes ("adSlot").
func classCues(attrs string) string {
	if attrs == "" {
		return ""
	}
	var out []string
	add := func(cue string) {
		for _, c := range out {
			if c == cue {
				return
			}
		}
		out = append(out, cue)
	}
	word := func(w string) {
		if w == "" {
			return
		}
		w = strings.ToLower(w)
		if cue, ok := htmlCueWords[w]; ok {
			add(cue)
			return
		}
		for _, f := range htmlCueFragments {
			if strings.Contains(w, f.frag) {
				add(f.cue)
			}
		}
	}
	start := 0
	for i := 0; i < len(attrs); i++ {
		c := attrs[i]
		switch {
		case !isEntityByte(c) && c < 0x80:
			word(attrs[start:i])
			start = i + 1
		case c >= 'A' && c <= 'Z' && i > start && attrs[i-1] >= 'a' && attrs[i-1] <= 'z':
			word(attrs[start:i])
			start = i
		}
	}
	word(attrs[start:])
	if len(out) == 0 {
		return ""
	}
	return "." + strings.Join(out, ".")
}
