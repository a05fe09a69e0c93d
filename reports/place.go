package reports

import (
	"fmt"
	"path/filepath"
	"strings"
)

// findingPlace is where a finding is, in the terms of the file it was read
// from: what editors, CI annotations and code-review tools point at.
//
// For a whole file (text, Markdown, HTML) the finding's own lines and
// columns are the file's. An article from a JSON Lines file is the body
// of one record, whose text is JSON-escaped on one line of the file, so
// positions in the body do not map to columns of the file: the place is
// then the record's line, without columns, and bodyPos says where in the
// body the finding is.
type findingPlace struct {
	// Path is the article's path with forward slashes.
	Path string
	// Record is the record's line for JSON Lines, else 0; ID its id.
	Record int
	ID     string
	// Line and EndLine are 1-based lines of the file. Col and EndCol are
	// 1-based columns in Unicode code points, ByteCol and EndByteCol in
	// UTF-8 bytes; the end columns are exclusive. All four are 0 for a
	// JSON Lines record.
	Line, EndLine       int
	Col, EndCol         int
	ByteCol, EndByteCol int
}

// placeOf returns where finding f of article art is.
func placeOf(art *AuditArticle, f *Finding) findingPlace {
	p := findingPlace{Path: slashPath(art.Path)}
	if art.Record > 0 {
		p.Record, p.ID = art.Record, art.ID
		p.Line, p.EndLine = art.Record, art.Record
		return p
	}
	p.Line, p.EndLine = f.Line, f.EndLine
	p.Col, p.EndCol = f.RuneColumn, f.EndRuneColumn
	p.ByteCol, p.EndByteCol = f.Column, f.EndColumn
	return p
}

// bodyPos says where in a JSON Lines record's body a finding is, for
// messages: "record x1, body 2:14". It is empty for whole files.
func (p findingPlace) bodyPos(f *Finding) string {
	if p.Record == 0 {
		return ""
	}
	if p.ID != "" {
		return fmt.Sprintf("record %s, body %d:%d", p.ID, f.Line, f.RuneColumn)
	}
	return fmt.Sprintf("body %d:%d", f.Line, f.RuneColumn)
}

// slashPath cleans a path and writes it with forward slashes; "-"
// (standard input) stays as it is.
func slashPath(p string) string {
	if p == "-" || p == "" {
		return p
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// articleRef names an article in reports: its path, and for a JSON Lines
// record the line and id ("feed.jsonl:3 (id x1)").
func articleRef(art *AuditArticle) string {
	name := slashPath(art.Path)
	if art.Record > 0 {
		name = fmt.Sprintf("%s:%d", name, art.Record)
		if art.ID != "" {
			name += " (id " + art.ID + ")"
		}
	}
	return name
}

// findingLevels counts findings by level name.
func findingLevels(fs []Finding) map[string]int {
	n := map[string]int{}
	for _, f := range fs {
		n[f.Level.String()]++
	}
	return n
}

// levelPhrase writes "3 errors, 1 warning" for the levels that occur,
// most severe first, or "" when there are none.
func levelPhrase(n map[string]int) string {
	var parts []string
	for _, l := range []string{"error", "warning", "info"} {
		switch {
		case n[l] == 0:
		case n[l] == 1 || l == "info":
			parts = append(parts, fmt.Sprintf("%d %s", n[l], l))
		default:
			parts = append(parts, fmt.Sprintf("%d %ss", n[l], l))
		}
	}
	return strings.Join(parts, ", ")
}

// nounCount writes n and the noun, with an s unless n is 1.
func nounCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// quoteExcerpt puts an excerpt in quotation marks, unless it already
// starts with one (the excerpt of a quotation).
func quoteExcerpt(s string) string {
	if s == "" {
		return ""
	}
	for _, q := range []string{"“", "\"", "«", "„", "‘", "‹"} {
		if strings.HasPrefix(s, q) {
			return s
		}
	}
	return "“" + s + "”"
}
