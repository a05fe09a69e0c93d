package ghissue

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/sirupsen/logrus"
)

// DefaultLabel is the label sourcecheck's issues carry and are found by.
const DefaultLabel = "sourcecheck"

// Config configures a Filer.
type Config struct {
	// Owner and Repo name the repository the issues go to.
	Owner, Repo string
	// Label marks sourcecheck's issues; DefaultLabel when empty. Issues
	// are found by it, so two configurations that should keep separate
	// issues (two content trees, two digests) use two labels.
	Label string
	// LabelColor and LabelDescription are used when the label has to be
	// created.
	LabelColor, LabelDescription string
	// Pause is the wait between two mutating requests, as GitHub asks of
	// integrations that create content.
	Pause time.Duration
	// Backoff governs retries after network errors and 5xx answers;
	// the zero value means DefaultBackoff.
	Backoff Backoff
	// MaxBody is the body limit used when GitHub refuses a body as too
	// long and the body is sent again shorter; zero means MaxBodyChars.
	MaxBody int
	Clock   Clock
	Log     Logger
}

// Filer lists, creates and edits sourcecheck's issues in one repository.
// It sends one request at a time and is not safe for concurrent use.
type Filer struct {
	gh        *github.Client
	cfg       Config
	mutations int
}

// NewFiler returns a Filer that talks to GitHub through gh (see
// NewClient).
func NewFiler(gh *github.Client, cfg Config) (*Filer, error) {
	if cfg.Owner == "" || cfg.Repo == "" {
		return nil, errors.New("ghissue: owner and repository are required")
	}
	if cfg.Label == "" {
		cfg.Label = DefaultLabel
	}
	if cfg.LabelColor == "" {
		cfg.LabelColor = "fbca04"
	}
	if cfg.LabelDescription == "" {
		cfg.LabelDescription = "Sourcing findings filed by sourcecheck"
	}
	if cfg.Backoff == (Backoff{}) {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = MaxBodyChars
	}
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	return &Filer{gh: gh, cfg: cfg}, nil
}

// NewClient returns a go-github client for the REST API at apiURL (empty
// for github.com; a GitHub Enterprise Server URL such as
// https://ghe.example.com/api/v3 otherwise), authenticated with token
// when it is not empty, whose requests go through rt.
func NewClient(apiURL, token string, rt *RetryTransport) (*github.Client, error) {
	if rt.Base == nil {
		base := http.DefaultTransport.(*http.Transport).Clone()
		base.ResponseHeaderTimeout = time.Minute
		rt.Base = base
	}
	c := github.NewClient(&http.Client{Transport: rt})
	if token != "" {
		c = c.WithAuthToken(token)
	}
	if apiURL != "" {
		u, err := url.Parse(apiURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("API URL %q: want an http(s) URL such as https://ghe.example.com/api/v3", apiURL)
		}
		upload := *u
		upload.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/api/v3") + "/api/uploads/"
		if c, err = c.WithEnterpriseURLs(u.String(), upload.String()); err != nil {
			return nil, fmt.Errorf("API URL %q: %w", apiURL, err)
		}
	}
	c.UserAgent = "sourcecheck"
	return c, nil
}

// List returns every issue that carries the label, open or closed, page
// by page, pull requests left out.
func (f *Filer) List(ctx context.Context) ([]Existing, error) {
	opts := &github.IssueListByRepoOptions{
		State: "all", Labels: []string{f.cfg.Label}, Sort: "created", Direction: "asc",
		ListOptions: github.ListOptions{PerPage: 100},
	}
	var out []Existing
	for {
		var page []*github.Issue
		var resp *github.Response
		err := f.retry(ctx, "listing issues", func() error {
			var err error
			page, resp, err = f.gh.Issues.ListByRepo(ctx, f.cfg.Owner, f.cfg.Repo, opts)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, is := range page {
			if is.IsPullRequest() {
				continue
			}
			out = append(out, existing(is))
		}
		if resp.NextPage == 0 || resp.NextPage <= max(opts.Page, 1) {
			break
		}
		opts.Page = resp.NextPage
	}
	f.logf(logrus.DebugLevel, "github: %d issues labelled %q in %s/%s", len(out), f.cfg.Label, f.cfg.Owner, f.cfg.Repo)
	return out, nil
}

func existing(is *github.Issue) Existing {
	e := Existing{Number: is.GetNumber(), Title: is.GetTitle(), Body: is.GetBody(), State: is.GetState(),
		StateReason: is.GetStateReason(), URL: is.GetHTMLURL()}
	e.Marker, e.HasMarker = ParseMarker(e.Body)
	return e
}

// EnsureLabel creates the label if the repository does not have it.
func (f *Filer) EnsureLabel(ctx context.Context) error {
	found := false
	err := f.retry(ctx, "looking up the label", func() error {
		_, _, err := f.gh.Issues.GetLabel(ctx, f.cfg.Owner, f.cfg.Repo, f.cfg.Label)
		if status(err) == http.StatusNotFound {
			return nil
		}
		found = err == nil
		return err
	})
	if err != nil || found {
		return err
	}
	return f.retry(ctx, "creating the label", func() error {
		if err := f.beforeMutation(ctx); err != nil {
			return err
		}
		_, _, err := f.gh.Issues.CreateLabel(ctx, f.cfg.Owner, f.cfg.Repo, &github.Label{
			Name: &f.cfg.Label, Color: &f.cfg.LabelColor, Description: &f.cfg.LabelDescription})
		if validation(err, "already_exists") {
			return nil // created meanwhile, or by our own earlier attempt
		}
		if err == nil {
			f.logf(logrus.InfoLevel, "github: created the label %q", f.cfg.Label)
		}
		return err
	})
}

// Result is what Apply did for one action.
type Result struct {
	Action Action
	// Number and URL name the issue created or edited.
	Number int
	URL    string
	// Found is true when a create whose answer was lost turned out to
	// have reached GitHub: the issue was found by listing again, not
	// created a second time.
	Found bool
}

// Apply carries out the mutating actions of a plan in order, one request
// at a time with Config.Pause between mutating requests, and calls done
// after each. It creates the label first if an issue is to be created.
// It stops at the first action that fails; running again picks up where
// it stopped, since the plan is made afresh from what GitHub has.
func (f *Filer) Apply(ctx context.Context, actions []Action, done func(Result)) error {
	for _, a := range actions {
		if a.Op == OpCreate {
			if err := f.EnsureLabel(ctx); err != nil {
				return err
			}
			break
		}
	}
	for _, a := range actions {
		if !a.Mutates() {
			continue
		}
		var (
			r   Result
			err error
		)
		switch a.Op {
		case OpCreate:
			r, err = f.create(ctx, a)
		case OpUpdate:
			r, err = f.edit(ctx, a, &github.IssueRequest{Title: &a.Title, Body: &a.Body})
		case OpReopen:
			r, err = f.edit(ctx, a, &github.IssueRequest{Title: &a.Title, Body: &a.Body, State: github.String(StateOpen)})
		case OpClose:
			r, err = f.edit(ctx, a, &github.IssueRequest{Body: &a.Body, State: github.String(StateClosed),
				StateReason: github.String(ReasonCompleted)})
		}
		if err != nil {
			return err
		}
		if done != nil {
			done(r)
		}
	}
	return nil
}

// create files a new issue. A create whose fate is unknown (the
// connection dropped, GitHub answered 5xx) is not sent again blind: the
// issues are listed again first, and the create is sent again only if no
// issue carries the key yet.
func (f *Filer) create(ctx context.Context, a Action) (Result, error) {
	body, shrunk := a.Body, false
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			have, err := f.List(ctx)
			if err != nil {
				return Result{}, fmt.Errorf("creating the issue for %s: listing again before retrying: %w", a.Key, err)
			}
			for _, e := range have {
				if e.HasMarker && e.Marker.Key == a.Key {
					f.logf(logrus.InfoLevel, "github: the issue for %s was created after all: #%d", a.Key, e.Number)
					return Result{Action: a, Number: e.Number, URL: e.URL, Found: true}, nil
				}
			}
		}
		if err := f.beforeMutation(ctx); err != nil {
			return Result{}, err
		}
		is, _, err := f.gh.Issues.Create(ctx, f.cfg.Owner, f.cfg.Repo, &github.IssueRequest{
			Title: &a.Title, Body: &body, Labels: &[]string{f.cfg.Label}})
		if err == nil {
			return Result{Action: a, Number: is.GetNumber(), URL: is.GetHTMLURL()}, nil
		}
		if !shrunk && tooLong(err) {
			body, shrunk = f.shrink(body), true
			f.logf(logrus.WarnLevel, "github: the body for %s was refused as too long; sending it shorter", a.Key)
			continue
		}
		wait, ok := f.retryable(err, attempt)
		if !ok || attempt >= f.cfg.Backoff.Retries {
			return Result{}, fmt.Errorf("creating the issue for %s: %w", a.Key, err)
		}
		f.logf(logrus.InfoLevel, "github: creating the issue for %s failed (%v); listing again in %s before retrying", a.Key, err, wait)
		if err := f.cfg.Clock.Sleep(ctx, wait); err != nil {
			return Result{}, err
		}
	}
}

// edit changes an existing issue. Sending the same edit twice has the
// effect of sending it once, so failures are retried as they come.
func (f *Filer) edit(ctx context.Context, a Action, req *github.IssueRequest) (Result, error) {
	shrunk := false
	var is *github.Issue
	err := f.retry(ctx, fmt.Sprintf("%s #%d (%s)", a.Op, a.Number, a.Key), func() error {
		if err := f.beforeMutation(ctx); err != nil {
			return err
		}
		var err error
		is, _, err = f.gh.Issues.Edit(ctx, f.cfg.Owner, f.cfg.Repo, a.Number, req)
		if err != nil && !shrunk && req.Body != nil && tooLong(err) {
			shrunk = true
			req.Body = github.String(f.shrink(*req.Body))
			f.logf(logrus.WarnLevel, "github: the body of #%d was refused as too long; sending it shorter", a.Number)
			return errRetryNow
		}
		return err
	})
	if err != nil {
		return Result{}, err
	}
	return Result{Action: a, Number: is.GetNumber(), URL: is.GetHTMLURL()}, nil
}

// errRetryNow asks retry to send the request again at once.
var errRetryNow = errors.New("retry now")

// shrink fits a body refused as too long into half the limit, in case
// the server counts characters differently.
func (f *Filer) shrink(body string) string {
	limit := f.cfg.MaxBody / 2
	return trimBody(body, limit, shortenedNote("", limit))
}

// retry calls fn until it succeeds, fails for good, or the backoff's
// retries are used up.
func (f *Filer) retry(ctx context.Context, what string, fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := fn()
		if err == nil {
			return nil
		}
		if errors.Is(err, errRetryNow) {
			continue
		}
		wait, ok := f.retryable(err, attempt)
		if !ok || attempt >= f.cfg.Backoff.Retries {
			return fmt.Errorf("%s: %w", what, err)
		}
		f.logf(logrus.InfoLevel, "github: %s failed (%v); retrying in %s", what, err, wait)
		if err := f.cfg.Clock.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// retryable says whether err is worth another try, and after how long.
func (f *Filer) retryable(err error, attempt int) (time.Duration, bool) {
	var (
		rle *github.RateLimitError
		are *github.AbuseRateLimitError
		er  *github.ErrorResponse
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return 0, false
	case errors.As(err, &rle):
		// The quota is spent (go-github refuses to send until it resets).
		wait := rle.Rate.Reset.Time.Sub(f.cfg.Clock.Now()) + time.Second
		return max(wait, 0), wait <= f.cfg.Backoff.Max
	case errors.As(err, &are):
		return 0, false // RetryTransport has waited all it may
	case errors.As(err, &er):
		if er.Response != nil && er.Response.StatusCode >= 500 {
			return f.cfg.Backoff.Wait(attempt), true
		}
		return 0, false
	}
	// A network error, a dropped connection, an answer cut short: the
	// request may or may not have reached GitHub.
	return f.cfg.Backoff.Wait(attempt), true
}

// beforeMutation waits Config.Pause if a mutating request was sent
// before, and counts this one.
func (f *Filer) beforeMutation(ctx context.Context) error {
	if f.mutations > 0 && f.cfg.Pause > 0 {
		if err := f.cfg.Clock.Sleep(ctx, f.cfg.Pause); err != nil {
			return err
		}
	}
	f.mutations++
	return nil
}

// Mutations counts the mutating requests sent so far, retries included.
func (f *Filer) Mutations() int { return f.mutations }

func status(err error) int {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode
	}
	return 0
}

// validation reports whether err is a 422 with an error of the code.
func validation(err error, code string) bool {
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil || er.Response.StatusCode != http.StatusUnprocessableEntity {
		return false
	}
	for _, e := range er.Errors {
		if e.Code == code {
			return true
		}
	}
	return false
}

// tooLong reports whether err is GitHub refusing a body as too long.
func tooLong(err error) bool {
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil || er.Response.StatusCode != http.StatusUnprocessableEntity {
		return false
	}
	for _, e := range er.Errors {
		if e.Field == "body" && strings.Contains(e.Message, "too long") {
			return true
		}
	}
	return strings.Contains(er.Message, "body is too long")
}

func (f *Filer) logf(level logrus.Level, format string, args ...any) {
	if f.cfg.Log != nil {
		f.cfg.Log.Logf(level, format, args...)
	}
}
