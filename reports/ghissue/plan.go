package ghissue

import (
	"sort"
	"strings"
)

// Issue states and state reasons as the REST API spells them.
const (
	StateOpen   = "open"
	StateClosed = "closed"

	ReasonCompleted  = "completed"
	ReasonNotPlanned = "not_planned"
	ReasonReopened   = "reopened"
)

// Existing is an issue already on GitHub that carries the tool's label.
type Existing struct {
	Number int
	Title  string
	Body   string
	// State is StateOpen or StateClosed; StateReason is ReasonCompleted,
	// ReasonNotPlanned, ReasonReopened or empty.
	State       string
	StateReason string
	URL         string
	// Marker is parsed from Body; HasMarker is false when it has none
	// (such an issue is never touched).
	Marker    Marker
	HasMarker bool
}

// Op is what Plan decides for one issue.
type Op string

// The operations.
const (
	OpCreate Op = "create"
	OpUpdate Op = "update"
	OpReopen Op = "reopen"
	OpClose  Op = "close"
	// OpKeep leaves an issue as it is: unchanged, or closed by a person.
	OpKeep Op = "keep"
	// OpSkip files nothing because a person closed the issue as not
	// planned.
	OpSkip Op = "skip"
)

// Action is one step of a plan.
type Action struct {
	Op  Op
	Key string
	// Number and URL name the existing issue; zero for OpCreate.
	Number int
	URL    string
	// Title and Body are what to send: both for create, update and
	// reopen; Body only for close.
	Title, Body string
	Fingerprint string
	// Findings counts the findings the article has now.
	Findings int
	// Reason says why, for people reading the plan.
	Reason string
}

// Mutates reports whether the action changes anything on GitHub.
func (a Action) Mutates() bool {
	switch a.Op {
	case OpCreate, OpUpdate, OpReopen, OpClose:
		return true
	}
	return false
}

// PlanOptions tune Plan.
type PlanOptions struct {
	// CloseResolved closes open issues whose article is now clean.
	CloseResolved bool
	// MaxBody overrides MaxBodyChars for bodies Plan writes (closing
	// notices).
	MaxBody int
	// Gone, when set, tells whether the article of a key that is not in
	// the run has been removed (its file deleted from a folder the run
	// audited, its record from a JSON Lines file the run read). With
	// CloseResolved, the open issue of a removed article is closed as
	// completed; other issues whose key is not in the run are left alone.
	Gone func(key string) bool
}

// Plan compares the issues sourcecheck wants with those on GitHub and
// says, key by key in the order of want, what to do. Keys with no
// findings and no issue produce no action; issues whose key is not in
// want (articles not audited in this run) are left alone and not listed.
func Plan(want []Issue, have []Existing, o PlanOptions) []Action {
	byKey := map[string][]Existing{}
	for _, e := range have {
		if e.HasMarker {
			byKey[e.Marker.Key] = append(byKey[e.Marker.Key], e)
		}
	}
	maxBody := o.MaxBody
	if maxBody <= 0 {
		maxBody = MaxBodyChars
	}
	var out []Action
	for _, w := range want {
		e, found := canonical(byKey[w.Key])
		a := Action{Key: w.Key, Title: w.Title, Body: w.Body, Fingerprint: w.Fingerprint, Findings: w.Findings}
		if found {
			a.Number, a.URL = e.Number, e.URL
		}
		switch {
		case !found && w.Findings == 0:
			continue
		case !found:
			a.Op, a.Reason = OpCreate, "new findings"
		case e.State == StateClosed && e.StateReason == ReasonNotPlanned:
			a.Op, a.Reason = OpSkip, "closed as not planned; never reopened or filed again"
		case e.State == StateClosed && w.Findings == 0:
			a.Op, a.Reason = OpKeep, "closed, and the article is clean"
		case e.State == StateClosed && e.Marker.Fingerprint == w.Fingerprint:
			a.Op, a.Reason = OpKeep, "closed as completed with these same findings; left closed"
		case e.State == StateClosed:
			a.Op, a.Reason = OpReopen, "closed as completed, and the article has findings again"
		case w.Findings == 0 && o.CloseResolved:
			a.Op, a.Reason = OpClose, "the article is clean"
			a.Title = ""
			a.Body = closingBody(w.Body, e.Body, maxBody)
		case w.Findings == 0:
			a.Op, a.Reason = OpKeep, "the article is clean; --close-resolved would close it"
		case e.Marker.Fingerprint == w.Fingerprint:
			a.Op, a.Reason = OpKeep, "unchanged"
		default:
			a.Op, a.Reason = OpUpdate, "the findings changed"
		}
		if a.Op == OpKeep || a.Op == OpSkip {
			a.Title, a.Body = e.Title, ""
		}
		out = append(out, a)
	}
	if !o.CloseResolved || o.Gone == nil {
		return out
	}
	inRun := map[string]bool{}
	for _, w := range want {
		inRun[w.Key] = true
	}
	var gone []Existing
	for key, es := range byKey {
		if inRun[key] {
			continue
		}
		if e, _ := canonical(es); e.State == StateOpen && o.Gone(key) {
			gone = append(gone, e)
		}
	}
	sort.Slice(gone, func(i, j int) bool { return gone[i].Number < gone[j].Number })
	for _, e := range gone {
		notice := Marker{Key: e.Marker.Key, Fingerprint: CleanFingerprint}.String() +
			"\n**Resolved.** The article is no longer there, so sourcecheck closed this issue.\n"
		out = append(out, Action{Op: OpClose, Key: e.Marker.Key, Number: e.Number, URL: e.URL,
			Body: closingBody(notice, e.Body, maxBody), Fingerprint: CleanFingerprint, Reason: "the article is gone"})
	}
	return out
}

// canonical picks, among the issues that carry one key, the one
// sourcecheck manages: the lowest-numbered open issue; failing that, one
// closed as not planned (which then holds the key for good); failing
// that, the lowest-numbered closed one. Others are duplicates a person
// made and are left alone.
func canonical(es []Existing) (Existing, bool) {
	if len(es) == 0 {
		return Existing{}, false
	}
	sort.Slice(es, func(i, j int) bool {
		ri, rj := rank(es[i]), rank(es[j])
		if ri != rj {
			return ri < rj
		}
		return es[i].Number < es[j].Number
	})
	return es[0], true
}

func rank(e Existing) int {
	switch {
	case e.State == StateOpen:
		return 0
	case e.StateReason == ReasonNotPlanned:
		return 1
	}
	return 2
}

// closingBody is the body of an issue closed as resolved: the notice
// (whose marker carries CleanFingerprint) above the report it had.
func closingBody(notice, old string, limit int) string {
	if loc := markerRE.FindStringIndex(old); loc != nil {
		old = old[:loc[0]] + strings.TrimPrefix(old[loc[1]:], "\n")
	}
	if i := strings.Index(old, footer); i >= 0 {
		old = old[:i] + old[i+len(footer):]
	}
	body := notice + "\n<details><summary>The report this issue had</summary>\n\n" + strings.TrimSpace(old) + "\n\n</details>" + footer
	return trimBody(body, limit, "\n\n(The earlier report was shortened to fit GitHub's limit.)"+footer)
}
