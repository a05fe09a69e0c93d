package reports

import (
	"path/filepath"
	"strconv"
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

// appendLoc appends where the finding is, compiler-style: path:line:col,
// or path:line (the record's line) for a JSON Lines record.
func (p findingPlace) appendLoc(b []byte) []byte {
	b = append(b, p.Path...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(p.Line), 10)
	if p.Record == 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(p.Col), 10)
	}
	return b
}

// placeOf returns where finding f of article art is.
func placeOf(art *AuditArticle, f *Finding) findingPlace {
	return placeAt(slashPath(art.Path), art, f)
}

// placeAt is placeOf given the article's slashPath, for writers that place
// all of an article's findings.
func placeAt(path string, art *AuditArticle, f *Finding) findingPlace {
	p := findingPlace{Path: path}
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
	return string(p.appendBodyPos(nil, f))
}

// appendBodyPos appends bodyPos(f) to b.
func (p findingPlace) appendBodyPos(b []byte, f *Finding) []byte {
	if p.Record == 0 {
		return b
	}
	if p.ID != "" {
		b = append(b, "record "...)
		b = append(b, p.ID...)
		b = append(b, ", "...)
	}
	b = append(b, "body "...)
	b = strconv.AppendInt(b, int64(f.Line), 10)
	b = append(b, ':')
	return strconv.AppendInt(b, int64(f.RuneColumn), 10)
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
	if art.Record == 0 {
		return slashPath(art.Path)
	}
	return string(appendArticleRef(nil, slashPath(art.Path), art))
}

// appendArticleRef appends articleRef(art) to b, given the article's
// slashPath.
func appendArticleRef(b []byte, path string, art *AuditArticle) []byte {
	b = append(b, path...)
	if art.Record > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(art.Record), 10)
		if art.ID != "" {
			b = append(b, " (id "...)
			b = append(b, art.ID...)
			b = append(b, ')')
		}
	}
	return b
}

// phraseLevels are the levels a level phrase names, most severe first.
var phraseLevels = [...]string{"error", "warning", "info"}

// levelCounts counts findings of each of phraseLevels.
type levelCounts [len(phraseLevels)]int

// countLevels counts fs by level, for the levels a level phrase names.
func countLevels(fs []Finding) levelCounts {
	var n levelCounts
	for i := range fs {
		l := fs[i].Level.String()
		for j, pl := range phraseLevels {
			if l == pl {
				n[j]++
				break
			}
		}
	}
	return n
}

// levelPhrase writes "3 errors, 1 warning" for the levels that occur,
// most severe first, or "" when there are none.
func levelPhrase(n map[string]int) string {
	var c levelCounts
	for i, l := range phraseLevels {
		c[i] = n[l]
	}
	return string(appendLevelPhrase(nil, c))
}

// appendLevelPhrase appends the level phrase of n (see levelPhrase).
func appendLevelPhrase(b []byte, n levelCounts) []byte {
	first := true
	for i, l := range phraseLevels {
		if n[i] == 0 {
			continue
		}
		if !first {
			b = append(b, ", "...)
		}
		first = false
		b = strconv.AppendInt(b, int64(n[i]), 10)
		b = append(b, ' ')
		b = append(b, l...)
		if n[i] != 1 && l != "info" {
			b = append(b, 's')
		}
	}
	return b
}

// nounCount writes n and the noun, with an s unless n is 1.
func nounCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return string(appendNounCount(nil, n, noun))
}

// appendNounCount appends nounCount(n, noun) to b.
func appendNounCount(b []byte, n int, noun string) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ' ')
	b = append(b, noun...)
	if n != 1 {
		b = append(b, 's')
	}
	return b
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
