package audit

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
)

// TestBuiltinRuleExamples runs every built-in rule over its own hit and
// pass examples: a hit text must make the rule fire, a pass text must not.
func TestBuiltinRuleExamples(t *testing.T) {
	e, err := NewEngine(nil, rules.DefaultRules())
	if err != nil {
		t.Fatalf("built-in pack does not compile: %v", err)
	}
	for _, r := range e.RunExamples() {
		if !r.OK() {
			want := "fire"
			if !r.Hit {
				want = "stay silent"
			}
			var got []string
			for _, f := range r.Findings {
				got = append(got, f.Message)
			}
			t.Errorf("rule %s should %s on %q; findings: %q", r.Rule, want, r.Text, got)
		}
	}
}

func TestEngineErrorsNameFileLineColumn(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown check", `id: x
level: error
check: nosuch
message: m
description: d
examples: {hit: [a], pass: [b]}
`, "r.yaml:3:8: rule \"x\": unknown check kind \"nosuch\""},
		{"bad regex", `id: x
level: error
check: existence
message: m
description: d
params:
  patterns:
    - ok
    - "a(b"
examples: {hit: [a], pass: [b]}
`, "r.yaml:9:7: rule \"x\": invalid regular expression"},
		{"unknown param", `id: x
level: error
check: existence
message: m
description: d
params:
  token: [a]
examples: {hit: [a], pass: [b]}
`, "r.yaml:7:3: unknown parameter \"token\""},
		{"unknown template field", `id: x
level: error
check: existence
message: "{{.Nope}}"
description: d
params: {tokens: [a]}
examples: {hit: [a], pass: [b]}
`, "r.yaml:4:10: rule \"x\": message template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := rules.LoadRules("r.yaml", []byte(tt.yaml))
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

func TestFingerprintIgnoresLines(t *testing.T) {
	r, _ := rules.Find(rules.DefaultRules(), "weasel-words")
	e, err := NewEngine(nil, []*rules.Rule{r})
	if err != nil {
		t.Fatal(err)
	}
	body := "Troops entered the city, some argue.\n\nLater, some argue, they left."
	a := e.Audit(NewDocument("a.md", FormatMarkdown, body))
	b := e.Audit(NewDocument("a.md", FormatMarkdown, "# A headline\n\nA new first paragraph.\n\n"+body))
	if len(a) != 2 || len(b) != 2 {
		t.Fatalf("want 2 findings each, got %d and %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Fingerprint != b[i].Fingerprint {
			t.Errorf("finding %d: fingerprint changed when lines moved: %s vs %s", i, a[i].Fingerprint, b[i].Fingerprint)
		}
		if a[i].Line == b[i].Line {
			t.Errorf("finding %d: test is meaningless, line did not move", i)
		}
	}
	if a[0].Fingerprint == a[1].Fingerprint {
		t.Errorf("two findings on the same text share a fingerprint %s", a[0].Fingerprint)
	}
}

// TestWordsOfSharesArrays checks that the sentences of a run, whose words
// share a few arrays, each have the words appendQWords finds, whatever
// the order they are asked in, and that appending to one sentence's
// words leaves the others alone.
func TestWordsOfSharesArrays(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	pieces := []string{"The", "minister", "claimed", " ", " ", "“", "U.S.", "’s", "9", "é", "-", ".", strings.Repeat("word ", 70)}
	for run := 0; run < 200; run++ {
		texts := make([]string, rng.Intn(40)+1)
		for i := range texts {
			var b strings.Builder
			for k := rng.Intn(20); k >= 0; k-- {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			texts[i] = b.String()
		}
		st := &docState{}
		if run%2 == 1 {
			st.words = make([]qword, 3, 300) // memory of an earlier run
		}
		got := make([][]qword, len(texts))
		for _, i := range rng.Perm(len(texts)) {
			lower := ""
			if rng.Intn(2) == 0 {
				lower = lowerASCII(texts[i]) // as sentenceLower gives it
			}
			got[i] = st.wordsOf(texts[i], lower)
			if len(got[i]) > 0 {
				_ = append(got[i], qword{key: "x"}) // must not reach another's words
			}
		}
		for i, text := range texts {
			if want := appendQWords(nil, text, 0, len(text)); !slices.Equal(got[i], want) {
				t.Fatalf("run %d: words of %q = %v, want %v", run, text, got[i], want)
			}
		}
	}
}
