package ghissuetest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// call sends a request to the fake and decodes the JSON answer.
func call(t *testing.T, s *Server, method, path, token, body string) (int, http.Header, any) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s %s: not JSON: %q", method, path, data)
	}
	return resp.StatusCode, resp.Header, v
}

func TestServerBehavesLikeGitHub(t *testing.T) {
	s := New(t, "o", "r", "tok")
	for i := 0; i < 5; i++ {
		s.AddIssue(Issue{Title: "t", Labels: []string{"sourcecheck"}})
	}
	s.AddIssue(Issue{Title: "closed", Labels: []string{"sourcecheck"}, State: "closed", StateReason: "not_planned"})
	s.AddIssue(Issue{Title: "other", Labels: []string{"bug"}})

	tests := []struct {
		name, method, path, token, body string
		status                          int
		check                           func(t *testing.T, h http.Header, v any)
	}{
		{"no token", "GET", "/repos/o/r/issues", "", "", 401, func(t *testing.T, h http.Header, v any) {
			if v.(map[string]any)["message"] != "Bad credentials" {
				t.Errorf("%v", v)
			}
		}},
		{"open by default", "GET", "/repos/o/r/issues?labels=sourcecheck", "tok", "", 200, func(t *testing.T, h http.Header, v any) {
			if n := len(v.([]any)); n != 5 {
				t.Errorf("%d issues", n)
			}
		}},
		{"state=all, paginated", "GET", "/api/v3/repos/o/r/issues?labels=SourceCheck&state=all&per_page=2&page=2", "tok", "", 200, func(t *testing.T, h http.Header, v any) {
			link := h.Get("Link")
			for _, want := range []string{`page=3&per_page=2&state=all>; rel="next"`, `rel="last"`, `page=1&per_page=2&state=all>; rel="first"`, `rel="prev"`} {
				if !strings.Contains(link, want) {
					t.Errorf("Link %q lacks %q", link, want)
				}
			}
			if n := len(v.([]any)); n != 2 {
				t.Errorf("%d issues", n)
			}
			if h.Get("X-RateLimit-Remaining") == "" {
				t.Error("no rate limit headers")
			}
		}},
		{"title too long", "POST", "/repos/o/r/issues", "tok", `{"title":"` + strings.Repeat("é", 257) + `"}`, 422, func(t *testing.T, h http.Header, v any) {
			if !strings.Contains(toJSON(v), "title is too long (maximum is 256 characters)") {
				t.Errorf("%v", v)
			}
		}},
		{"body too long", "POST", "/repos/o/r/issues", "tok", `{"title":"x","body":"` + strings.Repeat("é", 65537) + `"}`, 422, func(t *testing.T, h http.Header, v any) {
			if !strings.Contains(toJSON(v), "body is too long (maximum is 65536 characters)") {
				t.Errorf("%v", v)
			}
		}},
		{"body at the limit", "POST", "/repos/o/r/issues", "tok", `{"title":"x","body":"` + strings.Repeat("é", 65536) + `","labels":["new"]}`, 201, func(t *testing.T, h http.Header, v any) {
			if m := v.(map[string]any); m["number"] != float64(8) || m["state"] != "open" || m["state_reason"] != nil {
				t.Errorf("%v", m["number"])
			}
			if !s.HasLabel("new") {
				t.Error("the issue's label was not created")
			}
		}},
		{"close", "PATCH", "/repos/o/r/issues/1", "tok", `{"state":"closed"}`, 200, func(t *testing.T, h http.Header, v any) {
			if m := v.(map[string]any); m["state"] != "closed" || m["state_reason"] != "completed" || m["closed_at"] == nil {
				t.Errorf("%v", m)
			}
		}},
		{"reopen", "PATCH", "/repos/o/r/issues/1", "tok", `{"state":"open"}`, 200, func(t *testing.T, h http.Header, v any) {
			if m := v.(map[string]any); m["state"] != "open" || m["state_reason"] != "reopened" || m["closed_at"] != nil {
				t.Errorf("%v", m)
			}
		}},
		{"bad state_reason", "PATCH", "/repos/o/r/issues/1", "tok", `{"state":"closed","state_reason":"wontfix"}`, 422, nil},
		{"label exists", "POST", "/repos/o/r/labels", "tok", `{"name":"Bug"}`, 422, func(t *testing.T, h http.Header, v any) {
			if !strings.Contains(toJSON(v), "already_exists") {
				t.Errorf("%v", v)
			}
		}},
		{"label missing", "GET", "/repos/o/r/labels/nope", "tok", "", 404, nil},
		{"other repository", "GET", "/repos/o/x/issues", "tok", "", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, v := call(t, s, tt.method, tt.path, tt.token, tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %v", status, tt.status, v)
			}
			if tt.check != nil {
				tt.check(t, h, v)
			}
		})
	}
}

func TestServerFaults(t *testing.T) {
	s := New(t, "o", "r", "")
	s.Fail(Fault{Kind: SecondaryRateLimit, Method: "POST", Seconds: 9})
	s.Fail(Fault{Kind: TooManyRequests, Method: "POST"})
	s.Fail(Fault{Kind: PrimaryRateLimit, Method: "POST", Seconds: 60})
	status, h, v := call(t, s, "POST", "/repos/o/r/issues", "", `{"title":"a"}`)
	if status != 403 || h.Get("Retry-After") != "9" || !strings.Contains(toJSON(v), "secondary-rate-limits") {
		t.Errorf("secondary: %d %v %v", status, h, v)
	}
	if status, _, _ = call(t, s, "POST", "/repos/o/r/issues", "", `{"title":"a"}`); status != 429 {
		t.Errorf("429: %d", status)
	}
	if status, h, _ = call(t, s, "POST", "/repos/o/r/issues", "", `{"title":"a"}`); status != 403 || h.Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("primary: %d %v", status, h)
	}
	if len(s.Issues()) != 0 {
		t.Error("a refused request created an issue")
	}
	s.Fail(Fault{Kind: DropAfter, Method: "POST"})
	req, _ := http.NewRequest("POST", s.URL+"/repos/o/r/issues", strings.NewReader(`{"title":"a"}`))
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("the connection was not dropped")
	}
	if len(s.Issues()) != 1 {
		t.Error("DropAfter did not create the issue")
	}
	if n := len(s.Mutations()); n != 4 {
		t.Errorf("%d mutations recorded, want 4", n)
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
