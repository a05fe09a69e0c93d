// Package cli is the sourcecheck command line: flag parsing, input walking
// and output, on top of the audit and reports packages. It holds no
// analysis of its own.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"
)

// Exit codes. They are part of the CLI's contract.
const (
	ExitOK       = 0 // success; no finding at or above --fail-level
	ExitFindings = 1 // findings at or above --fail-level
	ExitError    = 2 // usage, configuration or read errors
)

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
	// usage marks a command-line mistake, answered with a pointer to --help.
	usage bool
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError marks an error as a usage error (exit 2, with a hint).
func usageError(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...), usage: true}
}

// env is what a command needs from its surroundings; tests supply their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *logrus.Logger
	getenv         func(string) string
	// failed is set when an input could not be read; the command then
	// exits 2 after finishing the rest of the batch. inputErrors counts
	// those inputs.
	failed      bool
	inputErrors int
	// prof is the --cpu-profile and --mem-profile profiling of the run.
	prof profiler
}

// errFindings is returned (with ExitFindings) when a shown finding
// reaches --fail-level; Main prints nothing more for it.
var errFindings = errors.New("findings at or above the fail level")

// Main runs the sourcecheck command line with args (without the program
// name) and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	e.log = logrus.New()
	e.log.SetOutput(stderr)
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	code := exitCode(root, args, root.Execute(), stderr)
	if e.failed && code == ExitOK {
		code = ExitError
	}
	// The profiles cover the whole command, whatever its outcome.
	if err := e.prof.stop(); err != nil {
		fmt.Fprintf(stderr, "sourcecheck: %v\n", err)
		if code < ExitError {
			code = ExitError
		}
	}
	return code
}

// exitCode returns the exit code for the error a command ended with,
// printing the error (with a pointer to --help for a usage error) unless
// it only carries exit code 1 or a signal's code.
func exitCode(root *cobra.Command, args []string, err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	code := ExitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if code == ExitError || !errors.As(err, &ee) {
		fmt.Fprintf(stderr, "sourcecheck: %v\n", err)
		if cmd, _, ferr := root.Find(args); ferr == nil && isUsage(err) {
			fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
	}
	return code
}

// isUsage reports whether err came from parsing the command line.
func isUsage(err error) bool {
	msg := err.Error()
	for _, s := range []string{"unknown flag", "unknown command", "unknown shorthand", "invalid argument", "flag needs an argument", "accepts ", "requires at least"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	var ee *exitError
	return errors.As(err, &ee) && ee.usage
}

const rootLong = `sourcecheck audits news articles for sourcing before they are published.

For every claim in an article it asks: who says so? Figures ("more than 370
people killed"), quotations and contested assertions should be credited to a
source; vague credit ("are said to have been killed") and unsourced figures
are findings.

Inputs are plain text (.txt), Markdown (.md, .markdown), HTML (.html, .htm)
and JSON Lines (.jsonl: one article per line with "id" and "body"), given as
files, directories (read recursively) or - for standard input.

Reports go to standard output; logs and errors go to standard error.

Profiling: --cpu-profile FILE and --mem-profile FILE, given to any command,
write a CPU profile of its whole run and a heap profile taken as it ends,
whatever its exit status, for 'go tool pprof'.`

func newRootCmd(e *env) *cobra.Command {
	var logLevel, logFormat string
	root := &cobra.Command{
		Use:           "sourcecheck",
		Short:         "Audit news articles for sourcing: who says so?",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		Example: `  # See an article as sourcecheck reads it: blocks, quotes, claims, who says so
  sourcecheck inspect seeds/001_9103c398c3a097b7.txt

  # The same as JSON, for other programs (schema/report.schema.json)
  sourcecheck inspect --format json seeds/

  # Measure the detectors against the labelled articles
  sourcecheck eval`,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			lvl, err := logrus.ParseLevel(logLevel)
			if err != nil {
				return usageError("--log-level: %q is not one of panic, fatal, error, warn, info, debug, trace", logLevel)
			}
			e.log.SetLevel(lvl)
			switch logFormat {
			case "text":
				e.log.SetFormatter(&plainFormatter{})
			case "json":
				e.log.SetFormatter(&logrus.JSONFormatter{})
			default:
				return usageError("--log-format: %q is not one of text, json", logFormat)
			}
			return e.prof.start()
		},
	}
	root.PersistentFlags().StringVar(&logLevel, "log-level", "warn", "log verbosity: error, warn, info, debug or trace")
	root.PersistentFlags().StringVar(&logFormat, "log-format", "text", "log format on standard error: text or json")
	e.prof.register(root.PersistentFlags())
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError("%v", err)
	})
	root.AddCommand(newAuditCmd(e), newInspectCmd(e), newEvalCmd(e), newVersionCmd(e))
	root.AddCommand(newConfigCmd(e), newBaselineCmd(e), newRulesCmd(e))
	root.AddCommand(newIssuesCmd(e))
	root.CompletionOptions.HiddenDefaultCmd = true
	return root
}

// plainFormatter writes log entries as "sourcecheck: level: message k=v".
type plainFormatter struct{}

func (plainFormatter) Format(entry *logrus.Entry) ([]byte, error) {
	var b strings.Builder
	b.WriteString("sourcecheck: ")
	b.WriteString(entry.Level.String())
	b.WriteString(": ")
	b.WriteString(entry.Message)
	keys := make([]string, 0, len(entry.Data))
	for k := range entry.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, entry.Data[k])
	}
	b.WriteByte('\n')
	return []byte(b.String()), nil
}
