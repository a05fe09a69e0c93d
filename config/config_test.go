package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

func load(t *testing.T, name string) *Config {
	t.Helper()
	c, err := Load(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func resolve(t *testing.T, c *Config) *Resolved {
	t.Helper()
	r, err := c.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLoadFull(t *testing.T) {
	c := load(t, "full.yaml")
	file := filepath.Join("testdata", "full.yaml")
	if c.File != file || c.Dir != "testdata" {
		t.Errorf("File, Dir = %q, %q", c.File, c.Dir)
	}
	if c.Extends.Value != ExtendsBuiltin || c.Extends.Origin.String() != file+":3:10" {
		t.Errorf("extends = %+v (%s)", c.Extends, c.Extends.Origin)
	}
	if c.MinLevel.Value != rules.LevelWarning || c.FailLevel.Value != rules.LevelWarning || c.FailLevel.Origin.Line != 5 {
		t.Errorf("levels = %+v, %+v", c.MinLevel, c.FailLevel)
	}
	if got := c.BaselineFile(); got != filepath.Join("testdata", "baseline.yaml") {
		t.Errorf("BaselineFile = %q", got)
	}
	if got := Values(c.Include); !slices.Equal(got, []string{"*.md", "content/**"}) {
		t.Errorf("include = %q", got)
	}
	if got := c.SourceFiles(); !slices.Equal(got, []string{filepath.Join("testdata", "sources.yaml")}) {
		t.Errorf("SourceFiles = %q", got)
	}
	var rs []string
	for _, s := range c.Rules {
		rs = append(rs, s.ID+"="+s.String()+"@"+s.Origin.String())
	}
	want := []string{"weasel-words=error@" + file + ":12:3", "single-source-dependence=off@" + file + ":13:3", "acme.no-unnamed-official=on@" + file + ":14:3"}
	if !slices.Equal(rs, want) {
		t.Errorf("rules\n got %q\nwant %q", rs, want)
	}
	if len(c.Overrides) != 2 || !slices.Equal(c.Overrides[0].Paths, []string{"opinion/**", "*.op-ed.md"}) || len(c.Overrides[0].Rules) != 2 {
		t.Errorf("overrides = %+v", c.Overrides)
	}
	opts := c.ReadOptions(audit.ReadOptions{MaxBytes: 9})
	if !slices.Equal(opts.Exclude, []string{"drafts/**"}) || opts.MaxBytes != 9 {
		t.Errorf("ReadOptions = %+v", opts)
	}
}

func TestEmptyFileIsDefault(t *testing.T) {
	for _, data := range []string{"", "# nothing\n", "---\n", "~\n"} {
		c, err := Parse("e.yaml", []byte(data))
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		if c.Extends.Value != ExtendsBuiltin || c.MinLevel.Value != rules.LevelInfo || c.FailLevel.Value != rules.LevelError ||
			!c.FailLevel.Origin.IsDefault() || c.Baseline.Value != "" || len(c.Rules) != 0 {
			t.Errorf("%q: not the default: %+v", data, c)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"unknown key", "fail-level: error\n", []string{`c.yaml:1:1: unknown key "fail-level" (want version, extends,`}},
		{"bad level", "min_level: loud\n", []string{`c.yaml:1:12: min_level: unknown level "loud" (want error, warning or info)`}},
		{"bad version", "version: 2\n", []string{`c.yaml:1:10: unsupported version "2" (want 1)`}},
		{"bad extends", "extends: recommended\n", []string{`c.yaml:1:10: extends: unknown value "recommended" (want builtin or none)`}},
		{"bad glob", "exclude:\n  - ok/**\n  - \"[z\"\n", []string{`c.yaml:3:5: exclude: glob "[z": syntax error in pattern`}},
		{"glob not a list", "include: \"*.md\"\n", []string{"c.yaml:1:10: include must be a list"}},
		{"empty item", "rule_dirs: [\"\"]\n", []string{"c.yaml:1:13: rule_dirs: empty item"}},
		{"bad rule setting", "rules:\n  weasel-words: loud\n", []string{`c.yaml:2:17: rule weasel-words: unknown rule setting "loud" (want off, on, error, warning or info)`}},
		{"rule setting not a value", "rules:\n  weasel-words: [off]\n", []string{"c.yaml:2:17: rule weasel-words must be a single value"}},
		{"bad rule id", "rules:\n  Weasel_Words: off\n", []string{`c.yaml:2:3: "Weasel_Words" is not a rule id`}},
		{"rules not a mapping", "rules: [weasel-words]\n", []string{"c.yaml:1:8: rules must be a mapping of rule id to off, on, error, warning or info"}},
		{"repeated key", "rules:\n  a: off\n  a: on\n", []string{`c.yaml:3:3: key "a" repeated`}},
		{"override without paths", "overrides:\n  - rules: {a: off}\n", []string{"c.yaml:2:5: override has no paths"}},
		{"override bad glob", "overrides:\n  - paths: [\"a/[\"]\n    rules: {a: off}\n", []string{`c.yaml:2:13: paths: glob "a/["`}},
		{"override unknown key", "overrides:\n  - paths: [a]\n    rule: {a: off}\n", []string{"c.yaml:2:5: override has no rules", `c.yaml:3:5: unknown key "rule" in override (want paths, rules)`}},
		{"overrides not a list", "overrides: {paths: [a]}\n", []string{"c.yaml:1:12: overrides must be a list"}},
		{"not a mapping", "- a\n", []string{"c.yaml:1:1: the configuration must be a mapping"}},
		{"two documents", "fail_level: info\n---\nfail_level: error\n", []string{"c.yaml:2:1: a configuration file holds one YAML document"}},
		{"syntax", "rules: [\n", []string{"c.yaml:1: did not find expected node content"}},
		{"empty baseline", "baseline: \"\"\n", []string{"c.yaml:1:11: baseline: empty path"}},
		{"all problems, in order", "min_level: x\nfail_level: y\n", []string{"c.yaml:1:12: min_level", "c.yaml:2:13: fail_level"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tt.data))
			if err == nil {
				t.Fatal("no error")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant %d", err, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("error %d = %q, want prefix %q", i, lines[i], w)
				}
			}
			var le *rules.LoadError
			if !errors.As(err, &le) {
				t.Errorf("%T is not a *rules.LoadError", err)
			}
		})
	}
}

func TestDiscover(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A folder named like the file is not a configuration.
	if err := os.Mkdir(filepath.Join(deep, ".sourcecheck.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(root, "a", ".sourcecheck.yml"), "fail_level: info\n")

	got, err := Discover(deep)
	if err != nil || got != filepath.Join(root, "a", ".sourcecheck.yml") {
		t.Errorf("Discover(deep) = %q, %v", got, err)
	}
	t.Chdir(deep)
	got, err = Discover(".")
	if err != nil || got != filepath.Join("..", "..", ".sourcecheck.yml") {
		t.Errorf("Discover(.) = %q, %v; want a path relative to .", got, err)
	}
	c, err := Load(got)
	if err != nil || c.FailLevel.Value != rules.LevelInfo || c.Dir != filepath.Join("..", "..") {
		t.Errorf("Load(%q) = %+v, %v", got, c, err)
	}

	write(filepath.Join(root, "a", "b", ".sourcecheck.yaml"), "")
	if got, err := Discover("."); err != nil || got != filepath.Join("..", ".sourcecheck.yaml") {
		t.Errorf("the nearest file wins: got %q, %v", got, err)
	}
	write(filepath.Join(root, "a", "b", ".sourcecheck.yml"), "")
	if _, err := Discover("."); err == nil || !strings.Contains(err.Error(), "keep one") {
		t.Errorf("two files in one folder: %v", err)
	}

	empty := t.TempDir()
	if got, err := Discover(empty); err != nil || (got != "" && !strings.HasPrefix(got, filepath.Dir(empty))) {
		t.Errorf("Discover(empty) = %q, %v", got, err)
	}
}

func TestResolveRuleDirsAndSettings(t *testing.T) {
	r := resolve(t, load(t, "full.yaml"))
	custom, ok := r.Rule("acme.no-unnamed-official")
	if !ok || custom.Pos.Builtin || custom.Pos.File != filepath.Join("testdata", "newsroom-rules", "unnamed-official.yaml") {
		t.Fatalf("folder rule = %+v, %v", custom, ok)
	}
	if _, ok := r.Rule(audit.SuppressionRuleID); !ok {
		t.Error("the suppression rule is not known")
	}
	if !r.Known("weasel-words") || r.Known("nope") {
		t.Error("Known is wrong")
	}
	if !slices.IsSortedFunc(r.Rules, func(a, b *rules.Rule) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("rules are not sorted by id")
	}
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name, data string
		flags      Flags
		want       []string
	}{
		{"unknown rule", "rules:\n  weasel-word: off\n", Flags{}, []string{`c.yaml:2:3: rules: unknown rule "weasel-word" (did you mean "weasel-words"?)`}},
		{"unknown far from any", "rules:\n  zzzzzzzzzzzzzz: off\n", Flags{}, []string{`c.yaml:2:3: rules: unknown rule "zzzzzzzzzzzzzz" ('sourcecheck rules' lists them)`}},
		{"unknown in override", "overrides:\n  - paths: [a]\n    rules:\n      nope: off\n", Flags{}, []string{`c.yaml:4:7: rules: unknown rule "nope"`}},
		{"unknown in flag", "", Flags{Rules: []string{"nope=off"}}, []string{`--rule nope=off: unknown rule "nope"`}},
		{"missing rule dir", "rule_dirs: [nowhere]\n", Flags{}, []string{"c.yaml:1:13: rule_dirs: " + filepath.Join("testdata", "nowhere") + ": no such file or directory"}},
		{"rule dir is a file", "rule_dirs: [full.yaml]\n", Flags{}, []string{"c.yaml:1:13: rule_dirs: " + filepath.Join("testdata", "full.yaml") + ": not a folder"}},
		{"missing sources", "sources: [none.yaml]\n", Flags{}, []string{"c.yaml:1:11: sources: " + filepath.Join("testdata", "none.yaml") + ": no such file or directory"}},
		{"missing flag rule dir", "", Flags{RuleDirs: []string{"nowhere"}}, []string{"--rules: nowhere: no such file or directory"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(filepath.Join("testdata", "c.yaml"), []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if err := c.ApplyFlags(tt.flags); err != nil {
				t.Fatal(err)
			}
			_, err = c.Resolve()
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.ReplaceAll(err.Error(), filepath.Join("testdata", "c.yaml"), "c.yaml")
			lines := strings.Split(got, "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("error %d = %q, want prefix %q", i, lines[i], w)
				}
			}
		})
	}
}

func TestResolveDuplicateRuleID(t *testing.T) {
	dir := t.TempDir()
	rule := "id: weasel-words\nlevel: info\ncheck: existence\nmessage: m\ndescription: d\nparams: {tokens: [x]}\nexamples: {hit: [x], pass: [y]}\n"
	if err := os.WriteFile(filepath.Join(dir, "dup.yaml"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	c := Default()
	if err := c.ApplyFlags(Flags{RuleDirs: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	_, err := c.Resolve()
	want := filepath.Join(dir, "dup.yaml") + `:1:1: rule "weasel-words": already defined by the built-in rules`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v, want %q", err, want)
	}
}

// levels returns the rules that run on path, as id=level, for the ids
// given.
func levels(r *Resolved, path string, ids ...string) []string {
	lv := r.Levels(path)
	var out []string
	for _, id := range ids {
		if l, ok := lv[id]; ok {
			out = append(out, id+"="+l.String())
		} else {
			out = append(out, id+"=off")
		}
	}
	return out
}

func TestPerPathLevels(t *testing.T) {
	c := load(t, "full.yaml")
	if err := c.ApplyFlags(Flags{Rules: []string{"vague-attribution=error"}}); err != nil {
		t.Fatal(err)
	}
	r := resolve(t, c)
	ids := []string{"weasel-words", "acme.no-unnamed-official", "single-source-dependence", "vague-attribution"}
	tests := []struct {
		path string
		want []string
	}{
		{filepath.Join("testdata", "news", "a.md"), []string{"weasel-words=error", "acme.no-unnamed-official=warning", "single-source-dependence=off", "vague-attribution=error"}},
		{filepath.Join("testdata", "opinion", "col.md"), []string{"weasel-words=off", "acme.no-unnamed-official=info", "single-source-dependence=off", "vague-attribution=error"}},
		// Both overrides match; the later one wins for weasel-words.
		{filepath.Join("testdata", "opinion", "letters", "l.md"), []string{"weasel-words=warning", "acme.no-unnamed-official=info", "single-source-dependence=off", "vague-attribution=error"}},
		// A pattern without a slash matches the file name anywhere.
		{filepath.Join("testdata", "x", "y.op-ed.md"), []string{"weasel-words=off", "acme.no-unnamed-official=info", "single-source-dependence=off", "vague-attribution=error"}},
		// "opinion/**" is relative to the configuration's folder.
		{filepath.Join("elsewhere", "opinion", "col.md"), []string{"weasel-words=error", "acme.no-unnamed-official=warning", "single-source-dependence=off", "vague-attribution=error"}},
		{"-", []string{"weasel-words=error", "acme.no-unnamed-official=warning", "single-source-dependence=off", "vague-attribution=error"}},
	}
	for _, tt := range tests {
		if got := levels(r, tt.path, ids...); !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.path, got, tt.want)
		}
	}
	// The flag wins over the overrides too.
	c2 := load(t, "full.yaml")
	if err := c2.ApplyFlags(Flags{Rules: []string{"weasel-words=info"}}); err != nil {
		t.Fatal(err)
	}
	if got := levels(resolve(t, c2), filepath.Join("testdata", "opinion", "col.md"), "weasel-words"); got[0] != "weasel-words=info" {
		t.Errorf("flag over override: %q", got)
	}
}

func TestExtendsNone(t *testing.T) {
	r := resolve(t, load(t, "extends-none.yaml"))
	lv := r.Levels("a.md")
	if len(lv) != 1 || lv["weasel-words"] != rules.LevelWarning {
		t.Errorf("extends: none should run weasel-words only, at its own level: %v", lv)
	}
	for _, s := range r.Global() {
		if s.Rule.ID == "quote-without-speaker" && (!s.Off || s.Origin.Line != 1) {
			t.Errorf("a built-in rule under extends: none: %+v", s)
		}
	}
	var ids []string
	for _, rule := range r.EngineRules() {
		ids = append(ids, rule.ID)
	}
	if !slices.Equal(ids, []string{"weasel-words"}) {
		t.Errorf("EngineRules = %q", ids)
	}
}

func TestEngineRules(t *testing.T) {
	r := resolve(t, load(t, "full.yaml"))
	got := map[string]string{}
	for _, rule := range r.EngineRules() {
		got[rule.ID] = rule.Level.String()
	}
	if got["weasel-words"] != "error" || got["acme.no-unnamed-official"] != "warning" {
		t.Errorf("re-levelled and folder rules: %v", got)
	}
	if _, ok := got["single-source-dependence"]; ok {
		t.Error("a rule off everywhere must not run")
	}
	if _, ok := got[audit.SuppressionRuleID]; ok {
		t.Error("the suppression rule is not an engine rule")
	}
	// A rule off globally but on in an override runs, at its own level.
	c, err := Parse("c.yaml", []byte("rules: {weasel-words: off}\noverrides:\n  - paths: [news/**]\n    rules: {weasel-words: on}\n"))
	if err != nil {
		t.Fatal(err)
	}
	r = resolve(t, c)
	found := false
	for _, rule := range r.EngineRules() {
		found = found || rule.ID == "weasel-words"
	}
	if !found || levels(r, "news/a.md", "weasel-words")[0] != "weasel-words=warning" || levels(r, "a.md", "weasel-words")[0] != "weasel-words=off" {
		t.Errorf("rule on in an override only: engine %v, levels %v %v", found, levels(r, "news/a.md", "weasel-words"), levels(r, "a.md", "weasel-words"))
	}
}

func TestApplyFlags(t *testing.T) {
	c := load(t, "full.yaml")
	err := c.ApplyFlags(Flags{MinLevel: "info", FailLevel: "error", Baseline: "other.yaml",
		RuleDirs: []string{"more"}, Sources: []string{"s.yaml"}, Exclude: []string{"*.html"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.MinLevel.Value != rules.LevelInfo || c.MinLevel.Origin.String() != "flag --min-level" || c.FailLevel.Value != rules.LevelError {
		t.Errorf("levels: %+v %+v", c.MinLevel, c.FailLevel)
	}
	if c.BaselineFile() != "other.yaml" {
		t.Errorf("a flag's path is relative to the working directory: %q", c.BaselineFile())
	}
	if got := Values(c.RuleDirs); !slices.Equal(got, []string{"newsroom-rules", "more"}) {
		t.Errorf("--rules adds: %q", got)
	}
	if got := Values(c.Exclude); !slices.Equal(got, []string{"*.html"}) {
		t.Errorf("--exclude replaces: %q", got)
	}
	if got := Values(c.Include); len(got) != 2 {
		t.Errorf("include untouched without --include: %q", got)
	}
	if err := c.ApplyFlags(Flags{NoBaseline: true}); err != nil || c.BaselineFile() != "" {
		t.Errorf("--no-baseline: %q, %v", c.BaselineFile(), err)
	}
	for _, bad := range []struct {
		f    Flags
		want string
	}{
		{Flags{FailLevel: "fatal"}, `--fail-level: unknown level "fatal"`},
		{Flags{Baseline: "b", NoBaseline: true}, "--baseline and --no-baseline contradict each other"},
		{Flags{Include: []string{"[x"}}, `--include: glob "[x"`},
		{Flags{Rules: []string{"weasel-words"}}, `--rule "weasel-words": want ID=SETTING`},
		{Flags{Rules: []string{"weasel-words=loud"}}, `--rule weasel-words=loud: unknown rule setting "loud"`},
	} {
		if err := Default().ApplyFlags(bad.f); err == nil || !strings.HasPrefix(err.Error(), bad.want) {
			t.Errorf("ApplyFlags(%+v) = %v, want %q", bad.f, err, bad.want)
		}
	}
}

func TestLoadBaseline(t *testing.T) {
	c := load(t, "full.yaml")
	b, err := c.LoadBaseline()
	if err != nil || b == nil || b.Len() != 0 {
		t.Errorf("LoadBaseline = %v, %v", b, err)
	}
	c, err = Parse(filepath.Join("testdata", "c.yaml"), []byte("baseline: missing.yaml\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.LoadBaseline()
	want := filepath.Join("testdata", "c.yaml") + ":1:11: baseline: " + filepath.Join("testdata", "missing.yaml") + ": no such file or directory (create it with 'sourcecheck baseline write')"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant %s", err, want)
	}
	if b, err := Default().LoadBaseline(); b != nil || err != nil {
		t.Errorf("no baseline: %v, %v", b, err)
	}
}

func TestWriteYAML(t *testing.T) {
	c := load(t, "full.yaml")
	if err := c.ApplyFlags(Flags{FailLevel: "error", Rules: []string{"vague-attribution=off"}}); err != nil {
		t.Fatal(err)
	}
	r := resolve(t, c)
	var buf bytes.Buffer
	if err := r.WriteYAML(&buf, filepath.Join("testdata", "opinion", "col.md")); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	file := filepath.Join("testdata", "full.yaml")
	for _, want := range []string{
		"# file: " + file,
		"# rules for: " + filepath.Join("testdata", "opinion", "col.md"),
		"min_level: warning # " + file + ":4:12\n",
		"fail_level: error # flag --fail-level\n",
		"version: 1 # " + file + ":2:10\n",
		"  - drafts/** # " + file + ":8:11\n",
		"weasel-words: off # " + file + ":18:7; runs at error when on\n",
		"vague-attribution: off # flag --rule vague-attribution=off; runs at warning when on\n",
		"acme.no-unnamed-official: info # " + file + ":19:7\n",
		"quote-without-speaker: error # default (rules/pack/quote-without-speaker.yaml:1)\n",
		"; applies to " + filepath.Join("testdata", "opinion", "col.md"),
		"; does not apply to " + filepath.Join("testdata", "opinion", "col.md"),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The output is itself a valid configuration, with the same values.
	back, err := Parse(file, buf.Bytes())
	if err != nil {
		t.Fatalf("config print output does not parse: %v\n%s", err, out)
	}
	rb := resolve(t, back)
	if back.FailLevel.Value != rules.LevelError || back.MinLevel.Value != rules.LevelWarning || len(back.Overrides) != 2 {
		t.Errorf("read back: %+v", back)
	}
	got := levels(rb, filepath.Join("testdata", "news", "a.md"), "vague-attribution", "weasel-words", "single-source-dependence")
	if want := []string{"vague-attribution=off", "weasel-words=off", "single-source-dependence=off"}; !slices.Equal(got, want) {
		t.Errorf("read back levels %q, want %q (the rules section shows col.md's states)", got, want)
	}
}

func TestWriteYAMLDefault(t *testing.T) {
	var buf bytes.Buffer
	if err := resolve(t, Default()).WriteYAML(&buf, ""); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"# file: none", "extends: builtin # default\n", "baseline: null # default: no baseline\n", "overrides: []\n", "include: [] # none\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := Parse("p.yaml", buf.Bytes()); err != nil {
		t.Errorf("does not parse back: %v", err)
	}
}

func TestOriginString(t *testing.T) {
	for _, tt := range []struct {
		o    Origin
		want string
	}{
		{Origin{}, "default"},
		{Origin{Default: true}, "default"},
		{Origin{File: "r.yaml", Line: 3, Default: true}, "default (r.yaml:3)"},
		{Origin{File: "c.yaml", Line: 3, Column: 7}, "c.yaml:3:7"},
		{FlagOrigin("--min-level"), "flag --min-level"},
	} {
		if got := tt.o.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.o, got, tt.want)
		}
	}
}

// TestDocsExampleParses keeps the annotated example of docs/config.md
// valid: it must parse, and its rule settings must name rules that exist
// (the rule of the example's own folder aside).
func TestDocsExampleParses(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "config.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, "```yaml\n# .sourcecheck.yaml")
	if start < 0 {
		t.Fatal("docs/config.md has no annotated example")
	}
	example := doc[start+len("```yaml\n"):]
	example = example[:strings.Index(example, "```")]
	c, err := Parse(".sourcecheck.yaml", []byte(example))
	if err != nil {
		t.Fatalf("the example does not parse: %v", err)
	}
	if c.FailLevel.Value != rules.LevelWarning || len(c.Overrides) != 2 || len(c.RuleDirs) != 1 {
		t.Errorf("the example parsed to %+v", c)
	}
	known := map[string]bool{audit.SuppressionRuleID: true, "acme.no-unnamed-official": true}
	for _, r := range rules.DefaultRules() {
		known[r.ID] = true
	}
	all := c.Rules
	for _, o := range c.Overrides {
		all = append(all, o.Rules...)
	}
	for _, s := range all {
		if !known[s.ID] {
			t.Errorf("the example names rule %q, which does not exist", s.ID)
		}
	}
}
