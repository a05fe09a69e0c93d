package audit

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
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

// lineIndex holds the byte offsets at which each line of a text starts,
// and checkpoints that count its runes, so that a position costs a binary
// search and a count of at most runeStride bytes, however long the line.
type lineIndex struct {
	starts []int
	// cpOff[k] is a rune boundary (as utf8.RuneCountInString decodes the
	// text from its start) and cpRunes[k] the number of runes before it.
	cpOff, cpRunes []int
}

// runeStride is the distance in bytes between rune-count checkpoints.
const runeStride = 512

func newLineIndex(text string) *lineIndex {
	// Size the slices once: a line start per newline, a checkpoint per
	// stride at most.
	idx := &lineIndex{
		starts:  append(make([]int, 0, strings.Count(text, "\n")+1), 0),
		cpOff:   make([]int, 0, len(text)/runeStride),
		cpRunes: make([]int, 0, len(text)/runeStride),
	}
	runes, next := 0, runeStride
	for i := 0; i < len(text); {
		if i >= next {
			idx.cpOff = append(idx.cpOff, i)
			idx.cpRunes = append(idx.cpRunes, runes)
			next = i + runeStride
		}
		if i+8 <= len(text) {
			// Eight ASCII bytes without a newline at a time: a checkpoint
			// may fall up to seven bytes after the stride, still on a
			// rune boundary.
			x := swar.Load(text, i)
			if x&swar.High == 0 && swar.Equal(x, '\n') == 0 {
				i, runes = i+8, runes+8
				continue
			}
		}
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				idx.starts = append(idx.starts, i+1)
			}
			i++
		} else {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
		runes++
	}
	return idx
}

// position returns the line and columns of byte offset off in text. A
// carriage return belongs to the line it ends, so CRLF files keep the same
// line numbers as LF files.
func (idx *lineIndex) position(text string, off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(text) {
		off = len(text)
	}
	line := sort.Search(len(idx.starts), func(i int) bool { return idx.starts[i] > off }) - 1
	start := idx.starts[line]
	return Position{
		Line:       line + 1,
		Column:     off - start + 1,
		RuneColumn: idx.runesBetween(text, start, off) + 1,
	}
}

// runesBetween returns utf8.RuneCountInString(text[start:off]) for a line
// start (a rune boundary, as it follows a newline) and an offset on its
// line, counting from the last checkpoint in between.
func (idx *lineIndex) runesBetween(text string, start, off int) int {
	k := sort.SearchInts(idx.cpOff, off+1) - 1 // the last checkpoint <= off
	if k < 0 || idx.cpOff[k] <= start {
		return runeCount(text[start:off])
	}
	// Runes before the checkpoint, less those before the line.
	before := 0
	if j := sort.SearchInts(idx.cpOff, start+1) - 1; j >= 0 {
		before = idx.cpRunes[j] + runeCount(text[idx.cpOff[j]:start])
	} else {
		before = runeCount(text[:start])
	}
	return idx.cpRunes[k] - before + runeCount(text[idx.cpOff[k]:off])
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
	// segs are sorted by v, contiguous in v; none when the view is the
	// source itself (identityView), so offsets map to themselves.
	segs []viewSeg
}

// identityView returns a view that is the source text itself.
func identityView(text string) *View {
	return &View{Text: text}
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
	if len(v.segs) == 0 {
		return min(max(off, 0), len(v.Text))
	}
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

// positionWalker gives the positions of offsets of a text asked for in
// increasing order, as lineIndex.position does, by walking the text from
// one offset to the next: for positions that come in text order, it needs
// no index.
type positionWalker struct {
	text string
	// at is a rune boundary (as UTF-8 decoding from lineStart finds
	// them) on line line, which starts at lineStart; runes is the number
	// of runes from lineStart to at.
	at, line, lineStart, runes int
}

func newPositionWalker(text string) positionWalker {
	return positionWalker{text: text, line: 1}
}

// position returns the position of byte offset off. An offset before the
// last one asked for costs a walk from the start of the text.
func (w *positionWalker) position(off int) Position {
	off = max(0, min(off, len(w.text)))
	if off < w.at {
		*w = newPositionWalker(w.text)
	}
	seg := w.text[w.at:off]
	if n := strings.Count(seg, "\n"); n > 0 {
		w.line += n
		w.lineStart = w.at + strings.LastIndexByte(seg, '\n') + 1
		w.at, w.runes = w.lineStart, 0
		seg = w.text[w.at:off]
	}
	runes := w.runes + runeCount(seg)
	// The walk goes on from off only when it is a rune boundary: a rune
	// cut at off counts a rune for each of its bytes before it.
	if off == len(w.text) || utf8.RuneStart(w.text[off]) {
		w.at, w.runes = off, runes
	}
	return Position{Line: w.line, Column: off - w.lineStart + 1, RuneColumn: runes + 1}
}
