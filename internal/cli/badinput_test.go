package cli

// The bad-input matrix: every kind of broken input the CLI meets, run
// in-process through Main in a temporary directory, with both commands that
// read articles. Each case checks the exit code, that standard error names
// the file concerned, that nothing panics or hangs, and that the good
// article read beside the bad input is still reported.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

// badTimeout bounds one run of Main. The cases take well under a second
// each on an idle machine; the bound only catches hangs.
const badTimeout = 90 * time.Second

// badOKText is the ordinary article read beside every bad input.
const badOKText = "The council met on Tuesday to discuss the new park.\n"

// badCodeOK stands for "not a failure": exit 0, or 1 if a rule happens to
// fire at the fail level.
const badCodeOK = -1

// badReport is the part of the JSON report (audit or inspect) the matrix
// reads.
type badReport struct {
	Articles []badArticleJSON `json:"articles"`
}

// badArticleJSON is one article of the report.
type badArticleJSON struct {
	Path     string `json:"path"`
	ID       string `json:"id"`
	Record   int    `json:"record"`
	Encoding string `json:"encoding"`
	Blocks   []struct {
		Start int `json:"start"`
		End   int `json:"end"`
	} `json:"blocks"`
}

// keys names the report's articles: the path, and "path#id" for JSON
// Lines records.
func (r badReport) keys() []string {
	var out []string
	for _, a := range r.Articles {
		k := a.Path
		if a.Record > 0 {
			k += "#" + a.ID
		}
		out = append(out, k)
	}
	return out
}

// badMain runs Main with a time bound and turns a panic into a test
// failure.
func badMain(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
		panicked any
		stack    []byte
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.panicked, r.stack = p, debug.Stack()
			}
			r.out, r.err = out.String(), errb.String()
			done <- r
		}()
		r.code = Main(args, strings.NewReader(stdin), &out, &errb)
	}()
	select {
	case r := <-done:
		if r.panicked != nil {
			t.Fatalf("Main(%q) panicked: %v\n%s", args, r.panicked, r.stack)
		}
		return r.code, r.out, r.err
	case <-time.After(badTimeout):
		t.Fatalf("Main(%q) did not finish within %v", args, badTimeout)
	}
	return 0, "", ""
}

// badFile is a file or symbolic link the matrix creates.
type badFile struct {
	data       []byte
	link       string // a symbolic link to this target instead
	size       int64  // a sparse file of this size instead of data
	unreadable bool   // chmod 000 the file
	lockDir    bool   // chmod 000 the file's folder
}

func bfText(s string) badFile       { return badFile{data: []byte(s)} }
func bfBytes(b []byte) badFile      { return badFile{data: b} }
func bfLink(target string) badFile  { return badFile{link: target} }
func bfSparse(size int64) badFile   { return badFile{size: size} }
func bfUnreadable(s string) badFile { return badFile{data: []byte(s), unreadable: true} }
func bfLocked(s string) badFile     { return badFile{data: []byte(s), lockDir: true} }

// badDir is a folder holding only the ordinary article.
func badDir() map[string]badFile { return badWithOK(map[string]badFile{}) }

// badWithOK adds the ordinary article ok.txt to m.
func badWithOK(m map[string]badFile) map[string]badFile {
	m["ok.txt"] = bfText(badOKText)
	return m
}

// badCase is one row of the matrix.
type badCase struct {
	name  string
	files map[string]badFile
	args  []string // flags and paths, relative to the temporary directory
	stdin string
	// code is the exit code wanted: ExitError, or badCodeOK.
	code int
	// stderr lists substrings standard error must hold (the file names);
	// stderrRE regular expressions it must match.
	stderr   []string
	stderrRE []string
	// articles must be in the report; absent must not.
	articles, absent []string
	// noReport is set for configuration errors: nothing on stdout.
	noReport bool
	// auditOnly is set for flags only the audit command has.
	auditOnly bool
	// needsNonRoot skips the case when running as root, who can read
	// anything.
	needsNonRoot bool
	check        func(t *testing.T, rep badReport)
}

// utf16File encodes s as UTF-16 with a byte order mark.
func utf16File(s string, bigEndian bool) []byte {
	var b []byte
	if bigEndian {
		b = []byte{0xFE, 0xFF}
	} else {
		b = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// badBinaryData looks like the start of an executable.
var badBinaryData = []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00")

const badRuleOK = `id: local-rule
level: info
check: existence
message: "{{.Match}}"
description: d
params: {tokens: [sources say]}
examples: {hit: [sources say so], pass: [the mayor says so]}
`

var badCases = []badCase{
	// Empty files.
	{
		name: "empty files of each extension in a directory",
		files: badWithOK(map[string]badFile{
			"in/e.txt": bfText(""), "in/e.md": bfText(""), "in/e.markdown": bfText(""), "in/e.html": bfText(""),
			"in/e.htm": bfText(""), "in/e.jsonl": bfText(""), "in/blank.txt": bfText("\n \r\n\t\n"),
		}),
		args:     []string{"in", "ok.txt"},
		code:     badCodeOK,
		articles: []string{"in/e.txt", "in/e.md", "in/e.markdown", "in/e.html", "in/e.htm", "in/blank.txt", "ok.txt"},
	},
	{
		name:     "empty files named explicitly",
		files:    badWithOK(map[string]badFile{"e.txt": bfText(""), "e.md": bfText(""), "e.html": bfText(""), "e.jsonl": bfText(""), "e.unknown": bfText("")}),
		args:     []string{"e.txt", "e.md", "e.html", "e.jsonl", "e.unknown", "ok.txt"},
		code:     badCodeOK,
		articles: []string{"e.txt", "e.md", "e.html", "e.unknown", "ok.txt"},
	},
	// Binary files.
	{
		name:     "binary files in a directory are skipped with a warning",
		files:    map[string]badFile{"in/bin.txt": bfBytes(badBinaryData), "in/bin.jsonl": bfBytes(badBinaryData), "in/ok.txt": bfText(badOKText)},
		args:     []string{"in"},
		code:     badCodeOK,
		stderr:   []string{"warning", "in/bin.txt", "in/bin.jsonl"},
		articles: []string{"in/ok.txt"},
		absent:   []string{"in/bin.txt", "in/bin.jsonl"},
	},
	{
		name:     "binary file named explicitly",
		files:    badWithOK(map[string]badFile{"bin.txt": bfBytes(badBinaryData), "photo.png": bfBytes([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))}),
		args:     []string{"bin.txt", "photo.png", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"error", "bin.txt", "photo.png"},
		articles: []string{"ok.txt"},
		absent:   []string{"bin.txt", "photo.png"},
	},
	{
		name:     "binary standard input",
		files:    badDir(),
		args:     []string{"-", "ok.txt"},
		stdin:    string(badBinaryData),
		code:     ExitError,
		stderr:   []string{"binary file -"},
		articles: []string{"ok.txt"},
	},
	// Encodings.
	{
		name:     "invalid UTF-8 is read with a warning",
		files:    badWithOK(map[string]badFile{"stray.txt": bfText("It costs \xa35, the “mayor” said.\n"), "latin1.md": bfText("# Caf\xe9\n\nIt costs \xa35.\n"), "bad.jsonl": bfText(`{"id":"x","body":"caf` + "\xe9\xff" + `"}` + "\n")}),
		args:     []string{"stray.txt", "latin1.md", "bad.jsonl", "ok.txt"},
		code:     badCodeOK,
		stderr:   []string{"stray.txt", "latin1.md", "not valid UTF-8"},
		articles: []string{"stray.txt", "latin1.md", "bad.jsonl#x", "ok.txt"},
		check: func(t *testing.T, rep badReport) {
			badWantEncoding(t, rep, "stray.txt", "utf-8")
			badWantEncoding(t, rep, "latin1.md", "windows-1252")
		},
	},
	{
		name: "UTF-16 with a byte order mark",
		files: badWithOK(map[string]badFile{
			"le.txt":   bfBytes(utf16File("“We are leaving,” a resident said.\r\nAnother line.\r\n", false)),
			"be.md":    bfBytes(utf16File("# Héadline\n\nThe mayor said it was final.\n", true)),
			"le.html":  bfBytes(utf16File("<p>The mayor said it was final.</p>", false)),
			"be.jsonl": bfBytes(utf16File(`{"id":"r1","body":"The mayor said it was final."}`+"\n", true)),
			"odd.txt":  bfBytes(append(utf16File("Odd length.", false), 'x')),
		}),
		args:     []string{"le.txt", "be.md", "le.html", "be.jsonl", "odd.txt", "ok.txt"},
		code:     badCodeOK,
		stderr:   []string{"odd.txt", "odd number of bytes"},
		articles: []string{"le.txt", "be.md", "le.html", "be.jsonl#r1", "odd.txt", "ok.txt"},
		check: func(t *testing.T, rep badReport) {
			badWantEncoding(t, rep, "le.txt", "utf-16le")
			badWantEncoding(t, rep, "be.md", "utf-16be")
			badWantEncoding(t, rep, "le.html", "utf-16le")
			badWantBlocks(t, rep, "le.txt", 2)
		},
	},
	{
		name:     "UTF-32 is refused",
		files:    badWithOK(map[string]badFile{"u32.txt": bfBytes([]byte("\xff\xfe\x00\x00H\x00\x00\x00i\x00\x00\x00"))}),
		args:     []string{"u32.txt", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"u32.txt: UTF-32"},
		articles: []string{"ok.txt"},
		absent:   []string{"u32.txt"},
	},
	{
		name:     "JSON Lines files joined with their byte order marks",
		files:    badWithOK(map[string]badFile{"joined.jsonl": bfText("\ufeff{\"id\":\"a\",\"body\":\"A.\"}\n\ufeff{\"id\":\"b\",\"body\":\"B.\"}\n")}),
		args:     []string{"joined.jsonl", "ok.txt"},
		code:     badCodeOK,
		articles: []string{"joined.jsonl#a", "joined.jsonl#b", "ok.txt"},
	},
	{
		name: "CRLF line ends keep exact offsets",
		files: badWithOK(map[string]badFile{
			"crlf.txt":   bfText("First line.\r\nSecond line.\r\n"),
			"crlf.md":    bfText("# Title\r\n\r\nBody text.\r\n"),
			"crlf.jsonl": bfText(`{"id":"a","body":"One."}` + "\r\n" + `{"id":"b","body":"Two."}` + "\r\n"),
		}),
		args:     []string{"crlf.txt", "crlf.md", "crlf.jsonl", "ok.txt"},
		code:     badCodeOK,
		articles: []string{"crlf.txt", "crlf.md", "crlf.jsonl#a", "crlf.jsonl#b", "ok.txt"},
		check: func(t *testing.T, rep badReport) {
			a := badArticle(t, rep, "crlf.txt")
			if len(a.Blocks) != 2 || a.Blocks[0].Start != 0 || a.Blocks[0].End != 11 || a.Blocks[1].Start != 13 || a.Blocks[1].End != 25 {
				t.Errorf("crlf.txt blocks = %+v, want [0,11) and [13,25)", a.Blocks)
			}
		},
	},
	// Size limits.
	{
		name:     "file over --max-bytes",
		files:    badWithOK(map[string]badFile{"big.txt": bfText(strings.Repeat("x", 101)), "exact.txt": bfText(strings.Repeat("y", 100))}),
		args:     []string{"--max-bytes", "100", "big.txt", "exact.txt", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"big.txt", "101 bytes", "limit of 100"},
		articles: []string{"exact.txt", "ok.txt"},
		absent:   []string{"big.txt"},
	},
	{
		name:     "file over the default limit of 16 MiB",
		files:    badWithOK(map[string]badFile{"in/huge.txt": bfSparse(16<<20 + 1)}),
		args:     []string{"in", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"in/huge.txt", "limit of 16777216"},
		articles: []string{"ok.txt"},
		absent:   []string{"in/huge.txt"},
	},
	{
		name:     "standard input over --max-bytes",
		files:    badDir(),
		args:     []string{"--max-bytes", "60", "-", "ok.txt"},
		stdin:    strings.Repeat("z", 61),
		code:     ExitError,
		stderr:   []string{"-: file too large", "limit of 60"},
		articles: []string{"ok.txt"},
	},
	// Malformed markup.
	{
		name: "malformed HTML",
		files: badWithOK(map[string]badFile{
			"unclosed.html": bfText("<html><body><p>Unclosed <b>bold <i>italic <div><span>The mayor said it was final."),
			"nested.html":   bfText(strings.Repeat("<div>", 10000) + "Deep text." + strings.Repeat("</div>", 10000)),
			"inline.html":   bfText(strings.Repeat("<b><i>", 10000) + "Deep inline text."),
			"unbalanced.html": bfText(strings.Repeat("</p></div></li>", 2000) + "<table><tr><td>" + strings.Repeat("<td>", 5000) +
				"cell<<<>>><!-- unterminated comment <script>var x = '</p>"),
			"entities.html": bfText("<p>&#99999999; &#x; &amp &bogus; &#0; &#xD800; " + strings.Repeat("&", 1000) + "</p>"),
		}),
		args:     []string{"unclosed.html", "nested.html", "inline.html", "unbalanced.html", "entities.html", "ok.txt"},
		code:     badCodeOK,
		articles: []string{"unclosed.html", "nested.html", "inline.html", "unbalanced.html", "entities.html", "ok.txt"},
		check: func(t *testing.T, rep badReport) {
			badWantBlocks(t, rep, "nested.html", 1)
			badWantBlocks(t, rep, "unclosed.html", 1)
		},
	},
	{
		name: "malformed Markdown",
		files: badWithOK(map[string]badFile{
			"quotes.md": bfText(strings.Repeat(">", 10000) + " Deep quote.\n"),
			"lists.md":  bfText(badNestedList(1000)),
			"links.md":  bfText(strings.Repeat("[", 50000) + strings.Repeat("](", 50000) + "\n"),
			"emph.md":   bfText(strings.Repeat("*a **b _c __d ", 20000) + "\n"),
			"fence.md":  bfText("Text before.\n\n```go\nunclosed fence\n\n<div>\n\n*x*\n"),
			"refs.md":   bfText(badLinkRefs(20000)),
		}),
		args:     []string{"quotes.md", "lists.md", "links.md", "emph.md", "fence.md", "refs.md", "ok.txt"},
		code:     badCodeOK,
		stderr:   []string{"lists.md: Markdown nested more than", "links.md: a Markdown paragraph with too many", "read as plain text"},
		articles: []string{"quotes.md", "lists.md", "links.md", "emph.md", "fence.md", "refs.md", "ok.txt"},
		check: func(t *testing.T, rep badReport) {
			badWantBlocks(t, rep, "lists.md", 1000)
		},
	},
	// JSON Lines.
	{
		name: "broken JSON Lines lines",
		files: badWithOK(map[string]badFile{"r.jsonl": bfText(strings.Join([]string{
			`{"id":"a","body":"The mayor said it was final."}`,
			`{"id":"b", broken`,
			``,
			`{"body":"no id"}`,
			`{"id":"c","body":"Second good record."}`,
			`[1, 2]`,
			`{"id":"d","body":"x","format":"pdf"}`,
			`{"id":"e","body":{"nested":true}}`,
			`{"id":"f","body":"truncated`,
		}, "\n"))}),
		args:     []string{"r.jsonl", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"r.jsonl:2:", "r.jsonl:4:", "r.jsonl:6:", "r.jsonl:7:", "r.jsonl:8:", "r.jsonl:9:"},
		articles: []string{"r.jsonl#a", "r.jsonl#c", "ok.txt"},
	},
	{
		name:     "JSON Lines with every line broken",
		files:    badWithOK(map[string]badFile{"all.jsonl": bfText("nope\n{\n\"string\"\n")}),
		args:     []string{"all.jsonl", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"all.jsonl:1:", "all.jsonl:2:", "all.jsonl:3:"},
		articles: []string{"ok.txt"},
	},
	{
		name:     "broken JSON Lines on standard input",
		files:    badDir(),
		args:     []string{"--stdin-format", "jsonl", "-", "ok.txt"},
		stdin:    `{"id":"s1","body":"Fine."}` + "\n" + `{oops}` + "\n",
		code:     ExitError,
		stderr:   []string{"-:2:"},
		articles: []string{"-#s1", "ok.txt"},
	},
	// Broken configuration: the run stops before reading, with no report.
	{
		name:     "broken YAML syntax in --sources",
		files:    badWithOK(map[string]badFile{"src.yaml": bfText("version: 1\nsources:\n  - id: afp\n    name: Agence France-Presse\n     type: wire_agency\n")}),
		args:     []string{"--sources", "src.yaml", "ok.txt"},
		code:     ExitError,
		stderrRE: []string{`src\.yaml:5(:\d+)?: `},
		noReport: true,
	},
	{
		name:     "invalid --sources entry",
		files:    badWithOK(map[string]badFile{"src.yaml": bfText("version: 1\nsources:\n  - id: x\n    name: X\n    type: nonsense\n    aliases: [X Watch]\n    website: https://x\n")}),
		args:     []string{"--sources", "src.yaml", "ok.txt"},
		code:     ExitError,
		stderrRE: []string{`src\.yaml:5:11: .*unknown type "nonsense"`, `src\.yaml:7:5: unknown key "website"`},
		noReport: true,
	},
	{
		name:     "binary --sources file",
		files:    badWithOK(map[string]badFile{"src.yaml": bfBytes(badBinaryData)}),
		args:     []string{"--sources", "src.yaml", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"src.yaml"},
		noReport: true,
	},
	{
		name:     "missing --sources file",
		files:    badDir(),
		args:     []string{"--sources", "nope.yaml", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"nope.yaml", "no such file"},
		noReport: true,
	},
	{
		name:      "broken YAML syntax in a --rules folder",
		files:     badWithOK(map[string]badFile{"rules/a.yaml": bfText(badRuleOK), "rules/b.yaml": bfText("id: x\nlevel: error\n check: y\n")}),
		args:      []string{"--rules", "rules", "ok.txt"},
		code:      ExitError,
		stderrRE:  []string{`rules/b\.yaml:3(:\d+)?: `},
		noReport:  true,
		auditOnly: true,
	},
	{
		name: "invalid rule in a --rules folder",
		files: badWithOK(map[string]badFile{"rules/a.yaml": bfText(strings.Replace(badRuleOK, "level: info", "level: loud", 1)),
			"rules/c.yml": bfText(strings.Replace(badRuleOK, "check: existence", "check: nosuch", 1))}),
		args:      []string{"--rules", "rules", "ok.txt"},
		code:      ExitError,
		stderrRE:  []string{`rules/a\.yaml:2:8: .*level`},
		noReport:  true,
		auditOnly: true,
	},
	{
		name:      "unknown check kind in a --rules folder",
		files:     badWithOK(map[string]badFile{"rules/c.yaml": bfText(strings.Replace(badRuleOK, "check: existence", "check: nosuch", 1))}),
		args:      []string{"--rules", "rules", "ok.txt"},
		code:      ExitError,
		stderrRE:  []string{`rules/c\.yaml:3:8: .*unknown check kind "nosuch"`},
		noReport:  true,
		auditOnly: true,
	},
	{
		name:      "empty and missing --rules folders",
		files:     badWithOK(map[string]badFile{"rules/notes.txt": bfText("not a rule")}),
		args:      []string{"--rules", "rules", "ok.txt"},
		code:      ExitError,
		stderr:    []string{"rules", "no .yaml rule files"},
		noReport:  true,
		auditOnly: true,
	},
	{
		name:      "missing --rules folder",
		files:     badDir(),
		args:      []string{"--rules", "nodir", "ok.txt"},
		code:      ExitError,
		stderr:    []string{"nodir", "no such file"},
		noReport:  true,
		auditOnly: true,
	},
	// Unreadable, missing and looping paths.
	{
		name:         "unreadable file",
		files:        badWithOK(map[string]badFile{"secret.txt": bfUnreadable("Secret.")}),
		args:         []string{"secret.txt", "ok.txt"},
		code:         ExitError,
		stderr:       []string{"secret.txt", "permission denied"},
		articles:     []string{"ok.txt"},
		needsNonRoot: true,
	},
	{
		name:         "unreadable file and folder in a directory",
		files:        map[string]badFile{"in/secret.txt": bfUnreadable("Secret."), "in/locked/x.txt": bfLocked("Locked."), "in/ok.txt": bfText(badOKText)},
		args:         []string{"in"},
		code:         ExitError,
		stderr:       []string{"in/secret.txt", "in/locked", "permission denied"},
		articles:     []string{"in/ok.txt"},
		needsNonRoot: true,
	},
	{
		name:     "missing paths",
		files:    badDir(),
		args:     []string{"nope.txt", "nodir/", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"nope.txt", "nodir", "no such file"},
		articles: []string{"ok.txt"},
	},
	{
		name:     "dangling symbolic link in a directory",
		files:    map[string]badFile{"in/gone.txt": bfLink("missing.txt"), "in/ok.txt": bfText(badOKText)},
		args:     []string{"in"},
		code:     ExitError,
		stderr:   []string{"in/gone.txt"},
		articles: []string{"in/ok.txt"},
	},
	{
		name: "symbolic link loops in a directory",
		files: map[string]badFile{
			"in/a/x.txt": bfText(badOKText), "in/a/up": bfLink(".."), "in/self": bfLink("."),
			"in/b/loop": bfLink("../b"), "in/b/y.md": bfText("# Y\n"),
		},
		args:     []string{"in"},
		code:     badCodeOK,
		articles: []string{"in/a/x.txt", "in/b/y.md"},
		check: func(t *testing.T, rep badReport) {
			seen := map[string]int{}
			for _, k := range rep.keys() {
				seen[filepath.Base(k)]++
			}
			if seen["x.txt"] != 1 || seen["y.md"] != 1 {
				t.Errorf("files read %v times, want once each: %q", seen, rep.keys())
			}
		},
	},
	{
		name:     "symbolic link loop named explicitly",
		files:    badWithOK(map[string]badFile{"l1.txt": bfLink("l2.txt"), "l2.txt": bfLink("l1.txt")}),
		args:     []string{"l1.txt", "ok.txt"},
		code:     ExitError,
		stderr:   []string{"l1.txt", "too many levels of symbolic links"},
		articles: []string{"ok.txt"},
	},
	{
		name:     "directory with no readable articles",
		files:    badWithOK(map[string]badFile{"in/notes.csv": bfText("a,b\n"), "in/.hidden.txt": bfText("Hidden."), "in/.git/x.txt": bfText("Git.")}),
		args:     []string{"in", "ok.txt"},
		code:     badCodeOK,
		stderr:   []string{"warning", "in: no articles found"},
		articles: []string{"ok.txt"},
		check: func(t *testing.T, rep badReport) {
			if len(rep.Articles) != 1 {
				t.Errorf("articles %q, want only ok.txt", rep.keys())
			}
		},
	},
	{
		name:     "directory of binary files only",
		files:    badWithOK(map[string]badFile{"in/a.txt": bfBytes(badBinaryData), "in/b.html": bfBytes(badBinaryData)}),
		args:     []string{"in", "ok.txt"},
		code:     badCodeOK,
		stderr:   []string{"in/a.txt", "in/b.html"},
		articles: []string{"ok.txt"},
	},
	{
		name:     "empty standard input",
		files:    badDir(),
		args:     []string{"-", "ok.txt"},
		code:     badCodeOK,
		articles: []string{"-", "ok.txt"},
	},
}

// badNestedList is a list nested n levels deep by indentation.
func badNestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- item\n")
	}
	return b.String()
}

// badLinkRefs is n link reference definitions and n uses in one paragraph.
func badLinkRefs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[r%d]: /u%d\n", i, i)
	}
	for i := range n {
		fmt.Fprintf(&b, "[r%d] ", i)
	}
	return b.String()
}

// badArticle returns the article read from path.
func badArticle(t *testing.T, rep badReport, path string) *badArticleJSON {
	t.Helper()
	for i := range rep.Articles {
		if rep.Articles[i].Path == path {
			return &rep.Articles[i]
		}
	}
	t.Fatalf("no article %s in the report", path)
	return nil
}

func badWantEncoding(t *testing.T, rep badReport, path, enc string) {
	t.Helper()
	if a := badArticle(t, rep, path); a.Encoding != enc {
		t.Errorf("%s read as %q, want %q", path, a.Encoding, enc)
	}
}

func badWantBlocks(t *testing.T, rep badReport, path string, atLeast int) {
	t.Helper()
	if a := badArticle(t, rep, path); len(a.Blocks) < atLeast {
		t.Errorf("%s has %d blocks, want at least %d", path, len(a.Blocks), atLeast)
	}
}

// badSetup creates the case's files under dir.
func badSetup(t *testing.T, dir string, files map[string]badFile) {
	t.Helper()
	var chmods []func()
	for name, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		switch {
		case f.link != "":
			if err := os.Symlink(f.link, p); err != nil {
				t.Skipf("cannot create symbolic links here: %v", err)
			}
			continue
		case f.size > 0:
			fh, err := os.Create(p)
			if err == nil {
				err = fh.Truncate(f.size)
				if cerr := fh.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				t.Fatal(err)
			}
		default:
			if err := os.WriteFile(p, f.data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		switch {
		case f.unreadable:
			chmods = append(chmods, func() { os.Chmod(p, 0o000) })
		case f.lockDir:
			d := filepath.Dir(p)
			chmods = append(chmods, func() { os.Chmod(d, 0o000) })
			t.Cleanup(func() { os.Chmod(d, 0o755) }) // so that TempDir can remove it
		}
	}
	for _, c := range chmods {
		c()
	}
}

// badIsRoot reports whether the running user can read any file, so that
// permission cases cannot be tested.
func badIsRoot() bool { return runtime.GOOS != "windows" && os.Geteuid() == 0 }

// TestBadInput runs the bad-input matrix with audit and inspect.
func TestBadInput(t *testing.T) {
	for _, tc := range badCases {
		for _, cmd := range []string{"audit", "inspect"} {
			if tc.auditOnly && cmd != "audit" {
				continue
			}
			t.Run(tc.name+"/"+cmd, func(t *testing.T) {
				if tc.needsNonRoot && badIsRoot() {
					t.Skip("running as root, who can read any file: the permission case cannot be tested")
				}
				dir := t.TempDir()
				badSetup(t, dir, tc.files)
				t.Chdir(dir)
				args := append([]string{cmd, "--format", "json"}, tc.args...)
				start := time.Now()
				code, stdout, stderr := badMain(t, tc.stdin, args...)
				t.Logf("%s in %v; stderr:\n%s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond), stderr)
				badCheck(t, tc, code, stdout, stderr)
			})
		}
	}
}

// badCheck checks one run of a case.
func badCheck(t *testing.T, tc badCase, code int, stdout, stderr string) {
	t.Helper()
	switch {
	case tc.code == badCodeOK && code != ExitOK && code != ExitFindings:
		t.Errorf("exit code %d, want 0 or 1", code)
	case tc.code != badCodeOK && code != tc.code:
		t.Errorf("exit code %d, want %d", code, tc.code)
	}
	for _, s := range tc.stderr {
		if !strings.Contains(stderr, s) {
			t.Errorf("standard error does not mention %q", s)
		}
	}
	for _, re := range tc.stderrRE {
		if !regexp.MustCompile(re).MatchString(stderr) {
			t.Errorf("standard error does not match %q", re)
		}
	}
	for _, bad := range []string{"panic", "goroutine ", "runtime error"} {
		if strings.Contains(stderr, bad) {
			t.Errorf("standard error mentions %q", bad)
		}
	}
	if code == ExitError && strings.TrimSpace(stderr) == "" {
		t.Error("exit 2 with nothing on standard error")
	}
	if tc.noReport {
		if stdout != "" {
			t.Errorf("a configuration error still printed a report:\n%.300s", stdout)
		}
		return
	}
	// Every line on standard error is a log entry naming its level.
	for _, line := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if line != "" && !strings.HasPrefix(line, "sourcecheck: ") {
			t.Errorf("standard error line %q is not a log entry", line)
		}
	}
	var rep badReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%.500s", err, stdout)
	}
	keys := map[string]bool{}
	for _, k := range rep.keys() {
		keys[k] = true
	}
	for _, a := range tc.articles {
		if !keys[a] {
			t.Errorf("article %s missing from the report (got %q)", a, rep.keys())
		}
	}
	for _, a := range tc.absent {
		if keys[a] {
			t.Errorf("article %s is in the report", a)
		}
	}
	if tc.check != nil {
		tc.check(t, rep)
	}
}

// badFormatFileSupported reports whether the audit command writes reports
// to files with --format FORMAT=FILE.
func badFormatFileSupported(t *testing.T) bool {
	t.Helper()
	_, stdout, _ := badMain(t, "", "audit", "--help")
	return strings.Contains(stdout, "=FILE")
}

// badLeftovers lists the files in dir other than keep.
func badLeftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		found := false
		for _, k := range keep {
			found = found || e.Name() == k
		}
		if !found {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestBadInputReportFile checks that --format json=FILE leaves either a
// complete report or none: a configuration error writes nothing, a read
// error still writes the whole report, and no temporary file is left
// behind.
func TestBadInputReportFile(t *testing.T) {
	if !badFormatFileSupported(t) {
		t.Skip("audit --format FORMAT=FILE is not supported yet")
	}
	tests := []struct {
		name   string
		files  map[string]badFile
		args   []string
		report bool // a complete report is written
	}{
		{"configuration error", badWithOK(map[string]badFile{"rules/a.yaml": bfText("id: [\n")}), []string{"--rules", "rules", "ok.txt"}, false},
		{"missing --sources", badDir(), []string{"--sources", "nope.yaml", "ok.txt"}, false},
		{"read errors", badWithOK(map[string]badFile{"bin.txt": bfBytes(badBinaryData), "r.jsonl": bfText("{\n")}), []string{"bin.txt", "nope.txt", "r.jsonl", "ok.txt"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			badSetup(t, dir, tt.files)
			t.Chdir(dir)
			out := filepath.Join(dir, "out")
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"audit", "--format", "json=out/report.json"}, tt.args...)
			code, _, stderr := badMain(t, "", args...)
			if code != ExitError {
				t.Errorf("exit code %d, want 2; stderr:\n%s", code, stderr)
			}
			data, err := os.ReadFile(filepath.Join(out, "report.json"))
			switch {
			case !tt.report && err == nil:
				t.Errorf("a failed run left a report file:\n%.300s", data)
			case tt.report && err != nil:
				t.Errorf("no report after read errors: %v", err)
			case tt.report:
				var rep badReport
				if err := json.Unmarshal(data, &rep); err != nil || len(rep.Articles) == 0 {
					t.Errorf("report file incomplete (%v):\n%.300s", err, data)
				}
			}
			keep := []string{}
			if tt.report {
				keep = append(keep, "report.json")
			}
			if left := badLeftovers(t, out, keep...); len(left) > 0 {
				t.Errorf("files left in the output folder: %q", left)
			}
		})
	}
}

// TestBadInputInterrupt interrupts a long audit with SIGINT: the process
// ends promptly and leaves no report file and no temporary file.
func TestBadInputInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	if !badFormatFileSupported(t) {
		t.Skip("audit --format FORMAT=FILE is not supported yet, so there is no report file to check")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build the binary: %v", err)
	}
	dir := t.TempDir()
	binary := filepath.Join(dir, "sourcecheck")
	build := exec.Command(goTool, "build", "-buildvcs=false", "-o", binary, "./cmd/sourcecheck")
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	// Enough text to keep the audit busy for several seconds.
	para := strings.Repeat("According to the SOHR, more than 370 people were killed, a resident told AFP. ", 200) + "\n\n"
	for i := range 60 {
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("a%03d.txt", i)), []byte(strings.Repeat(para, 10)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(binary, "audit", "--format", "json="+filepath.Join(out, "report.json"), in)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil {
			t.Logf("the audit finished before the interrupt arrived")
			return
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		// 130 when the run caught SIGINT; -1 when the signal arrived
		// before the handler was installed and killed the process.
		t.Logf("interrupted: exit %d; stderr:\n%s", ee.ExitCode(), stderr.String())
		if code := ee.ExitCode(); code != 130 && code != -1 {
			t.Errorf("interrupted run exited %d, want 130; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the process did not stop within 30s of SIGINT")
	}
	if left := badLeftovers(t, out); len(left) > 0 {
		t.Errorf("an interrupted run left files in the output folder: %q\nstderr:\n%s", left, stderr.String())
	}
}
