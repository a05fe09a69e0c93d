package cli

import (
	"context"
	"errors"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/config"
	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

const auditLong = `Audit articles against the sourcing rules and report the findings.

Each article is read, segmented and analysed as 'sourcecheck inspect' shows,
then every enabled rule judges it: unattributed figures and quotes, vague
credit, anonymous sources without a reason, claims whose only source is a
party to the conflict, and more ('sourcecheck rules' lists them).

Configuration: .sourcecheck.yaml, found in the working directory or a
parent (or --config FILE), turns rules off or re-levels them, per path too,
adds rule folders and source registries, and sets the levels and the
baseline; flags win over it ('sourcecheck config print' shows the result,
docs/config.md describes it).

Suppression: in Markdown and HTML articles, a comment switches rules off
for the next line of text or a range, and must say why:
  <!-- sourcecheck-disable-next-line weasel-words -- quoting the verdict -->
  <!-- sourcecheck-disable unexplained-anonymous-source -- see editor's note -->
  ...
  <!-- sourcecheck-enable unexplained-anonymous-source -->
RULE may be several ids separated by commas, or all. A comment without a
reason still applies but is reported by the 'suppression' rule, as are
unknown rule ids.

Baseline: --baseline FILE (or baseline: in the configuration) hides the
findings accepted in FILE, written by 'sourcecheck baseline write', so that
a CI gate fails only on new findings. Findings are matched by fingerprint
(rule, article path, the text covered), not by line.

Levels: --min-level hides findings below it; a hidden finding cannot fail
the run. The summary counts findings at or above --min-level that
suppression comments or the baseline hid.

Large inputs: JSON Lines files (and standard input with --stdin-format
jsonl) are read record by record and their records audited in parallel;
--max-bytes applies to each record, not to the file. The text, json,
sarif, rdjsonl, github and junit reports are written as the run goes, so
the run holds only the articles being audited, whatever the input's size;
markdown and html need the whole run and hold it in memory. On Linux, a
static build allowed to lock memory (root) populates its memory as it maps
it, which saves most page faults; SOURCECHECK_MLOCK=0 turns that off.

Exit status:
  0  no shown finding reaches --fail-level
  1  at least one shown finding reaches --fail-level
  2  usage, configuration or read error (the rest of the batch still runs)

Output is the same whatever --jobs is.`

// auditFlags are the flags that choose what is audited and how: inputs,
// configuration, levels, baseline and parallelism. register adds them to
// a command; the audit command adds its output flags (--format, --color).
// Other commands that audit (baseline write, issues) register the same
// flags and call setupAudit and auditInputs.
type auditFlags struct {
	in  inputFlags
	cfg configOptions
	// levels holds --min-level, --fail-level, --baseline and
	// --no-baseline; empty means "from the configuration".
	levels config.Flags
	jobs   int
	// writingBaseline is set by baseline write: --baseline and
	// --no-baseline are not registered and the configuration's baseline
	// is not loaded (it is the file to write, which may not exist yet).
	writingBaseline bool

	// formats are the --format values (FORMAT or FORMAT=FILE), color the
	// --color mode: the audit command's output flags.
	formats []string
	color   string
	// unfingerprinted is set by the audit command when none of its
	// reports shows the findings' fingerprints: unless a baseline needs
	// them, the engine leaves them out.
	unfingerprinted bool
}

// register adds the audit flags to fs.
func (f *auditFlags) register(fs *pflag.FlagSet) {
	f.in.register(fs)
	f.cfg.register(fs, true)
	registerLevelFlags(fs, &f.levels)
	if !f.writingBaseline {
		fs.StringVar(&f.levels.Baseline, "baseline", "", "hide the findings accepted in this baseline file (default: the configuration's baseline)")
		fs.BoolVar(&f.levels.NoBaseline, "no-baseline", false, "show every finding, ignoring the configuration's baseline")
	}
	fs.IntVarP(&f.jobs, "jobs", "j", runtime.GOMAXPROCS(0), "files to audit in parallel")
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

  # Gate on new findings only: accept today's, then audit against them
  sourcecheck baseline write --output .sourcecheck-baseline.yaml content/
  sourcecheck audit --baseline .sourcecheck-baseline.yaml content/

  # Turn a rule off for this run, whatever the configuration says
  sourcecheck audit --rule single-source-dependence=off content/

  # Machine-readable findings with the full analysis
  sourcecheck audit --format json story.md

  # Text on the terminal, SARIF for code scanning and an HTML report, in one run
  sourcecheck audit -f text -f sarif=sourcecheck.sarif -f html=report.html content/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runAudit(cmd.Context(), &f, args)
		},
	}
	fs := cmd.Flags()
	f.register(fs)
	fs.StringArrayVarP(&f.formats, "format", "f", nil, formatHelp+" (default text)")
	fs.StringVar(&f.color, "color", "auto", "colour the text report on standard output: auto, always or never (auto honours NO_COLOR)")
	return cmd
}

// auditRun is a configured audit: the engine, the configuration that
// decides per article which findings to keep and at which level, the
// baseline and the levels.
type auditRun struct {
	engine   *audit.Engine
	config   *config.Resolved
	baseline *audit.Baseline
	// suppression is the rule reporting problems with suppression
	// comments, at its level outside overrides.
	suppression *rules.Rule
	minLevel    rules.Level
	failLevel   rules.Level
	opts        audit.ReadOptions
	jobs        int
	// listing is the inputs listed ahead during the set-up, until
	// auditEach takes it (see takeListing).
	listing *listing
	// levels caches the configuration's levels for the last path audited:
	// every record of a JSON Lines input has its file's path.
	levels levelsCache
}

// takeListing returns the inputs listed ahead for paths, or starts
// listing them now when the set-up listed other paths or the listing was
// taken already.
func (run *auditRun) takeListing(paths []string) *listing {
	l := run.listing
	run.listing = nil
	if l == nil || !slices.Equal(l.paths, paths) {
		l.discard()
		l = listAhead(paths, run.opts)
	}
	return l
}

// close releases what the set-up prepared and no audit took: the
// listing's JSON Lines file opened ahead.
func (run *auditRun) close() {
	run.listing.discard()
	run.listing = nil
}

// levelsCache remembers config.Resolved.Levels for one path. It is safe
// for concurrent use; the maps it returns are shared and must not be
// changed.
type levelsCache struct {
	mu     sync.Mutex
	path   string
	levels map[string]rules.Level
}

// get returns the levels of the rules that run on the article at path.
func (c *levelsCache) get(cfg *config.Resolved, path string) map[string]rules.Level {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.levels == nil || c.path != path {
		c.path, c.levels = path, cfg.Levels(path)
	}
	return c.levels
}

// setupAudit validates the flags, loads the configuration (flags over
// file over defaults), the source registry, the rules and the baseline,
// and builds the engine. Errors are usage errors (bad flags) or
// configuration errors naming file:line:column, both exit 2.
func (e *env) setupAudit(f *auditFlags, paths []string) (*auditRun, error) {
	opts, err := f.in.options()
	if err != nil {
		return nil, err
	}
	if f.jobs < 1 {
		return nil, usageError("--jobs must be at least 1, not %d", f.jobs)
	}
	// The embedded lexicon takes as long to load as the configuration,
	// the rule pack and the registry together: it loads on another core
	// meanwhile, and NewAnalyzer below waits for it. The embedded
	// registry starts loading now too, while the configuration is read;
	// loadRegistry waits for it.
	go audit.DefaultLexicon()
	go rules.DefaultRegistry()
	flags := f.levels
	flags.Include, flags.Exclude = f.in.include, f.in.exclude
	res, err := e.loadConfig(&f.cfg, flags)
	if err != nil {
		return nil, err
	}
	cfg := res.Config
	registry, err := loadRegistry(cfg.SourceFiles())
	if err != nil {
		return nil, err
	}
	var base *audit.Baseline
	if !f.writingBaseline {
		if base, err = cfg.LoadBaseline(); err != nil {
			return nil, configError(err)
		}
	}
	if base != nil {
		e.log.Debugf("baseline %s: %d accepted findings", cfg.BaselineFile(), base.Len())
	}
	var engOpts []audit.EngineOption
	if f.unfingerprinted && base == nil {
		engOpts = append(engOpts, audit.WithoutFingerprints())
	}
	analyzer := audit.NewAnalyzer(nil, registry) // waits for the lexicon
	// The lexicon has loaded on both cores; what is left of the set-up
	// runs on one. The inputs are listed, and the first JSON Lines file
	// opened, on the other meanwhile, and the checks' lexicon sets made
	// (the first article would make them, the other job waiting).
	readOpts := cfg.ReadOptions(opts)
	listed := listAhead(paths, readOpts)
	eng, err := audit.NewEngine(analyzer, res.EngineRules(), engOpts...)
	if err != nil {
		listed.discard()
		return nil, configError(err)
	}
	go eng.Warm()
	sup, _ := res.Rule(audit.SuppressionRuleID)
	for _, s := range res.Global() {
		if s.Rule.ID == audit.SuppressionRuleID {
			sup = sup.WithLevel(s.Level)
		}
	}
	return &auditRun{engine: eng, config: res, baseline: base, suppression: sup,
		minLevel: cfg.MinLevel.Value, failLevel: cfg.FailLevel.Value,
		opts: readOpts, jobs: f.jobs, listing: listed}, nil
}

// rules returns the rules of the run for the report: the engine's, and
// the suppression rule when it runs on some article.
func (run *auditRun) rules() []*rules.Rule {
	rs := run.engine.Rules()
	for _, s := range run.config.Global() {
		if s.Rule.ID == audit.SuppressionRuleID && !s.Off {
			return append(rs, run.suppression)
		}
	}
	for _, o := range run.config.Config.Overrides {
		for _, s := range o.Rules {
			if s.ID == audit.SuppressionRuleID && !s.Off {
				return append(rs, run.suppression)
			}
		}
	}
	return rs
}

// auditInputs audits every input, run.jobs at a time, and returns the
// results in input order, whatever run.jobs is. Read errors are logged
// and mark the run failed (exit 2) while the rest of the batch goes on.
// Each result holds the findings to show (per-path configuration,
// --min-level, suppression comments and the baseline applied) and counts
// those that suppression comments and the baseline hid.
func (e *env) auditInputs(run *auditRun, paths []string) []reports.Result {
	return e.auditInputsContext(context.Background(), run, paths)
}

// auditInputsContext is auditInputs stopping early when ctx is done: the
// inputs not yet started are skipped, and the caller should check ctx
// (see interruptedRun) before using the results. It holds the whole run;
// auditEach hands each result on instead.
func (e *env) auditInputsContext(ctx context.Context, run *auditRun, paths []string) []reports.Result {
	var out []reports.Result
	keep := func(r reports.Result) reports.Result { return r }
	_ = auditEach(ctx, e, run, paths, keep, func(r reports.Result) error {
		out = append(out, r)
		return nil
	})
	return out
}

// auditItem is one unit of an audit's work: a whole file, one record of a
// JSON Lines input, or an error met reading an input at that point.
type auditItem struct {
	in  *auditInput
	rec *audit.JSONLRecord
	err error
	// file is a whole file's size when it was listed, or -1 when it is
	// not known (standard input, a special file, a failed stat).
	file int64
}

// size is the item's size for ordered: a record's length, a whole file's
// size as listed, or -1 when that is not known. A file that grows after
// it is listed is still read only up to --max-bytes.
func (it auditItem) size() int {
	switch {
	case it.rec != nil:
		return it.rec.Size()
	case it.err != nil:
		return 0
	case it.file >= 0 && it.file <= math.MaxInt32:
		return int(it.file)
	}
	return -1
}

// listedSize is the size of the regular file path, or -1 for standard
// input, a special file or a file that cannot be stat'ed (reading it will
// say why).
func listedSize(path string) int64 {
	if path == "-" {
		return -1
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return -1
	}
	return st.Size()
}

// auditInput is an input being audited.
type auditInput struct {
	input
	// counted is set once an error of the input has been counted, so that
	// an input counts once in the run's unreadable inputs however many
	// of its lines are broken.
	counted bool
}

// auditOutput is what auditing one item produced: its documents (for
// their warnings), what prepare made of each, and a read error.
type auditOutput[T any] struct {
	docs []*audit.Document
	out  []T
	err  error
}

// auditEach audits every input, run.jobs articles at a time, and calls
// emit with prepare's result for each article in input order, whatever
// run.jobs is. prepare runs in parallel; emit runs one call at a time, in
// whichever worker finds the next result in order (see ordered).
//
// A JSON Lines input (a .jsonl file, or standard input with --stdin-format
// jsonl) is read record by record and its records are audited in
// parallel, so that one large export uses every job and is never held
// whole: --max-bytes applies to each record. Other files are read and
// audited whole, one per job. At most 2×run.jobs articles are in flight
// at a time, or up to 16×run.jobs small records or files (see ordered).
//
// Read errors (a file that cannot be read, a broken JSON Lines line) are
// logged at their place in the run and mark the run failed (exit 2);
// each input counts once in e.inputErrors. Articles' warnings are logged
// after their analysis. When ctx is done, the inputs and records not yet
// started are skipped. auditEach returns emit's first error, which stops
// the run.
func auditEach[T any](ctx context.Context, e *env, run *auditRun, paths []string, prepare func(reports.Result) T, emit func(T) error) error {
	l := run.takeListing(paths)
	inputs, first := e.listInputs(l)
	produce := func(yield func(auditItem) bool) {
		// The next JSON Lines file is opened while the one before it is
		// read: opening one scans it whole for its encoding, and the
		// jobs would otherwise wait for that scan, the reader being
		// theirs in turn. The first was opened with the listing.
		ahead := first
		defer func() { ahead.discard() }()
		for i := range inputs {
			if ctx.Err() != nil {
				return
			}
			in := &auditInput{input: inputs[i]}
			if !isJSONL(in.path, run.opts) {
				// Small files, like small records, may be more in
				// flight than 2 per job (see orderedWindow).
				if !yield(auditItem{in: in, file: listedSize(in.path)}) {
					return
				}
				continue
			}
			opening := ahead
			if opening == nil || opening.path != in.path {
				ahead.discard()
				opening = openJSONLAhead(in.path, run.opts)
			}
			ahead = nil
			for k := i + 1; k < len(inputs); k++ {
				if p := inputs[k].path; isJSONL(p, run.opts) {
					if p != "-" {
						ahead = openJSONLAhead(p, run.opts)
					}
					break
				}
			}
			if !e.produceJSONL(ctx, in, opening, yield) {
				return
			}
		}
	}
	work := func(it auditItem) auditOutput[T] {
		var o auditOutput[T]
		switch {
		case ctx.Err() != nil:
			return o
		case it.err != nil:
			o.err = it.err
			return o
		case it.rec != nil:
			d, err := it.rec.Document()
			if err != nil {
				o.err = err
				return o
			}
			o.docs = []*audit.Document{d}
		default:
			o.docs, o.err = e.read(it.in.input, run.opts)
		}
		for _, d := range o.docs {
			o.out = append(o.out, prepare(run.audit(d)))
		}
		return o
	}
	return ordered(run.jobs, produce, auditItem.size, work, func(it auditItem, o auditOutput[T]) error {
		if e.logReadErrors(o.err, it.in.explicit) && !it.in.counted {
			it.in.counted = true
			e.failed = true
			e.inputErrors++
		}
		for _, d := range o.docs {
			for _, w := range d.Warnings {
				e.log.Warnf("%s: %s", docName(d), w)
			}
		}
		for _, r := range o.out {
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// isJSONL reports whether an input is read as JSON Lines.
func isJSONL(path string, opts audit.ReadOptions) bool {
	if path == "-" {
		return opts.StdinFormat == audit.FormatJSONL
	}
	f, _ := audit.FormatFor(path)
	return f == audit.FormatJSONL
}

// openingJSONL is a JSON Lines file being opened on its own goroutine
// (audit.OpenJSONL), or standard input to be opened when read.
type openingJSONL struct {
	path string
	opts audit.ReadOptions
	done chan struct{} // closed once j and err are set; nil for "-"
	j    *audit.JSONLReader
	err  error
}

// openJSONLAhead starts opening the JSON Lines input path, unless it is
// standard input, which open reads when it is its turn.
func openJSONLAhead(path string, opts audit.ReadOptions) *openingJSONL {
	o := &openingJSONL{path: path, opts: opts}
	if path == "-" {
		return o
	}
	o.done = make(chan struct{})
	go func() {
		defer close(o.done)
		o.j, o.err = audit.OpenJSONL(path, opts)
	}()
	return o
}

// open returns the opened reader, waiting for it.
func (o *openingJSONL) open(stdin io.Reader) (*audit.JSONLReader, error) {
	if o.done == nil {
		return audit.NewJSONLReader(stdin, "-", o.opts)
	}
	<-o.done
	return o.j, o.err
}

// discard closes a file opened ahead that will not be read (a nil o is
// none) once it is open, without waiting for its scan: a run stopped
// early ends at once.
func (o *openingJSONL) discard() {
	if o == nil || o.done == nil {
		return
	}
	go func() {
		<-o.done
		if o.j != nil {
			o.j.Close()
		}
	}()
}

// produceJSONL yields the records of a JSON Lines input, opened by o,
// and the errors met reading it in their place. It returns false when
// yield did.
func (e *env) produceJSONL(ctx context.Context, in *auditInput, o *openingJSONL, yield func(auditItem) bool) bool {
	j, err := o.open(e.stdin)
	if err != nil {
		return yield(auditItem{in: in, err: err})
	}
	defer j.Close()
	for ctx.Err() == nil {
		rec, err := j.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			if !yield(auditItem{in: in, err: err}) {
				return false
			}
			var re *audit.ReadError
			if !errors.As(err, &re) {
				return true // the input cannot be read further
			}
			continue
		}
		if !yield(auditItem{in: in, rec: rec}) {
			return false
		}
	}
	return true
}

// audit audits one document: it runs the engine, keeps the rules the
// configuration enables for the document's path at their level there,
// adds the suppression rule's findings, drops findings below the minimum
// level, then those suppression comments and the baseline hide.
func (run *auditRun) audit(d *audit.Document) reports.Result {
	levels := run.levels.get(run.config, d.Path)
	// The engine's findings are this call's own: they are filtered in
	// place, which copies none of them into new slices.
	found := run.engine.Audit(d)
	shown := found[:0]
	for _, f := range found {
		lvl, on := levels[f.Rule]
		if !on || lvl < run.minLevel {
			continue
		}
		f.Level = lvl
		shown = append(shown, f)
	}
	directives, problems := audit.Suppressions(d)
	if lvl, on := levels[audit.SuppressionRuleID]; on && lvl >= run.minLevel {
		problems = append(problems, audit.CheckDirectiveRules(directives, run.config.Known)...)
		if len(problems) > 0 {
			shown = append(shown, audit.DirectiveFindings(d, run.suppression.WithLevel(lvl), problems)...)
			audit.SortFindings(shown)
		}
	}
	kept, suppressed := audit.ApplyDirectives(directives, shown)
	kept, baselined := run.baseline.Filter(kept)
	return reports.Result{Doc: d, Findings: kept, Suppressed: len(suppressed), Baselined: len(baselined)}
}

func (e *env) runAudit(ctx context.Context, f *auditFlags, paths []string) error {
	specs, err := parseFormatSpecs(f.formats)
	if err != nil {
		return err
	}
	if err := e.colorReports(specs, f.color); err != nil {
		return err
	}
	stream := streamable(specs)
	if stream {
		// From the start: loading the lexicons and rules builds the heap
		// the setting is made for, most of what stays live all run, and
		// under Go's default it took four collections to do so, a quarter
		// of the set-up's CPU time.
		defer tuneStreamGC()()
	}
	f.unfingerprinted = !showsFingerprints(specs)
	run, err := e.setupAudit(f, paths)
	if err != nil {
		return err
	}
	defer run.close()
	ctx, done := e.withSignals(ctx)
	defer done()
	if stream {
		return e.runAuditStream(ctx, run, specs, paths)
	}
	// Markdown and HTML open with the run's verdict and metrics, and HTML
	// shows every article's text: the run is held in memory whole.
	results := e.auditInputsContext(ctx, run, paths)
	if err := e.interruptedRun(ctx); err != nil {
		return err
	}
	rep := reports.NewAudit(results, run.rules(), run.failLevel)
	rep.Summary.InputErrors = e.inputErrors
	if err := e.writeReports(specs, rep); err != nil {
		return err
	}
	return e.auditExit(rep)
}

// auditExit returns how an audit run whose reports are written ends: exit
// 2 after read errors, 1 when a shown finding reaches the fail level.
func (e *env) auditExit(rep *reports.Audit) error {
	if e.failed {
		return nil // Main exits 2
	}
	if rep.Summary.Failed {
		return &exitError{code: ExitFindings, err: errFindings}
	}
	return nil
}
