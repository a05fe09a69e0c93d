package audit

// Fuzz targets for reading, segmentation, quotations, analysis and the
// rule engine. Each checks invariants, not only the absence of panics:
// spans lie inside the text with start <= end, blocks are ordered and do
// not overlap, sentences and quotations lie inside their block, a quote's
// inner span lies inside its span, line:column positions agree with byte
// offsets, reading loses no text.
//
// Seeds are read at test time: the seed articles, the reader fixtures,
// small hand-written cases and, when the shared corpora are present, a
// sample of them. Corpus text is never written into the repository.
//
// Run one target with, for example:
//
//	go test -run '^$' -fuzz '^FuzzRead$' -fuzztime 1m ./audit

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/rules"
)

// fuzzMaxInput bounds the inputs the targets analyse, so that a mutated
// input that grows large costs time, not a timeout.
const fuzzMaxInput = 64 << 10

// fuzzFormats maps a selector byte to a format; FuzzRead adds JSON Lines.
var fuzzFormats = []Format{FormatText, FormatMarkdown, FormatHTML}

// fuzzFormat picks a document format from a fuzzed selector.
func fuzzFormat(sel uint8) Format { return fuzzFormats[int(sel)%len(fuzzFormats)] }

// fuzzHandCases are small inputs that reach the corners of each reader:
// encodings, broken markup, broken records, odd quotation marks.
var fuzzHandCases = []struct {
	format Format
	text   string
}{
	{FormatText, ""},
	{FormatText, "\n\n\n"},
	{FormatText, "“We heard an explosion,” a woman told AFP.\r\nMore than 370 people were killed, the SOHR said.\r\n"},
	{FormatText, "– Our forces have begun, says the coalition.\n\n“I can't realizehe confides."},
	{FormatText, "Mr. Smith said 5 p.m. U.S. time.  It's 6.5% of $20,000. \u201cA \u2018b\u2019 c\u201d"},
	{FormatText, "\ufeff\u200b \u00a0\u2060\n• item\n1. first\n- dash"},
	{FormatText, "«Sie sagte: „Nein“», said the spokesman. ‹x› \"y\" 'z'"},
	{FormatText, "\xff\xfe\x00"},
	{FormatMarkdown, "# Title\n\nA *b* [c](http://x) ![alt](i.png) &amp; \\* `code`\n\n> “quoted\n> on”\n\n- a\n- b\n\n<aside>\n\nside\n\n</aside>\n"},
	{FormatMarkdown, "<div class=\"byline\">\nBy X\n</div>\n\n    code\n\n```\nfence\n```\n\n***\n\nText\\\nbreak  \nend &#x1F600; &bogus;"},
	{FormatMarkdown, strings.Repeat(">", 200) + " deep\n" + strings.Repeat("- ", 200) + "list"},
	{FormatHTML, "<p>The mayor said it&rsquo;s <b>final</b>.</p><p>Second &amp done &#8220;quote&#8221;</p>"},
	{FormatHTML, "<html><head><title>t</title><body><nav><li>Home</nav><article><h1>H</h1><time>today</time><p class=byline>By Y<figure><figcaption>Photo: AP</figcaption></figure>"},
	{FormatHTML, "<p><p><div><table><tr><td>a<td>b<tr><td>c</table><pre>  x\n  y</pre><script>var a='<p>';</script><!-- c --><br/></br></p></span>"},
	{FormatHTML, strings.Repeat("<div>", 300) + "deep" + strings.Repeat("</div>", 2) + "<p>after"},
	{FormatHTML, "<p>unclosed <b>bold <i>italic &#xZZ; &#99999999; &"},
}

// fuzzRecordCases are JSON Lines inputs for FuzzRead.
var fuzzRecordCases = []string{
	`{"id":"a1","title":"T","body":"It will cost \u00a34.2m, the treasurer said."}` + "\n" + `{"id":"a2","body":"<p>The mayor said it&rsquo;s final.</p>"}`,
	`{"id":1,"body":"x","format":"markdown"}` + "\n\n" + `{"id":"a3","body": broken}` + "\n" + `{"title":"no id","body":"t"}`,
	`{"id":"x","body":["a"]}` + "\r\n" + `{"id":"","body":"e"}` + "\r\n" + `{"id":"y","body":"z","format":"pdf"}` + "\n" + `null` + "\n" + `[1]`,
}

var (
	fuzzCorpusOnce sync.Once
	fuzzCorpusArts []corpus.Article
	fuzzCorpusRoot string
)

// fuzzCorpusSample returns about a dozen articles spread over the shared
// corpora, or nil when they are absent. They are only ever used as
// in-memory seeds.
func fuzzCorpusSample() (string, []corpus.Article) {
	fuzzCorpusOnce.Do(func() {
		root, ok := corpus.Root()
		if !ok {
			return
		}
		all, err := corpus.All(root)
		if err != nil || len(all) == 0 {
			return
		}
		step := max(1, len(all)/12)
		for i := 0; i < len(all); i += step {
			if len(all[i].Body) <= fuzzMaxInput {
				fuzzCorpusArts = append(fuzzCorpusArts, all[i])
			}
		}
		fuzzCorpusRoot = root
	})
	return fuzzCorpusRoot, fuzzCorpusArts
}

// fuzzSeed is a seed file's contents and the format its extension gives.
type fuzzSeed struct {
	format Format
	data   []byte
}

// fuzzFileSeeds returns the seed articles and the reader fixtures, each
// with the format its extension gives (text when unknown).
func fuzzFileSeeds(tb testing.TB) []fuzzSeed {
	tb.Helper()
	var paths []string
	for _, pat := range []string{"../seeds/*", readFixtures + "/*", readFixtures + "/tree/*", readFixtures + "/tree/*/*"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, m...)
	}
	var out []fuzzSeed
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // a directory
		}
		f, ok := FormatFor(p)
		if !ok {
			f = FormatText
		}
		out = append(out, fuzzSeed{f, data})
	}
	if len(out) < 5 {
		tb.Fatalf("found only %d seed files", len(out))
	}
	return out
}

// fuzzSelector returns the selector byte of a format in fuzzFormats, or
// of FormatJSONL (len(fuzzFormats)) for FuzzRead.
func fuzzSelector(f Format) uint8 {
	for i, g := range fuzzFormats {
		if g == f {
			return uint8(i)
		}
	}
	return uint8(len(fuzzFormats))
}

// fzAddDocSeeds adds every document seed as (format selector, text).
func fzAddDocSeeds(f *testing.F) {
	for _, s := range fuzzFileSeeds(f) {
		if s.format == FormatJSONL {
			continue
		}
		text, _, _, err := Decode(s.data)
		if err == nil {
			f.Add(fuzzSelector(s.format), text)
		}
	}
	for _, c := range fuzzHandCases {
		f.Add(fuzzSelector(c.format), c.text)
	}
	_, arts := fuzzCorpusSample()
	for _, a := range arts {
		f.Add(fuzzSelector(FormatText), a.Body)
	}
}

// FuzzRead reads arbitrary bytes in each input format (the selector
// modulo 4: text, Markdown, HTML, JSON Lines) under an arbitrary size
// limit (none when 0), then structures every document.
func FuzzRead(f *testing.F) {
	for _, s := range fuzzFileSeeds(f) {
		f.Add(fuzzSelector(s.format), uint16(0), s.data)
	}
	for _, c := range fuzzHandCases {
		f.Add(fuzzSelector(c.format), uint16(0), []byte(c.text))
	}
	for _, r := range fuzzRecordCases {
		f.Add(fuzzSelector(FormatJSONL), uint16(0), []byte(r))
		f.Add(fuzzSelector(FormatJSONL), uint16(40), []byte(r))
	}
	f.Add(uint8(0), uint16(0), []byte("\xfe\xff\x00A\x00\n\xd8\x00"))                                                          // UTF-16BE, lone surrogate, odd length
	f.Add(uint8(1), uint16(0), []byte("\xff\xfe#\x00 \x00T\x00\n\x00"))                                                        // UTF-16LE Markdown
	f.Add(uint8(2), uint16(0), []byte("<p>caf\xe9 \x93q\x94</p>"))                                                             // Windows-1252 HTML
	f.Add(uint8(0), uint16(0), []byte("ELF\x7f\x01\x02\x03\x04\x05\x06\x00"))                                                  // binary
	f.Add(uint8(3), uint16(0), []byte("\xef\xbb\xbf{\"id\":\"b\",\"body\":\"x\"}\n\xef\xbb\xbf{\"id\":\"c\",\"body\":\"y\"}")) // JSON Lines with BOMs
	f.Add(uint8(0), uint16(0), []byte("\xff\xfe\x00\x00H\x00\x00\x00"))                                                        // UTF-32LE
	root, arts := fuzzCorpusSample()
	for i, a := range arts {
		if data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(a.Ref))); err == nil {
			f.Add(uint8(i%2*2), uint16(0), data) // raw bytes (BBC files), as text and as HTML
		} else {
			f.Add(uint8(i%3), uint16(0), []byte(a.Body))
		}
	}
	f.Fuzz(func(t *testing.T, sel uint8, limit uint16, data []byte) {
		if len(data) > fuzzMaxInput {
			return
		}
		formats := []Format{FormatText, FormatMarkdown, FormatHTML, FormatJSONL}
		format := formats[int(sel)%len(formats)]
		path := "in/fuzz." + map[Format]string{FormatText: "txt", FormatMarkdown: "md", FormatHTML: "html", FormatJSONL: "jsonl"}[format]
		opts := ReadOptions{}
		if limit > 0 {
			opts.MaxBytes = int64(limit)
		}
		docs, err := Read(bytes.NewReader(data), path, format, opts)
		fzCheckRead(t, data, path, format, opts, docs, err)
		for _, d := range docs {
			Structure(d, nil)
			fzCheckStructure(t, d)
		}
	})
}

// FuzzGlob matches arbitrary --include/--exclude patterns against
// arbitrary paths: a pattern without "**" (or character classes) matches
// as path.Match does, and "**" alone matches anything.
func FuzzGlob(f *testing.F) {
	for _, c := range [][2]string{
		{"**/*.md", "a/b/c.md"}, {"drafts/**", "drafts"}, {"*.txt", "a.txt"}, {"a/**/b/**/c", "a/x/b/y/z/c"},
		{"[a-", "a"}, {"\\", "x"}, {"**/**/**", "a/b"}, {"sub/*.html", "sub/c.html"}, {"", ""}, {"a//b", "a//b"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, pattern, name string) {
		if len(pattern) > 256 || len(name) > 256 {
			return
		}
		if err := CheckGlob(pattern); err != nil {
			return
		}
		got := globMatch(pattern, name)
		if pattern == "**" && !got {
			t.Fatalf("** does not match %q", name)
		}
		// path.Match lets a character class match "/" ("[^0]" matches
		// "/"); in a path glob "/" only ever separates segments.
		if slices.Contains(strings.Split(pattern, "/"), "**") || strings.Contains(pattern, "[") {
			return
		}
		if want, err := path.Match(pattern, name); err == nil && got != want {
			t.Fatalf("globMatch(%q, %q) = %v, path.Match says %v", pattern, name, got, want)
		}
	})
}

// fzCheckRead checks what Read returned for data.
func fzCheckRead(t *testing.T, data []byte, path string, format Format, opts ReadOptions, docs []*Document, err error) {
	t.Helper()
	if err != nil && !strings.Contains(err.Error(), path) {
		t.Fatalf("error does not name %s: %v", path, err)
	}
	tooLarge := opts.MaxBytes > 0 && int64(len(data)) > opts.MaxBytes
	if tooLarge != errors.Is(err, ErrTooLarge) {
		t.Fatalf("%d bytes with limit %d: error %v", len(data), opts.MaxBytes, err)
	}
	if tooLarge || errors.Is(err, ErrBinary) || errors.Is(err, errUTF32) {
		if len(docs) > 0 {
			t.Fatalf("documents returned with error %v", err)
		}
		return
	}
	for _, d := range docs {
		if d.Path != path {
			t.Fatalf("document path %q, want %q", d.Path, path)
		}
		if !utf8.ValidString(d.Text) {
			t.Fatalf("document text is not valid UTF-8: %q", d.Text)
		}
		if d.Format != FormatText && d.Format != FormatMarkdown && d.Format != FormatHTML {
			t.Fatalf("document format %q", d.Format)
		}
	}
	if format != FormatJSONL {
		if err != nil {
			t.Fatalf("unexpected error for a %s file: %v", format, err)
		}
		if len(docs) != 1 {
			t.Fatalf("%d documents for a %s file, want 1", len(docs), format)
		}
		d := docs[0]
		if d.Format != format || d.Record != 0 {
			t.Fatalf("format %q record %d, want %q 0", d.Format, d.Record, format)
		}
		fzCheckDecoded(t, data, d)
		return
	}
	// JSON Lines: every non-blank line is either a document or an error
	// naming its line, in order.
	lines := strings.Count(string(data), "\n") + 1
	seen := map[int]bool{}
	prev := 0
	for _, d := range docs {
		if d.Record <= prev || d.Record > lines {
			t.Fatalf("record line %d after %d (file has %d lines)", d.Record, prev, lines)
		}
		if d.Meta.ID == "" {
			t.Fatalf("record at line %d has no id", d.Record)
		}
		prev = d.Record
		seen[d.Record] = true
	}
	if err != nil {
		var bad []error
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			bad = j.Unwrap()
		} else {
			bad = []error{err}
		}
		for _, e := range bad {
			var re *ReadError
			if !errors.As(e, &re) {
				// A file-level error (a UTF-16 decoding failure) stops the whole file.
				if len(docs) > 0 {
					t.Fatalf("file-level error %v with %d documents", e, len(docs))
				}
				continue
			}
			if re.Path != path || re.Line < 1 || re.Line > lines || seen[re.Line] {
				t.Fatalf("bad line error %v (file has %d lines)", re, lines)
			}
			if !strings.HasPrefix(re.Error(), fmt.Sprintf("%s:%d: ", path, re.Line)) {
				t.Fatalf("line error %q does not start with %s:%d", re.Error(), path, re.Line)
			}
			seen[re.Line] = true
		}
	}
}

// fzCheckDecoded checks that decoding kept every character of a whole-file
// input.
func fzCheckDecoded(t *testing.T, data []byte, d *Document) {
	t.Helper()
	switch d.Encoding {
	case "utf-8":
		if utf8.Valid(data) && d.Text != string(data) {
			t.Fatalf("valid UTF-8 changed by reading: %q -> %q", data, d.Text)
		}
		if !utf8.Valid(data) && utf8.RuneCountInString(d.Text) < utf8.RuneCount(data) {
			t.Fatalf("mixed UTF-8 lost characters: %q -> %q", data, d.Text)
		}
	case "utf-8-bom":
		if utf8.Valid(data[3:]) && d.Text != string(data[3:]) {
			t.Fatalf("UTF-8 after a BOM changed by reading: %q -> %q", data, d.Text)
		}
	case "windows-1252":
		if n := utf8.RuneCountInString(d.Text); n != len(data) {
			t.Fatalf("Windows-1252: %d bytes gave %d characters", len(data), n)
		}
	case "utf-16le", "utf-16be":
		// Every code unit after the BOM gives at most one character
		// (two for a surrogate pair), and the odd byte one U+FFFD.
		units := (len(data) - 2 + 1) / 2
		if n := utf8.RuneCountInString(d.Text); n > units || (units > 0 && n == 0) {
			t.Fatalf("%s: %d code units gave %d characters", d.Encoding, units, n)
		}
	default:
		t.Fatalf("unknown encoding %q", d.Encoding)
	}
}

// FuzzStructure segments arbitrary text in each format into blocks,
// sentences and quotations.
func FuzzStructure(f *testing.F) {
	fzAddDocSeeds(f)
	f.Fuzz(func(t *testing.T, sel uint8, text string) {
		if len(text) > fuzzMaxInput {
			return
		}
		d := NewDocument("fuzz", fuzzFormat(sel), text)
		Structure(d, nil)
		fzCheckStructure(t, d)
	})
}

// FuzzSentences splits arbitrary text into sentences.
func FuzzSentences(f *testing.F) {
	fzAddDocSeeds(f)
	f.Add(uint8(0), "Gen. U.S. a.m. No. 10 Jan. 5 e.g. 6.5 CNN.com www.Amazon.com city.The end... Next! Yes? “Quoted.” Done")
	f.Add(uint8(0), "。「引用」。 ١٢٣. Ἀ. x.Y ..")
	lex := &DefaultLexicon().Sentences
	f.Fuzz(func(t *testing.T, _ uint8, text string) {
		if len(text) > fuzzMaxInput {
			return
		}
		spans := splitSentences(text, lex)
		prev := 0
		for i, s := range spans {
			if s.Start < prev || s.Start >= s.End || s.End > len(text) {
				t.Fatalf("sentence %d %v out of order or range (previous end %d, text %d bytes)", i, s, prev, len(text))
			}
			if !utf8.ValidString(text) {
				prev = s.End
				continue
			}
			if !utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
				t.Fatalf("sentence %d %v splits a character", i, s)
			}
			prev = s.End
		}
	})
}

// FuzzQuotes finds quotations in arbitrary text, in each format.
func FuzzQuotes(f *testing.F) {
	fzAddDocSeeds(f)
	for _, s := range []string{
		"“We heard an explosion… on us. “I saw it,” he said.",
		"„Nein“, sagte er. «Oui», dit-il. ‹non› ‘single’ quotes' and ’tis",
		"“First paragraph\n\n“Second paragraph,” she said.",
		"– Dash quote, says the coalition.\n— Another",
		"\"a \"b\" c\" ''' ``x'' “ ” « » ‘ ’",
		strings.Repeat("“", 500) + strings.Repeat("”", 499),
	} {
		f.Add(uint8(0), s)
	}
	f.Fuzz(func(t *testing.T, sel uint8, text string) {
		if len(text) > fuzzMaxInput {
			return
		}
		d := NewDocument("fuzz", fuzzFormat(sel), text)
		Structure(d, nil)
		fzCheckQuotes(t, d)
	})
}

// FuzzAnalyze structures and analyses arbitrary text in each format.
func FuzzAnalyze(f *testing.F) {
	fzAddDocSeeds(f)
	f.Add(uint8(0), "According to the SOHR, more than 370 people were killed. Rami Abdel Rahmane, the director of the SOHR, told AFP: “It is the worst.” He says the NGO counted 1,200 displaced. Sources say 5 km were taken, reportedly.")
	a := NewAnalyzer(nil, nil)
	f.Fuzz(func(t *testing.T, sel uint8, text string) {
		if len(text) > fuzzMaxInput {
			return
		}
		d := NewDocument("fuzz", fuzzFormat(sel), text)
		Structure(d, a.Lexicon())
		a.Analyze(d)
		fzCheckStructure(t, d)
		fzCheckAnalysis(t, d)
	})
}

var (
	fuzzEngineOnce sync.Once
	fuzzEngine     *Engine
	fuzzEngineErr  error
)

// FuzzAudit runs the built-in rules over arbitrary analysed text and
// checks the findings; auditing the same text twice gives the same
// findings.
func FuzzAudit(f *testing.F) {
	fzAddDocSeeds(f)
	for _, r := range rules.DefaultRules() {
		for _, ex := range append(append([]string{}, r.Examples.Hit...), r.Examples.Pass...) {
			f.Add(fuzzSelector(FormatMarkdown), ex)
		}
	}
	fuzzEngineOnce.Do(func() { fuzzEngine, fuzzEngineErr = NewEngine(nil, rules.DefaultRules()) })
	if fuzzEngineErr != nil {
		f.Fatal(fuzzEngineErr)
	}
	e := fuzzEngine
	f.Fuzz(func(t *testing.T, sel uint8, text string) {
		if len(text) > fuzzMaxInput {
			return
		}
		d := NewDocument("dir/fuzz.txt", fuzzFormat(sel), text)
		findings := e.Audit(d)
		fzCheckStructure(t, d)
		fzCheckAnalysis(t, d)
		fzCheckFindings(t, d, findings)
		again := e.Audit(NewDocument("dir/fuzz.txt", d.Format, text))
		if !reflect.DeepEqual(findings, again) {
			t.Fatalf("auditing twice gave different findings:\n%+v\n%+v", findings, again)
		}
	})
}

// fzCheckStructure checks the blocks, sentences and quotations of a
// structured document and the view they were found in.
func fzCheckStructure(t *testing.T, d *Document) {
	t.Helper()
	v := d.View()
	if v == nil {
		t.Fatal("no view after Structure")
	}
	vn := len(v.Text)
	if !utf8.ValidString(v.Text) {
		t.Fatalf("the view is not valid UTF-8: %q", v.Text)
	}
	if d.Format == FormatText && utf8.ValidString(d.Text) && v.Text != d.Text {
		t.Fatal("the view of plain text is not the text")
	}
	fzCheckViewMapping(t, d)
	prev, prevView := 0, 0
	for i, b := range d.Blocks {
		fzCheckSpan(t, d, fmt.Sprintf("block %d", i), b.Span)
		if b.Start < prev {
			t.Fatalf("block %d %v overlaps or precedes the previous one (end %d)", i, b.Span, prev)
		}
		bv := b.ViewSpan()
		if bv.Start < prevView || bv.Start >= bv.End || bv.End > vn {
			t.Fatalf("block %d view %v empty, out of order or outside the view (%d bytes, previous end %d)", i, bv, vn, prevView)
		}
		if b.Text != v.Text[bv.Start:bv.End] {
			t.Fatalf("block %d text %q is not its view %q", i, b.Text, v.Text[bv.Start:bv.End])
		}
		if want := v.Span(bv.Start, bv.End); b.Span != want {
			t.Fatalf("block %d span %v, view maps to %v", i, b.Span, want)
		}
		if d.Format == FormatText && utf8.ValidString(d.Text) && d.Text[b.Start:b.End] != b.Text {
			t.Fatalf("plain-text block %d span %v does not hold its text", i, b.Span)
		}
		if !slices.Contains(BlockKinds, b.Kind) {
			t.Fatalf("block %d has kind %q", i, b.Kind)
		}
		prev, prevView = b.End, bv.End
	}
	prev, prevView = 0, 0
	prevBlock := 0
	for i, s := range d.Sentences {
		fzCheckSpan(t, d, fmt.Sprintf("sentence %d", i), s.Span)
		if s.Block < prevBlock || s.Block >= len(d.Blocks) {
			t.Fatalf("sentence %d in block %d (previous %d, %d blocks)", i, s.Block, prevBlock, len(d.Blocks))
		}
		b := d.Blocks[s.Block]
		sv := s.ViewSpan()
		if sv.Start < prevView || sv.Start >= sv.End || !b.ViewSpan().Contains(sv) {
			t.Fatalf("sentence %d view %v empty, out of order or outside block %d %v", i, sv, s.Block, b.ViewSpan())
		}
		if s.Start < prev || !b.Span.Contains(s.Span) {
			t.Fatalf("sentence %d %v out of order or outside block %d %v", i, s.Span, s.Block, b.Span)
		}
		if s.Text != v.Text[sv.Start:sv.End] {
			t.Fatalf("sentence %d text is not its view", i)
		}
		prev, prevView, prevBlock = s.End, sv.End, s.Block
	}
	fzCheckQuotes(t, d)
}

// fzCheckQuotes checks the quotations of a structured document.
func fzCheckQuotes(t *testing.T, d *Document) {
	t.Helper()
	v := d.View()
	prevView := 0
	for i, q := range d.Quotes {
		where := fmt.Sprintf("quote %d", i)
		fzCheckSpan(t, d, where, q.Span)
		fzCheckSpan(t, d, where+" inner", q.Inner)
		if !q.Span.Contains(q.Inner) {
			t.Fatalf("%s inner %v outside its span %v", where, q.Inner, q.Span)
		}
		if q.Block < 0 || q.Block >= len(d.Blocks) {
			t.Fatalf("%s in block %d of %d", where, q.Block, len(d.Blocks))
		}
		b := d.Blocks[q.Block]
		qv, iv := q.ViewSpan(), q.InnerViewSpan()
		if qv.Start < prevView || !b.ViewSpan().Contains(qv) || !qv.Contains(iv) || iv.Start > iv.End {
			t.Fatalf("%s view %v (inner %v) out of order or outside block %d %v", where, qv, iv, q.Block, b.ViewSpan())
		}
		if !b.Span.Contains(q.Span) {
			t.Fatalf("%s %v outside block %d %v", where, q.Span, q.Block, b.Span)
		}
		if q.Text != v.Text[iv.Start:iv.End] {
			t.Fatalf("%s text %q is not its inner view %q", where, q.Text, v.Text[iv.Start:iv.End])
		}
		if q.Level < 0 {
			t.Fatalf("%s level %d", where, q.Level)
		}
		switch q.Kind {
		case QuoteDirect, QuotePartial, QuoteScare, QuoteDash:
		default:
			t.Fatalf("%s kind %q", where, q.Kind)
		}
		prevView = qv.Start
	}
}

// fzCheckViewMapping checks that the view maps monotonically into the text.
func fzCheckViewMapping(t *testing.T, d *Document) {
	t.Helper()
	v := d.View()
	n := len(d.Text)
	step := max(1, len(v.Text)/2048) // every offset of small views
	prevS, prevE := 0, 0
	for off := 0; off <= len(v.Text); off += step {
		s, e := v.ToSource(off, false), v.ToSource(off, true)
		if s < prevS || e < prevE || s < 0 || e < 0 || s > n || e > n {
			t.Fatalf("view offset %d maps to %d/%d after %d/%d (text %d bytes)", off, s, e, prevS, prevE, n)
		}
		prevS, prevE = s, e
	}
	prev := 0
	for off := 0; off <= n; off += max(1, n/2048) {
		vo := v.FromSource(off)
		if vo < prev || vo > len(v.Text) {
			t.Fatalf("source offset %d maps to view %d after %d (view %d bytes)", off, vo, prev, len(v.Text))
		}
		prev = vo
	}
}

// fzCheckSpan checks that s lies inside the text and that the positions of
// its ends agree with their offsets.
func fzCheckSpan(t *testing.T, d *Document, what string, s Span) {
	t.Helper()
	if s.Start < 0 || s.Start > s.End || s.End > len(d.Text) {
		t.Fatalf("%s %v outside the text (%d bytes)", what, s, len(d.Text))
	}
	fzCheckPosition(t, d, s.Start)
	fzCheckPosition(t, d, s.End)
}

// fzCheckPosition compares Position with a count of lines and characters.
func fzCheckPosition(t *testing.T, d *Document, off int) {
	t.Helper()
	p := d.Position(off)
	before := d.Text[:off]
	lineStart := strings.LastIndexByte(before, '\n') + 1
	want := Position{
		Line:       strings.Count(before, "\n") + 1,
		Column:     off - lineStart + 1,
		RuneColumn: utf8.RuneCountInString(before[lineStart:]) + 1,
	}
	if p != want {
		t.Fatalf("Position(%d) = %+v, want %+v", off, p, want)
	}
}

// fzCheckAnalysis checks the claims, sources and cues of an analysed
// document.
func fzCheckAnalysis(t *testing.T, d *Document) {
	t.Helper()
	for i, c := range d.Claims {
		where := fmt.Sprintf("claim %d (%s)", i, c.Kind)
		fzCheckSpan(t, d, where, c.Span)
		if c.Sentence < 0 || c.Sentence >= len(d.Sentences) {
			t.Fatalf("%s in sentence %d of %d", where, c.Sentence, len(d.Sentences))
		}
		switch c.Kind {
		case ClaimQuote:
			if c.Quote < 0 || c.Quote >= len(d.Quotes) {
				t.Fatalf("%s has quote %d of %d", where, c.Quote, len(d.Quotes))
			}
		case ClaimFigure, ClaimReported:
			if c.Quote != -1 {
				t.Fatalf("%s has quote %d", where, c.Quote)
			}
		default:
			t.Fatalf("%s: unknown kind", where)
		}
		if a := c.Attribution; a != nil {
			fzCheckSpan(t, d, where+" mention", a.Mention)
			fzCheckSpan(t, d, where+" cue", a.Cue.Span)
			if a.Source.Name == "" {
				t.Fatalf("%s attributed to a source without a name", where)
			}
		}
		if c.Vague != nil {
			fzCheckSpan(t, d, where+" vague cue", c.Vague.Span)
		}
	}
	for i, s := range d.Sources {
		if s.ID == "" {
			t.Fatalf("source %d (%q) has no id", i, s.Name)
		}
		for _, m := range s.Mentions {
			fzCheckSpan(t, d, fmt.Sprintf("source %s mention", s.ID), m)
		}
	}
	for i, c := range d.VagueCues {
		fzCheckSpan(t, d, fmt.Sprintf("vague cue %d", i), c.Span)
	}
	for i, q := range d.Quotes {
		if q.Speaker != nil && q.Speaker.Name == "" {
			t.Fatalf("quote %d has a speaker without a name", i)
		}
	}
}

// fzCheckFindings checks rule findings against their document.
func fzCheckFindings(t *testing.T, d *Document, fs []Finding) {
	t.Helper()
	seen := map[string]bool{}
	sorted := sort.SliceIsSorted(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	if !sorted {
		t.Fatal("findings not sorted by position")
	}
	for i, f := range fs {
		where := fmt.Sprintf("finding %d (%s)", i, f.Rule)
		fzCheckSpan(t, d, where, f.Span)
		s, e := d.Position(f.Start), d.Position(f.End)
		if f.Line != s.Line || f.Column != s.Column || f.RuneColumn != s.RuneColumn ||
			f.EndLine != e.Line || f.EndColumn != e.Column || f.EndRuneColumn != e.RuneColumn {
			t.Fatalf("%s positions %d:%d-%d:%d disagree with offsets %v", where, f.Line, f.Column, f.EndLine, f.EndColumn, f.Span)
		}
		if f.Rule == "" || f.Message == "" {
			t.Fatalf("%s has no rule id or message", where)
		}
		if f.Claim < -1 || f.Claim >= len(d.Claims) {
			t.Fatalf("%s claim %d of %d", where, f.Claim, len(d.Claims))
		}
		if len(f.Fingerprint) != 16 || seen[f.Fingerprint] {
			t.Fatalf("%s fingerprint %q empty or repeated", where, f.Fingerprint)
		}
		seen[f.Fingerprint] = true
		if utf8.RuneCountInString(f.Excerpt) > ExcerptRunes || !utf8.ValidString(f.Excerpt) && utf8.ValidString(d.Text) {
			t.Fatalf("%s excerpt %q too long or invalid", where, f.Excerpt)
		}
	}
}

// TestFuzzRegressions holds the inputs the fuzz targets and the bad-input
// matrix found slow or wrong, each checked as the target would.
func TestFuzzRegressions(t *testing.T) {
	nestedList := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}
	linkRefs := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[r%d]: /u%d\n", i, i)
		}
		for i := range n {
			fmt.Fprintf(&b, "[r%d] ", i)
		}
		return b.String()
	}
	tests := []struct {
		name   string
		format Format
		text   string
		// warning is a substring of the one reading warning wanted, or ""
		// for none.
		warning string
	}{
		// goldmark's block parser costs depth × line length per line: 1000
		// nested list items took 4 s, 2000 took 32 s.
		{"markdown lists nested 1000 deep", FormatMarkdown, nestedList(1000), "nested more than 64 levels"},
		{"markdown quotes nested 10000 deep", FormatMarkdown, strings.Repeat(">", 10000) + " deep\n", "nested more than 64 levels"},
		{"markdown quotes and lists on every line", FormatMarkdown, strings.Repeat(strings.Repeat("> - ", 100)+"x\n", 200), "nested more than 64 levels"},
		// goldmark's link parser is quadratic in the brackets of a
		// paragraph: 600 KB of "[" and "](" took 110 s.
		{"markdown brackets", FormatMarkdown, strings.Repeat("[", 50000) + strings.Repeat("](", 50000), "too many link, emphasis or code marks"},
		{"markdown link references", FormatMarkdown, linkRefs(20000), "too many link, emphasis or code marks"},
		{"markdown emphasis", FormatMarkdown, strings.Repeat("*a **b _c __d ", 20000), "too many link, emphasis or code marks"},
		{"markdown code spans", FormatMarkdown, strings.Repeat("`a``b```c", 5000), "too many link, emphasis or code marks"},
		// Ordinary Markdown stays Markdown.
		{"markdown lists nested 20 deep", FormatMarkdown, nestedList(20), ""},
		{"markdown with links in many paragraphs", FormatMarkdown, strings.Repeat("A [link](http://x) and *emphasis* and `code`.\n\n", 5000), ""},
		{"markdown deep code indentation", FormatMarkdown, "```\n" + strings.Repeat(" ", 120) + "code\n```\n", ""},
		// The HTML reader is linear whatever the nesting.
		{"html nested 10000 deep", FormatHTML, strings.Repeat("<div><b>", 10000) + "deep" + strings.Repeat("</b></div>", 10000), ""},
		{"html never closed", FormatHTML, strings.Repeat("<p><li><td><span>", 5000) + "text", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			d := NewDocument("r.md", tt.format, tt.text)
			Structure(d, nil)
			fzCheckStructure(t, d)
			Structure(d, nil) // structuring again adds no second warning
			if el := time.Since(start); el > 30*time.Second {
				t.Errorf("took %v", el)
			}
			switch {
			case tt.warning == "" && len(d.Warnings) > 0:
				t.Errorf("warnings %q, want none", d.Warnings)
			case tt.warning != "" && (len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], tt.warning)):
				t.Errorf("warnings %q, want one about %q", d.Warnings, tt.warning)
			}
			if tt.warning != "" && len(d.Blocks) == 0 {
				t.Error("no blocks: the text read as plain text was lost")
			}
		})
	}
}

// TestFuzzRegressionsEncodings checks inputs whose reading was fixed:
// UTF-32 is refused rather than misread as UTF-16 with NULs, and a byte
// order mark opening a later JSON Lines line (files joined with cat) is
// dropped.
func TestFuzzRegressionsEncodings(t *testing.T) {
	for _, data := range []string{"\xff\xfe\x00\x00H\x00\x00\x00i\x00\x00\x00", "\x00\x00\xfe\xff\x00\x00\x00H"} {
		docs, err := Read(strings.NewReader(data), "u32.txt", "", ReadOptions{})
		if len(docs) != 0 || err == nil || !strings.Contains(err.Error(), "u32.txt: UTF-32") {
			t.Errorf("Read(%q) = %d documents, %v; want an error naming u32.txt and UTF-32", data, len(docs), err)
		}
	}
	joined := "\ufeff{\"id\":\"a\",\"body\":\"A.\"}\n\ufeff{\"id\":\"b\",\"body\":\"B.\"}\n"
	docs, err := Read(strings.NewReader(joined), "joined.jsonl", "", ReadOptions{})
	if err != nil || len(docs) != 2 || docs[1].Meta.ID != "b" || docs[1].Record != 2 {
		t.Errorf("joined JSON Lines: %d documents, %v; want records a and b", len(docs), err)
	}
}

// TestFuzzRegressionsJSONL checks the messages for JSON Lines records that
// are not objects: they name the line and the kind of value, not Go types.
func TestFuzzRegressionsJSONL(t *testing.T) {
	data := "[1]\n\"s\"\n3\ntrue\n{\"id\":\"a\",\"body\":\"b\"}\n"
	docs, err := Read(strings.NewReader(data), "r.jsonl", "", ReadOptions{})
	if len(docs) != 1 || docs[0].Meta.ID != "a" {
		t.Fatalf("documents %v, want the one record", docs)
	}
	want := []string{
		`r.jsonl:1: invalid JSON: want an object with "id" and "body", got an array`,
		`r.jsonl:2: invalid JSON: want an object with "id" and "body", got a string`,
		`r.jsonl:3: invalid JSON: want an object with "id" and "body", got a number`,
		`r.jsonl:4: invalid JSON: want an object with "id" and "body", got a boolean`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("error:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// TestFuzzRegressionsInvalidUTF8 holds the crashes FuzzAnalyze and
// FuzzAudit found (testdata/fuzz/FuzzAnalyze/6ebc3e7c0a79dd90,
// testdata/fuzz/FuzzAudit/605c448c648996a0): a Document built from raw
// bytes that are not UTF-8 made Analyze slice past the end of a sentence,
// because softWrap (strings.Map) turned each invalid byte into a
// three-byte U+FFFD. The prose view now holds U+FFFD for such bytes, so
// the detectors only ever read valid UTF-8 and every offset still maps
// back into the original bytes.
func TestFuzzRegressionsInvalidUTF8(t *testing.T) {
	e, err := NewEngine(nil, rules.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		format Format
		text   string
	}{
		{"invalid bytes before a verb, then a newline", FormatMarkdown, "\x80\x93spoke\nAP"},
		{"invalid bytes before an inverted verb", FormatText, strings.Repeat("0", 42) + "\n00\xff\x80\x9dsAid "},
		{"invalid bytes in HTML", FormatHTML, "<p>caf\xe9 said\n\xff AP</p><p>\x93quoted\x94, he said.</p>"},
		{"invalid bytes in every line", FormatText, strings.Repeat("\xffThe SOHR\xfe said\r\n", 50)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDocument("bad.txt", tt.format, tt.text)
			findings := e.Audit(d)
			fzCheckStructure(t, d)
			fzCheckAnalysis(t, d)
			fzCheckFindings(t, d, findings)
			if len(d.Blocks) == 0 {
				t.Error("no blocks")
			}
		})
	}
}
