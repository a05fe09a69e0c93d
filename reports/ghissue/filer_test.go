package ghissue

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/reports/ghissue/ghissuetest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// newsroom is the content the scenarios start from: two articles with
// findings and one clean.
func newsroom() *reports.Audit {
	return auditOf(
		art("content/aleppo.md", "Air strikes hit Aleppo", weasel(3, "sources say"), weasel(9, "it is believed")),
		art("content/idlib.md", "Displaced families reach Idlib", weasel(4, "critics argue")),
		art("content/clean.md", "Council meets on Tuesday"),
	)
}

func TestFirstRunThenSecondRunChangesNothing(t *testing.T) {
	h := newHarness(t)
	first := h.mustRun(newsroom())
	if got, want := first.ops(), []Op{OpCreate, OpCreate}; !slices.Equal(got, want) {
		t.Fatalf("first run plan = %v, want %v", got, want)
	}
	// The label is looked up, created, then the two issues are created.
	var got []string
	for _, m := range first.mutations {
		got = append(got, m.Method+" "+m.Path)
	}
	want := []string{"POST /repos/newsroom/stories/labels", "POST /repos/newsroom/stories/issues", "POST /repos/newsroom/stories/issues"}
	if !slices.Equal(got, want) {
		t.Errorf("first run mutations = %v, want %v", got, want)
	}
	if !h.srv.HasLabel(DefaultLabel) {
		t.Error("the label was not created")
	}
	issues := h.issuesByKey()
	if len(issues) != 2 {
		t.Fatalf("want 2 issues, got %d", len(issues))
	}
	a := issues["content/aleppo.md"]
	if a.Title != "Sourcing: Air strikes hit Aleppo (2 findings)" || a.State != "open" || !slices.Contains(a.Labels, DefaultLabel) {
		t.Errorf("aleppo issue = %q %s %v", a.Title, a.State, a.Labels)
	}
	if !strings.HasPrefix(a.Body, "<!-- sourcecheck:key=content/aleppo.md fingerprint=") {
		t.Errorf("the body does not open with the marker:\n%s", a.Body)
	}
	for _, s := range []string{"sources say", "it is believed", "line 3", "line 9", "`weasel-words`"} {
		if !strings.Contains(a.Body, s) {
			t.Errorf("the aleppo body lacks %q:\n%s", s, a.Body)
		}
	}
	for _, r := range first.results {
		if r.Number == 0 || !strings.Contains(r.URL, fmt.Sprintf("/issues/%d", r.Number)) {
			t.Errorf("result %+v lacks the issue's number or URL", r)
		}
	}

	second := h.mustRun(newsroom())
	if len(second.mutations) != 0 {
		t.Errorf("second run sent %d mutating requests: %+v", len(second.mutations), second.mutations)
	}
	if got, want := second.ops(), []Op{OpKeep, OpKeep}; !slices.Equal(got, want) {
		t.Errorf("second run plan = %v, want %v", got, want)
	}
	if n := len(h.srv.Issues()); n != 2 {
		t.Errorf("the repository has %d issues after two runs, want 2", n)
	}
	// The listing asked for the tool's label, every state, 100 a page.
	q := second.requests[0].Query
	if second.requests[0].Method != http.MethodGet || q.Get("labels") != DefaultLabel || q.Get("state") != "all" || q.Get("per_page") != "100" {
		t.Errorf("listing request = %s %s?%s", second.requests[0].Method, second.requests[0].Path, q.Encode())
	}
}

func TestArticleEditedIssueUpdatedInPlace(t *testing.T) {
	h := newHarness(t)
	h.mustRun(newsroom())
	before := h.issuesByKey()["content/idlib.md"]

	tests := []struct {
		name    string
		audit   *reports.Audit
		ops     []Op
		changed bool
	}{
		{"lines moved, same findings", auditOf(
			art("content/aleppo.md", "Air strikes hit Aleppo", weasel(13, "sources say"), weasel(19, "it is believed")),
			art("content/idlib.md", "Displaced families reach Idlib", weasel(40, "critics argue")),
		), []Op{OpKeep, OpKeep}, false},
		{"a finding added", auditOf(
			art("content/aleppo.md", "Air strikes hit Aleppo", weasel(3, "sources say"), weasel(9, "it is believed")),
			art("content/idlib.md", "Displaced families reach Idlib", weasel(4, "critics argue"), weasel(7, "experts say")),
		), []Op{OpKeep, OpUpdate}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := h.mustRun(tt.audit)
			if !slices.Equal(o.ops(), tt.ops) {
				t.Fatalf("plan = %v, want %v", o.ops(), tt.ops)
			}
			after := h.issuesByKey()["content/idlib.md"]
			if after.Number != before.Number {
				t.Fatalf("the issue moved from #%d to #%d", before.Number, after.Number)
			}
			if tt.changed {
				if len(o.mutations) != 1 || o.mutations[0].Method != http.MethodPatch || o.mutations[0].Path != fmt.Sprintf("/repos/newsroom/stories/issues/%d", before.Number) {
					t.Fatalf("mutations = %+v, want one PATCH of #%d", o.mutations, before.Number)
				}
				if after.Title != "Sourcing: Displaced families reach Idlib (2 findings)" || !strings.Contains(after.Body, "experts say") {
					t.Errorf("not updated: %q\n%s", after.Title, after.Body)
				}
			} else if len(o.mutations) != 0 {
				t.Errorf("mutations = %+v, want none", o.mutations)
			}
			if n := len(h.srv.Issues()); n != 2 {
				t.Errorf("%d issues, want 2", n)
			}
		})
	}
}

func TestArticleFixedClosedAsCompletedAndReopenedOnRecurrence(t *testing.T) {
	h := newHarness(t)
	h.mustRun(newsroom())
	fixed := auditOf(
		art("content/aleppo.md", "Air strikes hit Aleppo"),
		art("content/idlib.md", "Displaced families reach Idlib", weasel(4, "critics argue")),
	)
	num := h.issuesByKey()["content/aleppo.md"].Number

	// Without --close-resolved the issue stays open and nothing is sent.
	o := h.mustRun(fixed)
	if len(o.mutations) != 0 || !slices.Equal(o.ops(), []Op{OpKeep, OpKeep}) {
		t.Fatalf("without --close-resolved: ops %v, mutations %+v", o.ops(), o.mutations)
	}

	h.plan.CloseResolved = true
	o = h.mustRun(fixed)
	if !slices.Equal(o.ops(), []Op{OpClose, OpKeep}) || len(o.mutations) != 1 {
		t.Fatalf("with --close-resolved: ops %v, mutations %+v", o.ops(), o.mutations)
	}
	if !strings.Contains(o.mutations[0].Body, `"state":"closed"`) || !strings.Contains(o.mutations[0].Body, `"state_reason":"completed"`) {
		t.Errorf("close request body = %s", o.mutations[0].Body)
	}
	closed := h.issuesByKey()["content/aleppo.md"]
	if closed.Number != num || closed.State != "closed" || closed.StateReason != "completed" {
		t.Fatalf("issue #%d: %s/%s", closed.Number, closed.State, closed.StateReason)
	}
	if m, _ := ParseMarker(closed.Body); m.Fingerprint != CleanFingerprint {
		t.Errorf("the closed issue's marker is %+v, want the clean fingerprint", m)
	}
	if !strings.Contains(closed.Body, "Resolved") || !strings.Contains(closed.Body, "sources say") {
		t.Errorf("the closed body should say it is resolved and keep the old report:\n%s", closed.Body)
	}
	if strings.Count(closed.Body, "<!-- sourcecheck:") != 1 {
		t.Errorf("the closed body has more than one marker:\n%s", closed.Body)
	}

	// Clean and closed: nothing to do.
	o = h.mustRun(fixed)
	if len(o.mutations) != 0 {
		t.Errorf("clean and closed: mutations %+v", o.mutations)
	}

	// The same findings come back: the issue is reopened, not refiled.
	o = h.mustRun(newsroom())
	if !slices.Equal(o.ops(), []Op{OpReopen, OpKeep}) {
		t.Fatalf("recurrence: ops %v", o.ops())
	}
	again := h.issuesByKey()["content/aleppo.md"]
	if again.Number != num || again.State != "open" || again.StateReason != "reopened" || !strings.Contains(again.Body, "it is believed") {
		t.Errorf("recurrence: #%d %s/%s\n%s", again.Number, again.State, again.StateReason, again.Body)
	}
	if n := len(h.srv.Issues()); n != 2 {
		t.Errorf("%d issues, want 2", n)
	}
}

func TestClosedByPeople(t *testing.T) {
	changed := auditOf(
		art("content/aleppo.md", "Air strikes hit Aleppo", weasel(3, "sources say"), weasel(9, "it is believed"), weasel(12, "some say")),
		art("content/idlib.md", "Displaced families reach Idlib", weasel(4, "critics argue")),
	)
	clean := auditOf(art("content/aleppo.md", "Air strikes hit Aleppo"), art("content/idlib.md", "x", weasel(4, "critics argue")))
	tests := []struct {
		name      string
		reason    string
		next      *reports.Audit
		closeRes  bool
		wantOp    Op
		wantState string
	}{
		{"not planned, same findings", ReasonNotPlanned, newsroom(), false, OpSkip, "closed"},
		{"not planned, findings changed", ReasonNotPlanned, changed, false, OpSkip, "closed"},
		{"not planned, article clean, --close-resolved", ReasonNotPlanned, clean, true, OpSkip, "closed"},
		{"completed by a person, same findings", ReasonCompleted, newsroom(), false, OpKeep, "closed"},
		{"completed by a person, findings changed", ReasonCompleted, changed, false, OpReopen, "open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.mustRun(newsroom())
			num := h.issuesByKey()["content/aleppo.md"].Number
			h.srv.SetIssue(num, func(is *ghissuetest.Issue) { is.State, is.StateReason = "closed", tt.reason })
			h.plan.CloseResolved = tt.closeRes
			for run := 0; run < 2; run++ { // and again: still no duplicate
				o := h.mustRun(tt.next)
				var op Op
				for _, a := range o.actions {
					if a.Key == "content/aleppo.md" {
						op = a.Op
					}
				}
				if run == 0 && op != tt.wantOp {
					t.Errorf("op = %s, want %s", op, tt.wantOp)
				}
				for _, m := range o.mutations {
					if m.Method == http.MethodPost || (tt.wantOp != OpReopen && strings.HasSuffix(m.Path, fmt.Sprintf("/issues/%d", num))) {
						t.Errorf("run %d: unexpected %s %s %s", run+1, m.Method, m.Path, m.Body)
					}
				}
			}
			is := h.issuesByKey()["content/aleppo.md"]
			if is.Number != num || is.State != tt.wantState {
				t.Errorf("issue #%d is %s, want #%d %s", is.Number, is.State, num, tt.wantState)
			}
		})
	}
}

func TestRateLimitedMidRunRetriesWithoutDuplicates(t *testing.T) {
	issuesPath := "/repos/newsroom/stories/issues"
	tests := []struct {
		name  string
		fault ghissuetest.Fault
		// wait is the sleep the retry must take.
		wait time.Duration
	}{
		{"403 secondary rate limit with Retry-After",
			ghissuetest.Fault{Kind: ghissuetest.SecondaryRateLimit, Method: "POST", Path: issuesPath, Seconds: 7, After: 1}, 7 * time.Second},
		{"429 with Retry-After",
			ghissuetest.Fault{Kind: ghissuetest.TooManyRequests, Method: "POST", Path: issuesPath, Seconds: 3, After: 1}, 3 * time.Second},
		{"429 without a hint waits a minute",
			ghissuetest.Fault{Kind: ghissuetest.TooManyRequests, Method: "POST", Path: issuesPath, After: 1}, time.Minute},
		{"403 secondary without a hint, on the listing",
			ghissuetest.Fault{Kind: ghissuetest.SecondaryRateLimit, Method: "GET", Path: issuesPath}, time.Minute},
		{"403 primary quota spent waits for x-ratelimit-reset",
			ghissuetest.Fault{Kind: ghissuetest.PrimaryRateLimit, Method: "POST", Path: issuesPath, Seconds: 30, After: 1}, 30 * time.Second},
		{"403 secondary twice: the wait doubles",
			ghissuetest.Fault{Kind: ghissuetest.SecondaryRateLimit, Method: "POST", Path: issuesPath, Seconds: 2, Times: 2}, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.srv.Fail(tt.fault)
			o := h.mustRun(newsroom())
			if h.srv.PendingFaults() != 0 {
				t.Fatal("the fault was never triggered")
			}
			if n := len(h.issuesByKey()); n != 2 || len(h.srv.Issues()) != 2 {
				t.Fatalf("%d issues (%d in all), want exactly 2", n, len(h.srv.Issues()))
			}
			sl := h.clock.sleeps()
			if len(sl) == 0 {
				t.Fatal("no wait before the retry")
			}
			// The primary reset is a whole second, rounded; allow for it.
			if d := sl[0] - tt.wait; d < 0 || d > 2*time.Second {
				t.Errorf("first wait = %s, want %s", sl[0], tt.wait)
			}
			if tt.fault.Times == 2 && (len(sl) < 2 || sl[1] != 2*sl[0]) {
				t.Errorf("waits = %v, want the second twice the first", sl)
			}
			if !strings.Contains(h.logs.String(), "rate limited") {
				t.Errorf("the wait was not logged:\n%s", h.logs.String())
			}
			if len(o.results) != 2 {
				t.Errorf("results = %+v", o.results)
			}
			// A run after that changes nothing.
			if o := h.mustRun(newsroom()); len(o.mutations) != 0 {
				t.Errorf("next run mutations: %+v", o.mutations)
			}
		})
	}
}

func TestRateLimitLongerThanTheCapFails(t *testing.T) {
	h := newHarness(t)
	h.backoff.Max = time.Minute
	h.srv.Fail(ghissuetest.Fault{Kind: ghissuetest.SecondaryRateLimit, Method: "POST", Path: "/repos/newsroom/stories/issues", Seconds: 3600, After: 1})
	o := h.run(newsroom())
	if o.err == nil || !strings.Contains(o.err.Error(), "secondary rate limit") {
		t.Fatalf("err = %v, want the secondary rate limit", o.err)
	}
	if len(h.clock.sleeps()) != 0 {
		t.Errorf("waited %v for a limit longer than the cap", h.clock.sleeps())
	}
	if !strings.Contains(h.logs.String(), "longer than the 1m0s this run may wait") {
		t.Errorf("log does not explain:\n%s", h.logs.String())
	}
	// The first issue was filed; the rerun files the second and only it.
	if n := len(h.srv.Issues()); n != 1 {
		t.Fatalf("%d issues after the failed run, want 1", n)
	}
	o = h.mustRun(newsroom())
	if !slices.Equal(o.ops(), []Op{OpKeep, OpCreate}) || len(h.issuesByKey()) != 2 {
		t.Errorf("rerun: ops %v, %d issues", o.ops(), len(h.srv.Issues()))
	}
}

func TestNetworkErrorMidRun(t *testing.T) {
	issuesPath := "/repos/newsroom/stories/issues"
	tests := []struct {
		name  string
		fault ghissuetest.Fault
		// found is true when the issue had been created before the
		// connection dropped, and is found by listing again.
		found bool
		posts int
	}{
		{"connection closed after the issue was created", ghissuetest.Fault{Kind: ghissuetest.DropAfter, Method: "POST", Path: issuesPath, After: 1}, true, 2},
		{"connection closed before the issue was created", ghissuetest.Fault{Kind: ghissuetest.DropBefore, Method: "POST", Path: issuesPath, After: 1}, false, 3},
		{"502 on create", ghissuetest.Fault{Kind: ghissuetest.ServerError, Method: "POST", Path: issuesPath}, false, 3},
		{"connection closed on the listing", ghissuetest.Fault{Kind: ghissuetest.DropBefore, Method: "GET", Path: issuesPath}, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.srv.Fail(tt.fault)
			o := h.mustRun(newsroom())
			if h.srv.PendingFaults() != 0 {
				t.Fatal("the fault was never triggered")
			}
			if n := len(h.srv.Issues()); n != 2 || len(h.issuesByKey()) != 2 {
				t.Fatalf("%d issues, want exactly 2", n)
			}
			posts := 0
			for _, m := range o.mutations {
				if m.Method == http.MethodPost && m.Path == issuesPath {
					posts++
				}
			}
			if posts != tt.posts {
				t.Errorf("%d creates sent, want %d", posts, tt.posts)
			}
			found := false
			for _, r := range o.results {
				found = found || r.Found
			}
			if found != tt.found {
				t.Errorf("found after the failure = %v, want %v", found, tt.found)
			}
			if tt.fault.Method == "POST" {
				// After the failed create, the issues were listed before anything else was sent.
				failed := -1
				for i, r := range o.requests {
					if r.Method == http.MethodPost && r.Path == issuesPath {
						failed = i
						if tt.fault.After == 0 {
							break
						}
						tt.fault.After--
					}
				}
				if failed < 0 || failed+1 >= len(o.requests) || o.requests[failed+1].Method != http.MethodGet {
					t.Errorf("no listing right after the failed create: %+v", o.requests)
				}
			}
			if o := h.mustRun(newsroom()); len(o.mutations) != 0 {
				t.Errorf("next run mutations: %+v", o.mutations)
			}
		})
	}
}

func TestPermissionDeniedIsNotRetried(t *testing.T) {
	h := newHarness(t)
	h.srv.AddLabel(DefaultLabel)
	h.srv.Fail(ghissuetest.Fault{Kind: ghissuetest.Forbidden, Method: "POST", Path: "/repos/newsroom/stories/issues"})
	o := h.run(newsroom())
	if o.err == nil || !strings.Contains(o.err.Error(), "403 Resource not accessible by integration") {
		t.Fatalf("err = %v", o.err)
	}
	if len(o.mutations) != 1 || len(h.clock.sleeps()) != 0 || len(h.srv.Issues()) != 0 {
		t.Errorf("%d mutations, waits %v, %d issues: a refusal must end the run at once", len(o.mutations), h.clock.sleeps(), len(h.srv.Issues()))
	}
}

func TestEditRetriedAfterServerError(t *testing.T) {
	h := newHarness(t)
	h.mustRun(newsroom())
	num := h.issuesByKey()["content/idlib.md"].Number
	h.srv.Fail(ghissuetest.Fault{Kind: ghissuetest.ServerError, Method: "PATCH"})
	h.srv.Fail(ghissuetest.Fault{Kind: ghissuetest.DropAfter, Method: "PATCH"})
	o := h.mustRun(auditOf(art("content/idlib.md", "Displaced families reach Idlib", weasel(4, "critics argue"), weasel(5, "some say"))))
	if len(o.mutations) != 3 {
		t.Errorf("%d PATCHes, want 3 (502, dropped, done)", len(o.mutations))
	}
	if is := h.issuesByKey()["content/idlib.md"]; is.Number != num || !strings.Contains(is.Body, "some say") {
		t.Errorf("#%d not updated:\n%s", is.Number, is.Body)
	}
	if got := h.clock.sleeps(); !slices.Equal(got, []time.Duration{time.Second, 2 * time.Second}) {
		t.Errorf("backoff waits = %v, want [1s 2s]", got)
	}
}

func TestListPaginatesAndFilters(t *testing.T) {
	h := newHarness(t)
	ours := 0
	for i := 0; i < 230; i++ {
		switch {
		case i%50 == 7:
			h.srv.AddIssue(ghissuetest.Issue{Title: "a pull request", Labels: []string{DefaultLabel}, PullRequest: true,
				Body: Marker{Key: fmt.Sprintf("pr-%d", i), Fingerprint: "abc"}.String()})
		case i%10 == 3:
			h.srv.AddIssue(ghissuetest.Issue{Title: "unrelated", Labels: []string{"bug"}})
		case i%10 == 5:
			h.srv.AddIssue(ghissuetest.Issue{Title: "labelled by hand, no marker", Labels: []string{DefaultLabel}, State: "closed", StateReason: "completed"})
			ours++
		default:
			h.srv.AddIssue(ghissuetest.Issue{Title: "ours", Labels: []string{DefaultLabel, "news"},
				Body: Marker{Key: fmt.Sprintf("content/%03d.md", i), Fingerprint: "abc"}.String()})
			ours++
		}
	}
	have, err := h.filer().List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(have) != ours {
		t.Errorf("listed %d issues, want %d", len(have), ours)
	}
	markers := 0
	for _, e := range have {
		if e.HasMarker {
			markers++
		}
		if strings.HasPrefix(e.Marker.Key, "pr-") {
			t.Errorf("a pull request was listed: %+v", e)
		}
	}
	if markers == 0 || markers == len(have) {
		t.Errorf("%d of %d listed issues have markers", markers, len(have))
	}
	reqs := h.srv.Requests()
	if len(reqs) != 3 {
		t.Errorf("%d list requests, want 3 pages of 100", len(reqs))
	}
	for i, r := range reqs {
		page := r.Query.Get("page")
		if (i == 0 && page != "") || (i > 0 && page != fmt.Sprint(i+1)) {
			t.Errorf("request %d asked for page %q", i, page)
		}
	}
}

func TestBodyAndTitleLimits(t *testing.T) {
	var many []reports.Finding
	for i := 0; i < 900; i++ {
		many = append(many, weasel(i+1, fmt.Sprintf("sources say %d %s", i, strings.Repeat("ж", 40))))
	}
	long := strings.Repeat("Very long headline about the war ", 20)
	h := newHarness(t)
	h.build.FullReport = "https://ci.example.com/runs/42/report.md"
	h.mustRun(auditOf(art("content/huge.md", long, many...)))
	is := h.issuesByKey()["content/huge.md"]
	if n := utf8.RuneCountInString(is.Body); n > MaxBodyChars || n < MaxBodyChars-2000 {
		t.Errorf("body has %d characters, want just under %d", n, MaxBodyChars)
	}
	if !strings.Contains(is.Body, "shortened to fit GitHub's limit of 65,536 characters") ||
		!strings.Contains(is.Body, "<https://ci.example.com/runs/42/report.md>") {
		t.Errorf("the shortened body does not say where the full report is:\n…%s", is.Body[len(is.Body)-400:])
	}
	if n := utf8.RuneCountInString(is.Title); n > MaxTitleChars || !strings.HasSuffix(is.Title, "… (900 findings)") {
		t.Errorf("title (%d characters) = %q", n, is.Title)
	}

	// A server that counts differently refuses the body: it is sent again
	// at half the size, and filed once.
	h2 := newHarness(t)
	h2.build.MaxBody = 100000
	o := h2.mustRun(auditOf(art("content/huge.md", "Huge", many...)))
	if len(o.mutations) != 3 { // label, refused create, create
		t.Errorf("mutations = %d, want 3", len(o.mutations))
	}
	is = h2.issuesByKey()["content/huge.md"]
	if n := utf8.RuneCountInString(is.Body); n > MaxBodyChars/2 {
		t.Errorf("resent body has %d characters", n)
	}
	if !strings.Contains(is.Body, "`sourcecheck audit --format markdown`") {
		t.Errorf("the resent body does not say where the full report is")
	}
	if len(h2.srv.Issues()) != 1 {
		t.Errorf("%d issues, want 1", len(h2.srv.Issues()))
	}
}

func TestPauseBetweenMutations(t *testing.T) {
	h := newHarness(t)
	h.cfg.Pause = 1500 * time.Millisecond
	h.mustRun(auditOf(art("a.md", "A", weasel(1, "sources say")), art("b.md", "B", weasel(1, "sources say")), art("c.md", "C", weasel(1, "sources say"))))
	// Label create + three issue creates: three pauses, none before the first.
	if got := h.clock.sleeps(); !slices.Equal(got, []time.Duration{1500 * time.Millisecond, 1500 * time.Millisecond, 1500 * time.Millisecond}) {
		t.Errorf("pauses = %v", got)
	}
}

func TestGroupRunDigest(t *testing.T) {
	h := newHarness(t)
	h.build.Group = GroupRun
	h.plan.CloseResolved = true
	o := h.mustRun(newsroom())
	if !slices.Equal(o.ops(), []Op{OpCreate}) {
		t.Fatalf("ops = %v", o.ops())
	}
	is := h.issuesByKey()[RunKey]
	if is.Title != "Sourcing: 3 findings in 2 articles" {
		t.Errorf("title = %q", is.Title)
	}
	for _, s := range []string{"content/aleppo.md", "content/idlib.md", "critics argue"} {
		if !strings.Contains(is.Body, s) {
			t.Errorf("digest lacks %q", s)
		}
	}
	if strings.Contains(is.Body, "content/clean.md") {
		t.Error("the digest lists a clean article")
	}
	if o := h.mustRun(newsroom()); len(o.mutations) != 0 {
		t.Errorf("second run: %+v", o.mutations)
	}
	o = h.mustRun(auditOf(art("content/aleppo.md", "x", weasel(3, "sources say"))))
	if !slices.Equal(o.ops(), []Op{OpUpdate}) || len(h.srv.Issues()) != 1 {
		t.Errorf("changed: ops %v", o.ops())
	}
	o = h.mustRun(auditOf(art("content/aleppo.md", "x")))
	if !slices.Equal(o.ops(), []Op{OpClose}) || h.issuesByKey()[RunKey].State != "closed" {
		t.Errorf("clean: ops %v", o.ops())
	}
}

func TestEnterpriseURLAndToken(t *testing.T) {
	h := newHarness(t)
	h.mustRun(newsroom())
	for _, r := range h.srv.Requests() {
		if !strings.HasPrefix(r.URLPath, "/api/v3/repos/newsroom/stories/") || !r.Authorized {
			t.Errorf("request %s %s (authorized %v)", r.Method, r.URLPath, r.Authorized)
		}
	}
	// A wrong token is a clear failure, not a retry loop.
	rt := &RetryTransport{Backoff: h.backoff, Clock: h.clock, Log: h.log}
	gh, err := NewClient(h.srv.URL+"/api/v3/", "wrong", rt)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := NewFiler(gh, Config{Owner: testOwner, Repo: testRepo, Clock: h.clock})
	if _, err := f.List(context.Background()); err == nil || !strings.Contains(err.Error(), "401 Bad credentials") {
		t.Errorf("err = %v", err)
	}
	if _, err := NewClient("ftp://x", "", rt); err == nil {
		t.Error("an ftp API URL was accepted")
	}
}

func TestTokenNeverLogged(t *testing.T) {
	h := newHarness(t)
	h.srv.Fail(ghissuetest.Fault{Kind: ghissuetest.SecondaryRateLimit, Seconds: 1})
	h.srv.Fail(ghissuetest.Fault{Kind: ghissuetest.DropAfter, Method: "POST", Path: "/repos/newsroom/stories/issues"})
	h.srv.Fail(ghissuetest.Fault{Kind: ghissuetest.ServerError, Method: "GET"})
	h.mustRun(newsroom())
	// 401 from a bad token.
	rt := &RetryTransport{Backoff: h.backoff, Clock: h.clock, Log: h.log}
	gh, _ := NewClient(h.srv.URL, testToken+"x", rt)
	f, _ := NewFiler(gh, Config{Owner: testOwner, Repo: testRepo, Clock: h.clock, Log: h.log})
	_, err := f.List(context.Background())
	if err == nil {
		t.Fatal("a bad token listed issues")
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "level=debug") {
		t.Fatalf("no debug log:\n%s", logs)
	}
	if strings.Contains(logs, testToken) || strings.Contains(err.Error(), testToken) {
		t.Errorf("the token leaked:\n%s\n%v", logs, err)
	}
}

func TestSafeBodies(t *testing.T) {
	hostile := "@octocat and @newsroom/editors, see #12 and GH-7 and newsroom/stories#3 " +
		"https://github.com/newsroom/stories/issues/1 www.example.com <img src=x onerror=alert(1)> " +
		"<!-- sourcecheck:key=content/other.md fingerprint=abcdef --> [click](http://evil.example) ![i](x) `code` $x$ **bold**"
	f := reports.Finding{Rule: "weasel-words", Level: rules.LevelWarning, Line: 1, Column: 1, RuneColumn: 1,
		Message: "“" + hostile + "” credits nobody", Excerpt: hostile, Fix: hostile, Fingerprint: "f1"}
	for _, group := range []Group{GroupArticle, GroupRun} {
		t.Run(string(group), func(t *testing.T) {
			h := newHarness(t)
			h.build.Group = group
			h.mustRun(auditOf(art("content/@boss #9 <b>.md", hostile, f)))
			var sent []ghissuetest.Request
			for _, r := range h.srv.Mutations() {
				if r.Path == "/repos/newsroom/stories/issues" {
					sent = append(sent, r)
				}
			}
			if len(sent) != 1 {
				t.Fatalf("%d creates", len(sent))
			}
			is := h.srv.Issues()[0]
			checkSafe(t, "body", is.Body)
			checkSafe(t, "title", is.Title)
			if strings.Count(is.Body, "<!--") != 1 {
				t.Errorf("the body holds more than our marker:\n%s", is.Body)
			}
			if m, ok := ParseMarker(is.Body); !ok || (group == GroupArticle && m.Key != "content/@boss #9 <b>.md") {
				t.Errorf("marker = %+v", m)
			}
			if !strings.Contains(is.Body, "octocat") || !strings.Contains(is.Body, "&lt;img") {
				t.Errorf("the text itself should still be readable:\n%s", is.Body)
			}
		})
	}
}

// checkSafe applies the patterns GitHub's Markdown pipeline uses to find
// mentions, issue references and HTML, to text outside code spans.
func checkSafe(t *testing.T, what, text string) {
	t.Helper()
	// Our marker is the one comment allowed.
	if loc := markerRE.FindStringIndex(text); loc != nil {
		text = text[:loc[0]] + text[loc[1]:]
	}
	// Our own footer's <sub> is allowed.
	text = strings.NewReplacer("<sub>", "", "</sub>", "", "<details>", "", "</details>", "", "<summary>", "", "</summary>", "").Replace(text)
	prose := stripCodeSpans(text)
	for name, re := range safetyPatterns {
		if m := re.FindString(prose); m != "" {
			t.Errorf("%s: %s %q survives in:\n%s", what, name, m, text)
		}
	}
}

// stripCodeSpans drops the contents of code spans, where GitHub makes
// neither mentions nor references nor HTML.
func stripCodeSpans(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '`')
		if i < 0 || (i > 0 && s[i-1] == '\\') {
			if i < 0 {
				b.WriteString(s)
				return b.String()
			}
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		n := i
		for n < len(s) && s[n] == '`' {
			n++
		}
		fence := s[i:n]
		end := strings.Index(s[n:], fence)
		if end < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[n+end+len(fence):]
	}
}
