package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/sourcecheck/sourcecheck/audit"
)

// inputFlags are the flags every command that reads articles shares.
type inputFlags struct {
	include, exclude []string
	stdinFormat      string
	maxBytes         int64
}

func (f *inputFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.include, "include", nil, "only read files in directories whose path or name matches this glob (repeatable)")
	fs.StringArrayVar(&f.exclude, "exclude", nil, "skip files and directories whose path or name matches this glob (repeatable)")
	fs.StringVar(&f.stdinFormat, "stdin-format", "text", "format of standard input (-): text, markdown, html or jsonl")
	fs.Int64Var(&f.maxBytes, "max-bytes", 16<<20, "largest input file to read, in bytes")
}

func (f *inputFlags) options() (audit.ReadOptions, error) {
	opts := audit.ReadOptions{Include: f.include, Exclude: f.exclude, MaxBytes: f.maxBytes}
	switch audit.Format(f.stdinFormat) {
	case audit.FormatText, audit.FormatMarkdown, audit.FormatHTML, audit.FormatJSONL:
		opts.StdinFormat = audit.Format(f.stdinFormat)
	default:
		return opts, usageError("--stdin-format: %q is not one of text, markdown, html, jsonl", f.stdinFormat)
	}
	if f.maxBytes <= 0 {
		return opts, usageError("--max-bytes must be positive, not %d", f.maxBytes)
	}
	for _, g := range append(append([]string{}, f.include...), f.exclude...) {
		if err := audit.CheckGlob(g); err != nil {
			return opts, usageError("--include/--exclude: %v", err)
		}
	}
	return opts, nil
}

// readInputs reads every article named by paths, in order, and calls fn
// for each. Read errors are logged with the path and remembered (the
// command exits 2) while the rest of the batch goes on. A binary file met
// while walking a directory is skipped with a warning; one named on the
// command line is an error.
func (e *env) readInputs(paths []string, opts audit.ReadOptions, fn func(*audit.Document)) {
	for _, p := range paths {
		if p == "-" {
			docs, err := audit.Read(e.stdin, "-", opts.StdinFormat, opts)
			e.readFailed(err, true)
			e.emit(docs, fn)
			continue
		}
		explicitFile, dir := false, false
		if st, err := os.Stat(p); err == nil {
			explicitFile, dir = !st.IsDir(), st.IsDir()
		}
		found := false
		audit.Walk([]string{p}, opts, func(docs []*audit.Document, err error) {
			found = true
			e.readFailed(err, explicitFile)
			e.emit(docs, fn)
		})
		if dir && !found {
			e.warnEmptyDir(p, opts)
		}
	}
}

// emit hands each document to fn, then logs its warnings, those of
// reading and those fn's analysis added (Markdown read as plain text).
func (e *env) emit(docs []*audit.Document, fn func(*audit.Document)) {
	for _, d := range docs {
		fn(d)
		for _, w := range d.Warnings {
			e.log.Warnf("%s: %s", docName(d), w)
		}
	}
}

// readFailed logs a read error and marks the run failed (exit 2), except
// for a binary file met in a directory, which is skipped with a warning.
// Joined errors (one per bad line of a JSON Lines file) are logged one per
// log entry, each naming its file and line, and count as one input.
func (e *env) readFailed(err error, explicit bool) {
	if e.logReadErrors(err, explicit) {
		e.failed = true
		e.inputErrors++
	}
}

// logReadErrors logs err, split into its joined errors, and reports
// whether any of them is an error rather than a warning.
func (e *env) logReadErrors(err error, explicit bool) bool {
	if err == nil {
		return false
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		failed := false
		for _, err := range j.Unwrap() {
			failed = e.logReadErrors(err, explicit) || failed
		}
		return failed
	}
	if errors.Is(err, audit.ErrBinary) && !explicit {
		e.log.Warn(err.Error())
		return false
	}
	e.log.Error(err.Error())
	return true
}

// warnEmptyDir warns that a directory named on the command line holds no
// article the reader would read, so that a wrong path or glob does not
// pass unnoticed.
func (e *env) warnEmptyDir(p string, opts audit.ReadOptions) {
	filter := ""
	if len(opts.Include) > 0 || len(opts.Exclude) > 0 {
		filter = " passing --include and --exclude"
	}
	e.log.Warnf("%s: no articles found (looked for .txt, .md, .markdown, .html, .htm and .jsonl files%s)", p, filter)
}

// docName names a document in messages: its path, and for JSON Lines the
// line it came from.
func docName(d *audit.Document) string {
	if d.Record > 0 {
		return fmt.Sprintf("%s:%d", d.Path, d.Record)
	}
	return d.Path
}
