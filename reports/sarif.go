package reports

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"
)

// SARIFOptions controls WriteSARIF.
type SARIFOptions struct {
	// ToolVersion is sourcecheck's version, written as tool.driver.version
	// when set.
	ToolVersion string
}

// sarifFingerprintKey names the partial fingerprint sourcecheck computes:
// the finding's Fingerprint, which hashes the rule, the article and the
// text the finding covers but not its line, so that code scanning keeps
// an alert open (or dismissed) when lines above it move.
const sarifFingerprintKey = "sourcecheck/v1"

// sarifInfoURI is where tool.driver.informationUri points.
const sarifInfoURI = "https://github.com/sourcecheck/sourcecheck"

// The SARIF 2.1.0 objects sourcecheck writes: a subset of the standard's
// (OASIS SARIF 2.1.0, errata 01), in the field order of its schema but
// for run.invocations.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	// sarifRun puts invocations after results, unlike the schema's order,
	// because whether the run succeeded is known only at its end and the
	// results are written as the run goes (SARIF does not order the
	// properties of an object).
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Results     []sarifResult     `json:"results"`
		Invocations []sarifInvocation `json:"invocations"`
		ColumnKind  string            `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string           `json:"id"`
		Name                 string           `json:"name"`
		ShortDescription     sarifText        `json:"shortDescription"`
		FullDescription      sarifText        `json:"fullDescription"`
		DefaultConfiguration sarifRuleConfig  `json:"defaultConfiguration"`
		HelpURI              string           `json:"helpUri,omitempty"`
		Help                 sarifMultiformat `json:"help"`
		Properties           sarifRuleProps   `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifMultiformat struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProps struct {
		Tags []string `json:"tags"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Message sarifText `json:"message"`
		Level   string    `json:"level"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           *int              `json:"ruleIndex,omitempty"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          *sarifResultProps `json:"properties,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	// sarifResultProps says, for a finding in a JSON Lines record, which
	// record and where in its body: the region can only name the line.
	sarifResultProps struct {
		Record     int    `json:"record"`
		RecordID   string `json:"recordId,omitempty"`
		BodyLine   int    `json:"bodyLine"`
		BodyColumn int    `json:"bodyColumn"`
	}
)

// WriteSARIF writes the audit as a SARIF 2.1.0 log that GitHub code
// scanning (github/codeql-action/upload-sarif) and other SARIF viewers
// accept: exactly one run, whose tool.driver lists every rule that ran
// with its descriptions, help (text and Markdown), help link and default
// level, and whose results are the findings shown.
//
// Levels map error → error, warning → warning, info → note. Locations are
// relative URIs with forward slashes as the paths were given (absolute
// paths become file:// URIs); regions count columns in Unicode code points
// (run.columnKind "unicodeCodePoints"), end column exclusive. A finding in
// a JSON Lines record points at the record's line without columns, and
// result.properties say which record and where in its body. Each result
// carries partialFingerprints["sourcecheck/v1"], the finding's
// line-independent fingerprint. invocations[0].executionSuccessful is
// false when inputs could not be read.
func WriteSARIF(w io.Writer, a *Audit, opts SARIFOptions) error {
	return writeBatch(NewSARIFWriter(w, opts), a)
}

// sarifWriter writes the SARIF log as the run goes: the tool and its
// rules first, then each result, then the invocation, which says whether
// every input could be read.
type sarifWriter struct {
	out  *arrayStream
	opts SARIFOptions
	// index maps rule ids to their index in tool.driver.rules.
	index map[string]int
}

// NewSARIFWriter returns an AuditWriter writing the audit as a SARIF log
// to w, as WriteSARIF does, article by article.
func NewSARIFWriter(w io.Writer, opts SARIFOptions) AuditWriter {
	return &sarifWriter{out: newArrayStream(w, "SARIF report", "results", 3), opts: opts}
}

// NeedsMetrics reports that the SARIF log shows no metrics.
func (s *sarifWriter) NeedsMetrics() bool { return false }

// sarifFrame is the log without results.
func (s *sarifWriter) sarifFrame(rules []RuleInfo, inputErrors int) *sarifLog {
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: "sourcecheck", Version: s.opts.ToolVersion, InformationURI: sarifInfoURI, Rules: []sarifRule{}}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	for _, r := range rules {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}
	inv := sarifInvocation{ExecutionSuccessful: inputErrors == 0}
	if inputErrors > 0 {
		inv.ToolExecutionNotifications = []sarifNotification{{
			Message: sarifText{Text: fmt.Sprintf("%s could not be read; the log names them", nounCount(inputErrors, "input"))},
			Level:   "error",
		}}
	}
	run.Invocations = []sarifInvocation{inv}
	return &sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
}

func (s *sarifWriter) Begin(h *AuditHeader) error {
	s.index = map[string]int{}
	for i, r := range h.Rules {
		s.index[r.ID] = i
	}
	return s.out.head(s.sarifFrame(h.Rules, 0))
}

func (s *sarifWriter) Article(art *AuditArticle) error {
	if len(art.Findings) == 0 {
		return nil
	}
	uri := sarifURI(art.Path)
	for j := range art.Findings {
		f := &art.Findings[j]
		p := placeOf(art, f)
		res := sarifResult{
			RuleID:              f.Rule,
			Level:               sarifLevel(f.Level.String()),
			Message:             sarifText{Text: flatText(f.Message)},
			PartialFingerprints: map[string]string{sarifFingerprintKey: f.Fingerprint},
		}
		if k, ok := s.index[f.Rule]; ok {
			res.RuleIndex = &k
		}
		region := sarifRegion{StartLine: p.Line}
		if p.Record > 0 {
			res.Properties = &sarifResultProps{Record: p.Record, RecordID: p.ID, BodyLine: f.Line, BodyColumn: f.RuneColumn}
			res.Message.Text += " (" + p.bodyPos(f) + ")"
		} else {
			region.StartColumn, region.EndLine, region.EndColumn = p.Col, p.EndLine, p.EndCol
		}
		res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}, Region: region}}}
		data, err := indentedAt(res, 4)
		if err != nil {
			return fmt.Errorf("writing the SARIF report: %w", err)
		}
		if err := s.out.element(data); err != nil {
			return err
		}
	}
	return nil
}

func (s *sarifWriter) End(a *Audit) error {
	return s.out.end(s.sarifFrame(a.Rules, a.Summary.InputErrors))
}

func sarifRuleOf(r RuleInfo) sarifRule {
	desc := flatText(r.Description)
	if desc == "" {
		desc = r.ID
	}
	rule := sarifRule{
		ID:                   r.ID,
		Name:                 sarifRuleName(r.ID),
		ShortDescription:     sarifText{Text: sarifFirstSentence(desc)},
		FullDescription:      sarifText{Text: desc},
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Level)},
		Properties:           sarifRuleProps{Tags: []string{"sourcing"}},
	}
	if r.Check != "" {
		rule.Properties.Tags = append(rule.Properties.Tags, r.Check)
	}
	if u, err := url.Parse(r.Link); err == nil && r.Link != "" && u.IsAbs() && (u.Scheme == "https" || u.Scheme == "http") {
		rule.HelpURI = r.Link
	}
	text := []string{desc}
	md := []string{EscapeMarkdown(desc)}
	if r.Fix != "" {
		text = append(text, "Fix: "+flatText(r.Fix))
		md = append(md, "**Fix:** "+EscapeMarkdown(flatText(r.Fix)))
	}
	if r.Standard != "" {
		text = append(text, "Standard: "+flatText(r.Standard))
		md = append(md, "**Standard:** "+EscapeMarkdown(flatText(r.Standard)))
	}
	if rule.HelpURI != "" {
		text = append(text, "More: "+rule.HelpURI)
		md = append(md, "[More about this rule]("+mdURL(rule.HelpURI)+")")
	}
	rule.Help = sarifMultiformat{Text: strings.Join(text, "\n\n"), Markdown: strings.Join(md, "\n\n")}
	return rule
}

// sarifLevel maps a sourcecheck level to a SARIF level.
func sarifLevel(l string) string {
	switch l {
	case "error":
		return "error"
	case "info":
		return "note"
	}
	return "warning"
}

// sarifRuleName turns a rule id into the PascalCase name SARIF viewers
// show: "unattributed-figure" → "UnattributedFigure".
func sarifRuleName(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		if r == '-' || r == '_' || r == '.' {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sarifFirstSentence returns s up to and including its first full stop that
// ends a sentence, or all of s.
func sarifFirstSentence(s string) string {
	for i := 0; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (i+1 == len(s) || s[i+1] == ' ') {
			return s[:i+1]
		}
	}
	return s
}

// sarifURI writes an article path as a SARIF artifact URI: a relative
// reference with forward slashes, percent-encoded where a URI needs it,
// or a file:// URI for an absolute path.
func sarifURI(path string) string {
	if path == "-" {
		return "stdin"
	}
	if filepath.IsAbs(path) {
		p := filepath.ToSlash(filepath.Clean(path))
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x → /C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	u := &url.URL{Path: slashPath(path)}
	return u.String()
}

// mdURL makes a URL safe as a Markdown link destination, also in a
// table cell: characters that would end the link or the cell, or start
// markup, are percent-encoded.
func mdURL(u string) string {
	return mdURLEscaper.Replace(u)
}

var mdURLEscaper = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E",
	"|", "%7C", "\\", "%5C", "`", "%60", "\"", "%22", "\n", "%0A", "\r", "%0D", "\t", "%09")
