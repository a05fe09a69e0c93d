package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

const inspectLong = `Inspect shows how sourcecheck reads articles: the blocks it finds (with
their kind and the reason for it), the sentences and the quotations.

Block kinds: headline, subheading, body, meta (dates, reading time), byline,
caption (photo captions and credits), ad, related (teasers and link lists)
and nav (page chrome). Only headline, subheading and body text is audited.

Quotation kinds: direct (a full utterance), partial (a quoted phrase inside
the writer's sentence), scare (a term in quotes nobody is quoted as saying)
and dash (introduced by a dash, as Scandinavian papers write quotes).

Claims are figures ("more than 370 people"), direct and dash quotations,
and reported speech ("X said …", "according to X"). Each is credited to a
source (a registry entry such as SOHR or AFP, a named person, or an unnamed
one such as "a resident"), marked vague ("are said to have been killed"),
or shown as unattributed. Sources are listed with their type and mentions.

In text format each sentence is on its own line and each quotation is
bracketed ⟦…⟧qN, numbered as in the table of quotations (with speakers)
that follows; then come the claims and the sources.
Positions are line:column, counting columns in characters. The json format
is a stable contract documented in schema/report.schema.json; its offsets are
byte offsets into the article text as read.`

func newInspectCmd(e *env) *cobra.Command {
	var in inputFlags
	var format, color string
	var sourceFiles []string
	cmd := &cobra.Command{
		Use:   "inspect [flags] PATH...",
		Short: "Show how an article is read: structure, quotes, claims and who says so",
		Long:  inspectLong,
		Example: `  # Check how one article is segmented
  sourcecheck inspect seeds/000_95ac2cc1406b2bec.txt

  # Every article under a folder, as JSON
  sourcecheck inspect --format json seeds/

  # Add your newsroom's own sources (same format as rules/registry/sources.yaml)
  sourcecheck inspect --sources our-sources.yaml story.md

  # An article piped in as HTML
  curl -s https://example.org/story.html | sourcecheck inspect --stdin-format html -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := in.options()
			if err != nil {
				return err
			}
			if format != "text" && format != "json" {
				return usageError("--format: %q is not one of text, json", format)
			}
			colorOn, err := e.colorEnabled(color)
			if err != nil {
				return err
			}
			registry, err := loadRegistry(sourceFiles)
			if err != nil {
				return err
			}
			analyzer := audit.NewAnalyzer(nil, registry)
			var docs []*audit.Document
			e.readInputs(args, opts, func(d *audit.Document) {
				audit.Structure(d, analyzer.Lexicon())
				analyzer.Analyze(d)
				docs = append(docs, d)
			})
			if format == "json" {
				return reports.WriteJSON(e.stdout, reports.NewReport(docs))
			}
			return reports.WriteInspectText(e.stdout, docs, reports.TextOptions{Color: colorOn})
		},
	}
	in.register(cmd.Flags())
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	cmd.Flags().StringArrayVar(&sourceFiles, "sources", nil, "extra source registry YAML (repeatable): entries extend the built-in registry or replace one with the same id")
	cmd.Flags().StringVar(&color, "color", "auto", "colour the text output: auto, always or never (auto honours NO_COLOR)")
	return cmd
}

// colorEnabled decides whether to colour text output: never when NO_COLOR
// is set or stdout is not a terminal, unless --color always.
func (e *env) colorEnabled(mode string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if e.getenv("NO_COLOR") != "" {
			return false, nil
		}
		f, ok := e.stdout.(*os.File)
		if !ok {
			return false, nil
		}
		st, err := f.Stat()
		if err != nil {
			return false, nil
		}
		return st.Mode()&os.ModeCharDevice != 0, nil
	default:
		return false, usageError("--color: %q is not one of auto, always, never", mode)
	}
}

// loadRegistry returns the built-in source registry extended with the
// given files, in order. Errors name the file and line.
func loadRegistry(files []string) (*rules.Registry, error) {
	reg := rules.DefaultRegistry()
	for _, f := range files {
		extra, err := rules.LoadRegistryFile(f)
		var pe *fs.PathError
		if errors.As(err, &pe) {
			// Worded as audit words it (from the configuration layer):
			// the flag, the path as given, the reason.
			return nil, &exitError{code: ExitError, err: fmt.Errorf("--sources: %s: %w", f, pe.Err)}
		}
		if err != nil {
			return nil, &exitError{code: ExitError, err: err}
		}
		if reg, err = reg.Merge(extra); err != nil {
			return nil, &exitError{code: ExitError, err: fmt.Errorf("%s: %w", f, err)}
		}
	}
	return reg, nil
}
