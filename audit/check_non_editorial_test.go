package audit_test

import (
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

// auditWith runs the built-in rules ids over text, read as a Markdown
// article.
func auditWith(t *testing.T, text string, ids ...string) []audit.Finding {
	t.Helper()
	var rs []*rules.Rule
	for _, id := range ids {
		r, ok := rules.Find(rules.DefaultRules(), id)
		if !ok {
			t.Fatalf("no built-in rule %q", id)
		}
		rs = append(rs, r)
	}
	e, err := audit.NewEngine(nil, rs)
	if err != nil {
		t.Fatal(err)
	}
	return e.Audit(audit.NewDocument("t.md", audit.FormatMarkdown, text))
}

func TestNonEditorialInBody(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // excerpts of the findings, in order
		detail     string   // a word the first finding's message must hold
	}{
		{"ad label between paragraphs",
			"Rebels entered Aleppo on Friday.\n\nAdvertisement\n\nThe army said it had redeployed around Hama.",
			[]string{"Advertisement"}, "advertising"},
		{"read-also link list between paragraphs",
			"Rebels entered Aleppo on Friday.\n\nRead also\n\nSyrian rebels launch surprise offensive on Aleppo\n\nThe army said it had redeployed around Hama.",
			[]string{"Read also Syrian rebels launch surprise offensive on Aleppo"}, "related links, 2 blocks"},
		{"player controls between paragraphs",
			"Rebels entered Aleppo on Friday.\n\nfull screen\n\nThe army said it had redeployed around Hama.",
			[]string{"full screen"}, "navigation"},
		{"page metadata between paragraphs",
			"Rebels entered Aleppo on Friday.\n\nReading time: 2min\n\nThe army said it had redeployed around Hama.",
			[]string{"Reading time: 2min"}, "metadata"},
		{"two separate runs are two findings",
			"Rebels entered Aleppo on Friday.\n\nAdvertisement\n\nThe army redeployed.\n\nSponsored\n\nRussian jets struck Idlib.",
			[]string{"Advertisement", "Sponsored"}, "advertising"},
		{"furniture after the last paragraph is the page", "Rebels entered Aleppo on Friday.\n\nThe army said it had redeployed.\n\nAlso read\n\nSyrian rebels launch surprise offensive on Aleppo", nil, ""},
		{"furniture before the first paragraph is the page", "Advertisement\n\nRebels entered Aleppo on Friday.\n\nThe army said it had redeployed.", nil, ""},
		{"between the headline and the first paragraph is the page header", "# Rebels take Aleppo\n\nReading time: 2min\n\nRebels entered Aleppo on Friday.\n\nThe army said it had redeployed.", nil, ""},
		{"a caption between paragraphs belongs to the article", "Rebels entered Aleppo on Friday.\n\nPhoto: Omar Albam / AP\n\nThe army said it had redeployed around Hama.", nil, ""},
		{"clean article", "Rebels entered Aleppo on Friday.\n\nThe army said it had redeployed around Hama.", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := auditWith(t, tt.text, "non-editorial-in-body")
			var got []string
			for _, f := range fs {
				got = append(got, f.Excerpt)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("findings %q, want %q", got, tt.want)
			}
			if tt.detail != "" && !strings.Contains(fs[0].Message, tt.detail) {
				t.Errorf("message %q does not say %q", fs[0].Message, tt.detail)
			}
		})
	}
}

// TestNonEditorialGluedAd reads a plain-text line where an ad was pasted
// in front of a paragraph: the ad is reported, glued, and the finding
// covers the ad only.
func TestNonEditorialGluedAd(t *testing.T) {
	text := "Rebels entered Aleppo on Friday, the monitor said.\n" +
		"200% Deposit Bonus up to €3,000 180% First Deposit Bonus up to $20,000Russian air strikes killed five people on Sunday.\n" +
		"The army said it had redeployed around Hama.\n"
	r, _ := rules.Find(rules.DefaultRules(), "non-editorial-in-body")
	e, err := audit.NewEngine(nil, []*rules.Rule{r})
	if err != nil {
		t.Fatal(err)
	}
	fs := e.Audit(audit.NewDocument("t.txt", audit.FormatText, text))
	if len(fs) != 1 {
		t.Fatalf("want 1 finding, got %+v", fs)
	}
	f := fs[0]
	if !strings.HasPrefix(f.Excerpt, "200% Deposit Bonus") || strings.Contains(f.Excerpt, "Russian") {
		t.Errorf("finding covers %q, want the ad alone", f.Excerpt)
	}
	if !strings.Contains(f.Message, "glued") || f.Line != 2 || f.Column != 1 {
		t.Errorf("finding %d:%d %q, want 2:1 and glued", f.Line, f.Column, f.Message)
	}
}

func TestNonEditorialParamErrors(t *testing.T) {
	yaml := `id: x
level: warning
check: non-editorial
message: m
description: d
params:
  kinds: [ad, body]
examples: {hit: [a], pass: [b]}
`
	rs, err := rules.LoadRules("r.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	_, err = audit.NewEngine(nil, rs)
	if err == nil || !strings.Contains(err.Error(), `r.yaml:7:15: rule "x": kinds: "body" is not a non-editorial block kind`) {
		t.Fatalf("error = %v", err)
	}
}
