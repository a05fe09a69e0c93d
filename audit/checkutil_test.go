package audit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
)

// testRule returns the YAML of a rule running check with the given params
// and scope (each a YAML flow mapping, or ""). Its message prints the
// message fields a test may want to assert on.
func testRule(check, params, scope string) string {
	y := fmt.Sprintf(`id: t
level: warning
check: %s
message: "claim={{.Claim}} kind={{.Kind}}/{{.Subkind}} source={{.Source}} type={{.SourceType}} cue={{.Cue}} detail=[{{.Detail}}]"
description: d
examples: {hit: [a], pass: [b]}
`, check)
	if params != "" {
		y += "params: " + params + "\n"
	}
	if scope != "" {
		y += "scope: " + scope + "\n"
	}
	return y
}

// auditWith runs one rule (YAML) over a Markdown article and returns its
// findings.
func auditWith(t *testing.T, ruleYAML, text string) []Finding {
	t.Helper()
	rs, err := rules.LoadRules("r.yaml", []byte(ruleYAML))
	if err != nil {
		t.Fatalf("LoadRules: %v", err)
	}
	e, err := NewEngine(nil, rs)
	if err != nil {
		t.Fatalf("NewEngine: %v", err)
	}
	return e.Audit(NewDocument("t.md", FormatMarkdown, text))
}

// checkCase is one table row of a check test: the article, and the text
// each finding must cover (nil: no finding) with a substring its message
// must contain.
type checkCase struct {
	name   string
	text   string
	want   []string // excerpts, in order
	msgHas string   // every message contains this, when set
}

func runCases(t *testing.T, ruleYAML string, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := auditWith(t, ruleYAML, tc.text)
			var got []string
			for _, f := range fs {
				got = append(got, f.Excerpt)
				if tc.msgHas != "" && !strings.Contains(f.Message, tc.msgHas) {
					t.Errorf("message %q does not contain %q", f.Message, tc.msgHas)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				var msgs []string
				for _, f := range fs {
					msgs = append(msgs, f.Message)
				}
				t.Errorf("findings on %q, want %q\nmessages: %q", got, tc.want, msgs)
			}
		})
	}
}

// TestCheckParamErrors checks that bad parameters of every check kind are
// errors naming the rule file, line and column.
func TestCheckParamErrors(t *testing.T) {
	tests := []struct {
		name, check, params, want string
	}{
		{"unattributed vague", "unattributed", "{vague: sometimes}", `r.yaml:7:17: rule "t": vague: unknown value "sometimes" (want skip, report)`},
		{"unattributed unknown", "unattributed", "{vauge: skip}", `r.yaml:7:10: unknown parameter "vauge" (want vague)`},
		{"vague cues", "vague", "{cues: some}", `r.yaml:7:16: rule "t": cues: unknown value "some"`},
		{"vague anonymous type", "vague", "{anonymous: [a]}", `r.yaml:7:21: parameter "anonymous"`},
		{"quote-speaker nothing", "quote-speaker", "{missing: false}", `rule "t": quote-speaker needs missing or ambiguous`},
		{"quote-speaker kind", "quote-speaker", "{kinds: [direct, scare]}", `r.yaml:7:26: rule "t": kinds: unknown quotation kind "scare"`},
		{"quote-speaker paragraphs", "quote-speaker", "{ambiguous: true, paragraphs: -1}", `rule "t": paragraphs must be 0 or more`},
		{"anonymous require", "anonymous-source", "{require: [name], reasons: [x]}", `r.yaml:7:20: rule "t": require: unknown value "name"`},
		{"anonymous no reasons", "anonymous-source", "{require: [reason]}", `rule "t": require: reason needs a list of reasons phrases`},
		{"anonymous type", "anonymous-source", "{types: [spy], reasons: [x]}", `r.yaml:7:18: rule "t": types: unknown source type "spy"`},
		{"anonymous empty phrase", "anonymous-source", `{reasons: [x, " "]}`, `r.yaml:7:23: rule "t": reasons: phrase 2 is empty`},
		{"source-type no condition", "source-type", "{window: 3}", `rule "t": source-type needs a condition`},
		{"source-type condition", "source-type", "{condition: party}", `r.yaml:7:21: rule "t": condition: unknown value "party"`},
		{"source-type labels", "source-type", "{condition: state-media-unlabelled}", `rule "t": state-media-unlabelled needs labels`},
		{"source-type party types", "source-type", "{condition: party-only, party_types: [rebels]}", `rule "t": party_types: unknown source type "rebels"`},
		{"single-source threshold", "single-source", "{threshold: 1.5}", `r.yaml:7:21: rule "t": threshold must be above 0 and at most 1, not 1.5`},
		{"single-source min", "single-source", "{min_sentences: 0}", `rule "t": min_sentences must be 1 or more`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := rules.LoadRules("r.yaml", []byte(testRule(tt.check, tt.params, "")))
			if err != nil {
				t.Fatalf("LoadRules: %v", err)
			}
			_, err = NewEngine(nil, rs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewEngine error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestCompilePhrases(t *testing.T) {
	r := &rules.Rule{ID: "t"}
	p, err := compilePhrases(r, "labels", []string{"state-run", "official news agency", "state"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want string // the match, "" for none
	}{
		{"Russia's state-run RIA Novosti said", "state-run"},
		{"the state run broadcaster", "state run"},
		{"the OFFICIAL  news\nagency SANA", "OFFICIAL  news\nagency"},
		{"a statement from the ministry", ""}, // word boundaries: not "state"ment
		{"the interstate highway", ""},
	}
	for _, tt := range tests {
		m := p.find(tt.text)
		got := ""
		if m != nil {
			got = tt.text[m[0]:m[1]]
		}
		if got != tt.want {
			t.Errorf("find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if (phraseSet{}).find("anything") != nil {
		t.Error("the zero phraseSet matched")
	}
}

// TestFieldCount holds fieldCount to strings.Fields.
func TestFieldCount(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a b", "a  b\tc", "Umm Mohamad", "a\u00a0b", "a\u2003b c d", "\xff b"} {
		for max := 1; max <= 4; max++ {
			if got, want := fieldCount(s, max), min(len(strings.Fields(s)), max); got != want {
				t.Errorf("fieldCount(%q, %d) = %d, want %d", s, max, got, want)
			}
		}
	}
}
