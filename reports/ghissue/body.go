package ghissue

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

// GitHub's limits on issues, in characters (Unicode code points).
const (
	MaxBodyChars  = 65536
	MaxTitleChars = 256
)

// Group says how findings are grouped into issues.
type Group string

// The groupings.
const (
	// GroupArticle files one issue per article with findings.
	GroupArticle Group = "article"
	// GroupRun files one digest issue for the whole run.
	GroupRun Group = "run"
)

// ParseGroup parses a --group value.
func ParseGroup(s string) (Group, error) {
	switch Group(s) {
	case GroupArticle, GroupRun:
		return Group(s), nil
	}
	return "", fmt.Errorf("%q is not one of article, run", s)
}

// RunKey is the key of the digest issue of GroupRun.
const RunKey = "run"

// Issue is an issue as sourcecheck wants it to be after this run.
type Issue struct {
	// Key identifies the article (or RunKey) across runs.
	Key string
	// Title and Body are what the issue should say; Body starts with the
	// marker and fits MaxBodyChars, Title fits MaxTitleChars.
	Title, Body string
	// Fingerprint hashes the findings shown; CleanFingerprint when there
	// are none.
	Fingerprint string
	// Findings counts the findings shown. An issue with none is not
	// filed: it is how Plan learns that an article is now clean.
	Findings int
}

// BuildOptions say how issues are written.
type BuildOptions struct {
	// Group is GroupArticle (the default) or GroupRun.
	Group Group
	// MinLevel is the lowest level of the findings shown, for the text.
	MinLevel rules.Level
	// FullReport tells the reader of a shortened body where the whole
	// report is: an http(s) URL, or a command to run, in which {path}
	// stands for the article's path.
	FullReport string
	// Root, when set, makes absolute article paths relative to it in keys,
	// so that keys do not depend on where the checkout is.
	Root string
	// RenderArticle writes the Markdown report of one article, the body
	// of its issue; nil uses a compact built-in report. It must escape
	// article text (see reports.EscapeMarkdown).
	RenderArticle func(w io.Writer, art *reports.AuditArticle) error
	// RenderRun writes the Markdown digest of a run; nil uses a compact
	// built-in digest.
	RenderRun func(w io.Writer, a *reports.Audit) error
	// MaxBody and MaxTitle override GitHub's limits (for tests and for
	// servers with other limits); zero means MaxBodyChars and
	// MaxTitleChars.
	MaxBody, MaxTitle int
}

func (o *BuildOptions) maxBody() int {
	if o.MaxBody > 0 {
		return o.MaxBody
	}
	return MaxBodyChars
}

func (o *BuildOptions) maxTitle() int {
	if o.MaxTitle > 0 {
		return o.MaxTitle
	}
	return MaxTitleChars
}

// ArticleKey is an article's identity across runs: its path, with
// forward slashes and cleaned, and for JSON Lines "#id" (or ":line" for a
// record without an id). root, when set, makes an absolute path relative
// to it.
func ArticleKey(art *reports.Article, root string) string {
	p := art.Path
	if root != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
	}
	if p != "-" {
		p = path.Clean(filepath.ToSlash(p))
	}
	switch {
	case art.ID != "":
		return p + "#" + art.ID
	case art.Record > 0:
		return p + ":" + strconv.Itoa(art.Record)
	}
	return p
}

// Build turns an audit report into the issues sourcecheck wants: for
// GroupArticle one per article (those without findings tell Plan the
// article is clean), for GroupRun a single digest.
func Build(a *reports.Audit, o BuildOptions) ([]Issue, error) {
	switch o.Group {
	case GroupRun:
		is, err := buildRun(a, &o)
		if err != nil {
			return nil, err
		}
		return []Issue{is}, nil
	case GroupArticle, "":
	default:
		return nil, fmt.Errorf("unknown grouping %q", o.Group)
	}
	out := make([]Issue, 0, len(a.Articles))
	seen := map[string]int{}
	for i := range a.Articles {
		art := &a.Articles[i]
		key := ArticleKey(&art.Article, o.Root)
		if j, dup := seen[key]; dup {
			return nil, fmt.Errorf("%s: two articles have the key %q (the same file named twice, or a repeated JSON Lines id)", art.Path, out[j].Key)
		}
		seen[key] = len(out)
		is, err := buildArticle(art, key, &o)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		out = append(out, is)
	}
	return out, nil
}

func buildArticle(art *reports.AuditArticle, key string, o *BuildOptions) (Issue, error) {
	is := Issue{Key: key, Fingerprint: Fingerprint(art.Findings), Findings: len(art.Findings)}
	if is.Findings == 0 {
		is.Fingerprint = CleanFingerprint
		is.Body = resolvedNotice(Marker{Key: key, Fingerprint: CleanFingerprint}, o.MinLevel)
		return is, nil
	}
	name := headline(&art.Article)
	if name == "" {
		name = key
	}
	is.Title = fitTitle("Sourcing: ", name, fmt.Sprintf(" (%s)", plural(is.Findings, "finding")), o.maxTitle())
	var b strings.Builder
	render := o.RenderArticle
	if render == nil {
		render = func(w io.Writer, art *reports.AuditArticle) error { return writeArticle(w, art, key, true) }
	}
	if err := render(&b, art); err != nil {
		return Issue{}, fmt.Errorf("rendering the issue body: %w", err)
	}
	full := strings.ReplaceAll(o.FullReport, "{path}", ShellQuote(art.Path))
	is.Body = assemble(Marker{Key: key, Fingerprint: is.Fingerprint}, b.String(), full, o.maxBody())
	return is, nil
}

// ShellQuote quotes s for a POSIX shell when it needs quoting.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@,+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func buildRun(a *reports.Audit, o *BuildOptions) (Issue, error) {
	var all []reports.Finding
	articles := 0
	for i := range a.Articles {
		art := &a.Articles[i]
		key := ArticleKey(&art.Article, o.Root)
		if len(art.Findings) > 0 {
			articles++
		}
		for _, f := range art.Findings {
			f.Fingerprint = key + "\x00" + f.Fingerprint
			all = append(all, f)
		}
	}
	is := Issue{Key: RunKey, Fingerprint: Fingerprint(all), Findings: len(all)}
	if is.Findings == 0 {
		is.Fingerprint = CleanFingerprint
		is.Body = resolvedNotice(Marker{Key: RunKey, Fingerprint: CleanFingerprint}, o.MinLevel)
		return is, nil
	}
	is.Title = fitTitle("Sourcing: ", fmt.Sprintf("%s in %s", plural(is.Findings, "finding"), plural(articles, "article")), "", o.maxTitle())
	var b strings.Builder
	render := o.RenderRun
	if render == nil {
		render = func(w io.Writer, a *reports.Audit) error { return writeRun(w, a, o.Root) }
	}
	if err := render(&b, a); err != nil {
		return Issue{}, fmt.Errorf("rendering the digest body: %w", err)
	}
	is.Body = assemble(Marker{Key: RunKey, Fingerprint: is.Fingerprint}, b.String(), strings.ReplaceAll(o.FullReport, "{path}", "PATH..."), o.maxBody())
	return is, nil
}

const footer = "\n\n---\n<sub>Filed by sourcecheck. The hidden first line ties this issue to what it reports: " +
	"sourcecheck edits the issue when the findings change and, with --close-resolved, closes it when they are gone. " +
	"Close it as not planned and sourcecheck will leave it closed.</sub>\n"

// assemble puts marker, report and footer together and fits the result
// to the body limit, with a note on where the full report is.
func assemble(m Marker, report, full string, limit int) string {
	body := m.String() + "\n" + strings.TrimRight(report, "\n") + footer
	return trimBody(body, limit, shortenedNote(full, limit))
}

func shortenedNote(full string, limit int) string {
	where := "run `sourcecheck audit --format markdown` on the article"
	if u, err := url.Parse(full); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		where = "see <" + u.String() + ">"
	} else if full != "" {
		where = "run " + codeSpan(full)
	}
	return fmt.Sprintf("\n\n---\n**This report was shortened to fit GitHub's limit of %s characters.** For the full report, %s.\n",
		thousands(limit), where)
}

// trimBody cuts body to at most limit characters, at a line break where
// one is near, closes a code fence left open, and appends note. The
// marker on the first line always survives.
func trimBody(body string, limit int, note string) string {
	if utf8.RuneCountInString(body) <= limit {
		return body
	}
	budget := limit - utf8.RuneCountInString(note)
	for {
		out := cutBody(body, max(budget, 0)) + note
		if utf8.RuneCountInString(out) <= limit || budget <= 0 {
			return out
		}
		budget -= utf8.RuneCountInString(out) - limit
	}
}

// cutBody keeps at most budget characters of body, then closes a code
// fence or <details> left open (which may go over budget).
func cutBody(body string, budget int) string {
	cut := 0
	for n := 0; n < budget && cut < len(body); n++ {
		_, size := utf8.DecodeRuneInString(body[cut:])
		cut += size
	}
	kept := body[:cut]
	if i := strings.LastIndexByte(kept, '\n'); i > len(kept)*3/4 {
		kept = kept[:i]
	}
	if openFence(kept) {
		kept += "\n```"
	}
	if n := strings.Count(kept, "<details") - strings.Count(kept, "</details>"); n > 0 {
		kept += strings.Repeat("\n</details>", n)
	}
	return kept
}

// openFence reports whether text ends inside a fenced code block.
func openFence(text string) bool {
	open := false
	for _, line := range strings.Split(text, "\n") {
		l := strings.TrimLeft(line, " ")
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			open = !open
		}
	}
	return open
}

// fitTitle builds prefix+name+suffix, shortening name with an ellipsis
// so that the title fits limit characters.
func fitTitle(prefix, name, suffix string, limit int) string {
	name = EscapeTitle(name)
	room := limit - utf8.RuneCountInString(prefix) - utf8.RuneCountInString(suffix)
	if utf8.RuneCountInString(name) > room {
		r := []rune(name)
		if room < 1 {
			room = 1
		}
		name = strings.TrimRight(string(r[:room-1]), " "+wordJoiner) + "…"
	}
	t := prefix + name + suffix
	if utf8.RuneCountInString(t) > limit {
		t = string([]rune(t)[:limit])
	}
	return t
}

// headline is the article's title: its metadata title, or the text of its
// first headline block.
func headline(a *reports.Article) string {
	if a.Meta != nil && strings.TrimSpace(a.Meta.Title) != "" {
		return a.Meta.Title
	}
	for _, b := range a.Blocks {
		if b.Kind == "headline" && strings.TrimSpace(b.Text) != "" {
			return b.Text
		}
	}
	return ""
}

func resolvedNotice(m Marker, min rules.Level) string {
	lvl := "the chosen level"
	if min != 0 {
		lvl = min.String()
	}
	return m.String() + "\n**Resolved.** sourcecheck's last run found no finding at or above " + lvl + " here, so it closed this issue.\n"
}

// writeArticle is the built-in report of one article.
func writeArticle(w io.Writer, art *reports.AuditArticle, key string, heading bool) error {
	var b strings.Builder
	if heading {
		fmt.Fprintf(&b, "### Sourcing findings in %s\n\n", codeSpan(key))
		if h := headline(&art.Article); h != "" {
			fmt.Fprintf(&b, "**%s**\n\n", reports.EscapeMarkdown(h))
		}
		fmt.Fprintf(&b, "%s: %s.\n\n", plural(len(art.Findings), "finding"), levelCounts(art.Findings))
	}
	for i, f := range art.Findings {
		fmt.Fprintf(&b, "%d. **%s** %s, line %d, column %d: %s\n", i+1, f.Level, codeSpan(f.Rule), f.Line, f.RuneColumn, reports.EscapeMarkdown(f.Message))
		if f.Excerpt != "" {
			fmt.Fprintf(&b, "   > “%s”\n", reports.EscapeMarkdown(f.Excerpt))
		}
		if f.Fix != "" {
			fmt.Fprintf(&b, "\n   Fix: %s\n", reports.EscapeMarkdown(f.Fix))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRun is the built-in digest of a run.
func writeRun(w io.Writer, a *reports.Audit, root string) error {
	var b strings.Builder
	s := a.Summary
	fmt.Fprintf(&b, "### Sourcing findings\n\n%s in %s read (%d error, %d warning, %d info).\n",
		plural(s.Findings, "finding"), plural(s.Articles, "article"), s.Levels["error"], s.Levels["warning"], s.Levels["info"])
	for i := range a.Articles {
		art := &a.Articles[i]
		if len(art.Findings) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n#### %s: %s\n\n", codeSpan(ArticleKey(&art.Article, root)), plural(len(art.Findings), "finding"))
		if err := writeArticle(&b, art, "", false); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func levelCounts(fs []reports.Finding) string {
	var parts []string
	for i := len(rules.Levels) - 1; i >= 0; i-- {
		l := rules.Levels[i]
		n := 0
		for _, f := range fs {
			if f.Level == l {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, l))
		}
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
