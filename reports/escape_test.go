package reports_test

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/sourcecheck/sourcecheck/reports"
)

const wj = "\u2060" // the word joiner EscapeMarkdown inserts

func TestEscapeMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text, with commas.", "plain text, with commas."},
		{"thanks @octocat and @org/team", "thanks @" + wj + "octocat and @" + wj + "org/team"},
		{"see #12 and owner/repo#34", "see #" + wj + "12 and owner/repo#" + wj + "34"},
		{"fixed in GH-56 (gh-7)", "fixed in GH" + wj + "-56 (gh" + wj + "-7)"},
		{"<script>alert(1)</script> & co", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"},
		{"&lt; stays literal", "&amp;lt; stays literal"},
		{"a | b `c` *d* _e_ ~f~ [g](h) ![i](j) $x$ \\", `a \| b \` + "`c\\`" + ` \*d\* \_e\_ \~f\~ \[g\](h) \!\[i\](j) \$x\$ \\`},
		{"https://evil.example/x and www.evil.example", "https:" + wj + "//evil.example/x and www" + wj + ".evil.example"},
		{"mail me@example.org", "mail me@" + wj + "example.org"},
		{"line one\nline two\r\nthree\ttab", "line one line two  three tab"},
		{"- not a list", `\- not a list`},
		{"+ not a list", `\+ not a list`},
		{"=== not a heading underline", `\=== not a heading underline`},
		{"1. not a numbered list", `1\. not a numbered list`},
		{"2024) not one either", `2024\) not one either`},
		{"# not a heading", "#" + wj + " not a heading"},
		{"> not a quote", "&gt; not a quote"},
		{"in the middle - 1. and + are fine", "in the middle - 1. and + are fine"},
		{"bell\x07 and \xff", "bell\ufffd and \ufffd"},
		{"Ünïcödé 𐐀 “quotes”", "Ünïcödé 𐐀 “quotes”"},
	} {
		if got := reports.EscapeMarkdown(tc.in); got != tc.want {
			t.Errorf("EscapeMarkdown(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// hostileTexts are article texts that try every way of escaping their
// place in a Markdown report.
var hostileTexts = []string{
	"Ping @octocat and @sourcecheck/editors about #12, GH-56 and owner/repo#34.",
	"<script>alert(1)</script><img src=x onerror=alert(1)> <!-- comment --> <details open>",
	"[click here](https://evil.example/x) ![pixel](https://evil.example/p.png) <https://evil.example/auto>",
	"bare https://evil.example/x and www.evil.example and mail me@evil.example",
	"a | b || c | end of the cell?",
	"`unbalanced backtick and ``double`` and *star* _under_ ~~strike~~ $x^2$",
	"[^1] footnote and [ref][1] and \\ backslash and &amp; entity",
	"- list item\n# heading\n> quote\n1. numbered\n\n| new | table |\n|---|---|",
	"=====",
	"   - indented list",
}

// TestEscapeMarkdownRendered renders each hostile text through a GFM
// renderer (goldmark with tables, strikethrough and autolinks, raw HTML
// let through as GitHub would before sanitising) in a paragraph, a list
// item and a table cell, and checks what a reader gets: the text as
// written and nothing else — no link, no HTML element of its own, no
// extra table cell, no line break out of its place — and nothing GitHub
// would read as a mention or a reference.
func TestEscapeMarkdownRendered(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	mention := regexp.MustCompile(`(?:^|[^\w])@[A-Za-z0-9]`)
	ref := regexp.MustCompile(`(?i)(?:^|[^\w&])#\d|\bGH-\d|[\w.-]+/[\w.-]+#\d`)
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, text := range hostileTexts {
		esc := reports.EscapeMarkdown(text)
		want := strings.Join(strings.Fields(text), " ")
		for _, tc := range []struct {
			name, doc string
			// allowed are the tags the surrounding Markdown itself makes.
			allowed []string
		}{
			{"paragraph", "Before " + esc + " after.\n", []string{"p"}},
			{"list item", "- " + esc + "\n- next\n", []string{"ul", "li"}},
			{"table cell", "| a | b |\n|---|---|\n| " + esc + " | x |\n", []string{"table", "thead", "tbody", "tr", "th", "td"}},
		} {
			var out bytes.Buffer
			if err := md.Convert([]byte(tc.doc), &out); err != nil {
				t.Fatal(err)
			}
			rendered := out.String()
			for _, tag := range tags.FindAllString(rendered, -1) {
				name := strings.Trim(strings.Fields(strings.Trim(tag, "</>"))[0], "/")
				if !contains(tc.allowed, name) {
					t.Errorf("%s: %q renders a <%s> element:\n%s", tc.name, text, name, rendered)
				}
			}
			visible := html.UnescapeString(tags.ReplaceAllString(rendered, " "))
			if !strings.Contains(strings.Join(strings.Fields(strings.ReplaceAll(visible, wj, "")), " "), want) {
				t.Errorf("%s: %q does not read as written:\n%s", tc.name, text, visible)
			}
			if tc.name == "table cell" {
				if n := strings.Count(rendered, "<td"); n != 2 {
					t.Errorf("table cell: %q makes %d cells, want 2:\n%s", text, n, rendered)
				}
			}
			if m := mention.FindString(visible); m != "" {
				t.Errorf("%s: %q reads as a mention: %q", tc.name, text, m)
			}
			if m := ref.FindString(visible); m != "" {
				t.Errorf("%s: %q reads as an issue reference: %q", tc.name, text, m)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
