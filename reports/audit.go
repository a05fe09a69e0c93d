package reports

import (
	"io"
	"sort"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/rules"
)

// Audit is the report of `sourcecheck audit`: the inspect contract (every
// article's analysis) plus, per article, the findings the rules made, the
// rules that ran, and a summary of the run. Like Report, its JSON form is
// a stable contract: fields may be added, never renamed.
type Audit struct {
	Version  int            `json:"version"`
	Tool     string         `json:"tool"`
	Articles []AuditArticle `json:"articles"`
	// Rules describes every rule that ran, sorted by id.
	Rules   []RuleInfo `json:"rules"`
	Summary Summary    `json:"summary"`
	// Metrics sum up the sourcing of every article of the run (see
	// Metrics for the definitions).
	Metrics Metrics `json:"metrics"`
}

// AuditArticle is one article of an audit: its analysis and findings.
type AuditArticle struct {
	Article
	// Findings are the findings shown for the article, after level
	// filtering, suppression comments and the baseline.
	Findings []Finding `json:"findings"`
	// Metrics sum up how the article is sourced.
	Metrics Metrics `json:"metrics"`
	// Doc is the analysed document, for renderers that show the text.
	Doc *audit.Document `json:"-"`
}

// Finding is a finding in a report.
type Finding = audit.Finding

// RuleInfo describes a rule in a report.
type RuleInfo struct {
	ID          string `json:"id"`
	Level       string `json:"level"`
	Check       string `json:"check"`
	Description string `json:"description"`
	Standard    string `json:"standard,omitempty"`
	Link        string `json:"link,omitempty"`
	Fix         string `json:"fix,omitempty"`
}

// Summary counts what a run found.
type Summary struct {
	Articles int `json:"articles"`
	Findings int `json:"findings"`
	// Levels counts the shown findings by level name.
	Levels map[string]int `json:"levels"`
	// Suppressed counts findings hidden by suppression comments;
	// Baselined those hidden because the baseline accepts them.
	Suppressed int `json:"suppressed"`
	Baselined  int `json:"baselined"`
	// InputErrors counts inputs that could not be read.
	InputErrors int `json:"input_errors"`
	// FailLevel is the level at which a finding fails the run; Failed is
	// true when a shown finding reaches it.
	FailLevel string `json:"fail_level"`
	Failed    bool   `json:"failed"`
}

// Result is one audited article: its analysed document and the findings
// to show for it.
type Result struct {
	Doc      *audit.Document
	Findings []audit.Finding
	// Suppressed and Baselined count findings hidden from Findings.
	Suppressed, Baselined int
}

// NewAudit builds the report of an audit run. rs are the rules that ran;
// failLevel is the level at which a finding fails the run.
func NewAudit(results []Result, rs []*rules.Rule, failLevel rules.Level) *Audit {
	a := &Audit{Version: SchemaVersion, Tool: "sourcecheck", Articles: make([]AuditArticle, 0, len(results)),
		Rules: make([]RuleInfo, 0, len(rs))}
	a.Summary.Levels = map[string]int{}
	for _, l := range rules.Levels {
		a.Summary.Levels[l.String()] = 0
	}
	a.Summary.FailLevel = failLevel.String()
	docs := make([]*audit.Document, 0, len(results))
	for _, r := range results {
		fs := r.Findings
		if fs == nil {
			fs = []audit.Finding{}
		}
		a.Articles = append(a.Articles, AuditArticle{Article: NewArticle(r.Doc), Findings: fs, Metrics: ArticleMetrics(r.Doc), Doc: r.Doc})
		docs = append(docs, r.Doc)
		a.Summary.Articles++
		a.Summary.Findings += len(fs)
		a.Summary.Suppressed += r.Suppressed
		a.Summary.Baselined += r.Baselined
		for _, f := range fs {
			a.Summary.Levels[f.Level.String()]++
			if f.Level >= failLevel {
				a.Summary.Failed = true
			}
		}
	}
	for _, r := range rs {
		a.Rules = append(a.Rules, RuleInfo{ID: r.ID, Level: r.Level.String(), Check: r.Check,
			Description: r.Description, Standard: r.Standard, Link: r.Link, Fix: r.Fix})
	}
	sortRules(a.Rules)
	a.Metrics = RunMetrics(docs)
	return a
}

func sortRules(rs []RuleInfo) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
}

// WriteAuditJSON writes the audit report as indented JSON and a newline.
func WriteAuditJSON(w io.Writer, a *Audit) error {
	return writeIndented(w, a)
}
