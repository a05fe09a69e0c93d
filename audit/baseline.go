package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sourcecheck/sourcecheck/rules"
)

// Baseline is a set of accepted findings, known by their fingerprints. A
// CI gate that audits with a baseline fails only on findings that are not
// in it: new ones. Fingerprints hash the rule, the article path, the text
// the finding covers and its occurrence index, not line numbers, so an
// accepted finding stays accepted when lines are added above it and
// becomes new when its text changes. Moving or renaming an article makes
// its findings new.
//
// A baseline file is YAML (or JSON, by its extension):
//
//	version: 1
//	findings:
//	  - fingerprint: 3f2a9c0d1e4b5a69
//	    rule: weasel-words
//	    path: content/2024/aleppo.md
//	    excerpt: sources say
//
// rule, path, id (the JSON Lines record's id) and excerpt are there for
// the people who review the file; only the fingerprint is matched.
type Baseline struct {
	Version  int             `yaml:"version" json:"version"`
	Findings []BaselineEntry `yaml:"findings" json:"findings"`
	set      map[string]bool
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Fingerprint string `yaml:"fingerprint" json:"fingerprint"`
	Rule        string `yaml:"rule" json:"rule"`
	Path        string `yaml:"path" json:"path"`
	// ID is the article id of a JSON Lines record; empty for whole files.
	ID      string `yaml:"id,omitempty" json:"id,omitempty"`
	Excerpt string `yaml:"excerpt,omitempty" json:"excerpt,omitempty"`
}

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// NewBaseline returns an empty baseline.
func NewBaseline() *Baseline {
	return &Baseline{Version: BaselineVersion, Findings: []BaselineEntry{}, set: map[string]bool{}}
}

// Add accepts the findings of doc. A fingerprint already present is not
// added twice.
func (b *Baseline) Add(doc *Document, fs []Finding) {
	id := ""
	if doc.Record > 0 {
		id = doc.Meta.ID
	}
	for _, f := range fs {
		if b.set[f.Fingerprint] {
			continue
		}
		b.set[f.Fingerprint] = true
		b.Findings = append(b.Findings, BaselineEntry{Fingerprint: f.Fingerprint, Rule: f.Rule,
			Path: filepath.ToSlash(filepath.Clean(doc.Path)), ID: id, Excerpt: f.Excerpt})
	}
}

// Len returns the number of accepted findings.
func (b *Baseline) Len() int { return len(b.Findings) }

// Contains reports whether the baseline accepts a fingerprint.
func (b *Baseline) Contains(fingerprint string) bool { return b.set[fingerprint] }

// Filter splits findings into new ones (kept) and those the baseline
// accepts, keeping their order. A nil baseline accepts nothing.
func (b *Baseline) Filter(fs []Finding) (kept, baselined []Finding) {
	if b == nil || len(b.set) == 0 {
		return fs, nil
	}
	kept = fs[:0:0]
	for _, f := range fs {
		if b.set[f.Fingerprint] {
			baselined = append(baselined, f)
		} else {
			kept = append(kept, f)
		}
	}
	return kept, baselined
}

// sort orders the entries by path, id, rule, excerpt and fingerprint, so
// that a rewritten baseline diffs cleanly.
func (b *Baseline) sort() {
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		for _, c := range [][2]string{{x.Path, y.Path}, {x.ID, y.ID}, {x.Rule, y.Rule}, {x.Excerpt, y.Excerpt}} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		return x.Fingerprint < y.Fingerprint
	})
}

// BaselineFormat returns the format a baseline file is written in, from
// its name: "json" for .json, "yaml" otherwise.
func BaselineFormat(name string) string {
	if strings.EqualFold(filepath.Ext(name), ".json") {
		return "json"
	}
	return "yaml"
}

const baselineHeader = `# sourcecheck baseline: findings accepted as they are. 'sourcecheck audit
# --baseline FILE' hides them, so that only new findings fail the run.
# Rewrite it with 'sourcecheck baseline write'; review changes like code.
`

// Write writes the baseline, sorted, as "yaml" (with a header comment) or
// "json".
func (b *Baseline) Write(w io.Writer, format string) error {
	b.sort()
	out := struct {
		Version  int             `yaml:"version" json:"version"`
		Findings []BaselineEntry `yaml:"findings" json:"findings"`
	}{BaselineVersion, b.Findings}
	if out.Findings == nil {
		out.Findings = []BaselineEntry{}
	}
	var buf bytes.Buffer
	switch format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	case "yaml":
		buf.WriteString(baselineHeader)
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(out); err != nil {
			return err
		}
		if err := enc.Close(); err != nil {
			return err
		}
	default:
		return fmt.Errorf("baseline: unknown format %q (want yaml or json)", format)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// LoadBaseline reads a baseline file. Errors are *rules.LoadError values
// naming the file and, for problems in its content, line:column.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return ParseBaseline(path, data)
}

var fingerprintRE = regexp.MustCompile(`^[0-9a-f]{16}$`)

// ParseBaseline parses a baseline in YAML or JSON (JSON is read as YAML,
// of which it is a subset). name is used in error messages. Unknown keys,
// a missing or unsupported version and malformed fingerprints are errors;
// all problems are returned joined.
func ParseBaseline(name string, data []byte) (*Baseline, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, rules.YAMLError(name, err)
	}
	b := NewBaseline()
	var errs []error
	fail := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, &rules.LoadError{File: name, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)})
	}
	if len(doc.Content) == 0 {
		return nil, &rules.LoadError{File: name, Msg: "empty baseline file (want version and findings)"}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		fail(root, "a baseline must be a mapping with keys version, findings")
		return nil, errors.Join(errs...)
	}
	var hasVersion bool
	eachKey(root, fail, func(key string, k, v *yaml.Node) {
		switch key {
		case "version":
			hasVersion = true
			if n, err := strconv.Atoi(v.Value); err != nil || v.Kind != yaml.ScalarNode || n != BaselineVersion {
				fail(v, "unsupported baseline version %q (want %d)", v.Value, BaselineVersion)
			}
		case "findings":
			if v.Kind != yaml.SequenceNode {
				if v.Tag == "!!null" {
					return
				}
				fail(v, "findings must be a sequence")
				return
			}
			for _, item := range v.Content {
				if e, ok := baselineEntry(item, fail); ok && !b.set[e.Fingerprint] {
					b.set[e.Fingerprint] = true
					b.Findings = append(b.Findings, e)
				}
			}
		default:
			fail(k, "unknown key %q in baseline (want version, findings)", key)
		}
	})
	if !hasVersion {
		fail(root, "baseline has no version (want version: %d)", BaselineVersion)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return b, nil
}

func baselineEntry(n *yaml.Node, fail func(*yaml.Node, string, ...any)) (BaselineEntry, bool) {
	var e BaselineEntry
	if n.Kind != yaml.MappingNode {
		fail(n, "a baseline finding must be a mapping with keys fingerprint, rule, path, id, excerpt")
		return e, false
	}
	ok := true
	eachKey(n, fail, func(key string, k, v *yaml.Node) {
		var dst *string
		switch key {
		case "fingerprint":
			dst = &e.Fingerprint
		case "rule":
			dst = &e.Rule
		case "path":
			dst = &e.Path
		case "id":
			dst = &e.ID
		case "excerpt":
			dst = &e.Excerpt
		default:
			fail(k, "unknown key %q in baseline finding (want fingerprint, rule, path, id, excerpt)", key)
			ok = false
			return
		}
		if v.Kind != yaml.ScalarNode {
			fail(v, "%s must be a string", key)
			ok = false
			return
		}
		*dst = v.Value
	})
	if e.Fingerprint == "" {
		if ok {
			fail(n, "baseline finding has no fingerprint")
		}
		return e, false
	}
	if !fingerprintRE.MatchString(e.Fingerprint) {
		fail(nodeValue(n, "fingerprint"), "fingerprint %q is not 16 lowercase hexadecimal digits", e.Fingerprint)
		return e, false
	}
	return e, ok
}

// eachKey calls f for each key of a mapping, reporting repeated keys.
func eachKey(n *yaml.Node, fail func(*yaml.Node, string, ...any), f func(key string, k, v *yaml.Node)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			fail(k, "key %q repeated", k.Value)
			continue
		}
		seen[k.Value] = true
		f(k.Value, k, v)
	}
}

func nodeValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return n
}
