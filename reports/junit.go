package reports

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
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
	return writeBatch(newJUnitWriter(w, func() (junitSpool, error) { return &memorySpool{}, nil }), a)
}

// junitSpool holds the test cases until the end of the run, when the
// counts the <testsuite> element opens with are known.
type junitSpool interface {
	io.Writer
	// replay writes what was written to w.
	replay(w io.Writer) error
	// release frees the spool.
	release()
}

// memorySpool is a junitSpool in memory, for a run held in memory.
type memorySpool struct{ bytes.Buffer }

func (m *memorySpool) replay(w io.Writer) error {
	_, err := w.Write(m.Bytes())
	return err
}

func (m *memorySpool) release() { m.Reset() }

// fileSpool is a junitSpool in a temporary file.
type fileSpool struct {
	f  *os.File
	bw *bufio.Writer
}

func (s *fileSpool) Write(p []byte) (int, error) { return s.bw.Write(p) }

func (s *fileSpool) replay(w io.Writer) error {
	if err := s.bw.Flush(); err != nil {
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.f)
	return err
}

func (s *fileSpool) release() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// junitWriter writes the JUnit report: the test cases go to a spool as
// the run goes, and End writes the document around them.
type junitWriter struct {
	w         io.Writer
	newSpool  func() (junitSpool, error)
	spool     junitSpool
	failLevel string
	fail      int
	// tests counts the test cases spooled, failures those that fail.
	tests, failures int
}

// NeedsMetrics reports that the JUnit report shows no metrics.
func (j *junitWriter) NeedsMetrics() bool { return false }

// NewJUnitWriter returns an AuditWriter writing the audit as JUnit XML to
// w, as WriteJUnit does. The <testsuite> element opens with counts known
// only at the end of the run, so the test cases are kept in a temporary
// file in tempDir (the system's when "") until End, which writes the
// report and removes the file; Abort removes it too.
func NewJUnitWriter(w io.Writer, tempDir string) AuditWriter {
	return newJUnitWriter(w, func() (junitSpool, error) {
		f, err := os.CreateTemp(tempDir, ".sourcecheck-junit-*.tmp")
		if err != nil {
			return nil, fmt.Errorf("writing the JUnit report: %w", err)
		}
		return &fileSpool{f: f, bw: bufio.NewWriter(f)}, nil
	})
}

func newJUnitWriter(w io.Writer, newSpool func() (junitSpool, error)) *junitWriter {
	return &junitWriter{w: w, newSpool: newSpool}
}

func (j *junitWriter) Begin(h *AuditHeader) error {
	j.failLevel = h.FailLevel
	j.fail = severityRank(h.FailLevel)
	spool, err := j.newSpool()
	if err != nil {
		return err
	}
	j.spool = spool
	return nil
}

func (j *junitWriter) Article(art *AuditArticle) error {
	tc := junitCase{Name: articleRef(art), Classname: "sourcecheck", File: slashPath(art.Path)}
	var out []string
	for k := range art.Findings {
		f := &art.Findings[k]
		p := placeOf(art, f)
		loc := fmt.Sprintf("%d:%d", p.Line, p.Col)
		if p.Record > 0 {
			loc = fmt.Sprintf("%d (%s)", p.Line, p.bodyPos(f))
		}
		head := fmt.Sprintf("%s %s %s: %s", loc, f.Level, f.Rule, flatText(f.Message))
		if severityRank(f.Level.String()) >= j.fail {
			tc.Failures = append(tc.Failures, junitFailure{Message: head, Type: f.Rule, Text: junitText(p, f)})
		} else {
			out = append(out, junitText(p, f))
		}
	}
	if len(out) > 0 {
		tc.SystemOut = &junitCDATA{Text: fmt.Sprintf("Below the fail level (%s):\n\n%s", j.failLevel, strings.Join(out, "\n"))}
	}
	if len(tc.Failures) > 0 {
		j.failures++
	}
	return j.writeCase(tc)
}

// writeCase spools a test case, indented as it is inside the document.
func (j *junitWriter) writeCase(tc junitCase) error {
	j.tests++
	j.spool.Write([]byte("\n"))
	enc := xml.NewEncoder(j.spool)
	enc.Indent("    ", "  ")
	if err := enc.EncodeElement(tc, xml.StartElement{Name: xml.Name{Local: "testcase"}}); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	return nil
}

// junitSuiteEnd is where the test cases go in the document without them.
const junitSuiteEnd = "\n  </testsuite>"

func (j *junitWriter) End(a *Audit) error {
	defer j.Abort()
	errs := 0
	if n := a.Summary.InputErrors; n > 0 {
		msg := nounCount(n, "input") + " could not be read; the log names them"
		if err := j.writeCase(junitCase{Name: "unreadable inputs", Classname: "sourcecheck",
			Errors: []junitFailure{{Message: msg, Type: "input-error", Text: msg}}}); err != nil {
			return err
		}
		errs++
	}
	suite := junitSuite{Name: "sourcecheck audit", Tests: j.tests, Failures: j.failures, Errors: errs, Properties: []junitProperty{
		{Name: "fail_level", Value: a.Summary.FailLevel},
		{Name: "findings", Value: strconv.Itoa(a.Summary.Findings)},
		{Name: "suppressed", Value: strconv.Itoa(a.Summary.Suppressed)},
		{Name: "baselined", Value: strconv.Itoa(a.Summary.Baselined)},
	}}
	doc := junitSuites{Name: "sourcecheck", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Suites: []junitSuite{suite}}
	var frame bytes.Buffer
	enc := xml.NewEncoder(&frame)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	cut := bytes.LastIndex(frame.Bytes(), []byte(junitSuiteEnd))
	if cut < 0 {
		return errors.New("writing the JUnit report: internal error: no </testsuite> in the frame")
	}
	bw := bufio.NewWriter(j.w)
	bw.WriteString(xml.Header)
	bw.Write(frame.Bytes()[:cut])
	if err := j.spool.replay(bw); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	bw.Write(frame.Bytes()[cut:])
	bw.WriteString("\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	return nil
}

// Abort removes the spooled test cases.
func (j *junitWriter) Abort() {
	if j.spool != nil {
		j.spool.release()
		j.spool = nil
	}
}

// junitText is a finding as the body of a failure or a line of output:
// where, what, the text concerned and the fix.
func junitText(p findingPlace, f *Finding) string {
	loc := string(p.appendLoc(nil))
	if p.Record > 0 {
		loc += " (" + p.bodyPos(f) + ")"
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
