package ghissue

import (
	"regexp"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/reports"
)

// safetyPatterns are what GitHub turns into mentions, references, links or
// markup; none may match article text in a body or title.
var safetyPatterns = map[string]*regexp.Regexp{
	"mention":         regexp.MustCompile(`(?:^|\W)@[A-Za-z0-9]`),
	"issue reference": regexp.MustCompile(`(?:^|\W)#\d`),
	"GH- reference":   regexp.MustCompile(`(?i)\bGH-\d`),
	"URL":             regexp.MustCompile(`(?i)https?://|www\.`),
	"HTML":            regexp.MustCompile(`<[A-Za-z!/?]`),
	"link":            regexp.MustCompile(`(?:^|[^\\])\]\(`),
	"image":           regexp.MustCompile(`(?:^|[^\\])!\\?\[`),
}

func TestEscapeTitle(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Air strikes hit Aleppo: 370 dead", "Air strikes hit Aleppo: 370 dead"},
		{"Ask @octocat and @org/team", "Ask @\u2060octocat and @\u2060org/team"},
		{"see #12 and GH-7, gh-8; high-level", "see #\u206012 and GH\u2060-7, gh\u2060-8; high-level"},
		{"at https://github.com/o/r/issues/1 or www.example.com", "at https:\u2060//github.com/o/r/issues/1 or www\u2060.example.com"},
		{"<b>bold</b> <!-- sourcecheck:key=x fingerprint=ab -->", "<\u2060b>bold<\u2060/b> <\u2060!-- sourcecheck:key=x fingerprint=ab -->"},
		{"`code` *as* [written](x)", "`code` *as* [written](x)"},
		{"line\nbreak\t\x00 tab", "line break tab"},
		{"“quotes” – and dashes", "“quotes” – and dashes"},
	}
	for _, tt := range tests {
		got := EscapeTitle(tt.in)
		if got != tt.want {
			t.Errorf("EscapeTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, name := range []string{"mention", "issue reference", "GH- reference", "URL", "HTML"} {
			if m := safetyPatterns[name].FindString(got); m != "" {
				t.Errorf("EscapeTitle(%q) keeps a %s: %q", tt.in, name, m)
			}
		}
	}
}

func TestCodeSpan(t *testing.T) {
	tests := map[string]string{
		"weasel-words": "`weasel-words`",
		"a`b":          "``a`b``",
		"`x":           "`` `x ``",
		"a\nb":         "`a b`",
	}
	for in, want := range tests {
		if got := codeSpan(in); got != want {
			t.Errorf("codeSpan(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkerRoundTrip(t *testing.T) {
	keys := []string{
		"content/aleppo.md",
		"exports/wire.jsonl#AFP-2024-12-02-001",
		"exports/wire.jsonl:12",
		"my--story -->.md",
		"content/@boss #9 <b>.md",
		"-",
		"dépêches/élection.txt",
		RunKey,
	}
	for _, k := range keys {
		m := Marker{Key: k, Fingerprint: Fingerprint(nil)}
		s := m.String()
		if strings.Contains(strings.TrimSuffix(strings.TrimPrefix(s, "<!--"), "-->"), "--") || strings.Count(s, ">") != 1 {
			t.Errorf("marker %q can end early", s)
		}
		got, ok := ParseMarker("text before\n" + s + "\nafter")
		if !ok || got != m {
			t.Errorf("ParseMarker(%q) = %+v, %v; want %+v", s, got, ok, m)
		}
	}
	if _, ok := ParseMarker("no marker <!-- sourcecheck:key=x fingerprint=XYZ -->"); ok {
		t.Error("a marker with a bad fingerprint was accepted")
	}
}

func TestFingerprintIgnoresLinesAndOrder(t *testing.T) {
	a, b, c := weasel(3, "sources say"), weasel(9, "it is believed"), weasel(9, "it is believed")
	c.Line, c.Column = 90, 12
	if Fingerprint(nil) != CleanFingerprint {
		t.Error("the clean fingerprint is not stable")
	}
	fa := Fingerprint([]reports.Finding{a, b})
	if fb := Fingerprint([]reports.Finding{c, a}); fa != fb {
		t.Error("moving a finding or reordering changed the fingerprint")
	}
	b.Message += "!"
	if Fingerprint([]reports.Finding{a, b}) == fa {
		t.Error("rewording a finding did not change the fingerprint")
	}
	if Fingerprint([]reports.Finding{a}) == fa || len(fa) != 24 {
		t.Error("removing a finding did not change the fingerprint")
	}
}
