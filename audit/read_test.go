package audit

import (
	"github.com/sourcecheck/sourcecheck/internal/corpustest"

	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// readCorporaDir returns the shared news corpora beside the checkout, or skips
// the test when they are absent.
func readCorporaDir(t *testing.T) string {
	t.Helper()
	return corpustest.Root(t)
}

const readFixtures = "testdata/read"

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		in       []byte
		text     string
		encoding string
		warn     string // substring of the first warning; "" for none
	}{
		{"ascii", []byte("plain"), "plain", "utf-8", ""},
		{"utf-8", []byte("caf\xc3\xa9"), "café", "utf-8", ""},
		{"utf-8 bom", []byte("\xef\xbb\xbfcaf\xc3\xa9"), "café", "utf-8-bom", ""},
		{"utf-16le bom", []byte("\xff\xfec\x00a\x00f\x00\xe9\x00"), "café", "utf-16le", ""},
		{"utf-16be bom", []byte("\xfe\xff\x00c\x00a\x00f\x00\xe9"), "café", "utf-16be", ""},
		{"utf-16le surrogate pair", []byte("\xff\xfe\x3d\xd8\x00\xde"), "😀", "utf-16le", ""},
		{"windows-1252", []byte("\x93caf\xe9\x94 \xa35"), "“café” £5", "windows-1252", "read as Windows-1252"},
		{"utf-8 with a stray byte", []byte("\xe2\x80\x9ccost \xa35\xe2\x80\x9d"), "“cost £5”", "utf-8", "first at byte 8"},
		{"empty", nil, "", "utf-8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, warnings, err := Decode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if text != tt.text || enc != tt.encoding {
				t.Errorf("Decode = %q, %q; want %q, %q", text, enc, tt.text, tt.encoding)
			}
			switch {
			case tt.warn == "" && len(warnings) > 0:
				t.Errorf("unexpected warnings %q", warnings)
			case tt.warn != "" && (len(warnings) == 0 || !strings.Contains(warnings[0], tt.warn)):
				t.Errorf("warnings %q, want one containing %q", warnings, tt.warn)
			}
		})
	}
}

// TestReadFileEncodings reads the same three-line article stored in each
// encoding and checks its text, the position of a word, and that the
// blocks of the text slice back to its lines.
func TestReadFileEncodings(t *testing.T) {
	lines := []string{
		"The council approved the budget on Monday.",
		"It will cost £4.2m, the treasurer said.",
		"“We had no choice,” she said.",
	}
	tests := []struct {
		file     string
		encoding string
		warned   bool
	}{
		{"utf8.txt", "utf-8", false},
		{"utf8-bom.txt", "utf-8-bom", false},
		{"utf16le.txt", "utf-16le", false},
		{"utf16be.txt", "utf-16be", false},
		{"windows1252.txt", "windows-1252", true},
		{"crlf.txt", "utf-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs, err := ReadFile(filepath.Join(readFixtures, tt.file), ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 {
				t.Fatalf("got %d documents, want 1", len(docs))
			}
			doc := docs[0]
			if doc.Encoding != tt.encoding {
				t.Errorf("Encoding = %q, want %q", doc.Encoding, tt.encoding)
			}
			if got := len(doc.Warnings) > 0; got != tt.warned {
				t.Errorf("Warnings = %q, want warned=%v", doc.Warnings, tt.warned)
			}
			if doc.Format != FormatText || doc.Meta.ID != doc.Path {
				t.Errorf("Format = %q, Meta.ID = %q", doc.Format, doc.Meta.ID)
			}
			off := strings.Index(doc.Text, "treasurer")
			if off < 0 {
				t.Fatalf("text %q lacks the word", doc.Text)
			}
			// "It will cost £4.2m, the " is 24 runes and 25 bytes.
			want := Position{Line: 2, Column: 26, RuneColumn: 25}
			if got := doc.Position(off); got != want {
				t.Errorf("Position(treasurer) = %+v, want %+v", got, want)
			}
			view, raws := extract(doc)
			if len(raws) != len(lines) {
				t.Fatalf("got %d blocks, want %d", len(raws), len(lines))
			}
			for i, r := range raws {
				if got := doc.Slice(view.Span(r.view.Start, r.view.End)); got != lines[i] {
					t.Errorf("block %d = %q, want %q", i, got, lines[i])
				}
			}
		})
	}
}

func TestReadMixedEncoding(t *testing.T) {
	docs, err := ReadFile(filepath.Join(readFixtures, "mixed.txt"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := docs[0]
	if doc.Text != "“It cost £5m,” he said.\n" || doc.Encoding != "utf-8" {
		t.Errorf("got %q as %s", doc.Text, doc.Encoding)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "Windows-1252") {
		t.Errorf("Warnings = %q", doc.Warnings)
	}
}

// TestReadBBCLatin1 reads a real BBC article that holds a raw Latin-1
// pound sign.
func TestReadBBCLatin1(t *testing.T) {
	path := filepath.Join(readCorporaDir(t), "bbc-news", "bbc", "sport", "199.txt")
	docs, err := ReadFile(path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := docs[0]
	if doc.Encoding != "windows-1252" {
		t.Errorf("Encoding = %q, want windows-1252", doc.Encoding)
	}
	if len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0], "Windows-1252") {
		t.Errorf("Warnings = %q, want one naming Windows-1252", doc.Warnings)
	}
	off := strings.Index(doc.Text, "£15.8m")
	if off < 0 {
		t.Fatalf("decoded text lacks £15.8m")
	}
	if p := doc.Position(off); p.Line != 5 || p.Column != p.RuneColumn {
		t.Errorf("£15.8m at %+v, want line 5 with no multi-byte character before it", p)
	}
}

func TestReadJSONL(t *testing.T) {
	path := filepath.Join(readFixtures, "records.jsonl")
	docs, err := ReadFile(path, ReadOptions{})
	type rec struct {
		ID     string
		Record int
		Format Format
	}
	var got []rec
	for _, d := range docs {
		got = append(got, rec{d.Meta.ID, d.Record, d.Format})
		if d.Path != path || d.Encoding != "utf-8" {
			t.Errorf("record %d: Path %q, Encoding %q", d.Record, d.Path, d.Encoding)
		}
	}
	want := []rec{{"a1", 1, FormatText}, {"a2", 3, FormatHTML}, {"4", 6, FormatMarkdown}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents = %+v, want %+v", got, want)
	}
	if m := docs[0].Meta; m.Title != "Budget approved" || m.URL != "https://example.org/a1" ||
		m.Outlet != "Example Gazette" || m.Published != "2024-12-02" {
		t.Errorf("Meta = %+v", m)
	}
	if off := strings.Index(docs[0].Text, "treasurer"); docs[0].Position(off) != (Position{2, 26, 25}) {
		t.Errorf("Position in record body = %+v", docs[0].Position(off))
	}

	if err == nil {
		t.Fatal("no error for the bad lines")
	}
	for _, want := range []string{path + ":4: invalid JSON", path + `:5: missing field "id"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	var re *ReadError
	if !errors.As(err, &re) || re.Line != 4 {
		t.Errorf("errors.As(*ReadError) = %v, %+v", errors.As(err, &re), re)
	}
	if n := len(err.(interface{ Unwrap() []error }).Unwrap()); n != 2 {
		t.Errorf("joined %d errors, want 2", n)
	}

	// The HTML record reads as HTML.
	view, raws := extract(docs[1])
	if len(raws) != 1 || view.Text[raws[0].view.Start:raws[0].view.End] != "The mayor said it’s final." {
		t.Errorf("HTML record view %q, blocks %v", view.Text, raws)
	}
}

func TestReadJSONLRecordErrors(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{`{"id":"x"}`, `missing field "body"`},
		{`{"id":"","body":"b"}`, `empty field "id"`},
		{`{"id":"x","body":["b"]}`, `field "body": want a string`},
		{`{"id":"x","body":"b","format":"pdf"}`, `unknown format "pdf"`},
		{`[1,2]`, `invalid JSON`},
		{`{"id":"x","body":"b"`, `invalid JSON`},
	}
	for _, tt := range tests {
		docs, err := Read(strings.NewReader("{\"id\":\"ok\",\"body\":\"fine\"}\n"+tt.line+"\n"), "in.jsonl", FormatJSONL, ReadOptions{})
		if len(docs) != 1 || docs[0].Meta.ID != "ok" {
			t.Errorf("%s: good record lost: %v", tt.line, docs)
		}
		if err == nil || !strings.Contains(err.Error(), "in.jsonl:2: ") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want in.jsonl:2: ... %s", tt.line, err, tt.want)
		}
	}
}

func TestReadBinaryAndTooLarge(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	nul := write("image.txt", []byte("GIF89a\x00\x01\x02 text"))
	ctrl := write("ctrl.txt", []byte("\x01\x02\x03\x04\x05abc"))
	big := write("big.txt", []byte(strings.Repeat("word ", 100)))

	for _, p := range []string{nul, ctrl} {
		_, err := ReadFile(p, ReadOptions{})
		if !errors.Is(err, ErrBinary) || !strings.Contains(err.Error(), "skipping binary file "+p) {
			t.Errorf("ReadFile(%s) error = %v, want ErrBinary naming the file", p, err)
		}
	}
	_, err := ReadFile(big, ReadOptions{MaxBytes: 100})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), big) || !strings.Contains(err.Error(), "100") {
		t.Errorf("ReadFile(big) error = %v, want ErrTooLarge naming the file and limit", err)
	}
	_, err = Read(strings.NewReader(strings.Repeat("x", 101)), "-", FormatText, ReadOptions{MaxBytes: 100})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("Read error = %v, want ErrTooLarge", err)
	}
	if docs, err := ReadFile(big, ReadOptions{MaxBytes: -1}); err != nil || len(docs) != 1 {
		t.Errorf("unlimited read: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.txt"), ReadOptions{}); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file error = %v", err)
	}
}

func TestFormatFor(t *testing.T) {
	tests := map[string]Format{
		"a.txt": FormatText, "a.MD": FormatMarkdown, "a.markdown": FormatMarkdown,
		"a.html": FormatHTML, "dir/a.htm": FormatHTML, "a.jsonl": FormatJSONL, "a.csv": "", "README": "",
	}
	for name, want := range tests {
		got, ok := FormatFor(name)
		if got != want || ok != (want != "") {
			t.Errorf("FormatFor(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}

// walkAll runs Walk and returns the paths of the documents read and the
// errors, in order.
func walkAll(paths []string, opts ReadOptions) (files []string, errs []error) {
	Walk(paths, opts, func(docs []*Document, err error) {
		if err != nil {
			errs = append(errs, err)
		}
		if len(docs) > 0 {
			files = append(files, docs[0].Path)
		}
	})
	return files, errs
}

func TestWalk(t *testing.T) {
	tree := filepath.Join(readFixtures, "tree")
	j := func(p ...string) string { return filepath.Join(append([]string{tree}, p...)...) }
	tests := []struct {
		name  string
		paths []string
		opts  ReadOptions
		files []string
		errs  []string
	}{
		{
			name:  "directory: known extensions, lexical order, hidden skipped",
			paths: []string{tree},
			files: []string{j("a.txt"), j("b.md"), j("drafts", "d.txt"), j("sub", "c.html"), j("sub", "skip.txt")},
		},
		{
			name:  "explicit files are read whatever their extension",
			paths: []string{j("notes.csv"), j("a.txt")},
			files: []string{j("notes.csv"), j("a.txt")},
		},
		{
			name:  "exclude by base name and by directory",
			paths: []string{tree},
			opts:  ReadOptions{Exclude: []string{"skip.txt", "drafts"}},
			files: []string{j("a.txt"), j("b.md"), j("sub", "c.html")},
		},
		{
			name:  "include by relative path with **",
			paths: []string{tree},
			opts:  ReadOptions{Include: []string{"sub/**"}},
			files: []string{j("sub", "c.html"), j("sub", "skip.txt")},
		},
		{
			name:  "include by base name",
			paths: []string{tree},
			opts:  ReadOptions{Include: []string{"*.txt"}, Exclude: []string{"drafts/**"}},
			files: []string{j("a.txt"), j("sub", "skip.txt")},
		},
		{
			name:  "missing path is an error, the rest goes on",
			paths: []string{j("nope.txt"), j("a.txt")},
			files: []string{j("a.txt")},
			errs:  []string{"nope.txt"},
		},
		{
			name:  "bad glob",
			paths: []string{tree},
			opts:  ReadOptions{Include: []string{"[a-"}},
			errs:  []string{`glob "[a-"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, errs := walkAll(tt.paths, tt.opts)
			if !reflect.DeepEqual(files, tt.files) {
				t.Errorf("files = %q, want %q", files, tt.files)
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors = %v, want %d", errs, len(tt.errs))
			}
			for i, err := range errs {
				if !strings.Contains(err.Error(), tt.errs[i]) {
					t.Errorf("error %q lacks %q", err, tt.errs[i])
				}
			}
			// Inputs lists the same files.
			inputs, _ := Inputs(tt.paths, tt.opts)
			if len(inputs) != len(tt.files) || (len(inputs) > 0 && !reflect.DeepEqual(inputs, tt.files)) {
				t.Errorf("Inputs = %q, want %q", inputs, tt.files)
			}
		})
	}
}

func TestWalkSymlinkLoop(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "a", "b"), 0o755))
	must(os.WriteFile(filepath.Join(root, "a", "b", "story.txt"), []byte("A story.\n"), 0o644))
	must(os.Symlink("..", filepath.Join(root, "a", "b", "up")))           // loop to a
	must(os.Symlink(root, filepath.Join(root, "a", "top")))               // loop to the root
	must(os.Symlink("self.txt", filepath.Join(root, "a", "self.txt")))    // a link to itself
	must(os.Symlink("missing", filepath.Join(root, "a", "dangling.txt"))) // a broken link

	files, errs := walkAll([]string{root}, ReadOptions{})
	want := []string{filepath.Join(root, "a", "b", "story.txt")}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files = %q, want %q", files, want)
	}
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want two (self-loop and dangling link)", errs)
	}
	for i, name := range []string{"dangling.txt", "self.txt"} {
		if !strings.Contains(errs[i].Error(), name) {
			t.Errorf("error %q does not name %s", errs[i], name)
		}
	}
}

func TestWalkStdin(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stdin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("<p>From standard input.</p>"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old; f.Close() }()

	var docs []*Document
	Walk([]string{"-"}, ReadOptions{StdinFormat: FormatHTML}, func(d []*Document, err error) {
		if err != nil {
			t.Error(err)
		}
		docs = append(docs, d...)
	})
	if len(docs) != 1 || docs[0].Path != "-" || docs[0].Format != FormatHTML {
		t.Fatalf("documents = %+v", docs)
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*.txt", "a.txt", true},
		{"*.txt", "sub/a.txt", false}, // base names are matched by the caller
		{"sub/*.txt", "sub/a.txt", true},
		{"**/*.txt", "a.txt", true},
		{"**/*.txt", "x/y/a.txt", true},
		{"x/**", "x", true},
		{"x/**", "x/y/z.md", true},
		{"x/**/z.md", "x/z.md", true},
		{"x/**/z.md", "x/a/b/z.md", true},
		{"x/**/z.md", "y/a/z.md", false},
		{"a?c", "abc", true},
		{"[ab]*", "cat", false},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.name); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}
