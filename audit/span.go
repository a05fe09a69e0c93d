package audit

import (
	"sort"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Position is a 1-based line and column. Column counts bytes from the start
// of the line; RuneColumn counts Unicode code points, as editors display it.
type Position struct {
	Line       int `json:"line"`
	Column     int `json:"column"`
	RuneColumn int `json:"rune_column"`
}

// lineIndex holds the byte offsets at which each line of a text starts.
type lineIndex []int

func newLineIndex(text string) lineIndex {
	idx := lineIndex{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// position returns the line and columns of byte offset off in text. A
// carriage return belongs to the line it ends, so CRLF files keep the same
// line numbers as LF files.
func (idx lineIndex) position(text string, off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(text) {
		off = len(text)
	}
	line := sort.Search(len(idx), func(i int) bool { return idx[i] > off }) - 1
	start := idx[line]
	return Position{
		Line:       line + 1,
		Column:     off - start + 1,
		RuneColumn: utf8.RuneCountInString(text[start:off]) + 1,
	}
}

// viewSeg maps the view range [v, v+vn) onto the source range [s, s+sn).
// When vn == sn the bytes correspond one to one; otherwise (an entity such
// as "&amp;" decoded to "&") the whole view range stands for the whole
// source range.
type viewSeg struct {
	v, vn, s, sn int
}

// View is the prose of a document as the detectors read it: for plain text
// the text itself; for Markdown and HTML the text with markup removed and
// entities decoded. Each byte of the view maps back into Document.Text.
type View struct {
	Text string
	segs []viewSeg // sorted by v, contiguous in v
}

// identityView returns a view that is the source text itself.
func identityView(text string) *View {
	return &View{Text: text, segs: []viewSeg{{0, len(text), 0, len(text)}}}
}

// ViewBuilder assembles a View piece by piece while remembering where each
// piece came from in the source.
type ViewBuilder struct {
	buf  []byte
	segs []viewSeg
}

// Copy appends source[start:end] verbatim; offsets map one to one.
func (b *ViewBuilder) Copy(source string, start, end int) {
	if end <= start {
		return
	}
	b.add(source[start:end], start, end)
}

// Replace appends text that stands for source[start:end] (a decoded entity,
// a newline standing for a <br> tag, a space standing for markup).
func (b *ViewBuilder) Replace(text string, start, end int) {
	if text == "" {
		return
	}
	b.add(text, start, end)
}

func (b *ViewBuilder) add(text string, start, end int) {
	v := len(b.buf)
	b.buf = append(b.buf, text...)
	if n := len(b.segs); n > 0 {
		last := &b.segs[n-1]
		// Merge adjacent one-to-one pieces that are also adjacent in source.
		if last.vn == last.sn && len(text) == end-start && last.s+last.sn == start && last.v+last.vn == v {
			last.vn += len(text)
			last.sn += len(text)
			return
		}
	}
	b.segs = append(b.segs, viewSeg{v, len(text), start, end - start})
}

// Len returns the length of the view built so far.
func (b *ViewBuilder) Len() int { return len(b.buf) }

// LastByte returns the last byte appended, or 0 when nothing was.
func (b *ViewBuilder) LastByte() byte {
	if len(b.buf) == 0 {
		return 0
	}
	return b.buf[len(b.buf)-1]
}

// View returns the finished view.
func (b *ViewBuilder) View() *View {
	return &View{Text: string(b.buf), segs: b.segs}
}

// ToSource maps a view offset to a source offset. isEnd selects, for an
// offset that falls on the boundary of a replaced piece, the end of the
// piece before it rather than the start of the piece after it, so that a
// span [start, end) maps onto the whole of what it covers.
func (v *View) ToSource(off int, isEnd bool) int {
	if len(v.segs) == 0 {
		return off
	}
	// Find the segment containing off (or, for isEnd, ending at off).
	i := sort.Search(len(v.segs), func(i int) bool { return v.segs[i].v+v.segs[i].vn > off })
	if isEnd {
		j := sort.Search(len(v.segs), func(i int) bool { return v.segs[i].v+v.segs[i].vn >= off })
		if j < len(v.segs) && off > v.segs[j].v {
			i = j
		}
	}
	if i >= len(v.segs) {
		last := v.segs[len(v.segs)-1]
		return last.s + last.sn
	}
	sg := v.segs[i]
	if off <= sg.v {
		return sg.s
	}
	if sg.vn == sg.sn {
		return sg.s + (off - sg.v)
	}
	if isEnd || off >= sg.v+sg.vn {
		return sg.s + sg.sn
	}
	return sg.s
}

// Span maps the view range [start, end) to a source span.
func (v *View) Span(start, end int) Span {
	s := v.ToSource(start, false)
	e := v.ToSource(end, true)
	if e < s {
		e = s
	}
	return Span{s, e}
}

// FromSource maps a source offset to the first view offset at or after it.
func (v *View) FromSource(off int) int {
	i := sort.Search(len(v.segs), func(i int) bool { return v.segs[i].s+v.segs[i].sn > off })
	if i >= len(v.segs) {
		return len(v.Text)
	}
	sg := v.segs[i]
	if off <= sg.s {
		return sg.v
	}
	if sg.vn == sg.sn {
		return sg.v + (off - sg.s)
	}
	return sg.v
}
