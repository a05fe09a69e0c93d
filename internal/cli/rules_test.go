package cli

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestRulesList(t *testing.T) {
	code, out, errOut := runIn(t, auditDir(t), "rules", "--config", "sourcecheck.yaml", "--rule", "t.hedge=error")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, re := range []string{
		`(?m)^ID +LEVEL +CHECK +SUMMARY$`,
		`(?m)^t\.hedge +error \(own: warning\) +existence +Hedged credit in the test articles\.$`,
		`(?m)^t\.loaded +error +existence +A loaded word in the test articles\.$`,
		`(?m)^weasel-words +off +existence +Weasel words`,
		`(?m)^suppression +warning +suppression +Suppression comments`,
		`(?m)^\d+ rules, 3 on, \d+ off \(configuration sourcecheck\.yaml\)`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("output does not match %s:\n%s", re, out)
		}
	}
}

func TestRulesListJSON(t *testing.T) {
	code, out, errOut := runIn(t, auditDir(t), "rules", "--config", "sourcecheck.yaml", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var l ruleListing
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	byID := map[string]ruleEntry{}
	for _, r := range l.Rules {
		byID[r.ID] = r
	}
	if l.Version != 1 || l.Config != "sourcecheck.yaml" {
		t.Errorf("listing header: %+v", l)
	}
	if r := byID["t.hedge"]; !r.Enabled || r.Level != "warning" || r.Builtin || r.File != "rules/test-rules.yaml" || r.Check != "existence" {
		t.Errorf("t.hedge = %+v", r)
	}
	if r := byID["weasel-words"]; r.Enabled || !r.Builtin || r.Origin != "sourcecheck.yaml:2:10" {
		t.Errorf("weasel-words under extends: none = %+v", r)
	}
	// Keys are part of the contract.
	for _, key := range []string{`"id"`, `"level"`, `"default_level"`, `"enabled"`, `"check"`, `"summary"`, `"file"`, `"builtin"`, `"origin"`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

func TestRulesExplain(t *testing.T) {
	code, out, errOut := runIn(t, auditDir(t), "rules", "explain", "--config", "sourcecheck.yaml", "t.loaded")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, w := range []string{
		"t.loaded: error rule, check existence\n",
		"Defined in: rules/test-rules.yaml:14\n",
		"  A loaded word in the test articles.\n",
		"Message: “{{.Match}}” is a loaded word\n",
		"Check existence: ",
		"  parameters it takes:\n    tokens: ",
		"Parameters:\n  tokens: [massacre]\n",
		"Fires on:\n  │ Residents called it a massacre.\n",
		"Stays silent on:\n  │ Residents said 12 people were killed.\n",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	code, out, _ = runIn(t, auditDir(t), "rules", "explain", "--no-config", "weasel-words")
	for _, w := range []string{"Standard: ", "Link: https://", "Fix: ", "In effect: warning\n", "(built-in)"} {
		if code != ExitOK || !strings.Contains(out, w) {
			t.Errorf("weasel-words: exit %d, output lacks %q:\n%s", code, w, out)
		}
	}
	code, out, _ = runIn(t, auditDir(t), "rules", "explain", "--config", "sourcecheck.yaml", "--format", "json", "weasel-words")
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); code != ExitOK || err != nil || v["id"] != "weasel-words" || v["enabled"] != false || v["examples"] == nil {
		t.Errorf("explain --format json: exit %d, %v, %v", code, err, v)
	}
	code, _, errOut = runIn(t, auditDir(t), "rules", "explain", "--no-config", "weasel-wordz")
	if code != ExitError || !strings.Contains(errOut, `unknown rule "weasel-wordz"`) {
		t.Errorf("unknown rule: exit %d\n%s", code, errOut)
	}
}

func TestRulesTest(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"all pass", []string{"ok"}, ExitOK, []string{
			"PASS  t.hedge hit #1: Sources say the talks failed.\n",
			"PASS  t.loaded pass #1: Residents said 12 people were killed.\n",
			"2 rules, 4 examples: 4 passed, 0 failed\n",
		}, nil},
		{"one file", []string{"ok/rules.yaml"}, ExitOK, []string{"2 rules, 4 examples: 4 passed, 0 failed\n"}, nil},
		{"failures", []string{"failing"}, ExitFindings, []string{
			"PASS  t.too-narrow hit #1: Sources say the talks failed.\n",
			"FAIL  t.too-narrow hit #2: Officials say the talks failed.\n      the rule should fire, but found nothing\n",
			"FAIL  t.too-narrow pass #2: Sources say nothing.\n      the rule should stay silent, but found at 1:1: “Sources say”\n",
			"1 rules, 4 examples: 2 passed, 2 failed\n",
		}, nil},
		{"quiet", []string{"-q", "failing"}, ExitFindings, []string{"FAIL  t.too-narrow hit #2"}, nil},
		{"invalid rule file", []string{"bad"}, ExitError, nil, []string{`bad/rules.yaml:2:8: unknown level "severe"`}},
		{"the same id twice", []string{"ok", "ok/rules.yaml"}, ExitError, nil, []string{`rule "t.hedge": already defined at ok/rules.yaml:3`}},
		{"missing folder", []string{"none"}, ExitError, nil, []string{"none"}},
	}
	dir := strings.TrimSuffix(auditDir(t), "audit") + "rules"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runIn(t, dir, append([]string{"rules", "test"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			for _, w := range tt.stdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.stderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if tt.name == "quiet" && strings.Contains(out, "PASS") {
				t.Errorf("-q printed passing examples:\n%s", out)
			}
		})
	}
	// A folder that loads but does not compile: an unknown parameter.
	tmp := t.TempDir()
	writeFile(t, tmp+"/r.yaml", "id: t.x\nlevel: info\ncheck: existence\nmessage: m\ndescription: d\nparams:\n  tokenz: [x]\nexamples: {hit: [x], pass: [y]}\n")
	code, _, errOut := runIn(t, tmp, "rules", "test", ".")
	if code != ExitError || !strings.Contains(errOut, `r.yaml:7:3: unknown parameter "tokenz"`) {
		t.Errorf("compile error: exit %d\n%s", code, errOut)
	}
}

func TestBaselineWriteCommand(t *testing.T) {
	code, out, errOut := runIn(t, auditDir(t), "baseline", "write", "--config", "sourcecheck.yaml", "articles/news")
	if code != ExitOK || !strings.HasPrefix(out, "# sourcecheck baseline") || !strings.Contains(out, "version: 1\nfindings:\n  - fingerprint: ") {
		t.Fatalf("to standard output: exit %d\n%s\n%s", code, out, errOut)
	}
	if regexp.MustCompile(`(?m)^ *(line|column):`).MatchString(out) {
		t.Errorf("a baseline must not hold line numbers:\n%s", out)
	}
	_, again, _ := runIn(t, auditDir(t), "baseline", "write", "--config", "sourcecheck.yaml", "articles/news")
	if again != out {
		t.Error("two runs wrote different baselines")
	}
	code, out, _ = runIn(t, auditDir(t), "baseline", "write", "--config", "sourcecheck.yaml", "--format", "json", "articles/news")
	var v struct {
		Version  int
		Findings []map[string]string
	}
	if err := json.Unmarshal([]byte(out), &v); code != ExitOK || err != nil || v.Version != 1 || len(v.Findings) != 7 {
		t.Errorf("json: exit %d, %v, %+v", code, err, v)
	}
	tmp := t.TempDir()
	code, _, errOut = runIn(t, auditDir(t), "baseline", "write", "--config", "sourcecheck.yaml", "-o", tmp+"/b.yaml", "articles/news", "articles/none.md")
	if code != ExitError || !strings.Contains(errOut, "baseline not written: 1 input(s) could not be read") {
		t.Errorf("read error: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(tmp + "/b.yaml"); err == nil {
		t.Error("a baseline was written despite the read error")
	}
	code, _, errOut = runIn(t, auditDir(t), "baseline", "write", "--format", "xml", "articles")
	if code != ExitError || !strings.Contains(errOut, `--format: "xml" is not one of yaml, json`) {
		t.Errorf("bad format: exit %d\n%s", code, errOut)
	}
}
