package rules_test

// Fuzz targets for the rule and registry loaders. Whatever the YAML, a
// loader returns either a usable result or an error, and every line of
// the error names the file; a loaded rule set compiles or fails with
// errors naming the file too; a loaded registry matches text with spans
// inside it.
//
// Run one target with, for example:
//
//	go test -run '^$' -fuzz '^FuzzLoadRules$' -fuzztime 1m ./rules

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

// fuzzMaxYAML bounds the YAML a target parses.
const fuzzMaxYAML = 64 << 10

// fuzzSampleText is matched against fuzzed registries.
const fuzzSampleText = "According to the SOHR, AFP and the UN, 370 people were killed; the NGO said. Agence France-Presse, l'OSDH, Rami Abdel Rahmane."

// addYAMLSeeds adds every YAML file under the given globs, and the hand
// cases.
func addYAMLSeeds(f *testing.F, globs []string, hand []string) {
	n := 0
	for _, g := range globs {
		paths, err := filepath.Glob(g)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no seed files in %v", globs)
	}
	for _, h := range hand {
		f.Add([]byte(h))
	}
}

// yamlHandCases are broken or odd YAML for both loaders.
var yamlHandCases = []string{
	"",
	"---\n---\n",
	"null",
	"[]",
	"a: [",
	"key: value\n  bad: indent\n",
	"\t- tab",
	"a: &x [*x]",
	"a: &a [*a, *a]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n",
	"{? [a]: b}",
	"a: !!binary AAAA\nb: !!int x\n",
	"\xff\xfe\x00",
	"%YAML 1.1\n---\nid: x\n",
	"<<: {id: x}\n",
}

// FuzzLoadRules parses arbitrary rule YAML.
func FuzzLoadRules(f *testing.F) {
	addYAMLSeeds(f, []string{"pack/*.yaml"}, append([]string{
		"id: x\nlevel: error\ncheck: existence\nmessage: m {{.Match}}\ndescription: d\nparams: {tokens: [a]}\nexamples: {hit: [a], pass: [b]}\n",
		"id: x\nlevel: warning\ncheck: nosuch\nmessage: '{{.Nope}}'\ndescription: d\nscope: {blocks: [body, nope], claims: [figure/casualty, x]}\nexamples: {hit: [a], pass: [b]}\n---\nid: x\n",
		"id: Bad_ID\nlevel: loud\nmessage: '{{'\nexamples: {hit: [], pass: 3}\nextra: 1\n",
		"id: y\nlevel: info\ncheck: existence\nmessage: m\ndescription: d\nparams: {patterns: ['a(b']}\nexamples: {hit: [a], pass: [b]}\n",
	}, yamlHandCases...))
	const name = "user/rules.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxYAML {
			return
		}
		rs, err := rules.LoadRules(name, data)
		checkLoad(t, name, len(rs) > 0, err)
		if err != nil {
			return
		}
		for _, r := range rs {
			if !rules.ValidID(r.ID) || r.Pos.File != name || r.Template() == nil {
				t.Fatalf("loaded rule %q (file %q) is not valid", r.ID, r.Pos.File)
			}
		}
		eng, err := audit.NewEngine(nil, rs)
		checkLoad(t, name, eng != nil, err)
	})
}

// FuzzLoadRegistry parses arbitrary registry YAML and matches text with
// what it loads.
func FuzzLoadRegistry(f *testing.F) {
	addYAMLSeeds(f, []string{"registry/*.yaml", "testdata/*.yaml"}, append([]string{
		"version: 1\nsources:\n  - id: x\n    name: X\n    type: ngo_monitor\n    aliases: [X Watch, XW]\n    backrefs: [the watchdog]\n",
		"version: 2\nsources: {}\n",
		"version: 1\nsources:\n  - id: afp\n    name: A\n    type: wire_agency\n    aliases: ['AFP', 'a.b. \"c\"']\n    party_to_conflict: maybe\n    conflicts: [x]\n    country: fr\n    url: ftp://x\n",
	}, yamlHandCases...))
	const name = "user/sources.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxYAML {
			return
		}
		reg, err := rules.LoadRegistry(name, data)
		checkLoad(t, name, reg != nil, err)
		if err != nil {
			return
		}
		for _, m := range reg.Match(fuzzSampleText) {
			if m.Start < 0 || m.Start >= m.End || m.End > len(fuzzSampleText) {
				t.Fatalf("match %+v outside the text", m)
			}
		}
		merged, err := rules.DefaultRegistry().Merge(reg)
		if err != nil {
			if !strings.Contains(err.Error(), name) && !strings.Contains(err.Error(), "registry/sources.yaml") {
				t.Fatalf("merge error names no file: %v", err)
			}
			return
		}
		if merged.Len() < rules.DefaultRegistry().Len() {
			t.Fatalf("merged registry has %d sources, fewer than the built-in %d", merged.Len(), rules.DefaultRegistry().Len())
		}
		merged.Resolve(merged.Match(fuzzSampleText + " " + string(data[:min(len(data), 512)])))
	})
}

// checkLoad checks a loader's result: exactly one of a result and an
// error, and every problem the error lists names the file.
func checkLoad(t *testing.T, name string, loaded bool, err error) {
	t.Helper()
	if loaded == (err != nil) {
		t.Fatalf("loaded %v with error %v", loaded, err)
	}
	if err == nil {
		return
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, name+":") {
			t.Fatalf("error line %q does not start with %s:", line, name)
		}
	}
	var le *rules.LoadError
	if !errors.As(err, &le) || le.File != name {
		t.Fatalf("error %v is not a *rules.LoadError naming %s", err, name)
	}
}
