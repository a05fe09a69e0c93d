package reports

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// GitHub Actions' limits on what a step shows.
const (
	// GitHubAnnotationsPerKind is how many annotations of each kind (error,
	// warning, notice) GitHub Actions shows for one step; the rest only
	// appear in the log. (A job shows at most 50 in all.) See "Problem
	// Matchers: Limitations" in the actions/toolkit documentation.
	GitHubAnnotationsPerKind = 10
	// GitHubStepSummaryBytes is the most a step summary may hold (1 MiB).
	GitHubStepSummaryBytes = 1 << 20
)

// GitHubOptions controls WriteGitHub.
type GitHubOptions struct {
	// Getenv looks up environment variables: GITHUB_STEP_SUMMARY, the file
	// the step summary is appended to, and GITHUB_WORKSPACE. Nil means
	// os.Getenv.
	Getenv func(string) string
	// Markdown controls the step summary.
	Markdown MarkdownOptions
}

// WriteGitHub writes the findings for a GitHub Actions step: one
// workflow command per finding,
//
//	::warning file=PATH,line=L,endLine=L,col=C,endColumn=C,title=sourcecheck: RULE::MESSAGE
//
// which GitHub turns into an annotation on the file and line (with the
// rule as title, and the excerpt and fix hint in the body). Columns count
// characters, endColumn being the last character's as GitHub reads it;
// they are given only when the finding starts and ends on one line, as
// GitHub accepts them only then. A finding in a JSON Lines record is
// annotated on the record's line. Absolute paths inside GITHUB_WORKSPACE
// are made relative to it, as GitHub attaches annotations to paths in the
// repository. Data and property values are escaped as @actions/core
// escapes them (% CR LF, and : , in properties).
//
// GitHub shows only GitHubAnnotationsPerKind annotations of each kind per
// step. Findings beyond that are written as plain log lines in the same
// path:line:column form, and a closing ::notice says how many were not
// annotated and where to find them (one notice slot is kept for it).
// Levels map error → error, warning → warning, info → notice.
//
// When GITHUB_STEP_SUMMARY names a file, a Markdown report of the run
// (WriteMarkdown) is appended to it, shortened to fit GitHub's 1 MiB.
func WriteGitHub(w io.Writer, a *Audit, opts GitHubOptions) error {
	return writeBatch(NewGitHubWriter(w, opts), a)
}

// githubCommand maps a level to its workflow command.
func githubCommand(level string) string {
	switch level {
	case "error":
		return "error"
	case "info":
		return "notice"
	}
	return "warning"
}

// githubWriter writes the workflow commands as the run goes. Which
// findings become annotations depends on whether any kind has more than
// GitHubAnnotationsPerKind findings in the whole run (a notice slot is
// then kept for the closing notice): only the last notice slot depends on
// it, so the writer holds back the output from the finding that would
// take that slot until the question is settled, which is within the next
// 2×GitHubAnnotationsPerKind+1 findings.
type githubWriter struct {
	bw        *bufio.Writer
	opts      GitHubOptions
	summary   string // the step summary file, "" for none
	workspace string
	// total counts the findings of each kind so far, shown those
	// annotated; left counts the findings written as plain lines.
	total, shown map[string]int
	left         int
	// overflow is true once some kind has more findings than GitHub
	// shows.
	overflow bool
	// held is true while the last notice slot is undecided: pending is
	// the output from then on, and the held finding's two forms wait in
	// heldAnnotation and heldPlain.
	held                      bool
	heldAnnotation, heldPlain string
	pending                   []string
	// articles keeps what the step summary needs of each article (no
	// analysis, no document) when there is a step summary to write.
	articles []AuditArticle
}

// NewGitHubWriter returns an AuditWriter writing the findings as GitHub
// Actions workflow commands to w, as WriteGitHub does, article by
// article. When GITHUB_STEP_SUMMARY names a file, the Markdown summary
// appended to it at the end needs every article's findings and metrics,
// which the writer keeps (but not their analysis).
func NewGitHubWriter(w io.Writer, opts GitHubOptions) AuditWriter {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	return &githubWriter{bw: bufio.NewWriter(w), opts: opts, summary: getenv("GITHUB_STEP_SUMMARY"),
		workspace: getenv("GITHUB_WORKSPACE"), total: map[string]int{}, shown: map[string]int{}}
}

// NeedsMetrics reports whether the writer needs the metrics, the
// articles' and the run's: for the step summary, when there is one.
func (g *githubWriter) NeedsMetrics() bool { return g.summary != "" }

func (g *githubWriter) Begin(*AuditHeader) error { return nil }

func (g *githubWriter) Article(art *AuditArticle) error {
	if g.summary != "" {
		g.articles = append(g.articles, AuditArticle{Article: Article{Path: art.Path, ID: art.ID, Record: art.Record, Meta: art.Meta},
			Findings: art.Findings, Metrics: art.Metrics})
	}
	if len(art.Findings) == 0 {
		return nil
	}
	for j := range art.Findings {
		f := &art.Findings[j]
		cmd := githubCommand(f.Level.String())
		g.total[cmd]++
		if g.total[cmd] > GitHubAnnotationsPerKind && !g.overflow {
			g.overflow = true
			g.settle()
		}
		p := placeOf(art, f)
		p.Path = workspaceRelative(p.Path, g.workspace)
		switch {
		case cmd == "notice" && !g.overflow && g.shown[cmd] == GitHubAnnotationsPerKind-1:
			// The last notice slot: an annotation unless some kind
			// overflows later in the run.
			g.held, g.heldAnnotation, g.heldPlain = true, githubAnnotation(cmd, p, f), githubPlainLine(p, f)
		case g.shown[cmd] < g.limit(cmd):
			g.shown[cmd]++
			g.out(githubAnnotation(cmd, p, f))
		default:
			g.left++
			g.out(githubPlainLine(p, f))
		}
	}
	if g.held {
		return nil
	}
	return g.flush()
}

// limit is how many findings of a kind become annotations, as far as is
// known.
func (g *githubWriter) limit(cmd string) int {
	if cmd == "notice" && g.overflow {
		return GitHubAnnotationsPerKind - 1 // a slot for the closing notice
	}
	return GitHubAnnotationsPerKind
}

// out writes a line, or holds it back while the last notice slot is
// undecided.
func (g *githubWriter) out(s string) {
	if g.held {
		g.pending = append(g.pending, s)
		return
	}
	g.bw.WriteString(s)
}

// settle decides the held notice, now that overflow is known, and writes
// what was held back.
func (g *githubWriter) settle() {
	if !g.held {
		return
	}
	g.held = false
	if g.overflow {
		g.left++
		g.bw.WriteString(g.heldPlain)
	} else {
		g.shown["notice"]++
		g.bw.WriteString(g.heldAnnotation)
	}
	for _, s := range g.pending {
		g.bw.WriteString(s)
	}
	g.pending, g.heldAnnotation, g.heldPlain = nil, "", ""
}

func (g *githubWriter) End(a *Audit) error {
	g.settle()
	if g.left > 0 {
		msg := fmt.Sprintf("%s not shown as annotations: GitHub shows %d of each kind per step. "+
			"They are listed in this step's log as path:line:column lines", nounCount(g.left, "finding"), GitHubAnnotationsPerKind)
		if g.summary != "" {
			msg += ", and in the job summary"
		}
		g.bw.WriteString("::notice title=sourcecheck::" + githubData(msg+".") + "\n")
	}
	if err := g.flush(); err != nil {
		return err
	}
	if g.summary != "" {
		run := *a
		run.Articles = g.articles
		g.articles = nil
		if err := appendStepSummary(g.summary, &run, g.opts.Markdown); err != nil {
			return err
		}
	}
	return nil
}

func (g *githubWriter) flush() error {
	if err := g.bw.Flush(); err != nil {
		return fmt.Errorf("writing GitHub workflow commands: %w", err)
	}
	return nil
}

// githubPlainLine writes a finding GitHub will not annotate as a log line.
func githubPlainLine(p findingPlace, f *Finding) string {
	loc := string(p.appendLoc(nil))
	msg := flatText(f.Message)
	if pos := p.bodyPos(f); pos != "" {
		msg += " (" + pos + ")"
	}
	return fmt.Sprintf("%s: %s %s: %s\n", loc, f.Level, f.Rule, msg)
}

// githubAnnotation writes one finding as a workflow command.
func githubAnnotation(cmd string, p findingPlace, f *Finding) string {
	props := []string{"file=" + githubProperty(p.Path), "line=" + strconv.Itoa(p.Line), "endLine=" + strconv.Itoa(p.EndLine)}
	if p.Record == 0 && p.EndLine == p.Line {
		// GitHub's end column is the last character's (inclusive).
		props = append(props, "col="+strconv.Itoa(p.Col), "endColumn="+strconv.Itoa(max(p.Col, p.EndCol-1)))
	}
	props = append(props, "title="+githubProperty("sourcecheck: "+f.Rule))
	body := flatText(f.Message)
	if pos := p.bodyPos(f); pos != "" {
		body += " (" + pos + ")"
	}
	if f.Excerpt != "" {
		body += "\n\n" + quoteExcerpt(flatText(f.Excerpt))
	}
	if f.Fix != "" {
		body += "\n\nFix: " + flatText(f.Fix)
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + githubData(body) + "\n"
}

// workspaceRelative makes an absolute path inside the workspace
// (GITHUB_WORKSPACE, the repository's checkout) relative to it, as GitHub
// needs to attach an annotation to the file; other paths are unchanged.
func workspaceRelative(path, workspace string) string {
	if workspace == "" || !filepath.IsAbs(filepath.FromSlash(path)) {
		return path
	}
	rel, err := filepath.Rel(workspace, filepath.FromSlash(path))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return filepath.ToSlash(rel)
}

// githubData escapes a workflow command's message as @actions/core's
// escapeData does.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value as
// @actions/core's escapeProperty does.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// appendStepSummary appends the Markdown report of the run to the step
// summary file, with fewer findings per article until it fits.
func appendStepSummary(path string, a *Audit, opts MarkdownOptions) error {
	var buf bytes.Buffer
	budget := GitHubStepSummaryBytes - 64<<10 // room for other steps' writes to this step
	if st, err := os.Stat(path); err == nil {
		budget -= int(st.Size())
	}
	for maxFindings := opts.MaxFindings; ; {
		buf.Reset()
		o := opts
		o.MaxFindings = maxFindings
		if err := WriteMarkdown(&buf, a, o); err != nil {
			return err
		}
		if buf.Len() <= budget || maxFindings == 1 {
			break
		}
		if maxFindings == 0 {
			maxFindings = 100
		} else {
			maxFindings = max(1, maxFindings/2)
		}
	}
	if buf.Len() > budget {
		return fmt.Errorf("the step summary would exceed GitHub's %d bytes; not written to %s", GitHubStepSummaryBytes, path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("appending the step summary: %w", err)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("appending the step summary to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("appending the step summary to %s: %w", path, err)
	}
	return nil
}
