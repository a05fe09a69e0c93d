// Package config loads sourcecheck's configuration file, .sourcecheck.yaml,
// layers command-line flags over it and resolves, for each article path,
// which rules run and at which level.
//
// A configuration is found by Discover, from a folder upwards, parsed
// strictly by Parse or Load (unknown keys, bad levels and malformed globs
// are *rules.LoadError values naming file:line:column), overlaid with the
// command line by ApplyFlags, then resolved against the rules it names by
// Resolve, which loads the rule folders and checks every rule id. Every
// value remembers where it came from (Origin), so that `sourcecheck config
// print` can say so. docs/config.md documents the file.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

// FileNames are the names Discover looks for, in order of preference.
var FileNames = []string{".sourcecheck.yaml", ".sourcecheck.yml"}

// Version is the configuration format version.
const Version = 1

// Extends values: the built-in rule pack is on (builtin) or every built-in
// rule starts off and must be turned on by name (none).
const (
	ExtendsBuiltin = "builtin"
	ExtendsNone    = "none"
)

// Origin says where a value came from: a built-in default, a line of a
// configuration file, or a command-line flag.
type Origin struct {
	// File, Line and Column locate the value in a configuration file or,
	// with Default, the rule definition a rule's level comes from.
	File         string
	Line, Column int
	// Flag is the command-line flag that set the value ("--fail-level").
	Flag string
	// Default marks a default; File is then the rule file, if any, that
	// sets it.
	Default bool
}

// String renders the origin as `config print` comments show it:
// "default", "default (rules/pack/x.yaml:1)", ".sourcecheck.yaml:4:13" or
// "flag --fail-level".
func (o Origin) String() string {
	pos := o.File
	if o.Line > 0 {
		pos += ":" + strconv.Itoa(o.Line)
		if o.Column > 0 {
			pos += ":" + strconv.Itoa(o.Column)
		}
	}
	switch {
	case o.Flag != "":
		return "flag " + o.Flag
	case o.File == "":
		return "default"
	case o.Default:
		return "default (" + pos + ")"
	}
	return pos
}

// IsDefault reports whether the value is a default, set by neither a file
// nor a flag.
func (o Origin) IsDefault() bool { return o.Flag == "" && (o.File == "" || o.Default) }

func defaultOrigin() Origin { return Origin{Default: true} }

// FlagOrigin is the origin of a value set by a command-line flag.
func FlagOrigin(flag string) Origin { return Origin{Flag: flag} }

// Setting is a configuration value and where it came from.
type Setting[T any] struct {
	Value  T
	Origin Origin
}

// RuleSetting turns a rule off, on, or to a level.
type RuleSetting struct {
	ID string
	// Off turns the rule off. Otherwise the rule is on, at Level, or at
	// its own level when Level is 0 ("on").
	Off    bool
	Level  rules.Level
	Origin Origin
}

// String renders the setting as written: "off", "on" or a level.
func (s RuleSetting) String() string {
	switch {
	case s.Off:
		return "off"
	case s.Level == 0:
		return "on"
	}
	return s.Level.String()
}

// ParseRuleValue parses a rule setting's value: off, on, error, warning
// or info.
func ParseRuleValue(v string) (off bool, level rules.Level, err error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "off":
		return true, 0, nil
	case "on":
		return false, 0, nil
	}
	level, err = rules.ParseLevel(v)
	if err != nil {
		return false, 0, fmt.Errorf("unknown rule setting %q (want off, on, error, warning or info)", v)
	}
	return false, level, nil
}

// Override applies rule settings to the articles whose path matches one
// of its globs.
type Override struct {
	// Paths are globs matched against the article's path relative to the
	// configuration file's folder, or against its file name (see
	// audit.MatchPath).
	Paths  []string
	Rules  []RuleSetting
	Origin Origin
}

// Config is a configuration: a file's settings over the defaults, and
// the command line's over both.
type Config struct {
	// File is the configuration file's path; empty when there is none.
	File string
	// Dir is the folder relative paths in the file are resolved against:
	// the file's folder, or "." without a file.
	Dir string
	// absDir is Dir made absolute when the configuration was loaded.
	absDir string

	Version             Setting[int]
	Extends             Setting[string]
	MinLevel, FailLevel Setting[rules.Level]
	// Baseline is the baseline file; empty for none.
	Baseline Setting[string]
	// RuleDirs are extra folders of rule files, Sources extra source
	// registry files, as written (see Path).
	RuleDirs, Sources []Setting[string]
	// Include and Exclude are globs filtering the files read in the
	// folders audited, as --include and --exclude.
	Include, Exclude []Setting[string]
	// Rules are the file's rule settings, Overrides its per-path ones and
	// FlagRules those of --rule flags, which win over both.
	Rules     []RuleSetting
	Overrides []Override
	FlagRules []RuleSetting
}

// Default returns the configuration in effect without a file: the
// built-in rules at their own levels, min_level info, fail_level error.
func Default() *Config {
	c := &Config{Dir: "."}
	c.absDir, _ = filepath.Abs(".")
	c.Version = Setting[int]{Version, defaultOrigin()}
	c.Extends = Setting[string]{ExtendsBuiltin, defaultOrigin()}
	c.MinLevel = Setting[rules.Level]{rules.LevelInfo, defaultOrigin()}
	c.FailLevel = Setting[rules.Level]{rules.LevelError, defaultOrigin()}
	c.Baseline = Setting[string]{"", defaultOrigin()}
	return c
}

// Path returns where a path setting points, as a path usable from the
// working directory: values from the file are relative to its folder,
// values from flags to the working directory.
func (c *Config) Path(s Setting[string]) string {
	if s.Value == "" || filepath.IsAbs(s.Value) || s.Origin.Flag != "" || s.Origin.File == "" {
		return s.Value
	}
	return filepath.Join(c.Dir, filepath.FromSlash(s.Value))
}

// Discover looks for a configuration file in dir and its parents up to the
// filesystem root, and returns the first found (joined to dir, so a
// relative dir gives a relative path), or "" when there is none. Two
// files in the same folder (.sourcecheck.yaml and .sourcecheck.yml) are
// an error.
func Discover(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("config: %w", err)
	}
	for cur := abs; ; {
		var found []string
		for _, name := range FileNames {
			p := filepath.Join(cur, name)
			st, err := os.Stat(p)
			switch {
			case err == nil && !st.IsDir():
				found = append(found, p)
			case err != nil && !errors.Is(err, os.ErrNotExist):
				return "", fmt.Errorf("config: %w", err)
			}
		}
		if len(found) > 1 {
			return "", fmt.Errorf("config: both %s and %s exist; keep one", found[0], found[1])
		}
		if len(found) == 1 {
			if filepath.IsAbs(dir) {
				return found[0], nil
			}
			rel, err := filepath.Rel(abs, found[0])
			if err != nil {
				return found[0], nil
			}
			return filepath.Join(dir, rel), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return "", nil
		}
		cur = parent
	}
}

// Load reads and parses the configuration file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err // *fs.PathError names the file
	}
	return Parse(path, data)
}

// keys lists the top-level keys, in the order config print writes them.
var keys = []string{"version", "extends", "min_level", "fail_level", "baseline", "include", "exclude", "rule_dirs", "sources", "rules", "overrides"}

// Parse parses a configuration file's content; name is its path, used in
// error messages and to resolve relative paths. An empty file is the
// default configuration. Every problem is a *rules.LoadError naming
// name:line:column; all of them are returned joined. Rule ids are checked
// later, by Resolve, once the rule folders are loaded.
func Parse(name string, data []byte) (*Config, error) {
	c := Default()
	c.File = name
	c.Dir = filepath.Dir(name)
	if abs, err := filepath.Abs(c.Dir); err == nil {
		c.absDir = abs
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		return nil, rules.YAMLError(name, err)
	}
	p := &parser{rules.NodeParser{File: name}}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.Fail(&extra, "a configuration file holds one YAML document; remove the \"---\"")
	} else if !errors.Is(err, io.EOF) {
		return nil, rules.YAMLError(name, err)
	}
	if len(doc.Content) > 0 {
		p.top(c, doc.Content[0])
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// parser reads a configuration document (see rules.NodeParser).
type parser struct{ rules.NodeParser }

func (p *parser) origin(n *yaml.Node) Origin {
	return Origin{File: p.File, Line: n.Line, Column: n.Column}
}

// scalar returns a string value, reporting anything else.
func (p *parser) scalar(v *yaml.Node, key string) (string, bool) {
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		p.Fail(v, "%s must be a single value", key)
		return "", false
	}
	return v.Value, true
}

func isNull(v *yaml.Node) bool { return v.Kind == yaml.ScalarNode && v.Tag == "!!null" }

func (p *parser) top(c *Config, root *yaml.Node) {
	if isNull(root) {
		return
	}
	if root.Kind != yaml.MappingNode {
		p.Fail(root, "the configuration must be a mapping with keys %s", strings.Join(keys, ", "))
		return
	}
	p.Mapping(root, func(key string, k, v *yaml.Node) {
		switch key {
		case "version":
			s, ok := p.scalar(v, key)
			if n, err := strconv.Atoi(s); ok && (err != nil || n != Version) {
				p.Fail(v, "unsupported version %q (want %d)", s, Version)
			}
			c.Version = Setting[int]{Version, p.origin(v)}
		case "extends":
			s, ok := p.scalar(v, key)
			if ok && s != ExtendsBuiltin && s != ExtendsNone {
				p.Fail(v, "extends: unknown value %q (want builtin or none)", s)
			}
			c.Extends = Setting[string]{s, p.origin(v)}
		case "min_level", "fail_level":
			s, ok := p.scalar(v, key)
			if !ok {
				return
			}
			l, err := rules.ParseLevel(s)
			if err != nil {
				p.Fail(v, "%s: %v", key, err)
				return
			}
			set := Setting[rules.Level]{l, p.origin(v)}
			if key == "min_level" {
				c.MinLevel = set
			} else {
				c.FailLevel = set
			}
		case "baseline":
			if isNull(v) {
				c.Baseline = Setting[string]{"", p.origin(v)}
				return
			}
			if s, ok := p.scalar(v, key); ok {
				if s == "" {
					p.Fail(v, "baseline: empty path (remove the key for no baseline)")
				}
				c.Baseline = Setting[string]{s, p.origin(v)}
			}
		case "include", "exclude":
			list := p.list(v, key, func(item *yaml.Node, s string) bool {
				if err := audit.CheckGlob(s); err != nil {
					p.Fail(item, "%s: %v", key, err)
					return false
				}
				return true
			})
			if key == "include" {
				c.Include = list
			} else {
				c.Exclude = list
			}
		case "rule_dirs":
			c.RuleDirs = p.list(v, key, nil)
		case "sources":
			c.Sources = p.list(v, key, nil)
		case "rules":
			c.Rules = p.ruleSettings(v, key)
		case "overrides":
			c.Overrides = p.overrides(v)
		default:
			p.Fail(k, "unknown key %q (want %s)", key, strings.Join(keys, ", "))
		}
	})
}

// list parses a sequence of non-empty strings; check, when not nil,
// validates each and returns false to drop it.
func (p *parser) list(v *yaml.Node, key string, check func(item *yaml.Node, s string) bool) []Setting[string] {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		p.Fail(v, "%s must be a list", key)
		return nil
	}
	var out []Setting[string]
	for _, item := range v.Content {
		s, ok := p.scalar(item, key+" item")
		if !ok {
			continue
		}
		if s == "" {
			p.Fail(item, "%s: empty item", key)
			continue
		}
		if check != nil && !check(item, s) {
			continue
		}
		out = append(out, Setting[string]{s, p.origin(item)})
	}
	return out
}

// ruleSettings parses a mapping of rule id to off, on or a level.
func (p *parser) ruleSettings(v *yaml.Node, key string) []RuleSetting {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		p.Fail(v, "%s must be a mapping of rule id to off, on, error, warning or info", key)
		return nil
	}
	var out []RuleSetting
	p.Mapping(v, func(id string, k, val *yaml.Node) {
		if !rules.ValidID(id) {
			p.Fail(k, "%q is not a rule id (lowercase words joined by hyphens)", id)
			return
		}
		s, ok := p.scalar(val, "rule "+id)
		if !ok {
			return
		}
		off, level, err := ParseRuleValue(s)
		if err != nil {
			p.Fail(val, "rule %s: %v", id, err)
			return
		}
		out = append(out, RuleSetting{ID: id, Off: off, Level: level, Origin: p.origin(k)})
	})
	return out
}

func (p *parser) overrides(v *yaml.Node) []Override {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		p.Fail(v, "overrides must be a list of {paths: [...], rules: {...}}")
		return nil
	}
	var out []Override
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			p.Fail(item, "an override must be a mapping with keys paths, rules")
			continue
		}
		o := Override{Origin: p.origin(item)}
		var hasPaths, hasRules bool
		p.Mapping(item, func(key string, k, val *yaml.Node) {
			switch key {
			case "paths":
				hasPaths = true
				for _, s := range p.list(val, "paths", func(n *yaml.Node, s string) bool {
					if err := audit.CheckGlob(s); err != nil {
						p.Fail(n, "paths: %v", err)
						return false
					}
					return true
				}) {
					o.Paths = append(o.Paths, s.Value)
				}
			case "rules":
				hasRules = true
				o.Rules = p.ruleSettings(val, "rules")
			default:
				p.Fail(k, "unknown key %q in override (want paths, rules)", key)
			}
		})
		if !hasPaths {
			p.Fail(item, "override has no paths")
		}
		if !hasRules {
			p.Fail(item, "override has no rules")
		}
		out = append(out, o)
	}
	return out
}

// Flags are the command-line flags that override a configuration. Empty
// strings and nil lists mean "not given".
type Flags struct {
	MinLevel, FailLevel string
	// Baseline replaces the file's baseline; NoBaseline drops it.
	Baseline   string
	NoBaseline bool
	// RuleDirs and Sources add to the file's lists.
	RuleDirs, Sources []string
	// Include and Exclude replace the file's lists when given.
	Include, Exclude []string
	// Rules are ID=SETTING pairs (weasel-words=off), applied after the
	// file's rules and overrides.
	Rules []string
}

// ApplyFlags layers command-line flags over the configuration. Errors
// name the flag.
func (c *Config) ApplyFlags(f Flags) error {
	for _, lv := range []struct {
		flag, value string
		dst         *Setting[rules.Level]
	}{{"--min-level", f.MinLevel, &c.MinLevel}, {"--fail-level", f.FailLevel, &c.FailLevel}} {
		if lv.value == "" {
			continue
		}
		l, err := rules.ParseLevel(lv.value)
		if err != nil {
			return fmt.Errorf("%s: %w", lv.flag, err)
		}
		*lv.dst = Setting[rules.Level]{l, FlagOrigin(lv.flag)}
	}
	switch {
	case f.NoBaseline && f.Baseline != "":
		return errors.New("--baseline and --no-baseline contradict each other")
	case f.NoBaseline:
		c.Baseline = Setting[string]{"", FlagOrigin("--no-baseline")}
	case f.Baseline != "":
		c.Baseline = Setting[string]{f.Baseline, FlagOrigin("--baseline")}
	}
	for _, d := range f.RuleDirs {
		c.RuleDirs = append(c.RuleDirs, Setting[string]{d, FlagOrigin("--rules")})
	}
	for _, s := range f.Sources {
		c.Sources = append(c.Sources, Setting[string]{s, FlagOrigin("--sources")})
	}
	for _, g := range []struct {
		flag  string
		value []string
		dst   *[]Setting[string]
	}{{"--include", f.Include, &c.Include}, {"--exclude", f.Exclude, &c.Exclude}} {
		if len(g.value) == 0 {
			continue
		}
		*g.dst = nil
		for _, v := range g.value {
			if err := audit.CheckGlob(v); err != nil {
				return fmt.Errorf("%s: %w", g.flag, err)
			}
			*g.dst = append(*g.dst, Setting[string]{v, FlagOrigin(g.flag)})
		}
	}
	for _, r := range f.Rules {
		id, value, ok := strings.Cut(r, "=")
		id = strings.TrimSpace(id)
		if !ok || id == "" {
			return fmt.Errorf("--rule %q: want ID=SETTING, such as weasel-words=off", r)
		}
		off, level, err := ParseRuleValue(value)
		if err != nil {
			return fmt.Errorf("--rule %s: %w", r, err)
		}
		c.FlagRules = append(c.FlagRules, RuleSetting{ID: id, Off: off, Level: level, Origin: FlagOrigin("--rule " + r)})
	}
	return nil
}

// Values returns the values of a list of settings.
func Values(list []Setting[string]) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		out = append(out, s.Value)
	}
	return out
}
