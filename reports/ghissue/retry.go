package ghissue

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
)

// Clock is the time a Filer and a RetryTransport see; tests inject one
// that does not wait.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first, and
	// returns ctx's error in the second case.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns the current time.
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx is done.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Backoff is a capped exponential backoff.
type Backoff struct {
	// Base is the first wait; each later one doubles.
	Base time.Duration
	// Max caps every wait, including the waits GitHub asks for: a rate
	// limit that lasts longer than Max is not waited out but reported.
	Max time.Duration
	// Retries is how many times a request is tried again.
	Retries int
}

// DefaultBackoff starts at one second, doubles up to two minutes, and
// tries five more times.
var DefaultBackoff = Backoff{Base: time.Second, Max: 2 * time.Minute, Retries: 5}

// Wait is the wait before retry number n (0 for the first retry).
func (b Backoff) Wait(n int) time.Duration {
	d := b.Base
	for i := 0; i < n && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}

// RetryTransport is an http.RoundTripper that waits out GitHub's rate
// limits and sends the request again: a 429, a 403 secondary rate limit,
// or a 403 with x-ratelimit-remaining: 0. GitHub has not acted on a
// request it answers so, so sending it again cannot duplicate anything,
// even a create. The wait is Retry-After when given, else the time until
// x-ratelimit-reset when the quota is spent, else a minute (as GitHub
// asks); it doubles on each further hit, capped at Backoff.Max. A limit
// that lasts longer than Backoff.Max is not waited out: the response goes
// back to the caller, as does the last one once Backoff.Retries are used.
//
// Every request is logged at debug level with its method, path and
// status; never its headers, so never the token.
type RetryTransport struct {
	// Base sends the requests; nil means http.DefaultTransport.
	Base    http.RoundTripper
	Backoff Backoff
	// NoHintWait is the first wait for a secondary rate limit that says
	// nothing about when to come back; zero means one minute.
	NoHintWait time.Duration
	Clock      Clock
	Log        Logger
}

// Logger is where a RetryTransport and a Filer log: *logrus.Logger and
// *logrus.Entry are Loggers.
type Logger interface {
	Logf(level logrus.Level, format string, args ...any)
}

// RoundTrip sends req, again after a wait while GitHub rate-limits it.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	clock := t.Clock
	if clock == nil {
		clock = RealClock{}
	}
	for attempt := 0; ; attempt++ {
		start := clock.Now()
		resp, err := base.RoundTrip(req)
		if err != nil {
			t.logf(logrus.DebugLevel, "github: %s %s: %v", req.Method, req.URL.RequestURI(), err)
			return nil, err
		}
		t.logf(logrus.DebugLevel, "github: %s %s: %d (%s, %s requests left)", req.Method, req.URL.RequestURI(),
			resp.StatusCode, clock.Now().Sub(start).Round(time.Millisecond), headerOr(resp.Header, "X-RateLimit-Remaining", "?"))
		wait, limited := t.rateLimitWait(resp, attempt, clock.Now())
		if !limited {
			return resp, nil
		}
		if attempt >= t.Backoff.Retries {
			t.logf(logrus.WarnLevel, "github: %s %s: still rate limited after %d retries", req.Method, req.URL.Path, attempt)
			return resp, nil
		}
		if t.Backoff.Max > 0 && wait > t.Backoff.Max {
			t.logf(logrus.WarnLevel, "github: %s %s: rate limited for %s, longer than the %s this run may wait",
				req.Method, req.URL.Path, wait.Round(time.Second), t.Backoff.Max)
			return resp, nil
		}
		if req.Body != nil && req.GetBody == nil {
			return resp, nil // cannot send the body again
		}
		drain(resp)
		t.logf(logrus.InfoLevel, "github: %s %s: rate limited (%d); retrying in %s", req.Method, req.URL.Path, resp.StatusCode, wait)
		if err := clock.Sleep(req.Context(), wait); err != nil {
			return nil, err
		}
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, fmt.Errorf("rewinding the request body: %w", err)
			}
			req = req.Clone(req.Context())
			req.Body = body
		}
	}
}

// rateLimitWait says whether resp is a rate limit, and how long to wait
// before retry number attempt.
func (t *RetryTransport) rateLimitWait(resp *http.Response, attempt int, now time.Time) (time.Duration, bool) {
	h := resp.Header
	primary := h.Get("X-RateLimit-Remaining") == "0"
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
	case http.StatusForbidden:
		if !primary && h.Get("Retry-After") == "" && !secondaryBody(resp) {
			return 0, false
		}
	default:
		return 0, false
	}
	var wait time.Duration
	switch ra := h.Get("Retry-After"); {
	case ra != "":
		if s, err := strconv.Atoi(strings.TrimSpace(ra)); err == nil {
			wait = time.Duration(s) * time.Second
		} else if when, err := http.ParseTime(ra); err == nil {
			wait = when.Sub(now)
		}
	case primary && h.Get("X-RateLimit-Reset") != "":
		if s, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			wait = time.Unix(s, 0).Sub(now) + time.Second // the reset second itself may still be limited
		}
	default:
		wait = t.NoHintWait
		if wait <= 0 {
			wait = time.Minute
		}
	}
	wait = max(wait, 0)
	for i := 0; i < attempt; i++ {
		wait *= 2
		if t.Backoff.Max > 0 && wait > t.Backoff.Max {
			wait = t.Backoff.Max
			break
		}
	}
	if wait == 0 && attempt > 0 {
		wait = t.Backoff.Wait(attempt - 1)
	}
	return wait, true
}

// secondaryBody reports whether a 403's body says it is a secondary rate
// limit, and puts the body back for the caller.
func secondaryBody(resp *http.Response) bool {
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return false
	}
	var e struct {
		Message          string `json:"message"`
		DocumentationURL string `json:"documentation_url"`
	}
	_ = json.Unmarshal(data, &e)
	return strings.Contains(e.DocumentationURL, "secondary-rate-limits") ||
		strings.HasSuffix(e.DocumentationURL, "#abuse-rate-limits") ||
		strings.Contains(strings.ToLower(e.Message), "secondary rate limit")
}

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

func headerOr(h http.Header, key, def string) string {
	if v := h.Get(key); v != "" {
		return v
	}
	return def
}

func (t *RetryTransport) logf(level logrus.Level, format string, args ...any) {
	if t.Log != nil {
		t.Log.Logf(level, format, args...)
	}
}
