package audit_test

import (
	"bytes"
	"html"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
	"github.com/sourcecheck/sourcecheck/rules"
)

// Stage benchmarks: each reports MB/s of article text (b.SetBytes), so the
// stages and the input shapes can be compared with one another and with
// the end-to-end goal. Run them with
//
//	go test -run '^$' -bench 'Read|Structure|Analyze|Rules|Audit|Shape|Corpora' -benchmem ./audit
//
// Each also reports cpu-MB/s: the same throughput per second of CPU time
// the process used (garbage collection included) rather than of wall
// time, which is far steadier on a machine busy with other work.

// measure runs op b.N times over an input of n bytes, reporting MB/s,
// allocations and cpu-MB/s. setup, when not nil, runs before each op
// outside the measurement.
func measure(b *testing.B, n int, setup func(), op func()) {
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		if setup != nil {
			b.StopTimer()
			setup()
			b.StartTimer()
		}
		t0 := corpustest.CPUTime()
		op()
		cpu += corpustest.CPUTime() - t0
	}
	corpustest.ReportCPU(b, n, cpu)
}

// seedDocs are the seed articles in each input format: the text files as
// they are, and Markdown and HTML renderings of them built here.
func seedDocs(b *testing.B) map[audit.Format]string {
	b.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if len(paths) == 0 {
		b.Fatal("no seeds")
	}
	text := seedText(b)
	var md, ht strings.Builder
	ht.WriteString("<!DOCTYPE html>\n<html><head><title>Seeds</title></head><body>\n<nav><a href=\"/\">Home</a></nav>\n")
	for i, para := range strings.Split(strings.TrimSpace(text), "\n") {
		if para == "" {
			continue
		}
		if i == 0 {
			md.WriteString("# " + para + "\n\n")
			ht.WriteString("<h1>" + html.EscapeString(para) + "</h1>\n")
			continue
		}
		md.WriteString(para + "\n\n")
		ht.WriteString("<p>" + html.EscapeString(para) + "</p>\n")
	}
	ht.WriteString("</body></html>\n")
	return map[audit.Format]string{audit.FormatText: text, audit.FormatMarkdown: md.String(), audit.FormatHTML: ht.String()}
}

var formats = []audit.Format{audit.FormatText, audit.FormatMarkdown, audit.FormatHTML}

// BenchmarkRead measures reading (decoding, format detection) of the seeds
// in each format.
func BenchmarkRead(b *testing.B) {
	docs := seedDocs(b)
	for _, f := range formats {
		data := []byte(docs[f])
		b.Run(string(f), func(b *testing.B) {
			measure(b, len(data), nil, func() {
				if _, err := audit.Read(bytes.NewReader(data), "bench", f, audit.ReadOptions{}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkStructure measures Structure (extraction, blocks, sentences,
// quotations) of the seeds in each format.
func BenchmarkStructure(b *testing.B) {
	docs := seedDocs(b)
	lex := audit.DefaultLexicon()
	for _, f := range formats {
		text := docs[f]
		b.Run(string(f), func(b *testing.B) {
			measure(b, len(text), nil, func() { audit.Structure(audit.NewDocument("bench", f, text), lex) })
		})
	}
}

// BenchmarkAnalyze measures Analyze alone on structured seeds.
func BenchmarkAnalyze(b *testing.B) {
	text := seedText(b)
	an := audit.NewAnalyzer(nil, nil)
	var doc *audit.Document
	measure(b, len(text), func() {
		doc = audit.NewDocument("bench.txt", audit.FormatText, text)
		audit.Structure(doc, an.Lexicon())
	}, func() { an.Analyze(doc) })
}

func defaultEngine(b *testing.B) *audit.Engine {
	b.Helper()
	e, err := audit.NewEngine(nil, rules.DefaultRules())
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkRules measures Engine.Run with the full built-in rule pack on
// an analysed document of the seeds.
func BenchmarkRules(b *testing.B) {
	text := seedText(b)
	e := defaultEngine(b)
	doc := audit.NewDocument("bench.txt", audit.FormatText, text)
	audit.Structure(doc, e.Analyzer().Lexicon())
	e.Analyzer().Analyze(doc)
	measure(b, len(text), nil, func() { e.Run(doc) })
}

// BenchmarkAudit measures all of it: reading, structure, analysis and the
// full rule pack, for the seeds in each format.
func BenchmarkAudit(b *testing.B) {
	docs := seedDocs(b)
	e := defaultEngine(b)
	for _, f := range formats {
		data := []byte(docs[f])
		b.Run(string(f), func(b *testing.B) {
			measure(b, len(data), nil, func() {
				ds, err := audit.Read(bytes.NewReader(data), "bench", f, audit.ReadOptions{})
				if err != nil {
					b.Fatal(err)
				}
				for _, d := range ds {
					e.Audit(d)
				}
			})
		})
	}
}

// shapes are inputs of unusual shape; none should be much slower per
// megabyte than ordinary articles.
func shapes(b *testing.B) []struct {
	name   string
	format audit.Format
	text   string
} {
	line := strings.ReplaceAll(seedText(b), "\n", " ")
	repeat := func(s string, n int) string { return strings.Repeat(s, n/len(s)+1)[:n] }
	var nested strings.Builder
	nested.WriteString("<html><body>")
	for i := range 10000 {
		nested.WriteString("<div><p>Paragraph ")
		nested.WriteString(strings.Repeat("x", i%7))
		nested.WriteString(" said the ministry.</p>")
	}
	nested.WriteString(strings.Repeat("</div>", 10000))
	nested.WriteString("</body></html>")
	return []struct {
		name   string
		format audit.Format
		text   string
	}{
		{"paragraph5MB", audit.FormatText, repeat(line, 5<<20)},
		{"quotes100k", audit.FormatText, strings.Repeat("“We heard an explosion,” a resident told AFP, citing the SOHR. ", 50000)},
		{"nestedHTML10k", audit.FormatHTML, nested.String()},
		{"line1MBNoSpaces", audit.FormatText, repeat("Aleppo-Homs/Damascus.SOHR,1,000“dead”", 1<<20)},
	}
}

// BenchmarkShape audits inputs of unusual shape end to end (structure,
// analysis and the full rule pack): one 5 MB paragraph, 100,000 quotation
// marks, 10,000 nested HTML elements, a 1 MB line with no spaces.
func BenchmarkShape(b *testing.B) {
	e := defaultEngine(b)
	for _, s := range shapes(b) {
		b.Run(s.name, func(b *testing.B) {
			measure(b, len(s.text), nil, func() { e.Audit(audit.NewDocument("bench", s.format, s.text)) })
		})
	}
}

// BenchmarkCorpora audits every article of the shared corpora (BBC,
// Reuters, FA-KES bodies as text) with the full rule pack: the end-to-end
// throughput the performance goal is stated in. It skips when the corpora
// are absent.
func BenchmarkCorpora(b *testing.B) {
	sets := corpustest.Sets(b)
	e := defaultEngine(b)
	for _, set := range sets {
		b.Run(set.Name, func(b *testing.B) {
			measure(b, set.Bytes, nil, func() {
				for _, a := range set.Articles {
					e.Audit(audit.NewDocument(a.Ref, audit.FormatText, a.Body))
				}
			})
		})
	}
}
