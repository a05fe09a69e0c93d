package cli

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sourcecheck/sourcecheck/audit"
)

const baselineLong = `A baseline is a file of accepted findings. 'sourcecheck audit --baseline
FILE' (or baseline: in the configuration) hides them, so that a CI gate
adopted on an existing archive fails only on new findings.

Findings are known by their fingerprint: a hash of the rule, the article's
path, the text the finding covers and how many earlier findings of the rule
cover the same text. Line numbers are not part of it, so a finding stays
accepted when lines are added above it; it becomes new when its text
changes or the article moves. Run sourcecheck from the same folder (the
repository root) when writing and when using a baseline, since paths are
part of the fingerprint.`

func newBaselineCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "baseline",
		Short: "Accept the current findings, so that CI fails only on new ones",
		Long:  baselineLong,
		Example: `  # Accept everything found today
  sourcecheck baseline write --output .sourcecheck-baseline.yaml content/

  # From now on, fail only on new findings
  sourcecheck audit --baseline .sourcecheck-baseline.yaml content/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newBaselineWriteCmd(e))
	return cmd
}

const baselineWriteLong = `Audit the articles and write the fingerprints of the findings shown (with
the rule, path and excerpt, for the people who review the file), sorted, so
that rewriting an unchanged baseline changes nothing.

The audit runs as 'sourcecheck audit' would, with the same configuration
and flags, but ignoring any baseline: findings suppressed by comments are
left out, and so are findings below --min-level. Write the baseline over
everything the CI gate audits: the file is replaced, not merged.

The file goes to --output, by default the configuration's baseline file,
else standard output. It is YAML, or JSON when its name ends in .json (or
with --format json). Nothing is written when an input cannot be read (exit
2), so that a partial run cannot shrink the baseline.`

func newBaselineWriteCmd(e *env) *cobra.Command {
	f := auditFlags{writingBaseline: true}
	var output, format string
	cmd := &cobra.Command{
		Use:   "write [flags] PATH...",
		Short: "Write the current findings to a baseline file",
		Long:  baselineWriteLong,
		Example: `  # Accept today's findings in the archive
  sourcecheck baseline write --output .sourcecheck-baseline.yaml content/

  # Refresh the baseline the configuration names (baseline: in .sourcecheck.yaml)
  sourcecheck baseline write content/

  # As JSON on standard output
  sourcecheck baseline write --format json seeds/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runBaselineWrite(&f, output, format, args)
		},
	}
	fs := cmd.Flags()
	f.register(fs)
	fs.StringVarP(&output, "output", "o", "", "file to write, - for standard output (default: the configuration's baseline, else -)")
	fs.StringVar(&format, "format", "", "yaml or json (default: json for a .json file, else yaml)")
	return cmd
}

func (e *env) runBaselineWrite(f *auditFlags, output, format string, paths []string) error {
	if format != "" && format != "yaml" && format != "json" {
		return usageError("--format: %q is not one of yaml, json", format)
	}
	run, err := e.setupAudit(f, paths)
	if err != nil {
		return err
	}
	defer run.close()
	if output == "" {
		output = run.config.Config.BaselineFile()
	}
	if output == "" {
		output = "-"
	}
	if format == "" {
		format = audit.BaselineFormat(output)
	}
	b := audit.NewBaseline()
	results := e.auditInputs(run, paths)
	for _, r := range results {
		b.Add(r.Doc, r.Findings)
	}
	if e.failed {
		return configError(fmt.Errorf("baseline not written: %d input(s) could not be read", e.inputErrors))
	}
	var buf bytes.Buffer
	if err := b.Write(&buf, format); err != nil {
		return err
	}
	if output == "-" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	out, err := createAtomic(output)
	if err == nil {
		if _, err = out.Write(buf.Bytes()); err != nil {
			out.abort()
		} else {
			err = out.commit()
		}
	}
	if err != nil {
		return configError(fmt.Errorf("baseline: %w", err))
	}
	fmt.Fprintf(e.stderr, "sourcecheck: wrote %d findings from %d articles to %s\n", b.Len(), len(results), output)
	return nil
}
