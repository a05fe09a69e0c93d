// Package ghissuetest is a fake of the parts of GitHub's REST API that
// sourcecheck's issue filing uses, for tests: an httptest server that
// keeps issues and labels in memory and answers as GitHub does — issue
// listing filtered by labels and state, sorted and paginated with Link
// headers and per_page; issue create and edit with state and
// state_reason; label get and create; bearer-token authentication; 422
// validation errors for titles over 256 characters and bodies over 65,536;
// rate-limit headers on every answer. Faults can be queued to make it
// answer with a secondary rate limit (403 and Retry-After), a 429, a spent
// primary quota, a 403 permission refusal, a 5xx, or a dropped connection
// before or after the request took effect.
//
// It serves the API both at the root (as api.github.com does) and under
// /api/v3 (as GitHub Enterprise Server does, and as go-github's
// WithEnterpriseURLs addresses it).
package ghissuetest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// Limits GitHub enforces, in characters.
const (
	MaxTitle = 256
	MaxBody  = 65536
)

// Issue is an issue as the fake keeps it.
type Issue struct {
	Number      int
	Title       string
	Body        string
	State       string // "open" or "closed"
	StateReason string // "", "completed", "not_planned" or "reopened"
	Labels      []string
	// PullRequest makes the entry a pull request, which the issues API
	// lists too.
	PullRequest bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
	ClosedAt    time.Time
}

// Request is a request the fake received.
type Request struct {
	Method string
	// Path is the API path, without any /api/v3 prefix; URLPath is the
	// path as requested.
	Path    string
	URLPath string
	Query   url.Values
	Body    string
	// Authorized is true when the request carried the expected token.
	Authorized bool
}

// Mutating reports whether the request asks to change something.
func (r Request) Mutating() bool { return r.Method != http.MethodGet && r.Method != http.MethodHead }

// FaultKind is a way for a request to go wrong.
type FaultKind int

// The faults.
const (
	// SecondaryRateLimit answers 403 with the secondary rate limit
	// message and Retry-After: Fault.Seconds (none when zero).
	SecondaryRateLimit FaultKind = iota + 1
	// TooManyRequests answers 429 with Retry-After: Fault.Seconds (none
	// when zero).
	TooManyRequests
	// PrimaryRateLimit answers 403 with x-ratelimit-remaining: 0 and
	// x-ratelimit-reset Fault.Seconds from now.
	PrimaryRateLimit
	// ServerError answers 502 without acting on the request.
	ServerError
	// DropBefore closes the connection without acting on the request.
	DropBefore
	// DropAfter acts on the request, then closes the connection without
	// answering: the client cannot tell whether it took effect.
	DropAfter
	// EchoAuthorization answers 500 with the request's Authorization
	// header in the message, as a badly behaved proxy might.
	EchoAuthorization
	// Forbidden answers 403 as GitHub does to a token without the
	// permission: not a rate limit, not to be retried.
	Forbidden
)

// Fault makes matching requests go wrong.
type Fault struct {
	Kind FaultKind
	// Method and Path select the requests ("" matches any); Path is
	// matched against the API path without /api/v3 as a prefix, so
	// "/repos/o/r/issues" matches creates and edits alike.
	Method, Path string
	// Times is how many matching requests fail; zero means one.
	Times   int
	Seconds int
	// After lets this many matching requests through before failing.
	After int
}

// Server is the fake GitHub.
type Server struct {
	*httptest.Server
	// Owner and Repo name the one repository the fake holds.
	Owner, Repo string
	// Token is the bearer token requests must carry; empty accepts any
	// request.
	Token string
	// Now is the fake's clock; time.Now when nil.
	Now func() time.Time

	mu       sync.Mutex
	issues   []*Issue
	labels   map[string]label
	faults   []*Fault
	requests []Request
	ids      int64
	quota    int
}

type label struct {
	ID          int64
	Name        string
	Color       string
	Description string
}

// New starts a fake GitHub holding the repository owner/repo, that wants
// token, and stops it when the test ends.
func New(t testing.TB, owner, repo, token string) *Server {
	s := &Server{Owner: owner, Repo: repo, Token: token, labels: map[string]label{}, quota: 5000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// AddIssue stores an issue (or pull request) as if someone had filed it,
// and returns its number. Empty State means open.
func (s *Server) AddIssue(is Issue) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if is.State == "" {
		is.State = "open"
	}
	is.Number = len(s.issues) + 1
	if is.CreatedAt.IsZero() {
		is.CreatedAt = s.now()
	}
	if is.UpdatedAt.IsZero() {
		is.UpdatedAt = is.CreatedAt
	}
	if is.State == "closed" && is.ClosedAt.IsZero() {
		is.ClosedAt = is.UpdatedAt
	}
	for _, l := range is.Labels {
		s.ensureLabel(l)
	}
	s.issues = append(s.issues, &is)
	return is.Number
}

// AddLabel creates a label.
func (s *Server) AddLabel(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ensureLabel(name)
}

// HasLabel reports whether the repository has the label.
func (s *Server) HasLabel(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.labels[strings.ToLower(name)]
	return ok
}

// SetIssue lets a test change an issue as a person would (close it, edit
// its body); fn gets the stored issue.
func (s *Server) SetIssue(number int, fn func(*Issue)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	is := s.issues[number-1]
	fn(is)
	is.UpdatedAt = s.now()
}

// Issues returns a copy of every issue and pull request, by number.
func (s *Server) Issues() []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Issue, len(s.issues))
	for i, is := range s.issues {
		out[i] = *is
		out[i].Labels = slices.Clone(is.Labels)
	}
	return out
}

// Requests returns every request received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Mutations returns the mutating requests received so far, including
// those a fault refused.
func (s *Server) Mutations() []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Mutating() {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// Fail queues a fault.
func (s *Server) Fail(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// PendingFaults counts the faults not yet triggered.
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		if f.Times > 0 {
			n++
		}
	}
	return n
}

func (s *Server) ensureLabel(name string) {
	if _, ok := s.labels[strings.ToLower(name)]; ok {
		return
	}
	s.ids++
	s.labels[strings.ToLower(name)] = label{ID: 1000 + s.ids, Name: name, Color: "ededed"}
}

// fault returns the fault that applies to r, if any, and uses it up.
func (s *Server) fault(method, path string) *Fault {
	for _, f := range s.faults {
		if f.Times <= 0 || (f.Method != "" && f.Method != method) || !strings.HasPrefix(path, f.Path) {
			continue
		}
		if f.After > 0 {
			f.After--
			return nil
		}
		f.Times--
		return f
	}
	return nil
}

type apiError struct {
	Message          string     `json:"message"`
	Errors           []errorDoc `json:"errors,omitempty"`
	DocumentationURL string     `json:"documentation_url"`
}

type errorDoc struct {
	Resource string `json:"resource"`
	Code     string `json:"code"`
	Field    string `json:"field"`
	Message  string `json:"message,omitempty"`
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/api/v3")
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	authorized := s.Token == "" || r.Header.Get("Authorization") == "Bearer "+s.Token
	s.requests = append(s.requests, Request{Method: r.Method, Path: path, URLPath: r.URL.Path, Query: r.URL.Query(),
		Body: string(body), Authorized: authorized})

	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	h.Set("X-RateLimit-Limit", "5000")
	h.Set("X-RateLimit-Reset", strconv.FormatInt(s.now().Add(time.Hour).Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")

	if !authorized {
		s.setQuota(h)
		writeJSON(w, http.StatusUnauthorized, apiError{Message: "Bad credentials", DocumentationURL: "https://docs.github.com/rest"})
		return
	}
	f := s.fault(r.Method, path)
	if f != nil {
		switch f.Kind {
		case SecondaryRateLimit:
			s.setQuota(h)
			if f.Seconds > 0 {
				h.Set("Retry-After", strconv.Itoa(f.Seconds))
			}
			writeJSON(w, http.StatusForbidden, apiError{
				Message:          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
				DocumentationURL: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"})
			return
		case TooManyRequests:
			s.setQuota(h)
			if f.Seconds > 0 {
				h.Set("Retry-After", strconv.Itoa(f.Seconds))
			}
			writeJSON(w, http.StatusTooManyRequests, apiError{
				Message:          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
				DocumentationURL: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"})
			return
		case PrimaryRateLimit:
			h.Set("X-RateLimit-Remaining", "0")
			h.Set("X-RateLimit-Used", "5000")
			h.Set("X-RateLimit-Reset", strconv.FormatInt(s.now().Add(time.Duration(f.Seconds)*time.Second).Unix(), 10))
			writeJSON(w, http.StatusForbidden, apiError{
				Message:          "API rate limit exceeded for user ID 1.",
				DocumentationURL: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit"})
			return
		case ServerError:
			s.setQuota(h)
			writeJSON(w, http.StatusBadGateway, apiError{Message: "Server Error"})
			return
		case EchoAuthorization:
			s.setQuota(h)
			writeJSON(w, http.StatusInternalServerError, apiError{Message: "upstream refused request with " + r.Header.Get("Authorization")})
			return
		case Forbidden:
			s.setQuota(h)
			writeJSON(w, http.StatusForbidden, apiError{Message: "Resource not accessible by integration",
				DocumentationURL: "https://docs.github.com/rest/issues/issues#create-an-issue"})
			return
		case DropBefore:
			drop(w)
			return
		case DropAfter:
			s.route(httptest.NewRecorder(), r, path, body)
			drop(w)
			return
		}
	}
	s.setQuota(h)
	s.route(w, r, path, body)
}

func (s *Server) setQuota(h http.Header) {
	if s.quota > 1 {
		s.quota--
	}
	h.Set("X-RateLimit-Remaining", strconv.Itoa(s.quota))
	h.Set("X-RateLimit-Used", strconv.Itoa(5000-s.quota))
}

// drop closes the connection without an answer.
func drop(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("ghissuetest: cannot hijack the connection")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		conn.Close()
	}
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, path string, body []byte) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) < 4 || parts[0] != "repos" {
		notFound(w)
		return
	}
	if !strings.EqualFold(parts[1], s.Owner) || !strings.EqualFold(parts[2], s.Repo) {
		notFound(w)
		return
	}
	rest := parts[3:]
	switch {
	case len(rest) == 1 && rest[0] == "issues" && r.Method == http.MethodGet:
		s.listIssues(w, r)
	case len(rest) == 1 && rest[0] == "issues" && r.Method == http.MethodPost:
		s.createIssue(w, body)
	case len(rest) == 2 && rest[0] == "issues" && (r.Method == http.MethodGet || r.Method == http.MethodPatch):
		n, err := strconv.Atoi(rest[1])
		if err != nil || n < 1 || n > len(s.issues) {
			notFound(w)
			return
		}
		if r.Method == http.MethodGet {
			writeJSON(w, http.StatusOK, s.issueJSON(r, s.issues[n-1]))
			return
		}
		s.editIssue(w, r, s.issues[n-1], body)
	case len(rest) == 1 && rest[0] == "labels" && r.Method == http.MethodPost:
		s.createLabel(w, body)
	case len(rest) == 2 && rest[0] == "labels" && r.Method == http.MethodGet:
		l, ok := s.labels[strings.ToLower(rest[1])]
		if !ok {
			notFound(w)
			return
		}
		writeJSON(w, http.StatusOK, labelJSON(l))
	default:
		notFound(w)
	}
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, apiError{Message: "Not Found", DocumentationURL: "https://docs.github.com/rest"})
}

func invalid(w http.ResponseWriter, errs ...errorDoc) {
	writeJSON(w, http.StatusUnprocessableEntity, apiError{Message: "Validation Failed", Errors: errs,
		DocumentationURL: "https://docs.github.com/rest/issues/issues"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) listIssues(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	if state != "open" && state != "closed" && state != "all" {
		invalid(w, errorDoc{Resource: "Issue", Code: "invalid", Field: "state"})
		return
	}
	var want []string
	if l := q.Get("labels"); l != "" {
		want = strings.Split(l, ",")
	}
	perPage := 30
	if v := q.Get("per_page"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			perPage = min(n, 100)
		}
	}
	page := 1
	if v := q.Get("page"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			page = n
		}
	}
	var match []*Issue
	for _, is := range s.issues {
		if state != "all" && is.State != state {
			continue
		}
		if !hasLabels(is.Labels, want) {
			continue
		}
		match = append(match, is)
	}
	sortKey := func(is *Issue) time.Time {
		if q.Get("sort") == "updated" {
			return is.UpdatedAt
		}
		return is.CreatedAt
	}
	asc := q.Get("direction") == "asc"
	sort.SliceStable(match, func(i, j int) bool {
		a, b := sortKey(match[i]), sortKey(match[j])
		if a.Equal(b) {
			if asc {
				return match[i].Number < match[j].Number
			}
			return match[i].Number > match[j].Number
		}
		if asc {
			return a.Before(b)
		}
		return a.After(b)
	})
	last := max(1, (len(match)+perPage-1)/perPage)
	var links []string
	link := func(p int, rel string) {
		u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path}
		qq := r.URL.Query()
		qq.Set("page", strconv.Itoa(p))
		qq.Set("per_page", strconv.Itoa(perPage))
		u.RawQuery = qq.Encode()
		links = append(links, fmt.Sprintf("<%s>; rel=%q", u.String(), rel))
	}
	if page < last {
		link(page+1, "next")
		link(last, "last")
	}
	if page > 1 {
		link(1, "first")
		link(page-1, "prev")
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := []map[string]any{}
	for i := (page - 1) * perPage; i < len(match) && i < page*perPage; i++ {
		out = append(out, s.issueJSON(r, match[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

func hasLabels(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if strings.EqualFold(h, strings.TrimSpace(w)) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

type issueRequest struct {
	Title       *string   `json:"title"`
	Body        *string   `json:"body"`
	State       *string   `json:"state"`
	StateReason *string   `json:"state_reason"`
	Labels      *[]string `json:"labels"`
}

func validate(req issueRequest) []errorDoc {
	var errs []errorDoc
	if req.Title != nil && utf8.RuneCountInString(*req.Title) > MaxTitle {
		errs = append(errs, errorDoc{Resource: "Issue", Code: "custom", Field: "title",
			Message: fmt.Sprintf("title is too long (maximum is %d characters)", MaxTitle)})
	}
	if req.Body != nil && utf8.RuneCountInString(*req.Body) > MaxBody {
		errs = append(errs, errorDoc{Resource: "Issue", Code: "custom", Field: "body",
			Message: fmt.Sprintf("body is too long (maximum is %d characters)", MaxBody)})
	}
	return errs
}

func (s *Server) createIssue(w http.ResponseWriter, body []byte) {
	var req issueRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Message: "Problems parsing JSON"})
		return
	}
	if req.Title == nil || strings.TrimSpace(*req.Title) == "" {
		invalid(w, errorDoc{Resource: "Issue", Code: "missing_field", Field: "title"})
		return
	}
	if errs := validate(req); len(errs) > 0 {
		invalid(w, errs...)
		return
	}
	now := s.now()
	is := &Issue{Number: len(s.issues) + 1, Title: *req.Title, State: "open", CreatedAt: now, UpdatedAt: now}
	if req.Body != nil {
		is.Body = *req.Body
	}
	if req.Labels != nil {
		for _, l := range *req.Labels {
			s.ensureLabel(l) // GitHub creates missing labels for writers
			is.Labels = append(is.Labels, l)
		}
	}
	s.issues = append(s.issues, is)
	writeJSON(w, http.StatusCreated, s.issueJSON(nil, is))
}

func (s *Server) editIssue(w http.ResponseWriter, r *http.Request, is *Issue, body []byte) {
	if is.PullRequest {
		notFound(w)
		return
	}
	var req issueRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Message: "Problems parsing JSON"})
		return
	}
	if errs := validate(req); len(errs) > 0 {
		invalid(w, errs...)
		return
	}
	if req.State != nil && *req.State != "open" && *req.State != "closed" {
		invalid(w, errorDoc{Resource: "Issue", Code: "invalid", Field: "state"})
		return
	}
	if req.StateReason != nil {
		switch *req.StateReason {
		case "completed", "not_planned", "reopened":
		default:
			invalid(w, errorDoc{Resource: "Issue", Code: "invalid", Field: "state_reason"})
			return
		}
	}
	now := s.now()
	if req.Title != nil {
		is.Title = *req.Title
	}
	if req.Body != nil {
		is.Body = *req.Body
	}
	if req.Labels != nil {
		is.Labels = nil
		for _, l := range *req.Labels {
			s.ensureLabel(l)
			is.Labels = append(is.Labels, l)
		}
	}
	switch {
	case req.State != nil && *req.State == "closed":
		if is.State != "closed" {
			is.ClosedAt = now
		}
		is.State, is.StateReason = "closed", "completed"
		if req.StateReason != nil {
			is.StateReason = *req.StateReason
		}
	case req.State != nil && *req.State == "open":
		if is.State == "closed" {
			is.StateReason = "reopened"
		}
		is.State, is.ClosedAt = "open", time.Time{}
	}
	is.UpdatedAt = now
	writeJSON(w, http.StatusOK, s.issueJSON(r, is))
}

func (s *Server) createLabel(w http.ResponseWriter, body []byte) {
	var req struct {
		Name        string `json:"name"`
		Color       string `json:"color"`
		Description string `json:"description"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Message: "Problems parsing JSON"})
		return
	}
	if req.Name == "" {
		invalid(w, errorDoc{Resource: "Label", Code: "missing_field", Field: "name"})
		return
	}
	if _, ok := s.labels[strings.ToLower(req.Name)]; ok {
		invalid(w, errorDoc{Resource: "Label", Code: "already_exists", Field: "name"})
		return
	}
	s.ids++
	l := label{ID: 1000 + s.ids, Name: req.Name, Color: req.Color, Description: req.Description}
	s.labels[strings.ToLower(req.Name)] = l
	writeJSON(w, http.StatusCreated, labelJSON(l))
}

func labelJSON(l label) map[string]any {
	return map[string]any{"id": l.ID, "node_id": fmt.Sprintf("LA_%d", l.ID), "name": l.Name,
		"color": l.Color, "description": l.Description, "default": false}
}

func (s *Server) issueJSON(r *http.Request, is *Issue) map[string]any {
	host := "github.com"
	if r != nil {
		host = r.Host
	}
	kind := "issues"
	if is.PullRequest {
		kind = "pull"
	}
	ts := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.UTC().Format(time.RFC3339)
	}
	labels := []map[string]any{}
	for _, name := range is.Labels {
		if l, ok := s.labels[strings.ToLower(name)]; ok {
			labels = append(labels, labelJSON(l))
		}
	}
	var reason any
	if is.StateReason != "" {
		reason = is.StateReason
	}
	m := map[string]any{
		"id":           int64(9000 + is.Number),
		"node_id":      fmt.Sprintf("I_%d", is.Number),
		"number":       is.Number,
		"title":        is.Title,
		"body":         is.Body,
		"state":        is.State,
		"state_reason": reason,
		"locked":       false,
		"labels":       labels,
		"comments":     0,
		"user":         map[string]any{"login": "sourcecheck-bot", "id": 1, "type": "Bot"},
		"created_at":   ts(is.CreatedAt),
		"updated_at":   ts(is.UpdatedAt),
		"closed_at":    ts(is.ClosedAt),
		"url":          fmt.Sprintf("http://%s/repos/%s/%s/issues/%d", host, s.Owner, s.Repo, is.Number),
		"html_url":     fmt.Sprintf("http://%s/%s/%s/%s/%d", host, s.Owner, s.Repo, kind, is.Number),
	}
	if is.PullRequest {
		m["pull_request"] = map[string]any{"url": fmt.Sprintf("http://%s/repos/%s/%s/pulls/%d", host, s.Owner, s.Repo, is.Number)}
	}
	return m
}
