package rules

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/template"

	"gopkg.in/yaml.v3"
)

// Level is how serious a finding is.
type Level int

// Levels, in increasing order of severity. The zero Level is invalid.
const (
	LevelInfo Level = iota + 1
	LevelWarning
	LevelError
)

// Levels lists the valid levels from least to most severe.
var Levels = []Level{LevelInfo, LevelWarning, LevelError}

// String returns "info", "warning" or "error".
func (l Level) String() string {
	switch l {
	case LevelInfo:
		return "info"
	case LevelWarning:
		return "warning"
	case LevelError:
		return "error"
	}
	return fmt.Sprintf("level(%d)", int(l))
}

// ParseLevel parses "info", "warning" or "error" (case-insensitive;
// "warn" is accepted for "warning").
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info":
		return LevelInfo, nil
	case "warning", "warn":
		return LevelWarning, nil
	case "error":
		return LevelError, nil
	}
	return 0, fmt.Errorf("unknown level %q (want error, warning or info)", s)
}

// MarshalText implements encoding.TextMarshaler, so levels print by name
// in JSON and YAML.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Rule is one sourcing rule: which check it runs, where, with which
// parameters, and what it says when it fires. Rules are written in YAML;
// see LoadRules for the schema.
type Rule struct {
	// ID names the rule in findings, configuration and suppression
	// comments: lowercase words joined by hyphens ("unattributed-figure").
	ID    string `yaml:"id" json:"id"`
	Level Level  `yaml:"level" json:"level"`
	// Check names the engine's check kind the rule runs ("unattributed").
	Check string `yaml:"check" json:"check"`
	// Message is a text/template for the finding's message. The fields
	// available are those of audit.MessageData: {{.Claim}}, {{.Kind}},
	// {{.Subkind}}, {{.Source}}, {{.SourceType}}, {{.Cue}}, {{.Match}} and
	// {{.Detail}}.
	Message string `yaml:"message" json:"message"`
	// Fix is a hint for the writer: what would make the finding go away.
	Fix string `yaml:"fix,omitempty" json:"fix,omitempty"`
	// Description explains the rule for `sourcecheck rules explain`.
	Description string `yaml:"description" json:"description"`
	// Standard names the newsroom standard the rule follows.
	Standard string `yaml:"standard,omitempty" json:"standard,omitempty"`
	// Link points to the standard or to more help.
	Link     string   `yaml:"link,omitempty" json:"link,omitempty"`
	Scope    Scope    `yaml:"scope,omitempty" json:"scope"`
	Params   Params   `yaml:"params,omitempty" json:"params,omitempty"`
	Examples Examples `yaml:"examples" json:"examples"`
	Pos      RulePos  `yaml:"-" json:"-"`
	tmpl     *template.Template
}

// Scope limits where a rule looks.
type Scope struct {
	// Blocks lists the block kinds the rule reads (headline, subheading,
	// body, …). Empty means the editorial kinds: headline, subheading and
	// body.
	Blocks []string `yaml:"blocks,omitempty" json:"blocks,omitempty"`
	// Claims lists the claim kinds the rule judges, each "kind" or
	// "kind/subkind" ("figure/casualty", "quote", "reported"). Empty means
	// every kind. Checks that do not judge claims ignore it.
	Claims []string `yaml:"claims,omitempty" json:"claims,omitempty"`
}

// Examples are texts the rule must fire on (Hit) and must stay silent on
// (Pass). The test suite runs them for every rule, built-in or not.
type Examples struct {
	Hit  []string `yaml:"hit" json:"hit"`
	Pass []string `yaml:"pass" json:"pass"`
}

// RulePos records where a rule and its parts are written, so that errors
// found after loading (an unknown check kind, a bad parameter) still name
// file:line:column.
type RulePos struct {
	File string
	// Rule is where the rule's mapping starts; Check, Message and Params
	// where those values are.
	Rule, Check, Message, Params Pos
	// Builtin is true for rules of the embedded pack.
	Builtin bool
}

// Pos is a line and column in a YAML file, both 1-based; zero when
// unknown.
type Pos struct{ Line, Column int }

// Errorf returns a *LoadError at pos in the rule's file.
func (r *Rule) Errorf(pos Pos, format string, args ...any) error {
	return &LoadError{File: r.Pos.File, Line: pos.Line, Column: pos.Column, Msg: fmt.Sprintf("rule %q: ", r.ID) + fmt.Sprintf(format, args...)}
}

// Template returns the rule's parsed message template.
func (r *Rule) Template() *template.Template { return r.tmpl }

// WithLevel returns a copy of the rule at another level.
func (r *Rule) WithLevel(l Level) *Rule {
	c := *r
	c.Level = l
	return &c
}

// Params are a rule's check parameters, kept as YAML so that each check
// kind decodes them into its own struct with Decode and errors still name
// file:line:column.
type Params struct {
	node *yaml.Node
	file string
}

// IsZero reports whether no parameters were given.
func (p Params) IsZero() bool { return p.node == nil }

// UnmarshalYAML keeps the node.
func (p *Params) UnmarshalYAML(n *yaml.Node) error {
	p.node = n
	return nil
}

// MarshalYAML returns the node as written.
func (p Params) MarshalYAML() (any, error) { return p.node, nil }

// MarshalJSON renders the parameters as JSON.
func (p Params) MarshalJSON() ([]byte, error) {
	if p.node == nil {
		return []byte("null"), nil
	}
	var v any
	if err := p.node.Decode(&v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// Decode decodes the parameters strictly into v, a pointer to a struct
// with yaml tags: a key that v does not have, or a value of the wrong
// type, is a *LoadError naming file:line:column. Missing parameters leave
// v's fields as they were, so set defaults before calling Decode.
func (p Params) Decode(v any) error {
	if p.node == nil {
		return nil
	}
	n := p.node
	if n.Kind != yaml.MappingNode {
		return &LoadError{File: p.file, Line: n.Line, Column: n.Column, Msg: "params must be a mapping"}
	}
	known := yamlKeys(reflect.TypeOf(v))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(known, k.Value) {
			return &LoadError{File: p.file, Line: k.Line, Column: k.Column,
				Msg: fmt.Sprintf("unknown parameter %q (want %s)", k.Value, strings.Join(known, ", "))}
		}
		if err := n.Content[i+1].Decode(fieldPtr(v, k.Value)); err != nil {
			val := n.Content[i+1]
			return &LoadError{File: p.file, Line: val.Line, Column: val.Column,
				Msg: fmt.Sprintf("parameter %q: %s", k.Value, yamlMessage(err))}
		}
	}
	return nil
}

// Pos returns where the value of parameter key is written, or where the
// params mapping starts when key is not there.
func (p Params) Pos(key string) Pos {
	if p.node == nil {
		return Pos{}
	}
	for i := 0; i+1 < len(p.node.Content); i += 2 {
		if p.node.Content[i].Value == key {
			v := p.node.Content[i+1]
			return Pos{v.Line, v.Column}
		}
	}
	return Pos{p.node.Line, p.node.Column}
}

// ItemPos returns where item i of the sequence parameter key is written.
func (p Params) ItemPos(key string, i int) Pos {
	if p.node == nil {
		return Pos{}
	}
	for j := 0; j+1 < len(p.node.Content); j += 2 {
		if p.node.Content[j].Value == key {
			v := p.node.Content[j+1]
			if v.Kind == yaml.SequenceNode && i < len(v.Content) {
				return Pos{v.Content[i].Line, v.Content[i].Column}
			}
			return Pos{v.Line, v.Column}
		}
	}
	return p.Pos(key)
}

func yamlKeys(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		keys = append(keys, name)
	}
	return keys
}

func fieldPtr(v any, key string) any {
	rv := reflect.ValueOf(v).Elem()
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name == "" {
			name = strings.ToLower(t.Field(i).Name)
		}
		if name == key {
			return rv.Field(i).Addr().Interface()
		}
	}
	return new(any)
}

var yamlPrefixRE = regexp.MustCompile(`^yaml: (unmarshal errors:\n\s*)?(line \d+: )?`)

func yamlMessage(err error) string {
	return yamlPrefixRE.ReplaceAllString(err.Error(), "")
}

// Rule IDs: lowercase words of letters and digits joined by single
// hyphens, optionally namespaced by a prefix and a dot ("acme.no-anon").
var ruleIDRE = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*\.)?[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether id is a valid rule id.
func ValidID(id string) bool { return ruleIDRE.MatchString(id) }

var blockKinds = []string{"headline", "subheading", "body", "meta", "byline", "caption", "ad", "related", "nav"}
var claimKinds = []string{"figure", "quote", "reported"}
var figureSubkinds = []string{"casualty", "displacement", "territory", "money", "other"}

// ruleKeys lists the keys a rule may have, in the order `rules explain`
// prints them.
var ruleKeys = []string{"id", "level", "check", "message", "fix", "description", "standard", "link", "scope", "params", "examples"}

// LoadRules parses a rule file: one rule per YAML document ("---"
// separates them). name is used in error messages only.
//
// Every rule needs id, level (error, warning or info), check, message,
// description and examples with at least one hit and one pass text. Unknown
// keys, a bad level, an unknown block or claim kind in scope, an invalid
// message template and duplicate ids are errors; each is a *LoadError
// naming name:line:column, and all of a file's problems are returned
// joined. Check kinds and their parameters are checked when the rules are
// compiled by audit.NewEngine, which reports them the same way.
func LoadRules(name string, data []byte) ([]*Rule, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	p := &parser{NodeParser: NodeParser{File: name}}
	var out []*Rule
	seen := map[string]bool{}
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, YAMLError(name, err)
		}
		if len(doc.Content) == 0 {
			continue
		}
		r := p.rule(doc.Content[0])
		if r == nil {
			continue
		}
		if seen[r.ID] {
			p.Fail(doc.Content[0], "rule %q defined twice", r.ID)
			continue
		}
		seen[r.ID] = true
		out = append(out, r)
	}
	if p.Problems() > 0 {
		return nil, p.Err()
	}
	if len(out) == 0 {
		return nil, &LoadError{File: name, Msg: "no rules in file"}
	}
	return out, nil
}

// rule parses one rule mapping.
func (p *parser) rule(n *yaml.Node) *Rule {
	if n.Kind != yaml.MappingNode {
		p.Fail(n, "a rule must be a mapping with keys %s", strings.Join(ruleKeys, ", "))
		return nil
	}
	before := p.Problems()
	r := &Rule{Pos: RulePos{File: p.File, Rule: Pos{n.Line, n.Column}}}
	var levelSet, hasExamples bool
	p.Mapping(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			r.ID = p.str(v, key)
			if r.ID != "" && !ValidID(r.ID) {
				p.Fail(v, "rule id %q must be lowercase letters, digits and single hyphens (optionally prefixed \"ns.\")", r.ID)
			}
		case "level":
			lv, err := ParseLevel(p.str(v, key))
			if err != nil {
				p.Fail(v, "%v", err)
			}
			r.Level, levelSet = lv, true
		case "check":
			r.Check = p.str(v, key)
			r.Pos.Check = Pos{v.Line, v.Column}
		case "message":
			r.Message = p.str(v, key)
			r.Pos.Message = Pos{v.Line, v.Column}
		case "fix":
			r.Fix = p.str(v, key)
		case "description":
			r.Description = p.str(v, key)
		case "standard":
			r.Standard = p.str(v, key)
		case "link":
			r.Link = p.str(v, key)
			if r.Link != "" && !strings.HasPrefix(r.Link, "https://") && !strings.HasPrefix(r.Link, "http://") {
				p.Fail(v, "link %q must start with http:// or https://", r.Link)
			}
		case "scope":
			p.scope(v, &r.Scope)
		case "params":
			r.Params = Params{node: v, file: p.File}
			r.Pos.Params = Pos{v.Line, v.Column}
		case "examples":
			hasExamples = true
			p.examples(v, &r.Examples)
		default:
			p.Fail(k, "unknown key %q in rule (want %s)", key, strings.Join(ruleKeys, ", "))
		}
	})
	label := "rule"
	if r.ID != "" {
		label = fmt.Sprintf("rule %q", r.ID)
	}
	for _, req := range []struct {
		ok   bool
		name string
	}{{r.ID != "" || p.hasKey(n, "id"), "id"}, {levelSet, "level"}, {r.Check != "" || p.hasKey(n, "check"), "check"},
		{r.Message != "" || p.hasKey(n, "message"), "message"}, {r.Description != "" || p.hasKey(n, "description"), "description"},
		{hasExamples, "examples"}} {
		if !req.ok {
			p.Fail(n, "%s has no %s", label, req.name)
		}
	}
	if r.Message != "" {
		t, err := template.New(r.ID).Option("missingkey=error").Parse(r.Message)
		if err != nil {
			p.Fail(nodeAt(n, "message"), "message template: %s", strings.TrimPrefix(err.Error(), "template: "))
		}
		r.tmpl = t
	}
	if p.Problems() > before {
		return nil
	}
	return r
}

func nodeAt(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return n
}

func (p *parser) scope(n *yaml.Node, s *Scope) {
	if n.Kind != yaml.MappingNode {
		p.Fail(n, "scope must be a mapping with keys blocks, claims")
		return
	}
	p.Mapping(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "blocks":
			s.Blocks = p.words(v, key, func(w string) string {
				if !slices.Contains(blockKinds, w) {
					return fmt.Sprintf("unknown block kind %q (want one of %s)", w, strings.Join(blockKinds, ", "))
				}
				return ""
			})
		case "claims":
			s.Claims = p.words(v, key, func(w string) string {
				kind, sub, hasSub := strings.Cut(w, "/")
				if !slices.Contains(claimKinds, kind) {
					return fmt.Sprintf("unknown claim kind %q (want one of %s, or figure/SUBKIND)", kind, strings.Join(claimKinds, ", "))
				}
				if hasSub && (kind != "figure" || !slices.Contains(figureSubkinds, sub)) {
					return fmt.Sprintf("unknown claim subkind %q (figures have %s)", w, strings.Join(figureSubkinds, ", "))
				}
				return ""
			})
		default:
			p.Fail(k, "unknown key %q in scope (want blocks, claims)", key)
		}
	})
}

func (p *parser) words(v *yaml.Node, key string, check func(string) string) []string {
	if v.Kind != yaml.SequenceNode {
		p.Fail(v, "%s must be a sequence", key)
		return nil
	}
	var out []string
	for _, item := range v.Content {
		w := p.str(item, key+" item")
		if msg := check(w); w != "" && msg != "" {
			p.Fail(item, "%s", msg)
			continue
		}
		out = append(out, w)
	}
	return out
}

func (p *parser) examples(n *yaml.Node, ex *Examples) {
	if n.Kind != yaml.MappingNode {
		p.Fail(n, "examples must be a mapping with keys hit, pass")
		return
	}
	p.Mapping(n, func(key string, k, v *yaml.Node) {
		var dst *[]string
		switch key {
		case "hit":
			dst = &ex.Hit
		case "pass":
			dst = &ex.Pass
		default:
			p.Fail(k, "unknown key %q in examples (want hit, pass)", key)
			return
		}
		if v.Kind != yaml.SequenceNode {
			p.Fail(v, "examples %s must be a sequence of texts", key)
			return
		}
		for _, item := range v.Content {
			if s := p.str(item, "example"); s != "" {
				*dst = append(*dst, s)
			}
		}
	})
	if len(ex.Hit) == 0 {
		p.Fail(n, "examples need at least one hit text")
	}
	if len(ex.Pass) == 0 {
		p.Fail(n, "examples need at least one pass text")
	}
}

// LoadRulesFile reads and parses the rule file at path.
func LoadRulesFile(path string) ([]*Rule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return LoadRules(path, data)
}

// LoadRulesDir reads every *.yaml and *.yml file directly in dir, in name
// order. Rule ids must be unique across the folder. All files are read;
// the error joins every file's problems.
func LoadRulesDir(dir string) ([]*Rule, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && isYAML(e.Name()) {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("rules: %s: no .yaml rule files", dir)
	}
	return loadAll(files, func(f string) ([]byte, error) { return os.ReadFile(f) }, false)
}

func isYAML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

func loadAll(files []string, read func(string) ([]byte, error), builtin bool) ([]*Rule, error) {
	var all []*Rule
	var errs []error
	where := map[string]*Rule{}
	for _, f := range files {
		data, err := read(f)
		if err != nil {
			errs = append(errs, fmt.Errorf("rules: %w", err))
			continue
		}
		rs, err := LoadRules(f, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, r := range rs {
			r.Pos.Builtin = builtin
			if prev, dup := where[r.ID]; dup {
				errs = append(errs, r.Errorf(r.Pos.Rule, "already defined at %s:%d", prev.Pos.File, prev.Pos.Rule.Line))
				continue
			}
			where[r.ID] = r
			all = append(all, r)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return all, nil
}

//go:embed pack/*.yaml
var packFS embed.FS

var (
	packOnce  sync.Once
	packRules []*Rule
	packErr   error
)

// DefaultRules returns the built-in rule pack, parsed from the embedded
// rules/pack/*.yaml on first use, sorted by id. Callers must not modify
// the rules; use WithLevel for a re-levelled copy. It panics if the pack is
// invalid, which the package tests rule out.
func DefaultRules() []*Rule {
	packOnce.Do(func() {
		names, err := fs.Glob(packFS, "pack/*.yaml")
		if err != nil {
			packErr = err
			return
		}
		sort.Strings(names)
		for i, n := range names {
			names[i] = "rules/" + n // as the file is named in the repository
		}
		packRules, packErr = loadAll(names, func(f string) ([]byte, error) {
			return packFS.ReadFile(strings.TrimPrefix(f, "rules/"))
		}, true)
		sort.Slice(packRules, func(i, j int) bool { return packRules[i].ID < packRules[j].ID })
	})
	if packErr != nil {
		panic(packErr)
	}
	return packRules
}

// Find returns the rule with the given id.
func Find(rs []*Rule, id string) (*Rule, bool) {
	for _, r := range rs {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}
