package reports

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// refTextArticle is textWriter.Article as it was before it appended each
// line to a buffer: the reference TestTextArticleMatchesReference holds
// the text report's lines to. first is false for the run's first article
// with findings.
func refTextArticle(bw *bufio.Writer, art *AuditArticle, opts TextOptions, first bool) {
	if len(art.Findings) == 0 {
		return
	}
	if !first {
		bw.WriteString("\n")
	}
	fmt.Fprintf(bw, "%s %s\n", opts.style(ansiBold, refArticleRef(art)),
		opts.style(ansiDim, "— "+refNounCount(len(art.Findings), "finding")+" ("+refLevelPhrase(findingLevels(art.Findings))+")"))
	for j := range art.Findings {
		refWriteTextFinding(bw, art, &art.Findings[j], opts)
	}
}

func refWriteTextFinding(w *bufio.Writer, art *AuditArticle, f *Finding, opts TextOptions) {
	p := placeOf(art, f)
	loc := fmt.Sprintf("%s:%d:%d:", p.Path, p.Line, p.Col)
	if p.Record > 0 {
		loc = fmt.Sprintf("%s:%d:", p.Path, p.Line)
	}
	level := f.Level.String()
	msg := flatText(f.Message)
	if pos := refBodyPos(p, f); pos != "" {
		msg += " " + opts.style(ansiDim, "("+pos+")")
	}
	fmt.Fprintf(w, "%s %s %s %s\n", opts.style(ansiBold, loc), opts.style(textLevelStyle[level], level),
		opts.style(ansiDim, f.Rule+":"), msg)
	if f.Excerpt != "" {
		fmt.Fprintf(w, "    %s %s\n", opts.style(ansiDim, "│"), flatText(f.Excerpt))
	}
}

func refBodyPos(p findingPlace, f *Finding) string {
	if p.Record == 0 {
		return ""
	}
	if p.ID != "" {
		return fmt.Sprintf("record %s, body %d:%d", p.ID, f.Line, f.RuneColumn)
	}
	return fmt.Sprintf("body %d:%d", f.Line, f.RuneColumn)
}

func refArticleRef(art *AuditArticle) string {
	name := slashPath(art.Path)
	if art.Record > 0 {
		name = fmt.Sprintf("%s:%d", name, art.Record)
		if art.ID != "" {
			name += " (id " + art.ID + ")"
		}
	}
	return name
}

func refLevelPhrase(n map[string]int) string {
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

func refNounCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// checkTextArticles writes arts through the text writer and the reference
// and compares the two, with and without colour; it also holds bodyPos,
// articleRef, levelPhrase and nounCount to theirs.
func checkTextArticles(t *testing.T, arts []AuditArticle) {
	t.Helper()
	for _, opts := range []TextOptions{{}, {Color: true}} {
		var got, want bytes.Buffer
		tw := NewTextWriter(&got, opts)
		if err := tw.Begin(&AuditHeader{FailLevel: "error"}); err != nil {
			t.Fatal(err)
		}
		ref := bufio.NewWriter(&want)
		first := true
		for i := range arts {
			art := &arts[i]
			if err := tw.Article(art); err != nil {
				t.Fatal(err)
			}
			refTextArticle(ref, art, opts, first)
			first = first && len(art.Findings) == 0
			if got, want := articleRef(art), refArticleRef(art); got != want {
				t.Fatalf("articleRef %q, want %q", got, want)
			}
			if got, want := levelPhrase(findingLevels(art.Findings)), refLevelPhrase(findingLevels(art.Findings)); got != want {
				t.Fatalf("levelPhrase %q, want %q", got, want)
			}
			for j := range art.Findings {
				f := &art.Findings[j]
				p := placeOf(art, f)
				if got, want := p.bodyPos(f), refBodyPos(p, f); got != want {
					t.Fatalf("bodyPos %q, want %q", got, want)
				}
			}
		}
		ref.Flush()
		if got.Len() == 0 {
			t.Fatal("no findings written: the test tests nothing")
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
			for i := range min(len(g), len(w)) {
				if g[i] != w[i] {
					t.Fatalf("colour %v, line %d:\n got %q\nwant %q", opts.Color, i+1, g[i], w[i])
				}
			}
			t.Fatalf("colour %v: %d lines, want %d", opts.Color, len(g), len(w))
		}
	}
	for _, n := range []int{0, 1, 2, 11, 1000} {
		if got, want := nounCount(n, "finding"), refNounCount(n, "finding"); got != want {
			t.Errorf("nounCount(%d) %q, want %q", n, got, want)
		}
	}
}

// TestTextArticleMatchesReference holds the text report's article lines
// to the reference over the corpora's findings, as files and as JSON
// Lines records with and without an id, and over made-up findings: text
// to flatten, an unknown level, empty rule, path and excerpt.
func TestTextArticleMatchesReference(t *testing.T) {
	eng, err := audit.NewEngine(nil, rules.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	var arts []AuditArticle
	for _, set := range corpustest.Sets(t) {
		for i, a := range set.Articles[:min(len(set.Articles), 300)] {
			d := audit.NewDocument(a.Ref, audit.FormatText, a.Body)
			r := Result{Doc: d, Findings: eng.Audit(d)}
			switch i % 3 {
			case 1:
				d.Record = i + 1
				d.Meta.ID = fmt.Sprintf("rec-%d", i)
			case 2:
				d.Record = i + 1
				d.Meta.ID = d.Path
			}
			arts = append(arts, newAuditArticle(r, false))
		}
	}
	made := []Finding{
		{Rule: "r1", Level: rules.LevelError, Line: 3, RuneColumn: 7, Message: "two  spaces\tand a\nbreak", Excerpt: " lead\x1btrail "},
		{Rule: "", Level: rules.Level(9), Line: 1, RuneColumn: 1, Message: "", Excerpt: ""},
		{Rule: "r2", Level: rules.LevelInfo, Line: 12, RuneColumn: 40, Message: "ünïcödé\u00a0message", Excerpt: "x"},
		{Rule: "r3", Level: rules.LevelWarning, Line: 2, RuneColumn: 2, Message: "m", Excerpt: "\u2028"},
	}
	for _, a := range []Article{
		{Path: ""},
		{Path: "./dir//a.txt"},
		{Path: "feed.jsonl", Record: 4, ID: "x1"},
		{Path: "", Record: 2},
		{Path: "-", Record: 1, ID: "y"},
	} {
		for n := 1; n <= len(made); n++ {
			arts = append(arts, AuditArticle{Article: a, Findings: made[:n]})
		}
	}
	checkTextArticles(t, arts)
}

// findingLevels counts findings by level name, as the reports did before
// countLevels.
func findingLevels(fs []Finding) map[string]int {
	n := map[string]int{}
	for _, f := range fs {
		n[f.Level.String()]++
	}
	return n
}
