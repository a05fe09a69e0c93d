package config

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the loader. It must never panic; a
// configuration it accepts (without rule folders or source files, which
// would touch the disk) must resolve or fail cleanly, and when it
// resolves, what config print writes must load again with the same
// levels. Seeded with the files in testdata.
//
//	go test ./config -run '^$' -fuzz FuzzLoad -fuzztime 30s
func FuzzLoad(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"rules: {weasel-words: off}\noverrides:\n  - paths: [\"**\"]\n    rules: {weasel-words: error}\n",
		"extends: none\nrules:\n  suppression: on\n",
		"rules: &a {x: off}\noverrides: [{paths: [a], rules: *a}]\n",
		"min_level: !!int 3\n",
		"baseline: ~\ninclude: []\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(filepath.Join("testdata", "fuzz.yaml"), data)
		if err != nil {
			if err.Error() == "" {
				t.Error("empty error message")
			}
			return
		}
		if len(c.RuleDirs) > 0 || len(c.Sources) > 0 {
			return
		}
		r, err := c.Resolve()
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := r.WriteYAML(&buf, "opinion/a.md"); err != nil {
			t.Fatalf("WriteYAML: %v", err)
		}
		back, err := Parse(filepath.Join("testdata", "print.yaml"), buf.Bytes())
		if err != nil {
			t.Fatalf("config print output does not load: %v\n%s", err, buf.String())
		}
		rb, err := back.Resolve()
		if err != nil {
			t.Fatalf("config print output does not resolve: %v\n%s", err, buf.String())
		}
		if back.MinLevel.Value != c.MinLevel.Value || back.FailLevel.Value != c.FailLevel.Value {
			t.Errorf("levels changed: %v/%v, then %v/%v", c.MinLevel.Value, c.FailLevel.Value, back.MinLevel.Value, back.FailLevel.Value)
		}
		want, got := r.Levels("opinion/a.md"), rb.Levels("opinion/a.md")
		if len(want) != len(got) {
			t.Fatalf("rules for opinion/a.md changed: %v, then %v\n%s", want, got, buf.String())
		}
		for id, l := range want {
			if got[id] != l {
				t.Errorf("rule %s: %v, then %v", id, l, got[id])
			}
		}
	})
}
