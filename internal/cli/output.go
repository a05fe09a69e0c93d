package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"

	"github.com/sourcecheck/sourcecheck/reports"
)

// outputFormats are the report formats --format accepts, as help lists
// them.
var outputFormats = []string{"text", "json", "sarif", "rdjsonl", "github", "junit", "markdown", "html"}

// formatHelp documents --format for the audit command's flag.
const formatHelp = "report format, repeatable: FORMAT to standard output or FORMAT=FILE; " +
	"text, json, sarif, rdjsonl, github, junit, markdown or html (at most one to standard output)"

// formatSpec is one --format value: a report format and where it goes.
type formatSpec struct {
	// format is one of outputFormats.
	format string
	// path is the file to write; "" is standard output.
	path string
	// color turns on ANSI colour for text to standard output; see
	// colorReports.
	color bool
}

// String writes the spec back as --format takes it.
func (s formatSpec) String() string {
	if s.path == "" {
		return s.format
	}
	return s.format + "=" + s.path
}

// parseFormatSpecs parses the --format values, each FORMAT (to standard
// output) or FORMAT=FILE ("-" as FILE is standard output too). No value
// means text to standard output. An unknown format, an empty file name,
// two reports to standard output or two to the same file are usage
// errors.
func parseFormatSpecs(values []string) ([]formatSpec, error) {
	if len(values) == 0 {
		return []formatSpec{{format: "text"}}, nil
	}
	var specs []formatSpec
	stdout := ""
	files := map[string]string{}
	for _, v := range values {
		name, path, hasPath := strings.Cut(v, "=")
		name = strings.TrimSpace(name)
		if !knownFormat(name) {
			return nil, usageError("--format %q: unknown format %q (want one of %s)", v, name, strings.Join(outputFormats, ", "))
		}
		if hasPath && path == "" {
			return nil, usageError("--format %q: no file after '='; give FORMAT=FILE, or FORMAT alone for standard output", v)
		}
		if path == "-" {
			path = ""
		}
		spec := formatSpec{format: name, path: path}
		if path == "" {
			if stdout != "" {
				return nil, usageError("--format: %s and %s both write to standard output; send one to a file (%s=FILE)", stdout, name, name)
			}
			stdout = name
		} else {
			key := filepath.Clean(path)
			if abs, err := filepath.Abs(path); err == nil {
				key = abs
			}
			if prev, dup := files[key]; dup {
				return nil, usageError("--format: %s and %s both write to %s", prev, spec, path)
			}
			files[key] = spec.String()
		}
		specs = append(specs, spec)
	}
	return specs, nil
}

func knownFormat(name string) bool {
	for _, f := range outputFormats {
		if f == name {
			return true
		}
	}
	return false
}

// colorReports turns colour on for a text report to standard output when
// the --color mode asks for it (see colorEnabled: auto means a terminal
// and no NO_COLOR). Reports to files are never coloured.
func (e *env) colorReports(specs []formatSpec, mode string) error {
	on, err := e.colorEnabled(mode)
	if err != nil {
		return err
	}
	for i := range specs {
		specs[i].color = on && specs[i].path == "" && specs[i].format == "text"
	}
	return nil
}

// writeReports writes the audit report in every requested format.
//
// Reports to files are written atomically: each is rendered to a
// temporary file in the target's directory, synced to disk, and renamed
// over the target only once every file report has been rendered, so that
// a reader never sees a half-written report and a failed run leaves the
// previous reports in place. If any file report fails, or SIGINT or
// SIGTERM arrives before the renames, every temporary file is removed and
// no file is replaced. The report to standard output, if any, is written
// after the files are in place. The step summary of the github format is
// appended to $GITHUB_STEP_SUMMARY when that report is written.
func (e *env) writeReports(specs []formatSpec, rep *reports.Audit) error {
	sigs := make(chan os.Signal, 1)
	signalNotify(sigs)
	defer signalStop(sigs)

	var pending []*atomicFile
	abort := func() {
		for _, f := range pending {
			f.abort()
		}
	}
	var toStdout *formatSpec
	for i := range specs {
		s := &specs[i]
		if s.path == "" {
			toStdout = s
			continue
		}
		if err := interrupted(sigs); err != nil {
			abort()
			return e.interrupt(err)
		}
		f, err := createAtomic(s.path)
		if err != nil {
			abort()
			return fmt.Errorf("--format %s: %w", s, err)
		}
		f.spec = s.String()
		pending = append(pending, f)
		if err := e.render(f, *s, rep); err != nil {
			abort()
			return fmt.Errorf("--format %s: %w", s, err)
		}
	}
	if testHookBeforeCommit != nil {
		testHookBeforeCommit()
	}
	if err := interrupted(sigs); err != nil {
		abort()
		return e.interrupt(err)
	}
	for i, f := range pending {
		if err := f.commit(); err != nil {
			for _, g := range pending[i+1:] {
				g.abort()
			}
			return fmt.Errorf("--format %s: %w", f.spec, err)
		}
	}
	if toStdout != nil {
		if err := e.render(e.stdout, *toStdout, rep); err != nil {
			return fmt.Errorf("--format %s: %w", toStdout.format, err)
		}
	}
	return nil
}

// streamingFormats are the formats with a streaming writer: written as
// the run goes, article by article (see runAuditStream).
var streamingFormats = map[string]bool{"text": true, "json": true, "sarif": true, "rdjsonl": true, "github": true, "junit": true}

// fingerprintFormats are the formats whose reports show each finding's
// fingerprint (TestFingerprintFormats holds every format to this).
var fingerprintFormats = map[string]bool{"json": true, "sarif": true}

// showsFingerprints reports whether a requested report shows the
// findings' fingerprints.
func showsFingerprints(specs []formatSpec) bool {
	for _, s := range specs {
		if fingerprintFormats[s.format] {
			return true
		}
	}
	return false
}

// streamable reports whether every requested report can be streamed.
// markdown and html cannot: they open with the verdict and metrics of the
// whole run, and html shows every article's text.
func streamable(specs []formatSpec) bool {
	for _, s := range specs {
		if !streamingFormats[s.format] {
			return false
		}
	}
	return true
}

// runAuditStream audits the inputs and writes the reports as the run
// goes, so that the run holds only the articles in flight (a few per
// job), whatever the size of the input: each article's report is written
// once it is audited, and the summary, rules and metrics at the end.
//
// Reports to files keep writeReports' guarantees: each is written to a
// temporary file beside its target and renamed over it only once the run
// is over and every report is complete; a failed or interrupted run
// removes the temporary files and replaces no report. A report to
// standard output is written as the run goes, so an interrupted run
// leaves it incomplete (the log says so).
//
// The caller applies the streamed run's collector settings (tuneStreamGC).
func (e *env) runAuditStream(ctx context.Context, run *auditRun, specs []formatSpec, paths []string) error {
	rs, err := e.openReportStream(specs, run)
	if err != nil {
		return err
	}
	if err := rs.stream.Begin(); err != nil {
		rs.abort()
		return err
	}
	runErr := auditEach(ctx, e, run, paths, rs.stream.Prepare, rs.stream.Add)
	// During the run, ctx catches the first signal (withSignals); from
	// now on sigs does too, until the reports are in place.
	sigs := make(chan os.Signal, 1)
	signalNotify(sigs)
	defer signalStop(sigs)
	if err := e.streamInterrupted(ctx, sigs, rs); err != nil {
		return err
	}
	if runErr != nil {
		rs.abort()
		return runErr
	}
	rep, err := rs.stream.End(e.inputErrors)
	if err != nil {
		rs.abort()
		return err
	}
	if testHookBeforeCommit != nil {
		testHookBeforeCommit()
	}
	if err := e.streamInterrupted(ctx, sigs, rs); err != nil {
		return err
	}
	for i, f := range rs.files {
		if err := f.commit(); err != nil {
			for _, g := range rs.files[i+1:] {
				g.abort()
			}
			return fmt.Errorf("--format %s: %w", f.spec, err)
		}
	}
	return e.auditExit(rep)
}

// Garbage collection of a streamed run, whose live heap is small and
// bounded (the articles in flight and the run's tallies, some 15 MB over
// the corpora): the collector runs when the heap has grown by
// streamGCPercent rather than Go's 100%, which saved 20% of the CPU time
// on the corpora for some 55 MB more memory, under a soft limit of
// streamMemoryLimit that makes it collect harder before the process grows
// past it.
const (
	streamGCPercent   = 400
	streamMemoryLimit = 160 << 20
)

// tuneStreamGC applies the streamed run's collector settings, unless GOGC
// or GOMEMLIMIT set them, and returns a function restoring the previous
// ones.
func tuneStreamGC() func() {
	gc, limit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		gc = debug.SetGCPercent(streamGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(streamMemoryLimit)
	}
	return func() {
		if gc != -2 {
			debug.SetGCPercent(gc)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}

// streamInterrupted checks whether a signal stopped the run (ctx, see
// withSignals) or arrived since (sigs); if so it aborts the reports and
// returns the interrupted exit.
func (e *env) streamInterrupted(ctx context.Context, sigs <-chan os.Signal, rs *reportStream) error {
	var ie *interruptError
	if !errors.As(context.Cause(ctx), &ie) {
		if err := interrupted(sigs); err == nil || !errors.As(err, &ie) {
			return nil
		}
	}
	rs.abort()
	stopped := *ie
	stopped.partial = rs.stdout
	return e.interrupt(&stopped)
}

// reportStream is the reports of a streamed run: the stream writing them
// and the temporary files of those that go to files.
type reportStream struct {
	stream *reports.AuditStream
	files  []*atomicFile
	// stdout is true when a report goes to standard output.
	stdout bool
}

// openReportStream creates a temporary file for each report to a file
// and a streaming writer for each report.
func (e *env) openReportStream(specs []formatSpec, run *auditRun) (*reportStream, error) {
	rs := &reportStream{}
	var ws []reports.AuditWriter
	for _, s := range specs {
		if s.path == "" {
			rs.stdout = true
			ws = append(ws, &specWriter{AuditWriter: e.streamWriter(e.stdout, s, ""), spec: s.format})
			continue
		}
		f, err := createAtomic(s.path)
		if err != nil {
			rs.abort()
			return nil, fmt.Errorf("--format %s: %w", s, err)
		}
		f.spec = s.String()
		rs.files = append(rs.files, f)
		ws = append(ws, &specWriter{AuditWriter: e.streamWriter(f, s, filepath.Dir(f.target)), spec: f.spec})
	}
	rs.stream = reports.NewAuditStream(run.rules(), run.failLevel, ws...)
	return rs, nil
}

// abort releases the writers and removes the temporary files.
func (rs *reportStream) abort() {
	if rs.stream != nil {
		rs.stream.Abort()
	}
	for _, f := range rs.files {
		f.abort()
	}
}

// streamWriter returns the streaming writer of one report to w; tempDir
// is where the junit report keeps its test cases until the end.
func (e *env) streamWriter(w io.Writer, s formatSpec, tempDir string) reports.AuditWriter {
	switch s.format {
	case "text":
		return reports.NewTextWriter(w, reports.TextOptions{Color: s.color})
	case "json":
		return reports.NewJSONWriter(w)
	case "sarif":
		return reports.NewSARIFWriter(w, reports.SARIFOptions{ToolVersion: versionString()})
	case "rdjsonl":
		return reports.NewRDJSONLWriter(w)
	case "github":
		return reports.NewGitHubWriter(w, reports.GitHubOptions{Getenv: e.getenv})
	case "junit":
		return reports.NewJUnitWriter(w, tempDir)
	}
	panic("no streaming writer for " + s.format)
}

// specWriter is a report's writer whose errors name the report.
type specWriter struct {
	reports.AuditWriter
	spec string
}

func (w *specWriter) Begin(h *reports.AuditHeader) error { return w.wrap(w.AuditWriter.Begin(h)) }
func (w *specWriter) Article(a *reports.AuditArticle) error {
	return w.wrap(w.AuditWriter.Article(a))
}
func (w *specWriter) End(a *reports.Audit) error { return w.wrap(w.AuditWriter.End(a)) }

// NeedsAnalysis reports whether the report needs the articles' analysis.
func (w *specWriter) NeedsAnalysis() bool {
	a, ok := w.AuditWriter.(reports.AnalysisWriter)
	return ok && a.NeedsAnalysis()
}

// NeedsMetrics reports whether the report needs the metrics, the
// articles' or the run's: unless its writer says it does not, it does.
func (w *specWriter) NeedsMetrics() bool {
	m, ok := w.AuditWriter.(reports.MetricsWriter)
	return !ok || m.NeedsMetrics()
}

// Abort releases what the report's writer holds.
func (w *specWriter) Abort() {
	if a, ok := w.AuditWriter.(reports.Aborter); ok {
		a.Abort()
	}
}

func (w *specWriter) wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("--format %s: %w", w.spec, err)
}

// render writes one report.
func (e *env) render(w io.Writer, s formatSpec, rep *reports.Audit) error {
	switch s.format {
	case "text":
		return reports.WriteAuditText(w, rep, reports.TextOptions{Color: s.color})
	case "json":
		return reports.WriteAuditJSON(w, rep)
	case "sarif":
		return reports.WriteSARIF(w, rep, reports.SARIFOptions{ToolVersion: versionString()})
	case "rdjsonl":
		return reports.WriteRDJSONL(w, rep)
	case "github":
		return reports.WriteGitHub(w, rep, reports.GitHubOptions{Getenv: e.getenv})
	case "junit":
		return reports.WriteJUnit(w, rep)
	case "markdown":
		return reports.WriteMarkdown(w, rep, reports.MarkdownOptions{})
	case "html":
		return reports.WriteHTML(w, rep)
	}
	return fmt.Errorf("unknown format %q", s.format)
}

// Signal handling. The signals that stop a run, and the functions that
// catch them; tests replace the latter.
var (
	interruptSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}
	signalNotify     = func(c chan<- os.Signal) { signal.Notify(c, interruptSignals...) }
	signalStop       = func(c chan<- os.Signal) { signal.Stop(c) }
	// testHookBeforeCommit, when set, runs after the file reports are
	// rendered and before they are renamed into place.
	testHookBeforeCommit func()
)

// interruptError is a run stopped by a signal. Its exit code is 128 plus
// the signal's number, as shells report a process killed by it: 130 for
// SIGINT (Ctrl-C), 143 for SIGTERM. partial is set when a report was
// being streamed to standard output, which is left incomplete.
type interruptError struct {
	sig     os.Signal
	partial bool
}

func (e *interruptError) Error() string {
	name := e.sig.String()
	switch e.sig {
	case os.Interrupt:
		name = "SIGINT"
	case syscall.SIGTERM:
		name = "SIGTERM"
	}
	if e.partial {
		return fmt.Sprintf("interrupted (%s): no report file was written; the report on standard output is incomplete", name)
	}
	return fmt.Sprintf("interrupted (%s): no report was written", name)
}

func (e *interruptError) code() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// interrupted returns an *interruptError if a signal is waiting on sigs.
func interrupted(sigs <-chan os.Signal) error {
	select {
	case sig := <-sigs:
		return &interruptError{sig: sig}
	default:
		return nil
	}
}

// interrupt logs that the run was interrupted and returns the error that
// makes the command exit 128+signal.
func (e *env) interrupt(err error) error {
	e.log.Error(err.Error())
	code := 130
	var ie *interruptError
	if errors.As(err, &ie) {
		code = ie.code()
	}
	return &exitError{code: code, err: err}
}

// withSignals returns a copy of ctx that is cancelled when the process
// receives SIGINT or SIGTERM, and a function to call when the command is
// done, which stops catching them. The audit command passes the context to
// its work and, once ctx is done, returns interruptedRun(ctx) instead of
// writing reports. Together with writeReports, which renders file reports
// to temporary files and renames them only at the very end, this means an
// interrupted run leaves no report file behind, whole or partial, and the
// previous reports untouched. A second signal is not caught: it ends the
// process the default way.
func (e *env) withSignals(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	sigs := make(chan os.Signal, 1)
	// The goroutine may outlive the command; it keeps the stop function
	// it started with rather than reading the package variable later.
	stop := signalStop
	signalNotify(sigs)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			stop(sigs)
			cancel(&interruptError{sig: sig})
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			stop(sigs)
			close(done)
			cancel(nil)
		})
	}
}

// interruptedRun returns the error to end the command with when ctx was
// cancelled by a signal (see withSignals), logging it; nil otherwise.
func (e *env) interruptedRun(ctx context.Context) error {
	var ie *interruptError
	if errors.As(context.Cause(ctx), &ie) {
		return e.interrupt(ie)
	}
	return nil
}

// atomicFile is a report being written: a temporary file beside its
// target, renamed over the target by commit or removed by abort. A
// target that exists and is not a regular file (a device such as
// /dev/null or /dev/stdout, a named pipe) is written in place instead:
// renaming over it would replace the device or pipe with a file, and
// there is no file to leave whole.
type atomicFile struct {
	file *os.File
	// direct is true when file is the target itself (see above).
	direct bool
	// buf gathers the writers' small writes (the text report flushes
	// after each article, for a terminal's sake) into fewer system calls.
	buf    *bufio.Writer
	target string
	// spec names the report in errors.
	spec string
	done bool
	// written counts the bytes written; queued those already handed to
	// startWriteback.
	written, queued int64
}

// atomicFileBuffer is the size of an atomicFile's write buffer.
const atomicFileBuffer = 64 << 10

// writebackChunk is how many bytes of a report are written before the
// system is asked to start writing them to disk (see fileWriter), when
// queued bytes have been asked for already: a quarter of those, between
// writebackMin and writebackMax. A small report is asked for every MiB:
// at a fixed 8 MiB the 3.4 MB text report of the corpora was never
// written back before commit, whose fsync then waited 3.4–6.2 ms for all
// of it with nothing else to do, and at 1 MiB that fsync took 0.7–1.3 ms.
// A large one is asked for in larger steps, since each call has a cost of
// its own: at a fixed 1 MiB the 178 MB JSON report spent 9.4–14 ms in 168
// calls (strace), against 3–10.7 ms in 21 at 8 MiB and 7.1–12.9 ms in 30
// with these steps.
func writebackChunk(queued int64) int64 {
	return min(max(queued/4, writebackMin), writebackMax)
}

const (
	writebackMin = 1 << 20
	writebackMax = 8 << 20
)

// startWriteback asks the system to start writing n bytes of f from off
// to disk without waiting for them (a variable for tests).
var startWriteback = startWritebackOf

// Write writes p to the temporary file, through its buffer.
func (f *atomicFile) Write(p []byte) (int, error) {
	return f.buf.Write(p)
}

// WriteString writes s to the temporary file, through the buffer as Write.
func (f *atomicFile) WriteString(s string) (int, error) {
	return f.buf.WriteString(s)
}

// ReadFrom copies r to the temporary file, through the buffer as Write
// (the file's own ReadFrom would pass the buffer by).
func (f *atomicFile) ReadFrom(r io.Reader) (int64, error) {
	return f.buf.ReadFrom(r)
}

// fileWriter writes an atomicFile's buffer to its file. Every chunk (see
// writebackChunk) it starts writing the last chunk to disk, as
// databases do for their logs, so that commit's fsync waits for the tail
// of a large report rather than for all of it: the 178 MB JSON report of
// the corpora spent 0.2 s in that fsync with no other work left to
// overlap it.
type fileWriter atomicFile

func (w *fileWriter) Write(p []byte) (int, error) {
	f := (*atomicFile)(w)
	n, err := f.file.Write(p)
	f.written += int64(n)
	if !f.direct && f.written-f.queued >= writebackChunk(f.queued) {
		startWriteback(f.file, f.queued, f.written-f.queued)
		f.queued = f.written
	}
	return n, err
}

// createAtomic starts writing the file at path. A symbolic link at path is
// followed, so that the file it points to is replaced, not the link. A
// device or named pipe at path is opened and written in place.
func createAtomic(path string) (*atomicFile, error) {
	target := path
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(path); err == nil {
			target = real
		}
	}
	if fi, err := os.Stat(target); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory", path)
	} else if err == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", path, err)
		}
		return newAtomicFile(f, target, true), nil
	}
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary name would only confuse
		}
		return nil, fmt.Errorf("cannot write a file in %s: %w", dir, err)
	}
	return newAtomicFile(f, target, false), nil
}

// newAtomicFile returns the atomicFile writing f for target, through
// its buffer.
func newAtomicFile(f *os.File, target string, direct bool) *atomicFile {
	af := &atomicFile{file: f, target: target, direct: direct}
	af.buf = bufio.NewWriterSize((*fileWriter)(af), atomicFileBuffer)
	return af
}

// commit syncs the temporary file, gives it the target's permissions (or
// 0644 for a new file) and renames it over the target. A target written
// in place is flushed and closed.
func (f *atomicFile) commit() error {
	if f.done {
		return nil
	}
	if f.direct {
		f.done = true
		err := f.buf.Flush()
		if cerr := f.file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", f.target, err)
		}
		return nil
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(f.target); err == nil {
		mode = fi.Mode().Perm()
	}
	err := f.buf.Flush()
	if err == nil {
		err = f.file.Chmod(mode)
	}
	if err == nil {
		err = f.file.Sync()
	}
	if cerr := f.file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.file.Name(), f.target)
	}
	if err != nil {
		os.Remove(f.file.Name())
		f.done = true
		return fmt.Errorf("writing %s: %w", f.target, err)
	}
	f.done = true
	// Make the rename itself durable; not every system can sync a
	// directory, and the report is complete either way.
	if d, err := os.Open(filepath.Dir(f.target)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// abort removes the temporary file; the target is left as it was. A
// target written in place is closed, with what was written so far.
func (f *atomicFile) abort() {
	if f.done {
		return
	}
	f.done = true
	f.file.Close()
	if !f.direct {
		os.Remove(f.file.Name())
	}
}
