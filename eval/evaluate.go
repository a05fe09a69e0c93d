package eval

import (
	"errors"
	"fmt"

	"github.com/sourcecheck/sourcecheck/audit"
)

// Options configure Evaluate.
type Options struct {
	// RepoRoot is the repository root that repository articles
	// ("seeds/…") are read from.
	RepoRoot string
	// CorporaRoot is the shared corpora directory; "" skips corpus labels,
	// which are then listed in Result.Skipped.
	CorporaRoot string
	// Analyzer runs the detectors; nil uses audit.NewAnalyzer(nil, nil).
	Analyzer *audit.Analyzer
}

// Evaluate scores the detectors against labels: for each label it loads
// the article text exactly as the label says (ArticleText), checks the
// label against it (Validate), runs audit.Structure (with the analyzer's
// lexicon) and Analyze on it as plain text, and scores the result (Score).
// Labels whose corpus is not available are skipped and listed in
// Result.Skipped; any other failure to load or validate a label, or a
// panic in the detectors (ErrDetectorPanic), is an error.
func Evaluate(labels []Label, opts Options) (*Result, error) {
	an := opts.Analyzer
	if an == nil {
		an = audit.NewAnalyzer(nil, nil)
	}
	var cases []Case
	var skipped []string
	for _, l := range labels {
		text, err := ArticleText(l, opts.RepoRoot, opts.CorporaRoot)
		if errors.Is(err, ErrNoCorpora) {
			skipped = append(skipped, fmt.Sprintf("%s (%s): corpora not available", l.Article, SetOf(l)))
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := l.Validate(text); err != nil {
			return nil, fmt.Errorf("eval: label does not fit its article: %w", err)
		}
		doc, err := analyze(an, l, text)
		if err != nil {
			return nil, err
		}
		cases = append(cases, Case{Set: SetOf(l), Label: l, Doc: doc})
	}
	return Score(cases, skipped), nil
}

// ErrDetectorPanic is returned (wrapped) by Evaluate when the analysis of
// an article panics; the message names the article and the panic value.
var ErrDetectorPanic = errors.New("detector panicked")

// analyze runs Structure and Analyze on one article, turning a panic into
// an error that names the article.
func analyze(an *audit.Analyzer, l Label, text string) (doc *audit.Document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("eval: analysing %s: %w: %v", l.Article, ErrDetectorPanic, v)
		}
	}()
	doc = audit.NewDocument(articlePath(l), audit.FormatText, text)
	audit.Structure(doc, an.Lexicon())
	an.Analyze(doc)
	return doc, nil
}

// articlePath is the document path an article is analysed under: its
// repository path or its corpus ref.
func articlePath(l Label) string {
	if l.IsCorpus() {
		return l.Article[len(CorpusPrefix):]
	}
	return l.Article
}
