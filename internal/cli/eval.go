package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sourcecheck/sourcecheck/eval"
	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

const evalLong = `Eval measures sourcecheck's detectors against the hand-labelled articles
in eval/labels (see eval/labels/GUIDELINES.md): it reads each labelled
article exactly as its label says, analyses it, and compares what the
detectors find with the labels.

Scores are given per label set (seeds, bbc, reuters, fakes) and in total:

  direct quotes    direct and dash quote spans, precision/recall/F1 (both ends
                   within 3 bytes after trimming marks and final punctuation)
  partial quotes   partial quote spans, the same way
  any quote        quote spans with kinds ignored
  quote speakers   accuracy over matched quotes, also over quotes with a speaker
  figures          figure spans (overlap), precision/recall/F1, subkind accuracy
  attributed       whether matched figures and quotes are credited or not
  vague cues       vague attribution cues (overlap), precision/recall

Labels for the shared corpora need the corpora: they are found with
$SOURCECHECK_CORPORA or ../shared/corpora beside the checkout, or given with
--corpora. Without them those labels are skipped with a warning.

--mismatches lists every disagreement by article and byte offsets, with the
hash of each span. Corpus text is shown only when standard output is a
terminal, so that saving the output never copies corpus text; the markdown
and json formats never include it.`

func newEvalCmd(e *env) *cobra.Command {
	var labelsDir, corporaDir, format string
	var mismatches bool
	cmd := &cobra.Command{
		Use:   "eval [flags]",
		Short: "Score the detectors against the labelled evaluation set",
		Long:  evalLong,
		Example: `  # Scores per set and in total
  sourcecheck eval

  # Every mismatch, to improve a detector
  sourcecheck eval --mismatches

  # A table for the README
  sourcecheck eval --format markdown

  # With the corpora somewhere else, as JSON
  sourcecheck eval --corpora /data/corpora --format json > eval.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text", "markdown", "json":
			default:
				return usageError("--format: %q is not one of text, markdown, json", format)
			}
			if mismatches && format != "text" {
				return usageError("--mismatches: only with --format text (json always lists them)")
			}
			labels, err := eval.LoadLabels(labelsDir)
			if err != nil {
				return err
			}
			if len(labels) == 0 {
				return fmt.Errorf("no label files under %s", labelsDir)
			}
			root, err := e.corporaRoot(corporaDir)
			if err != nil {
				return err
			}
			res, err := eval.Evaluate(labels, eval.Options{RepoRoot: repoRootOf(labelsDir), CorporaRoot: root})
			if err != nil {
				return err
			}
			if n := len(res.Skipped); n > 0 {
				e.log.Warnf("corpora not found (set %s or --corpora): %d corpus labels skipped", corpus.EnvRoot, n)
			}
			switch format {
			case "markdown":
				return res.WriteMarkdown(e.stdout)
			case "json":
				return res.WriteJSON(e.stdout)
			}
			return res.WriteText(e.stdout, eval.TextOptions{Mismatches: mismatches, CorpusText: e.stdoutTerminal()})
		},
	}
	cmd.Flags().StringVar(&labelsDir, "labels", filepath.Join("eval", "labels"), "directory of label files (read recursively)")
	cmd.Flags().StringVar(&corporaDir, "corpora", "", "shared corpora directory (default: $"+corpus.EnvRoot+" or ../shared/corpora beside the checkout)")
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text, markdown or json")
	cmd.Flags().BoolVar(&mismatches, "mismatches", false, "list every mismatch after the scores (text format)")
	return cmd
}

// corporaRoot returns the corpora directory to use: dir when given (it
// must exist), else $SOURCECHECK_CORPORA or the one corpus.Root finds
// beside the checkout, else "" (corpus labels are then skipped).
func (e *env) corporaRoot(dir string) (string, error) {
	if dir != "" {
		fi, err := os.Stat(dir)
		if err != nil {
			return "", fmt.Errorf("--corpora: %w", err)
		}
		if !fi.IsDir() {
			return "", fmt.Errorf("--corpora: %s is not a directory", dir)
		}
		return dir, nil
	}
	if env := e.getenv(corpus.EnvRoot); env != "" {
		if fi, err := os.Stat(env); err != nil || !fi.IsDir() {
			return "", nil
		}
		return env, nil
	}
	if root, ok := corpus.Root(); ok {
		return root, nil
	}
	return "", nil
}

// repoRootOf returns the repository that holds the labels directory (the
// nearest directory above it with a go.mod), which repository articles
// ("seeds/…") are read from; the working directory when there is none.
func repoRootOf(labelsDir string) string {
	abs, err := filepath.Abs(labelsDir)
	if err != nil {
		return "."
	}
	for dir := abs; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "."
		}
		dir = parent
	}
}

// stdoutTerminal reports whether standard output is a terminal.
func (e *env) stdoutTerminal() bool {
	f, ok := e.stdout.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
