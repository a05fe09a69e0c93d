package audit

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
)

// findingOn returns a finding of rule starting at the first non-blank byte
// of 1-based line n of text.
func findingOn(t *testing.T, text string, n int, rule string) Finding {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	if n < 1 || n > len(lines) {
		t.Fatalf("line %d out of range", n)
	}
	off := 0
	for _, l := range lines[:n-1] {
		off += len(l)
	}
	off += len(lines[n-1]) - len(strings.TrimLeft(lines[n-1], " \t"))
	return Finding{Rule: rule, Span: Span{off, off + 1}}
}

func TestSuppressionRegions(t *testing.T) {
	type probe struct {
		line       int
		rule       string
		suppressed bool
	}
	tests := []struct {
		name   string
		format Format
		text   string
		probes []probe
	}{
		{"next line", FormatMarkdown,
			"<!-- sourcecheck-disable-next-line weasel-words -- quoted verbatim -->\nSources say so.\nSources say so.\n",
			[]probe{{2, "weasel-words", true}, {2, "vague-attribution", false}, {3, "weasel-words", false}}},
		{"next non-blank line", FormatMarkdown,
			"<!-- sourcecheck-disable-next-line weasel-words -- r -->\n\n   \nSources say so.\nSources say so.\n",
			[]probe{{4, "weasel-words", true}, {5, "weasel-words", false}}},
		{"stacked directives", FormatMarkdown,
			"<!-- sourcecheck-disable-next-line a -- r -->\n<!-- sourcecheck-disable-next-line b -- r -->\nText.\nText.\n",
			[]probe{{3, "a", true}, {3, "b", true}, {4, "a", false}, {4, "b", false}}},
		{"several rules and spaces", FormatMarkdown,
			"<!-- sourcecheck-disable-next-line a, b ,c -- r -->\nText.\n",
			[]probe{{2, "a", true}, {2, "b", true}, {2, "c", true}, {2, "d", false}}},
		{"text after the comment on its line", FormatHTML,
			"<p><!-- sourcecheck-disable-next-line a -- r -->Sources say so.</p>\n<p>Sources say so.</p>\n",
			[]probe{{1, "a", false}, {2, "a", false}}},
		{"all", FormatMarkdown,
			"<!-- sourcecheck-disable-next-line all -- r -->\nText.\nText.\n",
			[]probe{{2, "a", true}, {2, "b", true}, {3, "a", false}}},
		{"range", FormatMarkdown,
			"Text.\n<!-- sourcecheck-disable a -- r -->\nText.\n\nText.\n<!-- sourcecheck-enable a -->\nText.\n",
			[]probe{{1, "a", false}, {3, "a", true}, {5, "a", true}, {5, "b", false}, {7, "a", false}}},
		{"range to the end", FormatMarkdown,
			"Text.\n<!-- sourcecheck-disable a -- r -->\nText.\n\nText.\n",
			[]probe{{1, "a", false}, {3, "a", true}, {5, "a", true}}},
		{"per-rule enable", FormatMarkdown,
			"<!-- sourcecheck-disable a,b -- r -->\nText.\n<!-- sourcecheck-enable a -->\nText.\n<!-- sourcecheck-enable b -->\nText.\n",
			[]probe{{2, "a", true}, {2, "b", true}, {4, "a", false}, {4, "b", true}, {6, "b", false}}},
		{"enable all", FormatMarkdown,
			"<!-- sourcecheck-disable a -- r -->\n<!-- sourcecheck-disable all -- r -->\nText.\n<!-- sourcecheck-enable all -->\nText.\n",
			[]probe{{3, "a", true}, {3, "z", true}, {5, "a", false}, {5, "z", false}}},
		{"html range", FormatHTML,
			"<p>One.</p>\n<!-- sourcecheck-disable a -- r -->\n<p>Two.</p>\n<!-- sourcecheck-enable a -->\n<p>Three.</p>\n",
			[]probe{{1, "a", false}, {3, "a", true}, {5, "a", false}}},
		{"without a reason it still applies", FormatMarkdown,
			"<!-- sourcecheck-disable-next-line a -->\nText.\n",
			[]probe{{2, "a", true}}},
		{"plain text has no comments", FormatText,
			"<!-- sourcecheck-disable-next-line a -- r -->\nText.\n",
			[]probe{{2, "a", false}}},
		{"ordinary comments are ignored", FormatMarkdown,
			"<!-- a note for the editor -->\nText.\n",
			[]probe{{2, "a", false}}},
		{"the suppression rule cannot be suppressed", FormatMarkdown,
			"<!-- sourcecheck-disable-next-line all -- r -->\nText.\n",
			[]probe{{2, SuppressionRuleID, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := NewDocument("a."+string(tt.format), tt.format, tt.text)
			var fs []Finding
			for _, p := range tt.probes {
				fs = append(fs, findingOn(t, tt.text, p.line, p.rule))
			}
			kept, suppressed := ApplySuppressions(doc, fs)
			if len(kept)+len(suppressed) != len(fs) {
				t.Fatalf("%d kept + %d suppressed != %d findings", len(kept), len(suppressed), len(fs))
			}
			for i, p := range tt.probes {
				got := slices.ContainsFunc(suppressed, func(f Finding) bool { return f == fs[i] })
				if got != p.suppressed {
					t.Errorf("line %d rule %s: suppressed = %v, want %v", p.line, p.rule, got, p.suppressed)
				}
			}
		})
	}
}

func TestSuppressionProblems(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // substrings of the problems, in order
	}{
		{"fine", "<!-- sourcecheck-disable-next-line a -- r -->\nText.\n<!-- sourcecheck-disable a -- r -->\n<!-- sourcecheck-enable a -->\n", nil},
		{"no reason", "<!-- sourcecheck-disable-next-line a -->\nText.\n", []string{"sourcecheck-disable-next-line a gives no reason"}},
		{"empty reason", "<!-- sourcecheck-disable a --   -->\nText.\n", []string{"sourcecheck-disable a gives no reason"}},
		{"enable needs no reason", "<!-- sourcecheck-disable a -- r -->\n<!-- sourcecheck-enable a -->\n", nil},
		{"unknown directive", "<!-- sourcecheck-ignore a -- r -->\nText.\n", []string{`unknown directive "sourcecheck-ignore"`}},
		{"no rules", "<!-- sourcecheck-disable-next-line -- r -->\nText.\n", []string{"names no rule"}},
		{"reason without dashes", "<!-- sourcecheck-disable-next-line a because quoted -->\nText.\n", []string{`unexpected "because quoted"`}},
		{"enable without disable", "<!-- sourcecheck-enable a -->\n", []string{`rule "a" is not disabled here`}},
		{"enable all without disable", "<!-- sourcecheck-enable all -->\n", []string{"no rule is disabled here"}},
		{"disable twice", "<!-- sourcecheck-disable a -- r -->\n\n<!-- sourcecheck-disable a -- r -->\n", []string{`rule "a" is already disabled since line 1`}},
		{"enable one inside disable all", "<!-- sourcecheck-disable all -- r -->\n<!-- sourcecheck-enable a -->\n", []string{"only sourcecheck-enable all ends"}},
		{"nothing follows", "Text.\n<!-- sourcecheck-disable-next-line a -- r -->\n\n", []string{"not followed by a line of text"}},
		{"multi-line comment", "<!--\n  sourcecheck-disable-next-line a\n  -- quoted from the court ruling\n-->\nText.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Suppressions(NewDocument("a.md", FormatMarkdown, tt.text))
			if len(probs) != len(tt.want) {
				t.Fatalf("problems = %v, want %d", probs, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(probs[i].Message, w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, probs[i].Message, w)
				}
			}
		})
	}
}

func TestCheckDirectiveRules(t *testing.T) {
	doc := NewDocument("a.md", FormatMarkdown, "<!-- sourcecheck-disable-next-line weasel-words,nope,all,suppression -- r -->\nText.\n")
	ds, probs := Suppressions(doc)
	if len(probs) != 0 {
		t.Fatalf("unexpected problems %v", probs)
	}
	got := CheckDirectiveRules(ds, func(id string) bool { return id == "weasel-words" })
	var msgs []string
	for _, p := range got {
		msgs = append(msgs, p.Message)
	}
	want := []string{
		`sourcecheck-disable-next-line: unknown rule "nope" ('sourcecheck rules' lists them)`,
		"sourcecheck-disable-next-line suppression: findings about suppression comments cannot be suppressed by a comment",
	}
	if !slices.Equal(msgs, want) {
		t.Errorf("problems\n got %q\nwant %q", msgs, want)
	}
}

func TestDirectiveFindings(t *testing.T) {
	text := "Intro.\n\n<!-- sourcecheck-disable-next-line a -->\nText.\n\n<!-- sourcecheck-disable-next-line a -->\nMore.\n"
	doc := NewDocument("a.md", FormatMarkdown, text)
	_, probs := Suppressions(doc)
	fs := DirectiveFindings(doc, SuppressionRule().WithLevel(rules.LevelError), probs)
	if len(fs) != 2 {
		t.Fatalf("findings = %+v, want 2", fs)
	}
	for i, f := range fs {
		if f.Rule != SuppressionRuleID || f.Level != rules.LevelError || f.Claim != -1 {
			t.Errorf("finding %d = %+v", i, f)
		}
		if f.Excerpt != "<!-- sourcecheck-disable-next-line a -->" || !strings.Contains(f.Message, "gives no reason") {
			t.Errorf("finding %d: excerpt %q, message %q", i, f.Excerpt, f.Message)
		}
	}
	if fs[0].Line != 3 || fs[0].Column != 1 || fs[1].Line != 6 {
		t.Errorf("positions %d:%d and %d", fs[0].Line, fs[0].Column, fs[1].Line)
	}
	if fs[0].Fingerprint == "" || fs[0].Fingerprint == fs[1].Fingerprint {
		t.Errorf("fingerprints %q and %q must differ (same text, different occurrence)", fs[0].Fingerprint, fs[1].Fingerprint)
	}
	// Lines added above keep the fingerprints.
	moved := NewDocument("a.md", FormatMarkdown, "New paragraph.\n\n"+text)
	_, probs = Suppressions(moved)
	fs2 := DirectiveFindings(moved, SuppressionRule(), probs)
	if fs2[0].Fingerprint != fs[0].Fingerprint || fs2[0].Line != 5 {
		t.Errorf("after inserting lines: %s at line %d, want %s at line 5", fs2[0].Fingerprint, fs2[0].Line, fs[0].Fingerprint)
	}
}

// TestSuppressionRuleExamples checks the suppression rule's own examples
// the way the engine checks every rule's: hit texts must give a problem,
// pass texts none.
func TestSuppressionRuleExamples(t *testing.T) {
	r := SuppressionRule()
	if r.ID != SuppressionRuleID || !r.Pos.Builtin {
		t.Fatalf("rule = %+v", r)
	}
	if _, dup := rules.Find(rules.DefaultRules(), SuppressionRuleID); dup {
		t.Fatalf("the built-in pack defines %q too", SuppressionRuleID)
	}
	known := func(id string) bool { _, ok := rules.Find(rules.DefaultRules(), id); return ok }
	for _, ex := range []struct {
		hit   bool
		texts []string
	}{{true, r.Examples.Hit}, {false, r.Examples.Pass}} {
		for _, text := range ex.texts {
			doc := NewDocument("example.md", FormatMarkdown, text)
			ds, probs := Suppressions(doc)
			probs = append(probs, CheckDirectiveRules(ds, known)...)
			if got := len(probs) > 0; got != ex.hit {
				t.Errorf("example %q: problems %v, want hit=%v", text, probs, ex.hit)
			}
		}
	}
}

// TestSuppressionsNeverPanic feeds broken and odd comments.
func TestSuppressionsNeverPanic(t *testing.T) {
	for i, text := range []string{
		"<!--", "<!-- sourcecheck-", "<!-- sourcecheck-disable", "<!-- sourcecheck-disable ,,, -- -->",
		"<!-- sourcecheck-enable all --><!-- sourcecheck-enable all -->", "<!-- sourcecheck-disable-next-line a -- r -->",
		"x<!-- sourcecheck-disable-next-line a -- r -->", "<!-- sourcecheck-disable a -- r --!>\nText",
		"<p><!-- sourcecheck-disable-next-line a -- r --></p>", "\r\n<!-- sourcecheck-disable a -- r -->\r\n\r\nx\r\n",
	} {
		for _, f := range []Format{FormatMarkdown, FormatHTML} {
			t.Run(fmt.Sprint(i, f), func(t *testing.T) {
				doc := NewDocument("a", f, text)
				ds, _ := Suppressions(doc)
				for _, d := range ds {
					for _, r := range d.Regions {
						if r.Start < 0 || r.End > len(text) || r.Start > r.End {
							t.Errorf("region %v out of the text (%d bytes)", r, len(text))
						}
					}
				}
				ApplySuppressions(doc, []Finding{{Rule: "a", Span: Span{len(text), len(text)}}})
			})
		}
	}
}

// TestSuppressionSameLine: text after the comment on the comment's own
// line is the "next line"; the line after it is not.
func TestSuppressionSameLine(t *testing.T) {
	text := "<p><!-- sourcecheck-disable-next-line a -- r -->Sources say so.</p>\n<p>Sources say so.</p>\n"
	doc := NewDocument("a.html", FormatHTML, text)
	first := strings.Index(text, "Sources")
	second := strings.LastIndex(text, "Sources")
	kept, suppressed := ApplySuppressions(doc, []Finding{
		{Rule: "a", Span: Span{first, first + 7}}, {Rule: "a", Span: Span{second, second + 7}},
	})
	if len(suppressed) != 1 || suppressed[0].Start != first || len(kept) != 1 || kept[0].Start != second {
		t.Errorf("suppressed %v, kept %v; want the first finding suppressed", suppressed, kept)
	}
}
