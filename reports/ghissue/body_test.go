package ghissue

import (
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/reports"
)

func TestArticleKey(t *testing.T) {
	tests := []struct {
		a    reports.Article
		root string
		want string
	}{
		{reports.Article{Path: "content/a.md"}, "", "content/a.md"},
		{reports.Article{Path: "./content//a.md"}, "", "content/a.md"},
		{reports.Article{Path: "/work/site/content/a.md"}, "/work/site", "content/a.md"},
		{reports.Article{Path: "/elsewhere/a.md"}, "/work/site", "/elsewhere/a.md"},
		{reports.Article{Path: "wire.jsonl", ID: "AFP-1", Record: 3}, "", "wire.jsonl#AFP-1"},
		{reports.Article{Path: "wire.jsonl", Record: 3}, "", "wire.jsonl:3"},
		{reports.Article{Path: "-"}, "", "-"},
	}
	for _, tt := range tests {
		if got := ArticleKey(&tt.a, tt.root); got != tt.want {
			t.Errorf("ArticleKey(%+v, %q) = %q, want %q", tt.a, tt.root, got, tt.want)
		}
	}
}

func TestBuildRefusesDuplicateKeys(t *testing.T) {
	a := auditOf(art("a.md", "A", weasel(1, "sources say")), art("./a.md", "A", weasel(1, "sources say")))
	if _, err := Build(a, BuildOptions{}); err == nil || !strings.Contains(err.Error(), `the key "a.md"`) {
		t.Errorf("err = %v", err)
	}
	if _, err := Build(a, BuildOptions{Group: "weekly"}); err == nil {
		t.Error("an unknown grouping was accepted")
	}
	if _, err := ParseGroup("weekly"); err == nil {
		t.Error("ParseGroup accepted weekly")
	}
}

func TestBuildUsesRenderer(t *testing.T) {
	var got *reports.AuditArticle
	is, err := Build(auditOf(art("a.md", "", weasel(1, "sources say"))), BuildOptions{
		RenderArticle: func(w io.Writer, a *reports.AuditArticle) error {
			got = a
			_, err := io.WriteString(w, "REPORT")
			return err
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got == nil || !strings.Contains(is[0].Body, "\nREPORT\n") || is[0].Title != "Sourcing: a.md (1 finding)" {
		t.Errorf("issue = %+v", is[0])
	}
}

func TestTrimBody(t *testing.T) {
	note := "\n[cut]\n"
	tests := []struct {
		name, body string
		limit      int
	}{
		{"fits", "<!-- m -->\nshort", 100},
		{"lines", "<!-- m -->\n" + strings.Repeat("a line of text\n", 50), 200},
		{"one long line of multibyte text", "<!-- m -->\n" + strings.Repeat("ж", 500), 200},
		{"inside a code fence", "<!-- m -->\n```\n" + strings.Repeat("code line\n", 50), 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := trimBody(tt.body, tt.limit, note)
			if n := utf8.RuneCountInString(got); n > tt.limit {
				t.Errorf("%d characters, limit %d", n, tt.limit)
			}
			if !utf8.ValidString(got) || !strings.HasPrefix(got, "<!-- m -->") {
				t.Errorf("got %q", got)
			}
			if utf8.RuneCountInString(tt.body) <= tt.limit {
				if got != tt.body {
					t.Errorf("a body that fits was changed")
				}
				return
			}
			if !strings.HasSuffix(got, note) || openFence(got) {
				t.Errorf("got %q", got)
			}
		})
	}
}

func TestFitTitle(t *testing.T) {
	long := strings.Repeat("word ", 100)
	got := fitTitle("Sourcing: ", long, " (3 findings)", MaxTitleChars)
	if n := utf8.RuneCountInString(got); n > MaxTitleChars || !strings.HasSuffix(got, "… (3 findings)") {
		t.Errorf("%d characters: %q", n, got)
	}
	if got := fitTitle("Sourcing: ", "Short", "", MaxTitleChars); got != "Sourcing: Short" {
		t.Errorf("got %q", got)
	}
}
