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
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	path := getenv("GITHUB_STEP_SUMMARY")
	if err := writeGitHubCommands(w, a, path != "", getenv("GITHUB_WORKSPACE")); err != nil {
		return err
	}
	if path != "" {
		if err := appendStepSummary(path, a, opts.Markdown); err != nil {
			return err
		}
	}
	return nil
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

func writeGitHubCommands(w io.Writer, a *Audit, summary bool, workspace string) error {
	total := map[string]int{}
	for i := range a.Articles {
		for _, f := range a.Articles[i].Findings {
			total[githubCommand(f.Level.String())]++
		}
	}
	limit := map[string]int{"error": GitHubAnnotationsPerKind, "warning": GitHubAnnotationsPerKind, "notice": GitHubAnnotationsPerKind}
	overflow := false
	for _, n := range total {
		overflow = overflow || n > GitHubAnnotationsPerKind
	}
	if overflow {
		limit["notice"]-- // keep a slot for the closing notice
	}
	bw := bufio.NewWriter(w)
	shown := map[string]int{}
	left := 0
	for i := range a.Articles {
		art := &a.Articles[i]
		for j := range art.Findings {
			f := &art.Findings[j]
			cmd := githubCommand(f.Level.String())
			p := placeOf(art, f)
			p.Path = workspaceRelative(p.Path, workspace)
			if shown[cmd] < limit[cmd] {
				shown[cmd]++
				bw.WriteString(githubAnnotation(cmd, p, f))
				continue
			}
			left++
			loc := fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
			if p.Record > 0 {
				loc = fmt.Sprintf("%s:%d", p.Path, p.Line)
			}
			msg := flatText(f.Message)
			if pos := p.bodyPos(f); pos != "" {
				msg += " (" + pos + ")"
			}
			fmt.Fprintf(bw, "%s: %s %s: %s\n", loc, f.Level, f.Rule, msg)
		}
	}
	if left > 0 {
		msg := fmt.Sprintf("%s not shown as annotations: GitHub shows %d of each kind per step. "+
			"They are listed in this step's log as path:line:column lines", nounCount(left, "finding"), GitHubAnnotationsPerKind)
		if summary {
			msg += ", and in the job summary"
		}
		bw.WriteString("::notice title=sourcecheck::" + githubData(msg+".") + "\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing GitHub workflow commands: %w", err)
	}
	return nil
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
