package reports_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/reports"
	"github.com/sourcecheck/sourcecheck/rules"
)

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Cases    []struct {
			Name     string `xml:"name,attr"`
			File     string `xml:"file,attr"`
			Failures []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Errors    []struct{} `xml:"error"`
			SystemOut string     `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func writeJUnit(t *testing.T, a *reports.Audit) junitDoc {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteJUnit(&buf, a); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	dec := xml.NewDecoder(&buf)
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("the JUnit report is not well-formed XML: %v", err)
	}
	return doc
}

// TestJUnit checks the JUnit report of the golden audit: one suite, one
// test case per article, a failure per finding at or above the fail level
// and the rest in system-out, and counts that agree.
func TestJUnit(t *testing.T) {
	a := goldenAudit(t)
	doc := writeJUnit(t, a)
	if len(doc.Suites) != 1 {
		t.Fatalf("%d test suites, want 1", len(doc.Suites))
	}
	s := doc.Suites[0]
	if len(s.Cases) != len(a.Articles) || s.Tests != len(a.Articles) || doc.Tests != s.Tests {
		t.Fatalf("%d test cases (tests=%d) for %d articles", len(s.Cases), s.Tests, len(a.Articles))
	}
	failing := 0
	for i, tc := range s.Cases {
		art := a.Articles[i]
		above, below := 0, 0
		for _, f := range art.Findings {
			if f.Level >= rules.LevelError {
				above++
			} else {
				below++
			}
		}
		if len(tc.Failures) != above {
			t.Errorf("%s: %d failures, want %d (findings at or above error)", tc.Name, len(tc.Failures), above)
		}
		for j, f := range tc.Failures {
			if f.Type == "" || !strings.Contains(f.Text, art.Path) || !strings.Contains(f.Message, f.Type) {
				t.Errorf("%s: failure %d: %+v", tc.Name, j, f)
			}
		}
		if got := strings.Count(tc.SystemOut, art.Path+":"); got != below {
			t.Errorf("%s: system-out lists %d findings, want %d below the fail level", tc.Name, got, below)
		}
		if above > 0 {
			failing++
		}
	}
	if s.Failures != failing || doc.Failures != failing {
		t.Errorf("failures=%d (suites %d), want %d failing test cases", s.Failures, doc.Failures, failing)
	}
}

// TestJUnitHostileText checks that text XML cannot hold, or that would end
// a CDATA section, still makes a well-formed report, and that an input
// error is a test case with an error.
func TestJUnitHostileText(t *testing.T) {
	msg := "ends ]]> here <b>&amp;</b> \x01 bell \ufffe and \"quotes\""
	a := &reports.Audit{Articles: []reports.AuditArticle{{
		Article:  reports.Article{Path: "a<&>.md"},
		Findings: []reports.Finding{finding("r", rules.LevelError, 1, 1, msg), finding("r", rules.LevelInfo, 2, 1, msg)},
	}}}
	a.Summary.FailLevel = "error"
	a.Summary.InputErrors = 2
	doc := writeJUnit(t, a)
	cases := doc.Suites[0].Cases
	if len(cases) != 2 || len(cases[1].Errors) != 1 || doc.Errors != 1 {
		t.Fatalf("want the article and an input-error case, got %+v", cases)
	}
	f := cases[0].Failures[0]
	if !strings.Contains(f.Text, "ends ]]> here <b>&amp;</b>") || !strings.Contains(f.Message, "ends ]]> here") || cases[0].File != "a<&>.md" {
		t.Errorf("text not carried intact: %+v", f)
	}
	if !strings.Contains(cases[0].SystemOut, "ends ]]> here") {
		t.Errorf("system-out: %q", cases[0].SystemOut)
	}
}
