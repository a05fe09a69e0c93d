package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

// Resolved is a configuration checked against the rules it names: the
// built-in pack, the suppression rule and the rule folders' rules, every
// rule id in the settings known.
type Resolved struct {
	Config *Config
	// Rules are every rule known, built-in or from a rule folder, enabled
	// or not, sorted by id, at the levels their files give them.
	Rules []*rules.Rule
	byID  map[string]*rules.Rule
}

// RuleState is a rule as the configuration leaves it: on or off, at a
// level, and which setting decided.
type RuleState struct {
	Rule *rules.Rule
	// Off is true when the rule does not run.
	Off bool
	// Level is the level the rule runs at (for a rule that is off: the
	// level it would run at).
	Level rules.Level
	// Origin is where the state was decided: the rule's definition for a
	// rule left alone, otherwise the setting that changed it.
	Origin Origin
}

// Resolve loads the rules the configuration names (the built-in pack, the
// suppression rule and every rule folder) and checks that every rule id
// in its settings exists. Problems name the file:line:column (or the
// flag) of the setting concerned; all are returned joined. Rule folders'
// rules are compiled later, by audit.NewEngine.
func (c *Config) Resolve() (*Resolved, error) {
	r := &Resolved{Config: c, byID: map[string]*rules.Rule{}}
	var errs []error
	add := func(rule *rules.Rule) {
		if prev, dup := r.byID[rule.ID]; dup {
			where := "the built-in rules"
			if !prev.Pos.Builtin {
				where = fmt.Sprintf("%s:%d", prev.Pos.File, prev.Pos.Rule.Line)
			}
			errs = append(errs, rule.Errorf(rule.Pos.Rule, "already defined by %s; choose another id", where))
			return
		}
		r.byID[rule.ID] = rule
		r.Rules = append(r.Rules, rule)
	}
	for _, rule := range rules.DefaultRules() {
		add(rule)
	}
	add(audit.SuppressionRule())
	for _, d := range c.RuleDirs {
		dir := c.Path(d)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			msg := "not a folder"
			if err != nil {
				msg = pathErrMsg(err)
			}
			errs = append(errs, settingError(d.Origin, "rule_dirs", "%s: %s", dir, msg))
			continue
		}
		rs, err := rules.LoadRulesDir(dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, rule := range rs {
			add(rule)
		}
	}
	for _, s := range c.Sources {
		p := c.Path(s)
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			msg := "a folder, not a registry file"
			if err != nil {
				msg = pathErrMsg(err)
			}
			errs = append(errs, settingError(s.Origin, "sources", "%s: %s", p, msg))
		}
	}
	sort.Slice(r.Rules, func(i, j int) bool { return r.Rules[i].ID < r.Rules[j].ID })
	check := func(list []RuleSetting) {
		for _, s := range list {
			if _, ok := r.byID[s.ID]; !ok {
				msg := fmt.Sprintf("unknown rule %q", s.ID)
				if near := r.suggest(s.ID); near != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", near)
				} else {
					msg += " ('sourcecheck rules' lists them)"
				}
				errs = append(errs, settingError(s.Origin, "rules", "%s", msg))
			}
		}
	}
	check(c.Rules)
	for _, o := range c.Overrides {
		check(o.Rules)
	}
	check(c.FlagRules)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// pathErrMsg returns the reason of a file system error without the path
// it names, so that the caller can name the path as written.
func pathErrMsg(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// settingError reports a problem with a setting where it was written: at
// its file:line:column, or naming its flag.
func settingError(o Origin, key, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if o.Flag != "" {
		return fmt.Errorf("%s: %s", o.Flag, msg)
	}
	return &rules.LoadError{File: o.File, Line: o.Line, Column: o.Column, Msg: key + ": " + msg}
}

// suggest returns the known rule id closest to id, if it is close.
func (r *Resolved) suggest(id string) string {
	best, bestD := "", len(id)/3+2
	for _, rule := range r.Rules {
		if d := editDistance(id, rule.ID); d < bestD {
			best, bestD = rule.ID, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Rule returns the known rule with the given id.
func (r *Resolved) Rule(id string) (*rules.Rule, bool) {
	rule, ok := r.byID[id]
	return rule, ok
}

// Known reports whether a rule id exists.
func (r *Resolved) Known(id string) bool { _, ok := r.byID[id]; return ok }

// initial returns the rules' states before any setting: built-in rules
// on when the configuration extends the built-in pack, folder rules on,
// each at its own level.
func (r *Resolved) initial() map[string]*RuleState {
	states := make(map[string]*RuleState, len(r.Rules))
	for _, rule := range r.Rules {
		s := &RuleState{Rule: rule, Level: rule.Level,
			Origin: Origin{File: rule.Pos.File, Line: rule.Pos.Rule.Line, Default: true}}
		if rule.Pos.Builtin && r.Config.Extends.Value == ExtendsNone {
			s.Off, s.Origin = true, r.Config.Extends.Origin
		}
		states[rule.ID] = s
	}
	return states
}

func apply(states map[string]*RuleState, list []RuleSetting) {
	for _, set := range list {
		s, ok := states[set.ID]
		if !ok {
			continue
		}
		s.Off, s.Origin = set.Off, set.Origin
		if set.Level != 0 {
			s.Level = set.Level
		}
	}
}

func sorted(states map[string]*RuleState) []RuleState {
	out := make([]RuleState, 0, len(states))
	for _, s := range states {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rule.ID < out[j].Rule.ID })
	return out
}

// Global returns every rule's state outside any override: the file's
// rules, then the flags', sorted by id.
func (r *Resolved) Global() []RuleState {
	states := r.initial()
	apply(states, r.Config.Rules)
	apply(states, r.Config.FlagRules)
	return sorted(states)
}

// ForPath returns every rule's state for the article at path: the file's
// rules, then each override whose globs match path (in the order
// written), then the flags'. See Matches for how paths are matched.
func (r *Resolved) ForPath(path string) []RuleState {
	return sorted(r.forPath(path))
}

func (r *Resolved) forPath(path string) map[string]*RuleState {
	states := r.initial()
	apply(states, r.Config.Rules)
	for _, o := range r.Config.Overrides {
		if r.Config.Matches(o, path) {
			apply(states, o.Rules)
		}
	}
	apply(states, r.Config.FlagRules)
	return states
}

// Levels returns the level of every rule that runs on the article at
// path; a rule that is off is absent.
func (r *Resolved) Levels(path string) map[string]rules.Level {
	out := map[string]rules.Level{}
	for id, s := range r.forPath(path) {
		if !s.Off {
			out[id] = s.Level
		}
	}
	return out
}

// Matches reports whether an override applies to the article at path.
// Its globs are matched against the path relative to the configuration
// file's folder, and against the file name (see audit.MatchPath); an
// article outside that folder, or read from standard input ("-"), is
// matched by its file name only.
func (c *Config) Matches(o Override, path string) bool {
	rel := filepath.ToSlash(path)
	if path != "-" {
		if abs, err := filepath.Abs(path); err == nil {
			if r, err := filepath.Rel(c.absDir, abs); err == nil {
				rel = filepath.ToSlash(r)
			}
		}
		if strings.HasPrefix(rel, "../") || rel == ".." {
			rel = filepath.Base(path)
		}
	}
	for _, g := range o.Paths {
		if audit.MatchPath(g, rel) {
			return true
		}
	}
	return false
}

// EngineRules returns the rules to compile into the engine: every rule
// that runs somewhere (globally or in an override), at its global level
// when it runs globally and at its own level otherwise; the suppression
// rule, which is not an engine check, is left out. Levels(path) then
// says, per article, which findings to keep and at which level.
func (r *Resolved) EngineRules() []*rules.Rule {
	global := r.initial()
	apply(global, r.Config.Rules)
	apply(global, r.Config.FlagRules)
	somewhere := map[string]bool{}
	for id, s := range global {
		somewhere[id] = !s.Off
	}
	for _, o := range r.Config.Overrides {
		for _, set := range o.Rules {
			if !set.Off {
				somewhere[set.ID] = true
			}
		}
	}
	// A flag turning a rule off wins over every override.
	for _, set := range r.Config.FlagRules {
		somewhere[set.ID] = !set.Off
	}
	var out []*rules.Rule
	for _, rule := range r.Rules {
		if rule.ID == audit.SuppressionRuleID || !somewhere[rule.ID] {
			continue
		}
		s := global[rule.ID]
		if !s.Off && s.Level != rule.Level {
			out = append(out, rule.WithLevel(s.Level))
			continue
		}
		out = append(out, rule)
	}
	return out
}

// SourceFiles returns the extra source registry files, as paths usable
// from the working directory, in order.
func (c *Config) SourceFiles() []string {
	out := make([]string, 0, len(c.Sources))
	for _, s := range c.Sources {
		out = append(out, c.Path(s))
	}
	return out
}

// BaselineFile returns the baseline file as a path usable from the
// working directory, or "" for none.
func (c *Config) BaselineFile() string { return c.Path(c.Baseline) }

// ReadOptions returns read options with the configuration's include and
// exclude globs.
func (c *Config) ReadOptions(opts audit.ReadOptions) audit.ReadOptions {
	opts.Include, opts.Exclude = Values(c.Include), Values(c.Exclude)
	return opts
}

// LoadBaseline loads the baseline file the configuration names; nil when
// it names none. A missing file is an error naming the setting (its
// file:line:column, or its flag).
func (c *Config) LoadBaseline() (*audit.Baseline, error) {
	b := c.Baseline
	if b.Value == "" {
		return nil, nil
	}
	p := c.Path(b)
	if _, err := os.Stat(p); err != nil {
		return nil, settingError(b.Origin, "baseline", "%s: %s (create it with 'sourcecheck baseline write')", p, pathErrMsg(err))
	}
	return audit.LoadBaseline(p)
}
