package audit

import "testing"

// TestIdentityView holds identityView, which keeps no segments, to the
// one-segment view it replaced: every offset maps to itself both ways.
func TestIdentityView(t *testing.T) {
	for _, text := range []string{"", "a", "héllo “world”\n"} {
		got := identityView(text)
		want := &View{Text: text, segs: []viewSeg{{0, len(text), 0, len(text)}}}
		for off := 0; off <= len(text); off++ {
			for _, isEnd := range []bool{false, true} {
				if g, w := got.ToSource(off, isEnd), want.ToSource(off, isEnd); g != w {
					t.Errorf("%q: ToSource(%d, %v) = %d, want %d", text, off, isEnd, g, w)
				}
			}
			if g, w := got.FromSource(off), want.FromSource(off); g != w {
				t.Errorf("%q: FromSource(%d) = %d, want %d", text, off, g, w)
			}
			for end := off; end <= len(text); end++ {
				if g, w := got.Span(off, end), want.Span(off, end); g != w {
					t.Errorf("%q: Span(%d, %d) = %v, want %v", text, off, end, g, w)
				}
			}
		}
		if g, w := got.FromSource(len(text)+3), want.FromSource(len(text)+3); g != w {
			t.Errorf("%q: FromSource past the end = %d, want %d", text, g, w)
		}
	}
}

// TestMarkText checks that markText gives string(mark) whether or not
// the mark is written at the offset.
func TestMarkText(t *testing.T) {
	f := &quoteFinder{view: "a “b” \xff «c»"}
	for _, c := range []struct {
		i    int
		mark rune
	}{{2, '“'}, {6, '”'}, {10, '\uFFFD'}, {12, '«'}, {9, '«'}, {0, '“'}, {-1, '"'}, {100, '»'}} {
		if got := f.markText(c.i, c.mark); got != string(c.mark) {
			t.Errorf("markText(%d, %q) = %q", c.i, c.mark, got)
		}
	}
}
