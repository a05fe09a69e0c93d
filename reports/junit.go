package reports

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The JUnit XML elements sourcecheck writes, as Jenkins, GitLab, Azure
// DevOps and the JUnit test-report actions read them.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Properties []junitProperty `xml:"properties>property"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string         `xml:"name,attr"`
		Classname string         `xml:"classname,attr"`
		File      string         `xml:"file,attr,omitempty"`
		Failures  []junitFailure `xml:"failure"`
		Errors    []junitFailure `xml:"error"`
		SystemOut *junitCDATA    `xml:"system-out,omitempty"`
	}
	junitCDATA struct {
		Text string `xml:",cdata"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",cdata"`
	}
)

// WriteJUnit writes the audit as JUnit XML: one <testsuite> for the run
// and one <testcase> per article (name: the article, classname
// "sourcecheck", file: its path). Each finding at or above the fail level
// is a <failure> of its article's test case (type: the rule; message:
// "line:column level rule: message"; text: the location, message,
// excerpt and fix), so the test fails exactly when the audit would exit
// 1 because of it. Findings below the fail level do not fail the test:
// they are listed in its <system-out>, visible in the report without
// turning it red (they are not <skipped>, since the article was audited).
// Inputs that could not be read add one test case with an <error>. The
// report has no timings, so that it only changes when the findings do.
// Attributes are escaped by encoding/xml; failure texts and output are
// CDATA sections (encoding/xml splits any "]]>"), and characters XML 1.0
// cannot hold become U+FFFD.
func WriteJUnit(w io.Writer, a *Audit) error {
	fail := severityRank(a.Summary.FailLevel)
	suite := junitSuite{Name: "sourcecheck audit", Properties: []junitProperty{
		{Name: "fail_level", Value: a.Summary.FailLevel},
		{Name: "findings", Value: strconv.Itoa(a.Summary.Findings)},
		{Name: "suppressed", Value: strconv.Itoa(a.Summary.Suppressed)},
		{Name: "baselined", Value: strconv.Itoa(a.Summary.Baselined)},
	}}
	for i := range a.Articles {
		art := &a.Articles[i]
		tc := junitCase{Name: articleRef(art), Classname: "sourcecheck", File: slashPath(art.Path)}
		var out []string
		for j := range art.Findings {
			f := &art.Findings[j]
			p := placeOf(art, f)
			loc := fmt.Sprintf("%d:%d", p.Line, p.Col)
			if p.Record > 0 {
				loc = fmt.Sprintf("%d (%s)", p.Line, p.bodyPos(f))
			}
			head := fmt.Sprintf("%s %s %s: %s", loc, f.Level, f.Rule, flatText(f.Message))
			if severityRank(f.Level.String()) >= fail {
				tc.Failures = append(tc.Failures, junitFailure{Message: head, Type: f.Rule, Text: junitText(p, f)})
			} else {
				out = append(out, junitText(p, f))
			}
		}
		if len(out) > 0 {
			tc.SystemOut = &junitCDATA{Text: fmt.Sprintf("Below the fail level (%s):\n\n%s", a.Summary.FailLevel, strings.Join(out, "\n"))}
		}
		if len(tc.Failures) > 0 {
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, tc)
	}
	if n := a.Summary.InputErrors; n > 0 {
		msg := nounCount(n, "input") + " could not be read; the log names them"
		suite.Cases = append(suite.Cases, junitCase{Name: "unreadable inputs", Classname: "sourcecheck",
			Errors: []junitFailure{{Message: msg, Type: "input-error", Text: msg}}})
		suite.Errors++
	}
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: "sourcecheck", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Suites: []junitSuite{suite}}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	bw.WriteString("\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	return nil
}

// junitText is a finding as the body of a failure or a line of output:
// where, what, the text concerned and the fix.
func junitText(p findingPlace, f *Finding) string {
	loc := fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
	if p.Record > 0 {
		loc = fmt.Sprintf("%s:%d (%s)", p.Path, p.Line, p.bodyPos(f))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s: %s\n", loc, f.Level, f.Rule, flatText(f.Message))
	if f.Excerpt != "" {
		fmt.Fprintf(&b, "    %s\n", quoteExcerpt(flatText(f.Excerpt)))
	}
	if f.Fix != "" {
		fmt.Fprintf(&b, "    Fix: %s\n", flatText(f.Fix))
	}
	return junitSafe(b.String())
}

// junitSafe replaces the characters XML 1.0 cannot hold with U+FFFD:
// character data written as CDATA is not checked by encoding/xml.
func junitSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return utf8.RuneError
	}, s)
}
