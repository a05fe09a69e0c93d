package audit

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// blockWant is a block as a test expects it: its hint and view text.
type blockWant struct {
	hint, text string
}

func (b blockWant) String() string { return fmt.Sprintf("[%s] %q", b.hint, b.text) }

// extractBlocks runs extract on doc, checks the view invariants, and
// returns the blocks.
func extractBlocks(t *testing.T, doc *Document) (*View, []blockWant) {
	t.Helper()
	view, raws := extract(doc)
	checkView(t, doc, view, raws)
	out := make([]blockWant, len(raws))
	for i, r := range raws {
		out[i] = blockWant{r.hint, view.Text[r.view.Start:r.view.End]}
	}
	return view, out
}

// checkView checks that every view offset maps into the source, that the
// mapping never goes backwards, and that blocks are ordered, disjoint,
// non-empty and trimmed.
func checkView(t *testing.T, doc *Document, view *View, raws []rawBlock) {
	t.Helper()
	prev := 0
	for off := 0; off <= len(view.Text); off++ {
		s := view.ToSource(off, false)
		if s < 0 || s > len(doc.Text) || s < prev {
			t.Fatalf("view offset %d maps to %d (previous %d, source length %d)", off, s, prev, len(doc.Text))
		}
		prev = s
	}
	end := 0
	for i, r := range raws {
		if r.view.Start < end || r.view.End <= r.view.Start || r.view.End > len(view.Text) {
			t.Fatalf("block %d view %v out of order or empty (previous end %d)", i, r.view, end)
		}
		end = r.view.End
		text := view.Text[r.view.Start:r.view.End]
		if s, e := trimProseSpace(text, 0, len(text)); s != 0 || e != len(text) {
			t.Errorf("block %d %q is not trimmed", i, text)
		}
		sp := view.Span(r.view.Start, r.view.End)
		if sp.Start < 0 || sp.End > len(doc.Text) || sp.Start > sp.End {
			t.Errorf("block %d maps to bad span %v", i, sp)
		}
	}
}

func TestExtractText(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []blockWant
	}{
		{
			name: "one paragraph per line",
			text: "Headline here\nFirst paragraph.\r\nSecond paragraph.\n",
			want: []blockWant{{"", "Headline here"}, {"", "First paragraph."}, {"", "Second paragraph."}},
		},
		{
			name: "blank and white-space-only lines are not blocks",
			text: "One.\n\n   \n\u00a0\n\t\nTwo.",
			want: []blockWant{{"", "One."}, {"", "Two."}},
		},
		{
			name: "list markers",
			text: "  • 2024/12/11\n1. First item\n2) Second item\n* Star item\n- A dash line, says someone.\n1.5m people were counted.\n",
			want: []blockWant{
				{"li", "2024/12/11"}, {"li", "First item"}, {"li", "Second item"}, {"li", "Star item"},
				{"li", "- A dash line, says someone."}, {"", "1.5m people were counted."},
			},
		},
		{
			name: "hard-wrapped wire copy with indented paragraphs",
			text: "The ministry said on Tuesday that exports of the grain rose\n" +
				"sharply in the first quarter, helped by a weaker currency and\n" +
				"strong demand from buyers in Asia and the Middle East.\n" +
				"    Officials expect the trend to continue into the second\n" +
				"quarter, though prices have started to fall on world markets.\n" +
				"    The figures were not broken down by destination.\n",
			want: []blockWant{
				{"", "The ministry said on Tuesday that exports of the grain rose\nsharply in the first quarter, helped by a weaker currency and\nstrong demand from buyers in Asia and the Middle East."},
				{"", "Officials expect the trend to continue into the second\nquarter, though prices have started to fall on world markets."},
				{"", "The figures were not broken down by destination."},
			},
		},
		{
			name: "list items in wrapped prose run on",
			text: "Dealers quoted the following rates for barges on the river on\n" +
				"Tuesday, and said demand was steady across the whole system:\n" +
				" - Delivery this week on the upper river at 135 pct of the\n" +
				"tariff, up two points.\n" +
				" - Next week on the lower river at 120 pct, unchanged.\n",
			want: []blockWant{
				{"", "Dealers quoted the following rates for barges on the river on\nTuesday, and said demand was steady across the whole system:"},
				{"li", "- Delivery this week on the upper river at 135 pct of the\ntariff, up two points."},
				{"li", "- Next week on the lower river at 120 pct, unchanged."},
			},
		},
		{
			name: "two wrapped lines running on",
			text: "The board will meet again next week to discuss the offer from\nits largest shareholder, a spokesman said.\n",
			want: []blockWant{{"", "The board will meet again next week to discuss the offer from\nits largest shareholder, a spokesman said."}},
		},
		{
			name: "short lines are not wrapped prose",
			text: "Home\nNews\nSport\nWeather\n",
			want: []blockWant{{"", "Home"}, {"", "News"}, {"", "Sport"}, {"", "Weather"}},
		},
		{
			name: "a headline over a paragraph is not wrapped prose",
			text: "Council approves budget for the coming year after long debate\nThe council approved the budget on Monday.\n",
			want: []blockWant{
				{"", "Council approves budget for the coming year after long debate"},
				{"", "The council approved the budget on Monday."},
			},
		},
		{
			name: "empty",
			text: "",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := NewDocument("t.txt", FormatText, tt.text)
			view, got := extractBlocks(t, doc)
			if view.Text != tt.text {
				t.Errorf("plain-text view differs from the text")
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("blocks\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestExtractSeeds checks the seed articles, copied from web pages: one
// paragraph per line (seed 003 with blank lines between), so every line
// with text is one block.
func TestExtractSeeds(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			docs, err := ReadFile(f, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			doc := docs[0]
			view, raws := extract(doc)
			checkView(t, doc, view, raws)
			var lines []string
			for _, l := range strings.Split(doc.Text, "\n") {
				if s, e := trimProseSpace(l, 0, len(l)); s < e {
					lines = append(lines, l[s:e])
				}
			}
			if len(raws) != len(lines) {
				t.Fatalf("%d blocks for %d lines with text", len(raws), len(lines))
			}
			for i, r := range raws {
				got := view.Text[r.view.Start:r.view.End]
				if r.hint == "li" {
					if !strings.HasSuffix(lines[i], got) {
						t.Errorf("list block %q is not the end of line %q", got, lines[i])
					}
				} else if got != lines[i] {
					t.Errorf("block %d = %q, want line %q", i, got, lines[i])
				}
			}
		})
	}

	// Seed 003: the date lines and the "Related Articles" list are list
	// items, one block each; the line holding only a no-break space is no
	// block.
	docs, err := ReadFile(filepath.Join("..", "seeds", "003_0fd2f5f3d2ca3a6d.txt"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	view, raws := extract(docs[0])
	var items []string
	for _, r := range raws {
		text := view.Text[r.view.Start:r.view.End]
		if r.hint == "li" {
			items = append(items, text)
		}
		if strings.TrimSpace(strings.ReplaceAll(text, "\u00a0", "")) == "" {
			t.Errorf("white-space block %q", text)
		}
	}
	if len(items) != 6 || items[0] != "2024/12/11" || items[1] != "1:37 pm" ||
		!strings.HasPrefix(items[2], "Return of limited number") || !strings.HasSuffix(items[5], "approach Aleppo gates") {
		t.Errorf("list items = %q", items)
	}
}

var reutersBody = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)

// TestExtractReutersWrapped reads real Reuters wire copy, hard-wrapped
// at about 65 characters with paragraphs marked by indentation: each
// paragraph must be one block, whatever its number of lines.
func TestExtractReutersWrapped(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(readCorporaDir(t), "reuters21578", "reut2-000.sgm"))
	if err != nil {
		t.Fatal(err)
	}
	bodies := reutersBody.FindAllStringSubmatch(string(data), 300)
	checked, ok := 0, 0
	for _, m := range bodies {
		body := strings.TrimSuffix(strings.TrimRight(m[1], "\n"), "&#3;")
		lines := strings.Split(body, "\n")
		if len(lines) < 4 {
			continue
		}
		// A paragraph starts after a blank line and at an indented line.
		want, blank := 0, true
		for _, l := range lines {
			switch {
			case strings.TrimSpace(l) == "":
				blank = true
			case blank || strings.HasPrefix(l, " "):
				want++
				blank = false
			}
		}
		doc := NewDocument("reuters", FormatText, body)
		view, raws := extract(doc)
		checkView(t, doc, view, raws)
		checked++
		if len(raws) == want {
			ok++
		} else if testing.Verbose() {
			t.Logf("body %d: %d blocks, want %d", checked, len(raws), want)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d bodies checked", checked)
	}
	if ok*100 < checked*95 {
		t.Errorf("%d of %d bodies split into their paragraphs, want 95%%", ok, checked)
	}
}

// TestExtractHTML reads a page with the usual furniture around an article.
func TestExtractHTML(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(readFixtures, "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc := NewDocument("article.html", FormatHTML, string(data))
	view, got := extractBlocks(t, doc)
	want := []blockWant{
		{"li in nav.menu", "Home"},
		{"li in nav.menu", "News"},
		{"h1 in header", "Council approves budget"},
		{"p.byline in header", "By Jo Writer"},
		{"time in header", "2 December 2024"},
		{"figcaption in figure", "The town hall on Monday. Photo: Example Gazette"},
		{"p", "The council approved a budget of £4.2m on Monday, the treasurer said."},
		{"p", "“We had no choice,” she said. “It’s final.”"},
		{"div.ad", "Advertisement"},
		{"p", "Line one"},
		{"p", "Line two & more\u00a0text"},
		{"h2 in aside.related", "Related"},
		{"li in aside.related", "Budget row deepens"},
		{"li in aside.related", "Mayor under pressure"},
		{"p in footer", "© 2024 Example Gazette"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("blocks\n got %v\nwant %v", got, want)
	}
	// Decoded entities map onto the whole entity.
	for _, tc := range []struct{ prose, source string }{
		{"’", "&rsquo;"}, {"“", "&ldquo;"}, {"“I", "&#8220;I"}, {"£4.2m", "&pound;4.2m"},
		{"& more", "&amp; more"}, {"approves budget", "approves   budget"},
		{"Monday, the", "Monday,\n     the"},
	} {
		i := strings.Index(view.Text, tc.prose)
		if i < 0 {
			t.Errorf("view lacks %q", tc.prose)
			continue
		}
		if got := doc.Slice(view.Span(i, i+len(tc.prose))); got != tc.source {
			t.Errorf("%q maps to %q, want %q", tc.prose, got, tc.source)
		}
	}
	if strings.Contains(view.Text, "not prose") || strings.Contains(view.Text, "Enable JavaScript") ||
		strings.Contains(view.Text, "Example Gazette</title>") || strings.Contains(view.Text, "color") {
		t.Errorf("skipped content leaked into the view: %q", view.Text)
	}
	comments := Comments(doc)
	if len(comments) != 1 || doc.Slice(comments[0]) != "<!-- sourcecheck-disable-next-line unsourced-figure -->" {
		t.Errorf("Comments = %v", comments)
	}
}

func TestExtractHTMLSnippets(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []blockWant
	}{
		{"fragment without blocks", "Hello <b>bold</b> world", []blockWant{{"", "Hello bold world"}}},
		{"implied end tags", "<ul><li>one<li>two</ul><p>a<p>b", []blockWant{{"li", "one"}, {"li", "two"}, {"p", "a"}, {"p", "b"}}},
		{"table cells", "<table><tr><td>1<td>2<tr><th>3</table>", []blockWant{{"td", "1"}, {"td", "2"}, {"th", "3"}}},
		{"inline cue", "<p><span class=\"byline\">By Jo</span></p>", []blockWant{{"p in span.byline", "By Jo"}}},
		{"legacy entity without semicolon", "<p>AT&T &amp &copy 2024 &ampx</p>", []blockWant{{"p", "AT&T & © 2024 &x"}}},
		{"pre keeps white space", "<pre>a  b\n c</pre>", []blockWant{{"pre", "a  b\n c"}}},
		{"time inside a sentence", "<p>Published <time>today</time> at noon</p>", []blockWant{{"p", "Published today at noon"}}},
		{"head closed implicitly", "<head><title>T</title><p>Body text", []blockWant{{"p", "Body text"}}},
		{"stray end tags", "</div></p>text</span><p>more", []blockWant{{"", "text"}, {"p", "more"}}},
		{"unterminated tag", "<p>text<a href", []blockWant{{"p", "text"}}},
		{"self-closing svg", "<p>a<svg/>b</p>", []blockWant{{"p", "ab"}}},
		{"camel case id", "<div id=\"promoBoxTop\"><p>Buy</p></div>", []blockWant{{"p in div.promo", "Buy"}}},
		{"header is not an ad", "<div class=\"header-lead\"><p>x</p></div>", []blockWant{{"p", "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := extractBlocks(t, NewDocument("s.html", FormatHTML, tt.html))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("blocks\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestExtractMarkdown(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(readFixtures, "article.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := NewDocument("article.md", FormatMarkdown, string(data))
	view, got := extractBlocks(t, doc)
	want := []blockWant{
		{"h1", "Council approves budget"},
		{"p", "By Jo Writer"},
		{"p", "The council approved a budget of £4.2m on Monday,\nthe treasurer said."},
		{"blockquote", "“We had no choice,” she said. It's final *really*."},
		{"p", "A code_span and a link and https://example.org/auto."},
		{"img", "The town hall on Monday"},
		{"h2 in aside.related", "Related"},
		{"li in aside.related", "Budget row deepens"},
		{"li in aside.related", "Mayor under pressure"},
		{"pre", "indented code"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("blocks\n got %v\nwant %v", got, want)
	}
	for _, tc := range []struct{ prose, source string }{
		{"”", "&rdquo;"}, {"£", "&pound;"}, {"'", `\'`}, {"*really*", `\*really\*`},
		{"code_span", "code_span"}, {"link and", "link](https://example.org/x \"title\") and"},
		{",\nthe", ",\nthe"},
	} {
		i := strings.Index(view.Text, tc.prose)
		if i < 0 {
			t.Errorf("view lacks %q", tc.prose)
			continue
		}
		if got := doc.Slice(view.Span(i, i+len(tc.prose))); got != tc.source {
			t.Errorf("%q maps to %q, want %q", tc.prose, got, tc.source)
		}
	}
	comments := Comments(doc)
	if len(comments) != 1 || doc.Slice(comments[0]) != "<!-- sourcecheck-disable-next-line unsourced-figure -->" {
		t.Errorf("Comments = %v", comments)
	}
}

func TestExtractMarkdownSnippets(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []blockWant
	}{
		{"setext heading", "Title\n=====\n\nText.", []blockWant{{"h1", "Title"}, {"p", "Text."}}},
		{"hard break", "one  \ntwo\\\nthree", []blockWant{{"p", "one\ntwo\nthree"}}},
		{"nested quote list", "> - item\n>   more", []blockWant{{"li in blockquote", "item\nmore"}}},
		{"heading in list", "- # Big", []blockWant{{"h1 in li", "Big"}}},
		{"inline html dropped", "a <span class=\"x\">b</span> c", []blockWant{{"p", "a b c"}}},
		{"html block", "<div class=\"newsletter\">\nSign up now\n</div>", []blockWant{{"div.newsletter", "Sign up now"}}},
		{"numeric entities", "&#8220;Hi&#x201D;", []blockWant{{"p", "“Hi”"}}},
		{"not an entity", "AT&T &nope;", []blockWant{{"p", "AT&T &nope;"}}},
		{"crlf", "Para one\r\ncontinues.\r\n\r\nPara two.\r\n", []blockWant{{"p", "Para one\ncontinues."}, {"p", "Para two."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := extractBlocks(t, NewDocument("s.md", FormatMarkdown, tt.md))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("blocks\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestExtractDeep feeds deeply nested and very long inputs: they must
// neither recurse deeply nor take long.
func TestExtractDeep(t *testing.T) {
	const n = 10000
	tests := []struct {
		name   string
		doc    *Document
		blocks int
	}{
		{"nested divs", NewDocument("d.html", FormatHTML, strings.Repeat("<div>", n)+"deep text"+strings.Repeat("</div>", n)+"<p>after</p>"), 2},
		{"nested spans with cues", NewDocument("s.html", FormatHTML, "<p>"+strings.Repeat(`<span class="ad">`, n)+"deep"+strings.Repeat("</span>", n)), 1},
		{"unclosed elements", NewDocument("u.html", FormatHTML, strings.Repeat("<div><b><i>x ", n)), n},
		{"nested block quotes", NewDocument("q.md", FormatMarkdown, strings.Repeat(">", n)+" deep"), 1},
		{"nested lists", NewDocument("l.md", FormatMarkdown, strings.Repeat("- ", 2000)+"deep"), 1},
		{"one-megabyte line", NewDocument("l.txt", FormatText, strings.Repeat("word ", 200000)), 1},
		{"one-megabyte HTML line", NewDocument("l.html", FormatHTML, strings.Repeat("word &amp; ", 100000)), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			view, raws := extract(tt.doc)
			if len(raws) != tt.blocks {
				t.Errorf("%d blocks, want %d", len(raws), tt.blocks)
			}
			for _, r := range raws {
				if sp := view.Span(r.view.Start, r.view.End); sp.End > len(tt.doc.Text) || sp.Start > sp.End {
					t.Errorf("bad span %v", sp)
				}
			}
		})
	}
}

func TestClassCues(t *testing.T) {
	tests := map[string]string{
		" article-byline":          ".byline",
		" div-gpt-ad-123 adSlot":   ".ad",
		" related-stories promo":   ".related.promo",
		" header lead-story":       "",
		" share-tools socialLinks": ".share.social",
		" newsletter-signup":       ".newsletter",
		" advertisement":           ".ad",
		" pubdate":                 ".date",
		" update":                  "",
	}
	for in, want := range tests {
		if got := classCues(in); got != want {
			t.Errorf("classCues(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"<p>a &amp; b</p>", "<div><p>x<br>y</div>", "# T\n\n> q\n\n- a\n- b", "line\n\nline two\n  • item",
		"<a href", "&", "&#", "&#x;", "\\", "<!-- c", "<pre>\r\n x</pre>", "*a **b* c**", "<time>1</time>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, format := range []Format{FormatText, FormatHTML, FormatMarkdown} {
			doc := NewDocument("f", format, s)
			view, raws := extract(doc)
			checkView(t, doc, view, raws)
		}
	})
}
