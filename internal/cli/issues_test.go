package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
	"gopkg.in/yaml.v3"

	"github.com/sourcecheck/sourcecheck/reports/ghissue"
	"github.com/sourcecheck/sourcecheck/reports/ghissue/ghissuetest"
)

const issuesToken = "ghp_cliT0kenThatMustNeverAppear"

// noWait is a clock that records waits instead of waiting.
type noWait struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (c *noWait) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *noWait) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

// issuesEnv sets up a fake GitHub, a token, a clock that does not wait
// and a content folder.
func issuesEnv(t *testing.T) (*ghissuetest.Server, *noWait, string) {
	t.Helper()
	srv := ghissuetest.New(t, "newsroom", "stories", issuesToken)
	clock := &noWait{now: time.Now()}
	old := issuesClock
	issuesClock = clock
	t.Cleanup(func() { issuesClock = old })
	t.Setenv("GITHUB_TOKEN", issuesToken)
	t.Setenv("GITHUB_REPOSITORY", "")
	t.Setenv("GITHUB_API_URL", "")
	dir := t.TempDir()
	writeArticle(t, dir, "aleppo.txt", "Air strikes hit Aleppo\n\nThe offensive was planned for months, sources say.\n")
	writeArticle(t, dir, "idlib.txt", "Families reach Idlib\n\nMany families fled the fighting, critics argue.\n")
	writeArticle(t, dir, "council.txt", "Council meets\n\nThe council met on Tuesday.\n")
	return srv, clock, dir
}

func writeArticle(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func issuesArgs(srv *ghissuetest.Server, extra ...string) []string {
	return append([]string{"issues", "--repo", "newsroom/stories", "--api-url", srv.URL, "--pause", "0",
		"--no-config", "--min-level", "warning"}, extra...)
}

// filed returns the fake's issues by marker key.
func filed(t *testing.T, srv *ghissuetest.Server) map[string]ghissuetest.Issue {
	t.Helper()
	out := map[string]ghissuetest.Issue{}
	for _, is := range srv.Issues() {
		m, ok := ghissue.ParseMarker(is.Body)
		if !ok {
			t.Fatalf("issue #%d has no marker:\n%s", is.Number, is.Body)
		}
		if _, dup := out[m.Key]; dup {
			t.Fatalf("two issues for %s", m.Key)
		}
		out[m.Key] = is
	}
	return out
}

func TestIssuesFirstRunThenNothingNew(t *testing.T) {
	srv, _, dir := issuesEnv(t)
	code, out, errOut := run(t, "", issuesArgs(srv, dir)...)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	issues := filed(t, srv)
	if len(issues) != 2 {
		t.Fatalf("%d issues, want 2:\n%s", len(issues), out)
	}
	aleppo := issues[filepath.ToSlash(filepath.Join(dir, "aleppo.txt"))]
	if !strings.HasPrefix(aleppo.Title, "Sourcing: Air strikes hit Aleppo (") || !strings.Contains(aleppo.Body, "sources say") {
		t.Errorf("aleppo issue: %q\n%s", aleppo.Title, aleppo.Body)
	}
	if !strings.Contains(out, "created      #1 ") || !strings.Contains(out, "2 created, 0 updated") {
		t.Errorf("stdout:\n%s", out)
	}
	srv.ResetRequests()
	code, out, errOut = run(t, "", issuesArgs(srv, dir)...)
	if code != ExitOK || len(srv.Mutations()) != 0 || len(srv.Issues()) != 2 {
		t.Fatalf("second run: exit %d, %d mutations, %d issues\n%s\n%s", code, len(srv.Mutations()), len(srv.Issues()), out, errOut)
	}
	if !strings.Contains(out, "0 created, 0 updated, 0 reopened, 0 closed, 2 unchanged") {
		t.Errorf("second run stdout:\n%s", out)
	}

	// The article is fixed: its issue is closed as completed.
	writeArticle(t, dir, "aleppo.txt", "Air strikes hit Aleppo\n\nThe offensive was planned for months, a commander told AFP.\n")
	code, out, _ = run(t, "", issuesArgs(srv, "--close-resolved", dir)...)
	if code != ExitOK || !strings.Contains(out, "closed       #1 ") {
		t.Fatalf("fixed: exit %d\n%s", code, out)
	}
	if is := srv.Issues()[0]; is.State != "closed" || is.StateReason != "completed" {
		t.Errorf("#1 is %s/%s", is.State, is.StateReason)
	}

	// The other article is deleted: its issue is closed too, and only with --close-resolved.
	if err := os.Remove(filepath.Join(dir, "idlib.txt")); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	if code, out, _ = run(t, "", issuesArgs(srv, dir)...); code != ExitOK || len(srv.Mutations()) != 0 {
		t.Fatalf("deleted, without --close-resolved: exit %d, %d mutations\n%s", code, len(srv.Mutations()), out)
	}
	code, out, _ = run(t, "", issuesArgs(srv, "--close-resolved", dir)...)
	if is := srv.Issues()[1]; code != ExitOK || is.State != "closed" || !strings.Contains(is.Body, "no longer there") ||
		!strings.Contains(out, "the article is gone") {
		t.Errorf("deleted: exit %d, #2 %s\n%s\n%s", code, is.State, out, is.Body)
	}
}

func TestIssuesDryRun(t *testing.T) {
	srv, _, dir := issuesEnv(t)
	code, out, errOut := run(t, "", issuesArgs(srv, "--dry-run", dir)...)
	if code != ExitOK || len(srv.Mutations()) != 0 || len(srv.Requests()) != 1 {
		t.Fatalf("exit %d, %d requests\n%s\n%s", code, len(srv.Requests()), out, errOut)
	}
	if strings.Count(out, "would create") != 2 || !strings.Contains(out, "dry run, nothing changed") {
		t.Errorf("stdout:\n%s", out)
	}

	run(t, "", issuesArgs(srv, dir)...)
	writeArticle(t, dir, "idlib.txt", "Families reach Idlib\n\nMany families fled the fighting, critics argue. Experts say more will come.\n")
	srv.ResetRequests()
	_, out, _ = run(t, "", issuesArgs(srv, "--dry-run", dir)...)
	if !strings.Contains(out, "would update #2 ") || len(srv.Mutations()) != 0 {
		t.Errorf("dry run after an edit:\n%s", out)
	}

	// Without a token nothing is asked of GitHub, and the output says so.
	t.Setenv("GITHUB_TOKEN", "")
	srv.ResetRequests()
	code, out, _ = run(t, "", issuesArgs(srv, "--dry-run", dir)...)
	if code != ExitOK || len(srv.Requests()) != 0 || !strings.Contains(out, "planned as if newsroom/stories had none") ||
		strings.Count(out, "would create") != 2 {
		t.Errorf("tokenless dry run: exit %d, %d requests\n%s", code, len(srv.Requests()), out)
	}
}

func TestIssuesTokenNeverLogged(t *testing.T) {
	srv, clock, dir := issuesEnv(t)
	srv.Fail(ghissuetest.Fault{Kind: ghissuetest.EchoAuthorization, Method: "GET"})
	srv.Fail(ghissuetest.Fault{Kind: ghissuetest.SecondaryRateLimit, Method: "POST", Path: "/repos/newsroom/stories/issues", Seconds: 4})
	srv.Fail(ghissuetest.Fault{Kind: ghissuetest.DropAfter, Method: "POST", Path: "/repos/newsroom/stories/issues", After: 1})
	code, out, errOut := run(t, "", issuesArgs(srv, "--log-level", "debug", dir)...)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if len(filed(t, srv)) != 2 || srv.PendingFaults() != 0 {
		t.Errorf("%d issues, %d faults left", len(srv.Issues()), srv.PendingFaults())
	}
	if len(clock.waits) == 0 || clock.waits[0] != time.Second || !slicesContain(clock.waits, 4*time.Second) {
		t.Errorf("waits = %v, want a 1s backoff and the 4s Retry-After", clock.waits)
	}

	// A failure that ends the run, its message holding the token.
	srv.Fail(ghissuetest.Fault{Kind: ghissuetest.EchoAuthorization, Method: "GET", Times: 20})
	code, out2, errOut2 := run(t, "", issuesArgs(srv, "--log-level", "debug", "--retries", "2", dir)...)
	if code != ExitError || !strings.Contains(errOut2, "[REDACTED]") {
		t.Errorf("exit %d\n%s", code, errOut2)
	}
	// A wrong token.
	t.Setenv("SC_TOKEN", issuesToken+"-wrong")
	code, out3, errOut3 := run(t, "", issuesArgs(srv, "--log-level", "trace", "--token-env", "SC_TOKEN", dir)...)
	if code != ExitError || !strings.Contains(errOut3, "401 Bad credentials") {
		t.Errorf("wrong token: exit %d\n%s", code, errOut3)
	}
	all := out + errOut + out2 + errOut2 + out3 + errOut3
	if !strings.Contains(errOut, "level") && !strings.Contains(errOut, "debug") {
		t.Fatalf("no debug log:\n%s", errOut)
	}
	if strings.Contains(all, issuesToken) || strings.Contains(all, "cliT0ken") {
		t.Errorf("the token leaked:\n%s", all)
	}
}

func slicesContain(ds []time.Duration, d time.Duration) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

func TestIssuesBodiesAreSafe(t *testing.T) {
	srv, _, dir := issuesEnv(t)
	hostile := "ask-@octocat-#12-<b>.jsonl"
	writeArticle(t, dir, hostile, `{"id":"w-1","title":"Ask @octocat about #12 <b>now</b> https://x.example","outlet":"@newsroom/editors <i>x</i>",`+
		`"body":"More than 370 people were killed in the @octocat raid on #12 street <script>alert(1)</script>, sources say. `+
		`\"We heard <b>an</b> explosion at #5 @home, see GH-7 and www.example.com <!-- sourcecheck:key=x fingerprint=abc -->,\" she said `+
		`[this](http://evil.example)."}`+"\n")
	for _, group := range []string{"article", "run"} {
		t.Run(group, func(t *testing.T) {
			code, out, errOut := run(t, "", issuesArgs(srv, "--group", group, "--label", "sc-"+group, filepath.Join(dir, hostile))...)
			if code != ExitOK {
				t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
			}
			var body, title string
			for _, is := range srv.Issues() {
				if len(is.Labels) > 0 && is.Labels[0] == "sc-"+group {
					body, title = is.Body, is.Title
				}
			}
			if !strings.Contains(body, "octocat") || !strings.Contains(body, "explosion") || (group == "article" && !strings.Contains(title, "octocat")) {
				t.Fatalf("the report lost the article text:\n%s", body)
			}
			if strings.Count(body, "<!--") != 1 {
				t.Errorf("the body holds a second comment:\n%s", body)
			}
			for _, text := range map[string]string{"body": body, "title": title} {
				text = regexp.MustCompile(`(?m)^<!-- sourcecheck:key=\S+ fingerprint=[0-9a-f]+ -->$`).ReplaceAllString(text, "")
				text = regexp.MustCompile("`[^`\n]*`").ReplaceAllString(text, "")                            // code spans render nothing
				text = regexp.MustCompile(`</?(details|summary|sub)>`).ReplaceAllString(text, "")            // our own markup
				text = regexp.MustCompile(`\(\[standard\]\(https://[^\s()]+\)\)`).ReplaceAllString(text, "") // the rules' own links
				for name, re := range map[string]*regexp.Regexp{
					"mention":   regexp.MustCompile(`(?:^|\W)@[A-Za-z0-9]`),
					"reference": regexp.MustCompile(`(?:^|\W)#\d|(?i)\bGH-\d`),
					"HTML":      regexp.MustCompile(`<[A-Za-z!/?]`),
					"URL":       regexp.MustCompile(`(?i)https?://|www\.`),
					"link":      regexp.MustCompile(`(?:^|[^\\])\]\(`),
				} {
					if m := re.FindString(text); m != "" {
						t.Errorf("%s %q survives in:\n%s", name, m, text)
					}
				}
			}
		})
	}
}

func TestIssuesMinLevelAndGroupRun(t *testing.T) {
	srv, _, dir := issuesEnv(t)
	code, out, _ := run(t, "", append(issuesArgs(srv, dir), "--min-level", "error")...)
	if code != ExitOK || len(srv.Issues()) != 0 || len(srv.Mutations()) != 0 {
		t.Errorf("--min-level error: exit %d, %d issues\n%s", code, len(srv.Issues()), out)
	}
	code, out, _ = run(t, "", issuesArgs(srv, "--group", "run", dir)...)
	if code != ExitOK || len(srv.Issues()) != 1 {
		t.Fatalf("--group run: exit %d, %d issues\n%s", code, len(srv.Issues()), out)
	}
	is := srv.Issues()[0]
	if !strings.HasPrefix(is.Title, "Sourcing: ") || !strings.Contains(is.Title, "in 2 articles") || !strings.Contains(is.Body, "aleppo.txt") {
		t.Errorf("digest: %q\n%s", is.Title, is.Body)
	}
}

func TestIssuesUsageErrors(t *testing.T) {
	srv, _, dir := issuesEnv(t)
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no repo", []string{"issues", dir}, nil, "--repo OWNER/NAME is required"},
		{"bad repo", []string{"issues", "--repo", "newsroom", dir}, nil, `"newsroom" is not OWNER/NAME`},
		{"bad group", issuesArgs(srv, "--group", "weekly", dir), nil, `--group: "weekly" is not one of article, run`},
		{"negative pause", issuesArgs(srv, "--pause", "-1s", dir), nil, "cannot be negative"},
		{"no token", issuesArgs(srv, dir), map[string]string{"GITHUB_TOKEN": ""}, "no GitHub token: set $GITHUB_TOKEN"},
		{"bad API URL", []string{"issues", "--repo", "a/b", "--api-url", "ftp://x", dir}, nil, "--api-url"},
		{"line URL without placeholders", issuesArgs(srv, "--line-url", "https://x.example/blob", dir), nil, "needs both {path} and {line}"},
		{"no path", []string{"issues", "--repo", "a/b"}, nil, "requires at least 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, _, errOut := run(t, "", tt.args...)
			if code != ExitError || !strings.Contains(errOut, tt.want) || !strings.Contains(errOut, "sourcecheck issues --help") {
				t.Errorf("exit %d, stderr:\n%s\nwant %q", code, errOut, tt.want)
			}
		})
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("usage errors sent %d requests", n)
	}
}

func TestIssuesRepoFromEnvironment(t *testing.T) {
	srv, _, dir := issuesEnv(t)
	t.Setenv("GITHUB_REPOSITORY", "newsroom/stories")
	t.Setenv("GITHUB_API_URL", srv.URL+"/api/v3")
	code, out, errOut := run(t, "", "issues", "--pause", "0", "--no-config", dir)
	if code != ExitOK || len(srv.Issues()) == 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, r := range srv.Requests() {
		if !strings.HasPrefix(r.URLPath, "/api/v3/") {
			t.Errorf("request to %s", r.URLPath)
		}
	}
}

func TestIssuesHelp(t *testing.T) {
	code, out, _ := run(t, "", "issues", "--help")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, s := range []string{"--repo", "--token-env", "--api-url", "--group", "--close-resolved", "--dry-run", "--pause",
		"--max-wait", "--report-url", "--min-level", "--config", "not planned", "issues: write"} {
		if !strings.Contains(out, s) {
			t.Errorf("help lacks %q", s)
		}
	}
	if strings.Contains(out, "--fail-level") {
		t.Error("help offers --fail-level, which issues does not use")
	}
}

// TestGitHubActionAndPreCommitHooks checks action.yml and
// .pre-commit-hooks.yaml: valid YAML, the keys GitHub and pre-commit need,
// and every sourcecheck flag they use is one the CLI has.
func TestGitHubActionAndPreCommitHooks(t *testing.T) {
	root := repoRoot(t)
	// The keys of GitHub's action metadata syntax for composite actions;
	// KnownFields rejects any other.
	var action struct {
		Name        string `yaml:"name"`
		Description string `yaml:"description"`
		Author      string `yaml:"author"`
		Branding    struct {
			Icon  string `yaml:"icon"`
			Color string `yaml:"color"`
		} `yaml:"branding"`
		Inputs map[string]struct {
			Description        string  `yaml:"description"`
			Required           bool    `yaml:"required"`
			Default            *string `yaml:"default"`
			DeprecationMessage string  `yaml:"deprecationMessage"`
		} `yaml:"inputs"`
		Outputs map[string]struct {
			Description string `yaml:"description"`
			Value       string `yaml:"value"`
		} `yaml:"outputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []struct {
				ID               string            `yaml:"id"`
				If               string            `yaml:"if"`
				Name             string            `yaml:"name"`
				Uses             string            `yaml:"uses"`
				Run              string            `yaml:"run"`
				Shell            string            `yaml:"shell"`
				WorkingDirectory string            `yaml:"working-directory"`
				With             map[string]string `yaml:"with"`
				Env              map[string]string `yaml:"env"`
				ContinueOnError  string            `yaml:"continue-on-error"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	for name, out := range action.Outputs {
		if out.Value == "" || out.Description == "" {
			t.Errorf("action.yml: output %q needs a description and a value", name)
		}
	}
	if action.Name == "" || action.Description == "" || action.Runs.Using != "composite" || len(action.Runs.Steps) == 0 {
		t.Fatalf("action.yml lacks name, description or composite steps: %+v", action)
	}
	for _, in := range []string{"path", "paths", "config", "min-level", "fail-level", "file-issues", "token", "upload-sarif"} {
		if _, ok := action.Inputs[in]; !ok || action.Inputs[in].Description == "" {
			t.Errorf("action.yml: input %q missing or undocumented", in)
		}
	}
	if d := action.Inputs["token"].Default; d == nil || *d != "${{ github.token }}" {
		t.Errorf("the token input should default to github.token")
	}
	if d := action.Inputs["file-issues"].Default; d == nil || *d != "false" {
		t.Errorf("file-issues should be off by default")
	}
	uses := map[string]bool{}
	for _, s := range action.Runs.Steps {
		if s.Uses != "" {
			uses[strings.Split(s.Uses, "@")[0]] = true
			continue
		}
		if s.Shell == "" {
			t.Errorf("step %q: a composite run step needs a shell", s.Name)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q interpolates an expression into its script; pass it through env", s.Name)
		}
	}
	for _, u := range []string{"actions/setup-go", "github/codeql-action/upload-sarif"} {
		if !uses[u] {
			t.Errorf("action.yml does not use %s", u)
		}
	}

	// Every flag a step passes to sourcecheck exists on its command.
	cmds := map[string]string{"audit": "", "issues": ""}
	for _, s := range action.Runs.Steps {
		for cmd := range cmds {
			if regexp.MustCompile(`args=\(` + cmd + `\b`).MatchString(s.Run) {
				cmds[cmd] = s.Run
			}
		}
	}
	if !strings.Contains(cmds["audit"], `--format "sarif=$SC_SARIF"`) {
		t.Errorf("no step runs sourcecheck audit --format sarif=FILE")
	}
	if cmds["issues"] == "" {
		t.Errorf("no step runs sourcecheck issues")
	}
	for cmd, script := range cmds {
		for _, flag := range regexp.MustCompile(`\(--[a-z][a-z-]*|[ (]--[a-z][a-z-]*`).FindAllString(script, -1) {
			checkFlag(t, "action.yml", cmd, strings.TrimLeft(flag, " ("))
		}
	}
	for _, spec := range []string{"github", "text", "sarif=" + filepath.Join(t.TempDir(), "out.sarif")} {
		checkFormat(t, spec)
	}

	var hooks []struct {
		ID       string   `yaml:"id"`
		Name     string   `yaml:"name"`
		Entry    string   `yaml:"entry"`
		Language string   `yaml:"language"`
		Files    string   `yaml:"files"`
		Types    []string `yaml:"types"`
		Args     []string `yaml:"args"`
		Desc     string   `yaml:"description"`
		Serial   bool     `yaml:"require_serial"`
		MinVer   string   `yaml:"minimum_pre_commit_version"`
	}
	data, err = os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dec = yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) == 0 {
		t.Fatal(".pre-commit-hooks.yaml has no hook")
	}
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language != "golang" {
			t.Errorf("hook %+v lacks id, name, entry or language: golang", h)
		}
		fields := strings.Fields(h.Entry)
		if len(fields) < 2 || fields[0] != "sourcecheck" || fields[1] != "audit" {
			t.Errorf("hook %s: entry %q is not sourcecheck audit", h.ID, h.Entry)
		}
		for _, f := range append(fields[2:], h.Args...) {
			if strings.HasPrefix(f, "-") {
				checkFlag(t, ".pre-commit-hooks.yaml", "audit", strings.SplitN(f, "=", 2)[0])
			}
		}
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Fatalf("hook %s: files: %v", h.ID, err)
		}
		for name, want := range map[string]bool{"content/a.md": true, "b.markdown": true, "c.HTML": true, "d.htm": true,
			"e.txt": true, "f.go": false, "g.md.bak": false, "h.jsonl": false} {
			if re.MatchString(name) != want {
				t.Errorf("hook %s: files %q matches %s: %v, want %v", h.ID, h.Files, name, !want, want)
			}
		}
	}
}

// checkFlag fails unless the sourcecheck command has the flag.
func checkFlag(t *testing.T, file, cmdName, flag string) {
	t.Helper()
	root := newRootCmd(&env{stdout: io.Discard, stderr: io.Discard, log: logrus.New(), getenv: os.Getenv})
	cmd, _, err := root.Find([]string{cmdName})
	if err != nil || cmd.Name() != cmdName {
		t.Fatalf("%s: no command %q", file, cmdName)
	}
	name := strings.TrimPrefix(flag, "--")
	if cmd.Flags().Lookup(name) == nil && cmd.InheritedFlags().Lookup(name) == nil {
		t.Errorf("%s: sourcecheck %s has no flag %s", file, cmdName, flag)
	}
}

// checkFormat fails unless sourcecheck audit --format accepts the
// format spec and, for FORMAT=FILE, writes the file.
func checkFormat(t *testing.T, spec string) {
	t.Helper()
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	code, _, errOut := run(t, "", "audit", "--no-config", "--format", spec, "seeds/001_9103c398c3a097b7.txt")
	if code == ExitError {
		t.Errorf("sourcecheck audit --format %s: %s", spec, errOut)
	}
	if _, file, ok := strings.Cut(spec, "="); ok {
		if st, err := os.Stat(file); err != nil || st.Size() == 0 {
			t.Errorf("sourcecheck audit --format %s wrote nothing: %v", spec, err)
		}
	}
}

func TestIssuesLineLinks(t *testing.T) {
	srv, _, _ := issuesEnv(t)
	code, out, errOut := run(t, "", "issues", "--repo", "newsroom/stories", "--api-url", srv.URL, "--pause", "0", "--no-config",
		"--line-url", "https://github.com/newsroom/stories/blob/main/{path}#L{line}", "seeds/")
	if code != ExitOK || len(srv.Issues()) == 0 {
		t.Fatalf("exit %d, %d issues\n%s\n%s", code, len(srv.Issues()), out, errOut)
	}
	link := regexp.MustCompile(`\]\(https://github\.com/newsroom/stories/blob/main/seeds/\d{3}_[0-9a-f]+\.txt#L\d+\)`)
	for _, is := range srv.Issues() {
		if m, _ := ghissue.ParseMarker(is.Body); !strings.HasPrefix(m.Key, "seeds/") || !link.MatchString(is.Body) {
			t.Errorf("#%d (%s) has no line link:\n%s", is.Number, m.Key, is.Body)
		}
	}
}
