package reports_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

// renderGFM renders Markdown as GitHub would before sanitising: GFM
// tables, strikethrough and autolinks, raw HTML let through.
func renderGFM(t *testing.T, md []byte) *html.Node {
	t.Helper()
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

// TestMarkdownRendered renders the Markdown report of the golden audit
// (whose hostile article's claims carry mentions, issue references,
// HTML, Markdown, pipes and URLs) and checks what a reader of the GitHub
// issue or step summary gets: the elements the report itself makes and
// no other; links only to the rules' standards; every table row as wide
// as its header; and no text GitHub would read as a mention or an issue
// reference.
func TestMarkdownRendered(t *testing.T) {
	a := goldenAudit(t)
	links := map[string]bool{}
	for _, r := range a.Rules {
		links[r.Link] = true
	}
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"run", func(b *bytes.Buffer) error { return reports.WriteMarkdown(b, a, reports.MarkdownOptions{}) }},
		{"article", func(b *bytes.Buffer) error {
			return reports.WriteMarkdownArticle(b, articleByPath(t, a, "reports/testdata/articles/hostile.md"), reports.MarkdownOptions{})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var md bytes.Buffer
			if err := tc.write(&md); err != nil {
				t.Fatal(err)
			}
			allowed := map[string]bool{"html": true, "head": true, "body": true, "h1": true, "h2": true, "p": true, "strong": true,
				"code": true, "ul": true, "li": true, "a": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true,
				"td": true, "details": true, "summary": true}
			mention := regexp.MustCompile(`(?:^|[^\w])@[A-Za-z0-9]`)
			ref := regexp.MustCompile(`(?i)(?:^|[^\w&])#\d|\bGH-\d|[\w.-]+/[\w.-]+#\d`)
			var texts []string
			walk(renderGFM(t, md.Bytes()), func(n *html.Node) {
				switch n.Type {
				case html.ElementNode:
					if !allowed[n.Data] {
						t.Errorf("the report renders a <%s> element", n.Data)
					}
					if n.Data == "a" {
						for _, at := range n.Attr {
							if at.Key == "href" && !links[at.Val] {
								t.Errorf("the report links to %q, not a rule's standard", at.Val)
							}
						}
					}
					if n.Data == "tr" {
						cells := 0
						for c := n.FirstChild; c != nil; c = c.NextSibling {
							if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
								cells++
							}
						}
						header := 0
						table := n
						for table.Data != "table" {
							table = table.Parent
						}
						var first *html.Node
						walk(table, func(m *html.Node) {
							if first == nil && m.Type == html.ElementNode && m.Data == "tr" {
								first = m
							}
						})
						for c := first.FirstChild; c != nil; c = c.NextSibling {
							if c.Type == html.ElementNode {
								header++
							}
						}
						if cells != header {
							t.Errorf("a table row has %d cells, its header %d", cells, header)
						}
					}
				case html.TextNode:
					texts = append(texts, n.Data)
				}
			})
			text := strings.Join(texts, "")
			if m := mention.FindString(text); m != "" {
				t.Errorf("the report mentions someone: %q", m)
			}
			if m := ref.FindString(text); m != "" {
				t.Errorf("the report references an issue: %q", m)
			}
			plain := strings.ReplaceAll(text, wj, "")
			for _, s := range []string{"Ping @octocat about #12, GH-56 and owner/repo#34 | see https://evil.example/x now.", "More than 40 <b>people", "Hundreds of `backticks`"} {
				if !strings.Contains(plain, s) {
					t.Errorf("the reader does not see %q as written", s)
				}
			}
		})
	}
}

// TestMarkdownOptions checks the heading level, the cap on findings listed
// and links to the lines of the articles.
func TestMarkdownOptions(t *testing.T) {
	var fs []reports.Finding
	for i := 1; i <= 5; i++ {
		fs = append(fs, finding("unattributed-figure", rules.LevelWarning, i, 3, fmt.Sprintf("finding %d", i)))
	}
	art := &reports.AuditArticle{Article: reports.Article{Path: "news/story.md"}, Findings: fs}
	var buf bytes.Buffer
	err := reports.WriteMarkdownArticle(&buf, art, reports.MarkdownOptions{
		HeadingLevel: 3,
		MaxFindings:  2,
		LineURL: func(path string, line int) string {
			return fmt.Sprintf("https://github.com/o/r/blob/main/%s#L%d", path, line)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"### news/story.md\n",
		"| [1:3](https://github.com/o/r/blob/main/news/story.md#L1) | ⚠️ warning | `unattributed-figure` | finding 1 |",
		"| [2:3](https://github.com/o/r/blob/main/news/story.md#L2) |",
		"… and 3 findings more, not listed here.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "finding 3") {
		t.Errorf("the report lists more than MaxFindings:\n%s", got)
	}
	// A LineURL that is not http(s) is not linked.
	buf.Reset()
	_ = reports.WriteMarkdownArticle(&buf, art, reports.MarkdownOptions{LineURL: func(string, int) string { return "javascript:alert(1)" }})
	if strings.Contains(buf.String(), "javascript") {
		t.Errorf("a javascript: URL was linked:\n%s", buf.String())
	}
}

// TestMarkdownClean checks the run report of articles without findings.
func TestMarkdownClean(t *testing.T) {
	a := &reports.Audit{Articles: []reports.AuditArticle{{Article: reports.Article{Path: "a.md"}}, {Article: reports.Article{Path: "b_c.md"}}}}
	a.Summary.Articles, a.Summary.FailLevel = 2, "error"
	var buf bytes.Buffer
	if err := reports.WriteMarkdown(&buf, a, reports.MarkdownOptions{Title: "Nightly #7 audit"}); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{"# Nightly #" + wj + "7 audit\n", "✅ **Passes** at fail level error: no findings in 2 articles.", "**No findings** in 2 articles: a.md, b\\_c.md."} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q:\n%s", want, got)
		}
	}
}
