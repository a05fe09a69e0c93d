package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/config"
	"github.com/sourcecheck/sourcecheck/rules"
)

const rulesLong = `List the rules: id, level, check kind and a one-line summary.

The list is the configuration's: built-in rules (unless extends: none turns
them off) and the rules of every rule folder (rule_dirs, --rules), each at
the level the configuration gives it outside per-path overrides. A rule
that is off is listed as off; a re-levelled rule shows its own level in
parentheses. 'sourcecheck config print PATH' shows the rules for one
article, overrides applied.

Rules are YAML files; 'sourcecheck rules explain ID' shows one in full and
'sourcecheck rules test DIR' checks a folder of your own.`

func newRulesCmd(e *env) *cobra.Command {
	var o configOptions
	var format string
	cmd := &cobra.Command{
		Use:   "rules [flags]",
		Short: "List, explain and test the sourcing rules",
		Long:  rulesLong,
		Example: `  # The rules in effect here
  sourcecheck rules

  # With your newsroom's rule folder, as JSON
  sourcecheck rules --rules newsroom-rules/ --format json

  # Everything about one rule
  sourcecheck rules explain weasel-words

  # Check your own rules against their examples
  sourcecheck rules test newsroom-rules/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError("--format: %q is not one of text, json", format)
			}
			res, err := e.loadConfig(&o, config.Flags{})
			if err != nil {
				return err
			}
			list := ruleList(res)
			if format == "json" {
				return writeJSON(e.stdout, list)
			}
			return writeRuleTable(e.stdout, list)
		},
	}
	o.register(cmd.Flags(), false)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	cmd.AddCommand(newRulesExplainCmd(e), newRulesTestCmd(e))
	return cmd
}

// ruleListing is the JSON form of `sourcecheck rules`. Fields may be
// added, never renamed.
type ruleListing struct {
	Version int `json:"version"`
	// Config is the configuration file used; empty for none.
	Config string      `json:"config"`
	Rules  []ruleEntry `json:"rules"`
}

// ruleEntry is one rule of the listing.
type ruleEntry struct {
	ID string `json:"id"`
	// Level is the level the rule runs at (for a rule that is off, the
	// level it would run at); DefaultLevel is the rule's own.
	Level        string `json:"level"`
	DefaultLevel string `json:"default_level"`
	Enabled      bool   `json:"enabled"`
	Check        string `json:"check"`
	Summary      string `json:"summary"`
	// File is where the rule is defined; Builtin is true for the rules
	// that come with sourcecheck.
	File    string `json:"file"`
	Builtin bool   `json:"builtin"`
	// Origin is what decided the rule's state: "default (FILE:LINE)", a
	// configuration file:line:column or a flag.
	Origin string `json:"origin"`
}

func ruleList(res *config.Resolved) ruleListing {
	out := ruleListing{Version: 1, Config: res.Config.File, Rules: []ruleEntry{}}
	for _, s := range res.Global() {
		r := s.Rule
		out.Rules = append(out.Rules, ruleEntry{ID: r.ID, Level: s.Level.String(), DefaultLevel: r.Level.String(),
			Enabled: !s.Off, Check: r.Check, Summary: summary(r.Description), File: r.Pos.File,
			Builtin: r.Pos.Builtin, Origin: s.Origin.String()})
	}
	return out
}

func writeRuleTable(w io.Writer, l ruleListing) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLEVEL\tCHECK\tSUMMARY")
	on := 0
	for _, r := range l.Rules {
		level := r.Level
		switch {
		case !r.Enabled:
			level = "off"
		case r.Level != r.DefaultLevel:
			level = fmt.Sprintf("%s (own: %s)", r.Level, r.DefaultLevel)
		}
		if r.Enabled {
			on++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, level, r.Check, r.Summary)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	cfg := "no configuration file"
	if l.Config != "" {
		cfg = "configuration " + l.Config
	}
	_, err := fmt.Fprintf(w, "\n%d rules, %d on, %d off (%s); 'sourcecheck rules explain ID' for details\n", len(l.Rules), on, len(l.Rules)-on, cfg)
	return err
}

// summary returns the first sentence of a description, shortened.
func summary(desc string) string {
	s := strings.Join(strings.Fields(desc), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i+1]
	}
	const max = 100
	if utf8.RuneCountInString(s) > max {
		n := 0
		for i := range s {
			if n == max-1 {
				return strings.TrimSpace(s[:i]) + "…"
			}
			n++
		}
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func newRulesExplainCmd(e *env) *cobra.Command {
	var o configOptions
	var format string
	cmd := &cobra.Command{
		Use:   "explain [flags] ID",
		Short: "Explain a rule: what it finds, why, how to fix it, its parameters and examples",
		Long: `Explain a rule: its description, the standard it follows and a link,
the fix it suggests, the check it runs with its parameters, the texts it
fires on and stays silent on, and its level in the configuration.`,
		Example: `  # Why is this a finding, and what would fix it?
  sourcecheck rules explain weasel-words

  # A rule from your own folder, as JSON
  sourcecheck rules explain --rules newsroom-rules/ acme.no-anonymous --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError("--format: %q is not one of text, json", format)
			}
			res, err := e.loadConfig(&o, config.Flags{})
			if err != nil {
				return err
			}
			r, ok := res.Rule(args[0])
			if !ok {
				return usageError("unknown rule %q ('sourcecheck rules' lists them)", args[0])
			}
			var state config.RuleState
			for _, s := range res.Global() {
				if s.Rule.ID == r.ID {
					state = s
				}
			}
			if format == "json" {
				return writeJSON(e.stdout, struct {
					*rules.Rule
					EffectiveLevel string `json:"effective_level"`
					Enabled        bool   `json:"enabled"`
					Origin         string `json:"origin"`
					File           string `json:"file"`
					Builtin        bool   `json:"builtin"`
				}{r, state.Level.String(), !state.Off, state.Origin.String(), r.Pos.File, r.Pos.Builtin})
			}
			return writeExplain(e.stdout, r, state)
		},
	}
	o.register(cmd.Flags(), false)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}

func writeExplain(w io.Writer, r *rules.Rule, s config.RuleState) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s rule, check %s\n", r.ID, r.Level, r.Check)
	switch {
	case s.Off:
		fmt.Fprintf(&b, "In effect: off (%s)\n", s.Origin)
	case s.Level != r.Level:
		fmt.Fprintf(&b, "In effect: %s (%s)\n", s.Level, s.Origin)
	default:
		fmt.Fprintf(&b, "In effect: %s\n", s.Level)
	}
	where := r.Pos.File
	if r.Pos.Rule.Line > 0 {
		where = fmt.Sprintf("%s:%d", r.Pos.File, r.Pos.Rule.Line)
	}
	if r.Pos.Builtin {
		where += " (built-in)"
	}
	fmt.Fprintf(&b, "Defined in: %s\n", where)
	fmt.Fprintf(&b, "\n%s\n", indent(strings.TrimSpace(r.Description), "  "))
	if r.Standard != "" {
		fmt.Fprintf(&b, "\nStandard: %s\n", r.Standard)
	}
	if r.Link != "" {
		fmt.Fprintf(&b, "Link: %s\n", r.Link)
	}
	if r.Fix != "" {
		fmt.Fprintf(&b, "\nFix: %s\n", r.Fix)
	}
	fmt.Fprintf(&b, "\nMessage: %s\n", r.Message)
	if len(r.Scope.Blocks) > 0 || len(r.Scope.Claims) > 0 {
		b.WriteString("\nScope:\n")
		if len(r.Scope.Blocks) > 0 {
			fmt.Fprintf(&b, "  blocks: %s\n", strings.Join(r.Scope.Blocks, ", "))
		}
		if len(r.Scope.Claims) > 0 {
			fmt.Fprintf(&b, "  claims: %s\n", strings.Join(r.Scope.Claims, ", "))
		}
	}
	for _, k := range audit.CheckKinds() {
		if k.Name != r.Check {
			continue
		}
		fmt.Fprintf(&b, "\nCheck %s: %s\n", k.Name, k.Summary)
		if k.Params != "" {
			fmt.Fprintf(&b, "  parameters it takes:\n%s\n", indent(k.Params, "    "))
		}
	}
	if !r.Params.IsZero() {
		var out strings.Builder
		enc := yaml.NewEncoder(&out)
		enc.SetIndent(2)
		if err := enc.Encode(r.Params); err != nil {
			return err
		}
		if err := enc.Close(); err != nil {
			return err
		}
		fmt.Fprintf(&b, "\nParameters:\n%s\n", indent(strings.TrimRight(out.String(), "\n"), "  "))
	}
	for _, ex := range []struct {
		title string
		texts []string
	}{{"Fires on", r.Examples.Hit}, {"Stays silent on", r.Examples.Pass}} {
		fmt.Fprintf(&b, "\n%s:\n", ex.title)
		for i, t := range ex.texts {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "%s\n", indent(strings.TrimRight(t, "\n"), "  │ "))
		}
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// indent prefixes every line of s.
func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(prefix+l, " ")
	}
	return strings.Join(lines, "\n")
}

const rulesTestLong = `Load rule files, compile them and run each rule over its own examples:
every hit text must make the rule fire, every pass text must leave it
silent. Each example is read as a Markdown article (a blank line separates
paragraphs, "# " starts a headline).

PATH is a folder (every *.yaml and *.yml file directly in it) or a rule
file. The rules are tested on their own, with the built-in source registry
(plus --sources), not with the configuration.

Exit status: 0 when every example behaves, 1 when one does not, 2 when a
rule file is invalid (each problem is reported with file:line:column).`

func newRulesTestCmd(e *env) *cobra.Command {
	var sources []string
	var quiet bool
	cmd := &cobra.Command{
		Use:   "test [flags] PATH...",
		Short: "Run rules over their hit and pass examples",
		Long:  rulesTestLong,
		Example: `  # Test your newsroom's rule folder before adding it to rule_dirs
  sourcecheck rules test newsroom-rules/

  # One file, showing failures only, with your source registry
  sourcecheck rules test -q --sources our-sources.yaml newsroom-rules/no-anonymous.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runRulesTest(args, sources, quiet)
		},
	}
	cmd.Flags().StringArrayVar(&sources, "sources", nil, "extra source registry YAML the examples need (repeatable)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print failing examples only")
	return cmd
}

func (e *env) runRulesTest(paths, sources []string, quiet bool) error {
	var rs []*rules.Rule
	var errs []error
	seen := map[string]*rules.Rule{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return usageError("%v", err)
		}
		var loaded []*rules.Rule
		if st.IsDir() {
			loaded, err = rules.LoadRulesDir(p)
		} else {
			loaded, err = rules.LoadRulesFile(p)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, r := range loaded {
			if prev, dup := seen[r.ID]; dup {
				errs = append(errs, r.Errorf(r.Pos.Rule, "already defined at %s:%d", prev.Pos.File, prev.Pos.Rule.Line))
				continue
			}
			seen[r.ID] = r
			rs = append(rs, r)
		}
	}
	if len(errs) > 0 {
		return configError(errors.Join(errs...))
	}
	registry, err := loadRegistry(sources)
	if err != nil {
		return err
	}
	eng, err := audit.NewEngine(audit.NewAnalyzer(nil, registry), rs)
	if err != nil {
		return configError(err)
	}
	var b strings.Builder
	failed, n := 0, map[string]int{}
	for _, r := range eng.RunExamples() {
		kind := "pass"
		if r.Hit {
			kind = "hit"
		}
		n[r.Rule+kind]++
		if r.OK() && quiet {
			continue
		}
		status := "PASS"
		if !r.OK() {
			status = "FAIL"
			failed++
		}
		fmt.Fprintf(&b, "%s  %s %s #%d: %s\n", status, r.Rule, kind, n[r.Rule+kind], audit.Excerpt(r.Text))
		if r.OK() {
			continue
		}
		if r.Hit {
			b.WriteString("      the rule should fire, but found nothing\n")
		}
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "      the rule should stay silent, but found at %d:%d: %s\n", f.Line, f.RuneColumn, f.Message)
		}
	}
	total := 0
	for _, c := range n {
		total += c
	}
	fmt.Fprintf(&b, "%d rules, %d examples: %d passed, %d failed\n", len(rs), total, total-failed, failed)
	if _, err := io.WriteString(e.stdout, b.String()); err != nil {
		return err
	}
	if failed > 0 {
		return &exitError{code: ExitFindings, err: fmt.Errorf("%d examples failed", failed)}
	}
	return nil
}
