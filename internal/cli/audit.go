package cli

import (
	"runtime"

	"github.com/spf13/cobra"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

const auditLong = `Audit articles against the sourcing rules and report the findings.

Each article is read, segmented and analysed as 'sourcecheck inspect' shows,
then every enabled rule judges it: unattributed figures and quotes, vague
credit, anonymous sources without a reason, claims whose only source is a
party to the conflict, and more ('sourcecheck rules' lists them).

Exit status:
  0  no shown finding reaches --fail-level
  1  at least one shown finding reaches --fail-level
  2  usage, configuration or read error (the rest of the batch still runs)

--min-level only filters what is shown; a finding that is not shown cannot
fail the run. Output is the same whatever --jobs is.`

// auditFlags are the audit command's flags.
type auditFlags struct {
	in        inputFlags
	format    string
	failLevel string
	minLevel  string
	jobs      int
	sources   []string
	ruleDirs  []string
	color     string
}

func newAuditCmd(e *env) *cobra.Command {
	var f auditFlags
	cmd := &cobra.Command{
		Use:   "audit [flags] PATH...",
		Short: "Audit articles against the sourcing rules",
		Long:  auditLong,
		Example: `  # Audit the seed articles with the built-in rules
  sourcecheck audit seeds/

  # Fail a CI job on warnings too, but only show warnings and errors
  sourcecheck audit --fail-level warning --min-level warning content/

  # Machine-readable findings with the full analysis
  sourcecheck audit --format json story.md`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runAudit(&f, args)
		},
	}
	fs := cmd.Flags()
	f.in.register(fs)
	fs.StringVarP(&f.format, "format", "f", "text", "output format: text or json")
	fs.StringVar(&f.failLevel, "fail-level", "error", "exit 1 when a shown finding is at or above this level: error, warning or info")
	fs.StringVar(&f.minLevel, "min-level", "info", "show only findings at or above this level: error, warning or info")
	fs.IntVarP(&f.jobs, "jobs", "j", runtime.GOMAXPROCS(0), "files to audit in parallel")
	fs.StringArrayVar(&f.sources, "sources", nil, "extra source registry YAML (repeatable)")
	fs.StringArrayVar(&f.ruleDirs, "rules", nil, "extra folder of rule YAML files (repeatable); its rules run with the built-in ones")
	fs.StringVar(&f.color, "color", "auto", "colour the text output: auto, always or never (auto honours NO_COLOR)")
	return cmd
}

// auditRun is a configured audit: the engine and the levels.
type auditRun struct {
	engine    *audit.Engine
	minLevel  rules.Level
	failLevel rules.Level
	opts      audit.ReadOptions
	jobs      int
}

// setup validates the flags and builds the engine.
func (e *env) setupAudit(f *auditFlags) (*auditRun, error) {
	opts, err := f.in.options()
	if err != nil {
		return nil, err
	}
	failLevel, err := rules.ParseLevel(f.failLevel)
	if err != nil {
		return nil, usageError("--fail-level: %v", err)
	}
	minLevel, err := rules.ParseLevel(f.minLevel)
	if err != nil {
		return nil, usageError("--min-level: %v", err)
	}
	if f.jobs < 1 {
		return nil, usageError("--jobs must be at least 1, not %d", f.jobs)
	}
	registry, err := loadRegistry(f.sources)
	if err != nil {
		return nil, err
	}
	rs := append([]*rules.Rule(nil), rules.DefaultRules()...)
	for _, dir := range f.ruleDirs {
		extra, err := rules.LoadRulesDir(dir)
		if err != nil {
			return nil, err
		}
		rs = append(rs, extra...)
	}
	eng, err := audit.NewEngine(audit.NewAnalyzer(nil, registry), rs)
	if err != nil {
		return nil, err
	}
	return &auditRun{engine: eng, minLevel: minLevel, failLevel: failLevel, opts: opts, jobs: f.jobs}, nil
}

// fileResult is what auditing one input produced.
type fileResult struct {
	results []reports.Result
	err     error
}

// auditInputs audits every input, f.jobs at a time, and returns the
// results in input order. Read errors are logged and mark the run failed.
func (e *env) auditInputs(run *auditRun, paths []string) []reports.Result {
	inputs := e.listInputs(paths, run.opts)
	var out []reports.Result
	parallel(inputs, run.jobs, func(in input) fileResult {
		docs, err := e.read(in, run.opts)
		fr := fileResult{err: err}
		for _, d := range docs {
			fr.results = append(fr.results, run.audit(d))
		}
		return fr
	}, func(in input, fr fileResult) {
		e.readFailed(fr.err, in.explicit)
		for _, r := range fr.results {
			for _, w := range r.Doc.Warnings {
				e.log.Warnf("%s: %s", docName(r.Doc), w)
			}
		}
		out = append(out, fr.results...)
	})
	return out
}

// audit audits one document and keeps the findings to show.
func (run *auditRun) audit(d *audit.Document) reports.Result {
	all := run.engine.Audit(d)
	shown := all[:0:0]
	for _, f := range all {
		if f.Level >= run.minLevel {
			shown = append(shown, f)
		}
	}
	return reports.Result{Doc: d, Findings: shown}
}

func (e *env) runAudit(f *auditFlags, paths []string) error {
	if f.format != "text" && f.format != "json" {
		return usageError("--format: %q is not one of text, json", f.format)
	}
	colorOn, err := e.colorEnabled(f.color)
	if err != nil {
		return err
	}
	run, err := e.setupAudit(f)
	if err != nil {
		return err
	}
	rep := reports.NewAudit(e.auditInputs(run, paths), run.engine.Rules(), run.failLevel)
	rep.Summary.InputErrors = e.inputErrors
	switch f.format {
	case "json":
		err = reports.WriteAuditJSON(e.stdout, rep)
	default:
		err = reports.WriteAuditText(e.stdout, rep, reports.TextOptions{Color: colorOn})
	}
	if err != nil {
		return err
	}
	if e.failed {
		return nil // Main exits 2
	}
	if rep.Summary.Failed {
		return &exitError{code: ExitFindings, err: errFindings}
	}
	return nil
}
