package audit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
)

func sampleBaseline() *Baseline {
	b := NewBaseline()
	b.Add(NewDocument("content/b.md", FormatMarkdown, ""), []Finding{
		{Rule: "weasel-words", Excerpt: "sources say", Fingerprint: "00000000000000b2"},
		{Rule: "unattributed-figure", Excerpt: "370 people", Fingerprint: "00000000000000b1"},
	})
	rec := NewDocument("feed.jsonl", FormatText, "")
	rec.Record, rec.Meta.ID = 3, "story-7"
	b.Add(rec, []Finding{{Rule: "weasel-words", Excerpt: `a "quoted" excerpt: with colon`, Fingerprint: "00000000000000c1"}})
	b.Add(NewDocument("./content/a.md", FormatMarkdown, ""), []Finding{
		{Rule: "weasel-words", Excerpt: "it is believed", Fingerprint: "00000000000000a1"},
		{Rule: "weasel-words", Excerpt: "it is believed", Fingerprint: "00000000000000a1"}, // a duplicate is kept once
	})
	return b
}

func TestBaselineWriteIsSortedAndStable(t *testing.T) {
	for _, format := range []string{"yaml", "json"} {
		t.Run(format, func(t *testing.T) {
			var first, second bytes.Buffer
			if err := sampleBaseline().Write(&first, format); err != nil {
				t.Fatal(err)
			}
			if err := sampleBaseline().Write(&second, format); err != nil {
				t.Fatal(err)
			}
			if first.String() != second.String() {
				t.Fatalf("two writes differ:\n%s\n%s", first.String(), second.String())
			}
			out := first.String()
			order := []string{"content/a.md", "00000000000000b1", "00000000000000b2", "story-7"}
			last := -1
			for _, s := range order {
				i := strings.Index(out, s)
				if i <= last {
					t.Errorf("%q out of order in\n%s", s, out)
				}
				last = i
			}
			got, err := ParseBaseline("b."+format, first.Bytes())
			if err != nil {
				t.Fatalf("reading back: %v\n%s", err, out)
			}
			want := sampleBaseline()
			want.sort()
			if got.Len() != 4 || got.Len() != want.Len() {
				t.Fatalf("read back %d entries, want 4", got.Len())
			}
			for i := range want.Findings {
				if got.Findings[i] != want.Findings[i] {
					t.Errorf("entry %d = %+v, want %+v", i, got.Findings[i], want.Findings[i])
				}
			}
		})
	}
}

func TestBaselineFormat(t *testing.T) {
	for name, want := range map[string]string{"b.json": "json", "B.JSON": "json", "b.yaml": "yaml", "b.yml": "yaml", "-": "yaml"} {
		if got := BaselineFormat(name); got != want {
			t.Errorf("BaselineFormat(%q) = %q, want %q", name, got, want)
		}
	}
	if err := NewBaseline().Write(&bytes.Buffer{}, "xml"); err == nil {
		t.Error("writing format xml should fail")
	}
}

func TestBaselineFilter(t *testing.T) {
	b := sampleBaseline()
	fs := []Finding{{Rule: "x", Fingerprint: "00000000000000a1"}, {Rule: "y", Fingerprint: "ffffffffffffffff"}, {Rule: "z", Fingerprint: "00000000000000c1"}}
	kept, baselined := b.Filter(fs)
	if len(kept) != 1 || kept[0].Rule != "y" || len(baselined) != 2 || baselined[0].Rule != "x" || baselined[1].Rule != "z" {
		t.Errorf("kept %v, baselined %v", kept, baselined)
	}
	var none *Baseline
	if kept, baselined := none.Filter(fs); len(kept) != 3 || len(baselined) != 0 {
		t.Errorf("a nil baseline must accept nothing: kept %v, baselined %v", kept, baselined)
	}
}

func TestParseBaselineErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", "b.yaml: empty baseline file"},
		{"not a mapping", "- a\n", "b.yaml:1:1: a baseline must be a mapping"},
		{"no version", "findings: []\n", "b.yaml:1:1: baseline has no version"},
		{"bad version", "version: 2\nfindings: []\n", `b.yaml:1:10: unsupported baseline version "2"`},
		{"unknown key", "version: 1\nfinding: []\n", `b.yaml:2:1: unknown key "finding" in baseline`},
		{"unknown entry key", "version: 1\nfindings:\n  - fingerprint: 00000000000000a1\n    line: 3\n", `b.yaml:4:5: unknown key "line" in baseline finding`},
		{"bad fingerprint", "version: 1\nfindings:\n  - fingerprint: 12ab\n", `b.yaml:3:18: fingerprint "12ab" is not 16 lowercase hexadecimal digits`},
		{"no fingerprint", "version: 1\nfindings:\n  - rule: x\n", "b.yaml:3:5: baseline finding has no fingerprint"},
		{"findings not a list", "version: 1\nfindings: 3\n", "b.yaml:2:11: findings must be a sequence"},
		{"syntax", "version: 1\nfindings: [\n", "b.yaml:2: did not find expected node content"},
		{"repeated key", "version: 1\nversion: 1\n", `b.yaml:2:1: key "version" repeated`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseBaseline("b.yaml", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			var le *rules.LoadError
			if !errors.As(err, &le) {
				t.Errorf("error %T is not a *rules.LoadError", err)
			}
		})
	}
	if b, err := ParseBaseline("b.yaml", []byte("version: 1\nfindings:\n")); err != nil || b.Len() != 0 {
		t.Errorf("empty findings: %v, %v", b, err)
	}
}

func TestLoadBaselineMissingFile(t *testing.T) {
	_, err := LoadBaseline(filepath.Join(t.TempDir(), "none.yaml"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "none.yaml") {
		t.Errorf("error = %v, want not-exist naming the file", err)
	}
}

// TestBaselineSurvivesEdits runs the built-in rules: a finding stays
// baselined when lines are added above it, and becomes new when the text
// it covers changes.
func TestBaselineSurvivesEdits(t *testing.T) {
	eng, err := NewEngine(nil, rules.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	const claim = "At least 370 people were killed in the strikes on Aleppo."
	text := "# Strikes on Aleppo\n\n" + claim + "\n\nThe SOHR said 12 children were among the dead.\n"
	audit := func(text string) []Finding {
		return eng.Audit(NewDocument("content/aleppo.md", FormatMarkdown, text))
	}
	before := audit(text)
	var onClaim *Finding
	for i, f := range before {
		if strings.Contains(claim, strings.TrimSuffix(f.Excerpt, "…")) && strings.Contains(f.Excerpt, "370") {
			onClaim = &before[i]
		}
	}
	if onClaim == nil {
		t.Fatalf("no finding on the unattributed figure; findings: %+v", before)
	}
	b := NewBaseline()
	b.Add(NewDocument("content/aleppo.md", FormatMarkdown, text), before)

	moved := audit("# Strikes on Aleppo\n\nAn editor's note.\n\nAnother paragraph.\n\n" + claim + "\n\nThe SOHR said 12 children were among the dead.\n")
	kept, baselined := b.Filter(moved)
	if len(kept) != 0 || len(baselined) != len(before) {
		t.Errorf("after adding lines above: %d new (%+v), %d baselined; want 0 new", len(kept), kept, len(baselined))
	}
	for _, f := range baselined {
		if f.Fingerprint == onClaim.Fingerprint && f.Line == onClaim.Line {
			t.Errorf("the finding did not move: line %d", f.Line)
		}
	}

	changed := audit(strings.Replace(text, "370", "371", 1))
	kept, _ = b.Filter(changed)
	found := false
	for _, f := range kept {
		if f.Rule == onClaim.Rule && strings.Contains(f.Excerpt, "371") {
			found = true
		}
	}
	if !found {
		t.Errorf("after changing the claim, want a new %s finding on it; new: %+v", onClaim.Rule, kept)
	}

	other := NewDocument("content/other.md", FormatMarkdown, text)
	kept, _ = b.Filter(eng.Audit(other))
	if len(kept) != len(before) {
		t.Errorf("the same text in another article must give new findings: %d of %d", len(kept), len(before))
	}
}
