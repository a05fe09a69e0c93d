package cli

import (
	"errors"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sourcecheck/sourcecheck/config"
)

// configOptions are the flags that choose and adjust the configuration,
// shared by every command that reads it (audit, baseline write, rules,
// config print).
type configOptions struct {
	file     string
	noConfig bool
	// ruleDirs (--rules) and sources add to the configuration's lists;
	// ruleSettings (--rule ID=SETTING) win over its rule settings.
	ruleDirs, sources, ruleSettings []string
}

// register adds the flags; withSources adds --sources too, for the
// commands that read articles.
func (o *configOptions) register(fs *pflag.FlagSet, withSources bool) {
	fs.StringVar(&o.file, "config", "", "configuration file (default: .sourcecheck.yaml or .sourcecheck.yml found in the working directory or a parent)")
	fs.BoolVar(&o.noConfig, "no-config", false, "ignore configuration files: built-in defaults and flags only")
	fs.StringArrayVar(&o.ruleDirs, "rules", nil, "extra folder of rule YAML files (repeatable); adds to the configuration's rule_dirs")
	fs.StringArrayVar(&o.ruleSettings, "rule", nil, "turn a rule off, on or to a level, over the configuration: ID=off|on|error|warning|info (repeatable)")
	if withSources {
		fs.StringArrayVar(&o.sources, "sources", nil, "extra source registry YAML (repeatable); adds to the configuration's sources")
	}
}

// loadConfig finds and loads the configuration (unless --no-config),
// layers the flags over it and resolves it against the rules it names.
// Every error is a configuration error (exit 2); flag errors are usage
// errors.
func (e *env) loadConfig(o *configOptions, flags config.Flags) (*config.Resolved, error) {
	if o.noConfig && o.file != "" {
		return nil, usageError("--config and --no-config contradict each other")
	}
	cfg := config.Default()
	path := o.file
	if path == "" && !o.noConfig {
		found, err := config.Discover(".")
		if err != nil {
			return nil, configError(err)
		}
		path = found
	}
	if path != "" {
		loaded, err := config.Load(path)
		if err != nil {
			if o.file != "" && errors.Is(err, os.ErrNotExist) {
				return nil, usageError("--config: %v", err)
			}
			return nil, configError(err)
		}
		cfg = loaded
		e.log.Debugf("configuration: %s", path)
	}
	flags.RuleDirs = append(flags.RuleDirs, o.ruleDirs...)
	flags.Sources = append(flags.Sources, o.sources...)
	flags.Rules = append(flags.Rules, o.ruleSettings...)
	if err := cfg.ApplyFlags(flags); err != nil {
		return nil, usageError("%v", err)
	}
	res, err := cfg.Resolve()
	if err != nil {
		return nil, configError(err)
	}
	return res, nil
}

// configError marks a configuration problem: exit 2, no usage hint.
func configError(err error) error {
	return &exitError{code: ExitError, err: err}
}

const configLong = `Show the configuration sourcecheck runs with.

The configuration file is .sourcecheck.yaml (or .sourcecheck.yml), looked
for in the working directory and then in each parent folder up to the
filesystem root; --config FILE names one instead and --no-config ignores
them. Flags win over the file. docs/config.md describes every key.`

const configPrintLong = `Print the configuration in effect as YAML: every key with its value and,
as a comment, where the value came from: "default", the file:line:column
that set it, or the flag.

The rules section lists every rule known (built-in and from rule folders)
with its level or off. With PATH, it shows the rules in effect for that
article: the overrides whose paths match it are applied, and each override
says whether it applies.

Paths are shown as written: those from the file are relative to its
folder, those from flags to the working directory. Exit status 2 when the
configuration is invalid, with the file:line:column of every problem.`

func newConfigCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the configuration in effect",
		Long:  configLong,
		Example: `  # The configuration in effect here, with where each value comes from
  sourcecheck config print

  # Which rules run on one article (per-path overrides applied)
  sourcecheck config print content/opinion/column.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newConfigPrintCmd(e))
	return cmd
}

func newConfigPrintCmd(e *env) *cobra.Command {
	var o configOptions
	var flags config.Flags
	cmd := &cobra.Command{
		Use:   "print [flags] [PATH]",
		Short: "Print the effective configuration and where each value comes from",
		Long:  configPrintLong,
		Example: `  # The configuration found from here upwards
  sourcecheck config print

  # The rules in effect for one article
  sourcecheck config print content/opinion/column.md

  # What a CI job's flags change
  sourcecheck config print --fail-level warning --rule weasel-words=off

  # Check a configuration file before committing it (exit 2 if invalid)
  sourcecheck config print --config .sourcecheck.yaml > /dev/null`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := e.loadConfig(&o, flags)
			if err != nil {
				return err
			}
			path := ""
			if len(args) == 1 {
				path = args[0]
			}
			return res.WriteYAML(e.stdout, path)
		},
	}
	fs := cmd.Flags()
	o.register(fs, true)
	registerLevelFlags(fs, &flags)
	fs.StringVar(&flags.Baseline, "baseline", "", "baseline file, over the configuration's baseline")
	fs.BoolVar(&flags.NoBaseline, "no-baseline", false, "ignore the configuration's baseline")
	fs.StringArrayVar(&flags.Include, "include", nil, "include glob (repeatable); replaces the configuration's include")
	fs.StringArrayVar(&flags.Exclude, "exclude", nil, "exclude glob (repeatable); replaces the configuration's exclude")
	return cmd
}

// registerLevelFlags adds --min-level and --fail-level, whose defaults
// come from the configuration.
func registerLevelFlags(fs *pflag.FlagSet, flags *config.Flags) {
	fs.StringVar(&flags.MinLevel, "min-level", "", "show only findings at or above this level: error, warning or info (default: the configuration's min_level, else info)")
	fs.StringVar(&flags.FailLevel, "fail-level", "", "exit 1 when a shown finding is at or above this level: error, warning or info (default: the configuration's fail_level, else error)")
}
