package ghissue

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/reports/ghissue/ghissuetest"
	"github.com/sourcecheck/sourcecheck/rules"
)

const (
	testOwner = "newsroom"
	testRepo  = "stories"
	testToken = "ghp_s3cr3tT0kenThatMustNeverBeLogged"
)

// fakeClock advances only when slept on, and records every sleep.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newClock() *fakeClock { return &fakeClock{now: time.Now()} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

func (c *fakeClock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// harness runs sourcecheck's filing against a fake GitHub.
type harness struct {
	t     *testing.T
	srv   *ghissuetest.Server
	clock *fakeClock
	logs  bytes.Buffer
	log   *logrus.Logger
	// build, plan and cfg are used by every run; tests change them.
	build BuildOptions
	plan  PlanOptions
	cfg   Config
	// backoff is the RetryTransport's.
	backoff Backoff
}

func newHarness(t *testing.T) *harness {
	h := &harness{t: t, srv: ghissuetest.New(t, testOwner, testRepo, testToken), clock: newClock()}
	h.log = logrus.New()
	h.log.SetOutput(&h.logs)
	h.log.SetLevel(logrus.DebugLevel)
	h.build = BuildOptions{MinLevel: rules.LevelInfo}
	h.cfg = Config{Owner: testOwner, Repo: testRepo, Backoff: Backoff{Base: time.Second, Max: time.Minute, Retries: 3}}
	h.backoff = Backoff{Base: time.Second, Max: 2 * time.Minute, Retries: 4}
	return h
}

type outcome struct {
	actions []Action
	results []Result
	err     error
	// mutations are the mutating requests the fake received in the run.
	mutations []ghissuetest.Request
	requests  []ghissuetest.Request
}

// ops lists the operations of the plan, in order.
func (o outcome) ops() []Op {
	var out []Op
	for _, a := range o.actions {
		out = append(out, a.Op)
	}
	return out
}

// filer returns a Filer wired to the fake.
func (h *harness) filer() *Filer {
	h.t.Helper()
	rt := &RetryTransport{Backoff: h.backoff, Clock: h.clock, Log: h.log}
	gh, err := NewClient(h.srv.URL, testToken, rt)
	if err != nil {
		h.t.Fatal(err)
	}
	cfg := h.cfg
	cfg.Clock, cfg.Log = h.clock, h.log
	f, err := NewFiler(gh, cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	return f
}

// run files the audit as the issues command does: build, list, plan,
// apply.
func (h *harness) run(a *reports.Audit) outcome {
	h.t.Helper()
	h.srv.ResetRequests()
	var o outcome
	want, err := Build(a, h.build)
	if err != nil {
		h.t.Fatal(err)
	}
	f := h.filer()
	ctx := context.Background()
	have, err := f.List(ctx)
	if err != nil {
		o.err = err
	} else {
		o.actions = Plan(want, have, h.plan)
		o.err = f.Apply(ctx, o.actions, func(r Result) { o.results = append(o.results, r) })
	}
	o.requests = h.srv.Requests()
	o.mutations = h.srv.Mutations()
	return o
}

// mustRun runs and fails the test on an error.
func (h *harness) mustRun(a *reports.Audit) outcome {
	h.t.Helper()
	o := h.run(a)
	if o.err != nil {
		h.t.Fatalf("run: %v\nlog:\n%s", o.err, h.logs.String())
	}
	return o
}

// issuesByKey returns the fake's issues that carry a marker, by key, and
// fails on two issues with one key.
func (h *harness) issuesByKey() map[string]ghissuetest.Issue {
	h.t.Helper()
	out := map[string]ghissuetest.Issue{}
	for _, is := range h.srv.Issues() {
		m, ok := ParseMarker(is.Body)
		if !ok {
			continue
		}
		if prev, dup := out[m.Key]; dup {
			h.t.Fatalf("duplicate issues #%d and #%d for %s", prev.Number, is.Number, m.Key)
		}
		out[m.Key] = is
	}
	return out
}

func art(path, headline string, fs ...reports.Finding) reports.AuditArticle {
	a := reports.AuditArticle{Article: reports.Article{Path: path}, Findings: fs}
	if headline != "" {
		a.Blocks = []reports.Block{{Kind: "headline", Text: headline}}
	}
	return a
}

// weasel is a finding like the weasel-words rule's.
func weasel(line int, words string) reports.Finding {
	sum := sha256.Sum256([]byte("weasel-words\x00" + words))
	return reports.Finding{Rule: "weasel-words", Level: rules.LevelWarning, Line: line, Column: 5, RuneColumn: 5,
		Message: "“" + words + "” credits nobody: say who says so", Fix: "Name the source, or say why it cannot be named.",
		Excerpt: "The offensive was planned for months, " + words + ".", Fingerprint: hex.EncodeToString(sum[:8]), Claim: -1}
}

func auditOf(arts ...reports.AuditArticle) *reports.Audit {
	a := &reports.Audit{Version: 1, Tool: "sourcecheck", Articles: arts, Summary: reports.Summary{Levels: map[string]int{}}}
	for _, x := range arts {
		a.Summary.Articles++
		a.Summary.Findings += len(x.Findings)
		for _, f := range x.Findings {
			a.Summary.Levels[f.Level.String()]++
		}
	}
	return a
}
