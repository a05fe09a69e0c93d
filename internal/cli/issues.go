package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/reports/ghissue"
)

const issuesLong = `Audit articles, then file the findings as GitHub issues, without duplicates.

The articles are audited as 'sourcecheck audit' does (the same inputs,
configuration, levels and baseline flags), then:

  --group article  one issue per article with findings (the default)
  --group run      one digest issue for the whole run

Only findings at or above --min-level are filed. Each issue carries the
label (--label, default "sourcecheck"; created if missing) and, on the
first line of its body, a hidden marker with the article's key (its path as
given, and for JSON Lines the record's id) and a fingerprint of its
findings. Every run lists the repository's issues with the label, open and
closed, and then:

  - files an issue for an article with findings and no issue yet;
  - leaves an issue alone when its findings have not changed (moving text
    around does not change them), so running twice files nothing new;
  - edits the issue in place (title and body) when they have changed;
  - with --close-resolved, closes as completed the open issue of an article
    that is now clean;
  - reopens an issue closed as completed when its article has findings
    again that differ from those it was closed with (the same findings
    mean a person closed it on purpose: it stays closed);
  - never reopens nor files again an issue a person closed as not planned.

Issues of articles that are not audited in the run are left alone, so run
it from the same directory on the same paths each time. Keep the label on
the issues and the marker in their bodies: they are how sourcecheck finds
its issues again.

The token is read from $GITHUB_TOKEN (or the variable --token-env names) and
is never printed or logged. It needs permission to read and write issues
(a fine-grained token with "Issues: read and write", or in a GitHub Actions
workflow "permissions: issues: write"). --api-url points at a GitHub
Enterprise Server (https://HOST/api/v3); it defaults to $GITHUB_API_URL,
then https://api.github.com.

GitHub's limits are respected: titles are cut to 256 characters and bodies to
65,536, with a note saying where the full report is (--report-url, or the
command that prints it); mutating requests go one at a time, --pause apart;
secondary rate limits (403) and 429s are waited out as Retry-After or
x-ratelimit-reset say, with exponential backoff capped at --max-wait. A
create whose answer is lost (the connection dropped, a 5xx) is never sent
again blind: the issues are listed again and the create is sent only if the
issue is still missing.

--dry-run prints what would be created, edited, reopened or closed and
changes nothing. With a token it lists the existing issues to decide;
without one it plans as if the repository had none, and says so.

Exit status:
  0  the issues are up to date (whatever the findings: use 'sourcecheck
     audit' to fail a build on them)
  2  usage, configuration, read or GitHub error; the actions taken before
     the error stand, and running again carries on from there`

// issuesFlags are the issues command's flags.
type issuesFlags struct {
	audit         auditFlags
	repo          string
	tokenEnv      string
	apiURL        string
	group         string
	label         string
	closeResolved bool
	dryRun        bool
	pause         time.Duration
	maxWait       time.Duration
	retries       int
	reportURL     string
	lineURL       string
}

// issuesClock is the clock the issues command waits with; tests replace
// it with one that does not wait.
var issuesClock ghissue.Clock = ghissue.RealClock{}

func newIssuesCmd(e *env) *cobra.Command {
	var f issuesFlags
	cmd := &cobra.Command{
		Use:   "issues [flags] --repo OWNER/NAME PATH...",
		Short: "Audit articles and file the findings as GitHub issues",
		Long:  issuesLong,
		Example: `  # One issue per article with warnings or errors; close those now fixed
  GITHUB_TOKEN=... sourcecheck issues --repo newsroom/stories --min-level warning --close-resolved content/

  # See what would be filed, without changing anything
  sourcecheck issues --repo newsroom/stories --dry-run content/

  # One digest issue per run, on GitHub Enterprise Server
  sourcecheck issues --repo desk/wire --group run --api-url https://ghe.example.com/api/v3 wire/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			return e.runIssues(ctx, &f, args)
		},
	}
	fs := cmd.Flags()
	f.audit.register(fs)
	_ = fs.MarkHidden("fail-level") // accepted, but the exit status does not depend on findings
	fs.StringVar(&f.repo, "repo", "", "repository to file issues in, OWNER/NAME (default: $GITHUB_REPOSITORY)")
	fs.StringVar(&f.tokenEnv, "token-env", "GITHUB_TOKEN", "environment variable holding the GitHub token")
	fs.StringVar(&f.apiURL, "api-url", "", "GitHub REST API URL, for GitHub Enterprise Server https://HOST/api/v3 (default: $GITHUB_API_URL, else https://api.github.com)")
	fs.StringVar(&f.group, "group", "article", "one issue per article, or one digest issue for the run: article or run")
	fs.StringVar(&f.label, "label", ghissue.DefaultLabel, "label that marks sourcecheck's issues (created if missing)")
	fs.BoolVar(&f.closeResolved, "close-resolved", false, "close, as completed, the issues of articles that are now clean")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print what would be created, edited, reopened or closed, and change nothing")
	fs.DurationVar(&f.pause, "pause", time.Second, "wait between two mutating requests")
	fs.DurationVar(&f.maxWait, "max-wait", 2*time.Minute, "longest wait for a rate limit or between retries; a longer rate limit fails the run")
	fs.IntVar(&f.retries, "retries", 5, "how many times a failed or rate-limited request is tried again")
	fs.StringVar(&f.reportURL, "report-url", "", "where the full report is, for bodies shortened to GitHub's limit (default: the command that prints it)")
	fs.StringVar(&f.lineURL, "line-url", "", "link each finding's line: a URL with {path} and {line}, e.g. https://github.com/OWNER/NAME/blob/main/{path}#L{line}")
	return cmd
}

var repoRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$`)

// issuesSetup is what the flags decide before anything is read.
type issuesSetup struct {
	owner, repo string
	group       ghissue.Group
	token       string
	apiURL      string
}

func (e *env) issuesSetup(f *issuesFlags) (*issuesSetup, error) {
	s := &issuesSetup{}
	repo := f.repo
	if repo == "" {
		repo = e.getenv("GITHUB_REPOSITORY")
	}
	if repo == "" {
		return nil, usageError("--repo OWNER/NAME is required (or set $GITHUB_REPOSITORY)")
	}
	if !repoRE.MatchString(repo) || strings.HasSuffix(repo, "/.") || strings.HasSuffix(repo, "/..") {
		return nil, usageError("--repo: %q is not OWNER/NAME", repo)
	}
	s.owner, s.repo, _ = strings.Cut(repo, "/")
	g, err := ghissue.ParseGroup(f.group)
	if err != nil {
		return nil, usageError("--group: %v", err)
	}
	s.group = g
	if f.pause < 0 || f.maxWait < 0 || f.retries < 0 {
		return nil, usageError("--pause, --max-wait and --retries cannot be negative")
	}
	if f.tokenEnv == "" {
		return nil, usageError("--token-env names no variable")
	}
	s.token = strings.TrimSpace(e.getenv(f.tokenEnv))
	if s.token == "" && !f.dryRun {
		return nil, usageError("no GitHub token: set $%s (or name another variable with --token-env), or use --dry-run", f.tokenEnv)
	}
	s.apiURL = f.apiURL
	if s.apiURL == "" {
		s.apiURL = e.getenv("GITHUB_API_URL")
	}
	if s.apiURL != "" {
		u, err := url.Parse(s.apiURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, usageError("--api-url: %q is not an http(s) URL", s.apiURL)
		}
	}
	for _, u := range []string{f.reportURL, strings.NewReplacer("{path}", "p", "{line}", "1").Replace(f.lineURL)} {
		if u == "" {
			continue
		}
		if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			return nil, usageError("%q is not an http(s) URL", u)
		}
	}
	if f.lineURL != "" && (!strings.Contains(f.lineURL, "{path}") || !strings.Contains(f.lineURL, "{line}")) {
		return nil, usageError("--line-url needs both {path} and {line}")
	}
	return s, nil
}

func (e *env) runIssues(ctx context.Context, f *issuesFlags, paths []string) error {
	s, err := e.issuesSetup(f)
	if err != nil {
		return err
	}
	if s.token != "" {
		e.log.AddHook(redactHook{secret: s.token})
	}
	run, err := e.setupAudit(&f.audit, paths)
	if err != nil {
		return err
	}
	defer run.close()
	rep := reports.NewAudit(e.auditInputs(run, paths), run.rules(), run.failLevel)
	rep.Summary.InputErrors = e.inputErrors

	root := workingDir()
	md := reports.MarkdownOptions{HeadingLevel: 2}
	if f.lineURL != "" {
		md.LineURL = func(path string, line int) string {
			if filepath.IsAbs(filepath.FromSlash(path)) {
				rel, err := filepath.Rel(root, filepath.FromSlash(path))
				if err != nil || strings.HasPrefix(rel, "..") {
					return "" // outside the checkout: no link
				}
				path = filepath.ToSlash(rel)
			}
			return strings.NewReplacer("{path}", escapePath(strings.TrimPrefix(path, "./")), "{line}", fmt.Sprint(line)).Replace(f.lineURL)
		}
	}
	want, err := ghissue.Build(rep, ghissue.BuildOptions{
		Group:      s.group,
		MinLevel:   run.minLevel,
		FullReport: e.fullReportHint(f.reportURL, paths, s.group),
		Root:       root,
		RenderArticle: func(w io.Writer, art *reports.AuditArticle) error {
			return reports.WriteMarkdownArticle(w, art, md)
		},
		RenderRun: func(w io.Writer, a *reports.Audit) error {
			o := md
			o.Title = "Sourcing findings"
			return reports.WriteMarkdown(w, a, o)
		},
	})
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}

	var filer *ghissue.Filer
	var have []ghissue.Existing
	if s.token != "" {
		rt := &ghissue.RetryTransport{
			Backoff: ghissue.Backoff{Base: time.Second, Max: f.maxWait, Retries: f.retries},
			Clock:   issuesClock, Log: e.log,
		}
		gh, err := ghissue.NewClient(s.apiURL, s.token, rt)
		if err != nil {
			return usageError("--api-url: %v", err)
		}
		filer, err = ghissue.NewFiler(gh, ghissue.Config{
			Owner: s.owner, Repo: s.repo, Label: f.label, Pause: f.pause,
			Backoff: ghissue.Backoff{Base: time.Second, Max: f.maxWait, Retries: f.retries},
			Clock:   issuesClock, Log: e.log,
		})
		if err != nil {
			return err
		}
		if have, err = filer.List(ctx); err != nil {
			return e.githubError(s, err)
		}
	} else {
		fmt.Fprintf(e.stdout, "note: no token in $%s, so the existing issues were not listed: planned as if %s/%s had none\n",
			f.tokenEnv, s.owner, s.repo)
	}
	plan := ghissue.Plan(want, have, ghissue.PlanOptions{CloseResolved: f.closeResolved, Gone: goneArticles(rep, paths, s.group, root)})

	counts := map[ghissue.Op]int{}
	if f.dryRun || filer == nil {
		for _, a := range plan {
			counts[a.Op]++
			e.printAction(a, 0, "", true)
		}
		e.printSummary(s, f, counts, true)
		return nil
	}
	for _, a := range plan {
		if !a.Mutates() {
			counts[a.Op]++
			e.printAction(a, a.Number, a.URL, false)
		}
	}
	err = filer.Apply(ctx, plan, func(r ghissue.Result) {
		counts[r.Action.Op]++
		e.printAction(r.Action, r.Number, r.URL, false)
	})
	e.printSummary(s, f, counts, false)
	if err != nil {
		return e.githubError(s, err)
	}
	return nil
}

// githubError makes an error from GitHub a run error (exit 2) that names
// the repository.
func (e *env) githubError(s *issuesSetup, err error) error {
	if errors.Is(err, context.Canceled) {
		return &exitError{code: ExitError, err: errors.New("interrupted")}
	}
	return &exitError{code: ExitError, err: redactError{err: fmt.Errorf("github %s/%s: %w", s.owner, s.repo, err), secret: s.token}}
}

var opWords = map[ghissue.Op][2]string{
	ghissue.OpCreate: {"created", "would create"},
	ghissue.OpUpdate: {"updated", "would update"},
	ghissue.OpReopen: {"reopened", "would reopen"},
	ghissue.OpClose:  {"closed", "would close"},
	ghissue.OpKeep:   {"unchanged", "unchanged"},
	ghissue.OpSkip:   {"skipped", "skipped"},
}

// printAction prints one line of what was (or would be) done.
func (e *env) printAction(a ghissue.Action, number int, link string, dry bool) {
	word := opWords[a.Op][0]
	if dry {
		word = opWords[a.Op][1]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-12s ", word)
	if number > 0 {
		fmt.Fprintf(&b, "#%d ", number)
	} else if a.Number > 0 {
		fmt.Fprintf(&b, "#%d ", a.Number)
	}
	b.WriteString(a.Key)
	switch a.Op {
	case ghissue.OpCreate, ghissue.OpUpdate, ghissue.OpReopen:
		fmt.Fprintf(&b, ": %q", a.Title)
	default:
		if a.Reason != "" && a.Reason != "unchanged" {
			b.WriteString(": " + a.Reason)
		}
	}
	if link != "" && a.Mutates() {
		b.WriteString(" " + link)
	}
	fmt.Fprintln(e.stdout, b.String())
}

func (e *env) printSummary(s *issuesSetup, f *issuesFlags, counts map[ghissue.Op]int, dry bool) {
	verb := ""
	if dry {
		verb = "dry run, nothing changed; would be "
	}
	fmt.Fprintf(e.stdout, "%s/%s (label %q): %s%d created, %d updated, %d reopened, %d closed, %d unchanged, %d skipped\n",
		s.owner, s.repo, f.label, verb, counts[ghissue.OpCreate], counts[ghissue.OpUpdate], counts[ghissue.OpReopen],
		counts[ghissue.OpClose], counts[ghissue.OpKeep], counts[ghissue.OpSkip])
}

// fullReportHint says where the full report is, for bodies cut to
// GitHub's limit: --report-url, or the audit command that prints it.
func (e *env) fullReportHint(reportURL string, paths []string, g ghissue.Group) string {
	if reportURL != "" {
		return reportURL
	}
	format := ""
	if fl := newAuditCmd(e).Flags().Lookup("format"); fl != nil && strings.Contains(fl.Usage, "markdown") {
		format = "--format markdown "
	}
	if g == ghissue.GroupArticle {
		return "sourcecheck audit " + format + "{path}"
	}
	quoted := make([]string, len(paths))
	for i, p := range paths {
		quoted[i] = ghissue.ShellQuote(p)
	}
	return "sourcecheck audit " + format + strings.Join(quoted, " ")
}

// escapePath escapes each segment of a slash-separated path for a URL.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// goneArticles tells, for a key not in the run, whether its article was
// removed: a JSON Lines record missing from a file the run read, or a file
// missing from a folder the run audited. Keys of files named on the
// command line, or outside the folders audited, are never gone: the run
// knows nothing of them. A digest is never gone.
func goneArticles(rep *reports.Audit, paths []string, g ghissue.Group, root string) func(string) bool {
	if g != ghissue.GroupArticle {
		return func(string) bool { return false }
	}
	recordFiles := map[string]bool{}
	for i := range rep.Articles {
		a := &rep.Articles[i].Article
		if a.ID != "" || a.Record > 0 {
			recordFiles[ghissue.ArticleKey(&reports.Article{Path: a.Path}, root)] = true
		}
	}
	var dirs []string
	for _, p := range paths {
		if st, err := os.Stat(p); p != "-" && err == nil && st.IsDir() {
			dirs = append(dirs, p)
		}
	}
	return func(key string) bool {
		for file := range recordFiles {
			if strings.HasPrefix(key, file+"#") || strings.HasPrefix(key, file+":") {
				return true
			}
		}
		p := filepath.FromSlash(key)
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			return false
		}
		for _, d := range dirs {
			if rel, err := filepath.Rel(d, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
}

func workingDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}

// redactHook hides a secret in every log entry, whatever logged it.
type redactHook struct{ secret string }

func (h redactHook) Levels() []logrus.Level { return logrus.AllLevels }

func (h redactHook) Fire(entry *logrus.Entry) error {
	entry.Message = redact(entry.Message, h.secret)
	for k, v := range entry.Data {
		switch x := v.(type) {
		case string:
			entry.Data[k] = redact(x, h.secret)
		case error:
			entry.Data[k] = redact(x.Error(), h.secret)
		}
	}
	return nil
}

// redactError hides a secret in an error's message.
type redactError struct {
	err    error
	secret string
}

func (r redactError) Error() string { return redact(r.err.Error(), r.secret) }
func (r redactError) Unwrap() error { return r.err }

func redact(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, "[REDACTED]")
}
