package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

// streamJSONL reads every record of r with Next and Document, and returns
// the documents and the errors in order.
func streamJSONL(t *testing.T, j *JSONLReader) ([]*Document, []error) {
	t.Helper()
	defer j.Close()
	var docs []*Document
	var errs []error
	for {
		rec, err := j.Next()
		if err == io.EOF {
			return docs, errs
		}
		if err != nil {
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("Next: %v", err)
			}
			errs = append(errs, err)
			continue
		}
		d, err := rec.Document()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
}

// splitJoined returns the errors joined in err.
func splitJoined(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// sameDocs reports the first difference between documents as read.
func sameDocs(t *testing.T, got, want []*Document) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d documents, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Path != w.Path || g.Record != w.Record || g.Meta != w.Meta || g.Format != w.Format ||
			g.Encoding != w.Encoding || g.Text != w.Text || !reflect.DeepEqual(g.Warnings, w.Warnings) {
			t.Fatalf("document %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func sameErrors(t *testing.T, got, want []error) {
	t.Helper()
	var g, w []string
	for _, e := range got {
		g = append(g, e.Error())
	}
	for _, e := range want {
		w = append(w, e.Error())
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("errors:\n got %q\nwant %q", g, w)
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// jsonlStreamCases are JSON Lines files ReadFile reads whole.
var jsonlStreamCases = map[string][]byte{
	"records": []byte(`{"id":"a","body":"One. “Quoted,” he said."}` + "\n\n" +
		`  {"id":2,"body":"<p>Two</p>","title":"T","outlet":"AFP"}  ` + "\r\n" +
		`{"id":"c"` + "\n" + // broken
		`{"body":"no id"}` + "\n" +
		`{"id":"d","body":"Four","format":"markdown"}`), // no final newline
	"final newline": []byte(`{"id":"a","body":"x"}` + "\n" + `{"id":"b","body":"y"}` + "\n"),
	"blank only":    []byte("\n \n\t\n"),
	"empty":         nil,
	"bom":           append([]byte{0xEF, 0xBB, 0xBF}, `{"id":"a","body":"café"}`+"\n"...),
	"bom and stray": append([]byte{0xEF, 0xBB, 0xBF}, "{\"id\":\"a\",\"body\":\"caf\xc3\xa9\"}\n{\"id\":\"b\",\"body\":\"\xa35\"}\n"...),
	"windows-1252":  []byte("{\"id\":\"a\",\"body\":\"\x93caf\xe9\x94\"}\n\xa0\n{\"id\":\"b\",\"body\":\"\xa35\"}\n"),
	"stray bytes":   []byte("{\"id\":\"a\",\"body\":\"\xe2\x80\x9ccost\xe2\x80\x9d\"}\n{\"id\":\"b\",\"body\":\"\xa35 \xe2\x80\"}\n\xe2\x80\n"),
	"utf-16":        utf16LE(`{"id":"a","body":"café"}` + "\n" + `{"id":"b"` + "\n" + `{"id":"c","body":"z"}`),
	"concatenated":  []byte("\xef\xbb\xbf{\"id\":\"a\",\"body\":\"x\"}\n\xef\xbb\xbf{\"id\":\"b\",\"body\":\"y\"}\n[1]\n"),
	"crlf":          []byte("{\"id\":\"a\",\"body\":\"x\\r\\ny\"}\r\n\r\n{\"id\":\"b\",\"body\":\"z\"}\r\n"),
}

// TestJSONLReaderMatchesReadFile checks that reading a file record by
// record gives the documents and line errors ReadFile gives, encodings and
// warnings included, also when the encoding scan reads a few bytes at a
// time (sequences split between chunks).
func TestJSONLReaderMatchesReadFile(t *testing.T) {
	dir := t.TempDir()
	for name, data := range jsonlStreamCases {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".jsonl")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		want, err := ReadFile(path, ReadOptions{})
		wantErrs := splitJoined(err)
		for _, chunk := range []int{1 << 20, 1, 2, 3, 5} {
			t.Run(fmt.Sprintf("%s/%d", name, chunk), func(t *testing.T) {
				defer func(c int) { jsonlScanChunk = c }(jsonlScanChunk)
				jsonlScanChunk = chunk
				j, err := OpenJSONL(path, ReadOptions{})
				if err != nil {
					t.Fatal(err)
				}
				got, errs := streamJSONL(t, j)
				sameDocs(t, got, want)
				sameErrors(t, errs, wantErrs)
			})
		}
	}
}

// TestJSONLReaderStdin checks that an input read from a stream gives what
// Read gives for UTF-8 (with or without a byte order mark) and UTF-16.
func TestJSONLReaderStdin(t *testing.T) {
	for _, name := range []string{"records", "final newline", "blank only", "empty", "bom", "utf-16", "crlf"} {
		t.Run(name, func(t *testing.T) {
			data := jsonlStreamCases[name]
			want, err := Read(bytes.NewReader(data), "-", FormatJSONL, ReadOptions{})
			j, jerr := NewJSONLReader(bytes.NewReader(data), "-", ReadOptions{})
			if jerr != nil {
				t.Fatal(jerr)
			}
			got, errs := streamJSONL(t, j)
			sameDocs(t, got, want)
			sameErrors(t, errs, splitJoined(err))
		})
	}
	// Not UTF-8: each record is decoded on its own.
	j, err := NewJSONLReader(bytes.NewReader(jsonlStreamCases["stray bytes"]), "-", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := streamJSONL(t, j)
	if len(docs) != 2 || docs[0].Warnings != nil || docs[1].Text != "£5 \u00e2\u20ac" || len(docs[1].Warnings) != 1 {
		t.Errorf("per-record decoding: %+v", docs)
	}
}

// TestJSONLReaderLimits checks that --max-bytes applies to each record:
// a file far larger than the limit is read, a record over it is an error
// naming its line, and the records after it are still read.
func TestJSONLReaderLimits(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 200; i++ {
		body := "short"
		if i == 50 {
			body = strings.Repeat("long ", 100_000) // 500 KB, past bufio's buffer
		}
		fmt.Fprintf(&b, "{\"id\":\"r%d\",\"body\":%q}\n", i, body)
	}
	path := filepath.Join(t.TempDir(), "big.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"file", "stream"} {
		t.Run(src, func(t *testing.T) {
			opts := ReadOptions{MaxBytes: 1000}
			var j *JSONLReader
			var err error
			if src == "file" {
				j, err = OpenJSONL(path, opts)
			} else {
				j, err = NewJSONLReader(strings.NewReader(b.String()), path, opts)
			}
			if err != nil {
				t.Fatal(err)
			}
			docs, errs := streamJSONL(t, j)
			if len(docs) != 199 || docs[48].Record != 49 || docs[49].Record != 51 || docs[198].Meta.ID != "r200" {
				t.Errorf("%d documents", len(docs))
			}
			if len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || !strings.HasPrefix(errs[0].Error(), path+":50: ") {
				t.Errorf("errors %v, want one too large record at line 50", errs)
			}
		})
	}
	// Without a limit the long record is read.
	j, err := OpenJSONL(path, ReadOptions{MaxBytes: -1})
	if err != nil {
		t.Fatal(err)
	}
	if docs, errs := streamJSONL(t, j); len(docs) != 200 || len(errs) != 0 {
		t.Errorf("no limit: %d documents, errors %v", len(docs), errs)
	}
}

// TestJSONLReaderErrors checks the errors that stop an input: missing
// file, directory, binary file, UTF-16 file over the limit.
func TestJSONLReaderErrors(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin.jsonl")
	os.WriteFile(bin, []byte("{\"id\":\"a\x00\x01\x02\"}\n"), 0o644)
	u16 := filepath.Join(dir, "u16.jsonl")
	os.WriteFile(u16, utf16LE(strings.Repeat(`{"id":"a","body":"x"}`+"\n", 100)), 0o644)
	for _, tc := range []struct {
		path string
		opts ReadOptions
		is   error
		msg  string
	}{
		{filepath.Join(dir, "nope.jsonl"), ReadOptions{}, os.ErrNotExist, "nope.jsonl"},
		{dir, ReadOptions{}, nil, "is a directory"},
		{bin, ReadOptions{}, ErrBinary, "NUL byte"},
		{u16, ReadOptions{MaxBytes: 100}, ErrTooLarge, "over the limit of 100"},
	} {
		_, err := OpenJSONL(tc.path, tc.opts)
		if err == nil || (tc.is != nil && !errors.Is(err, tc.is)) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %v, want %v with %q", tc.path, err, tc.is, tc.msg)
		}
	}
	if _, err := NewJSONLReader(bytes.NewReader([]byte("\x00\x01binary")), "-", ReadOptions{}); !errors.Is(err, ErrBinary) {
		t.Errorf("binary standard input: %v", err)
	}
}

// TestJSONLReaderStreams checks that records are read as they are asked
// for, not all at once: after the first record of a 20,000-record input,
// only a buffer's worth of it has been consumed.
func TestJSONLReaderStreams(t *testing.T) {
	var b bytes.Buffer
	for i := range 20_000 {
		fmt.Fprintf(&b, "{\"id\":\"r%d\",\"body\":\"Body %d.\"}\n", i, i)
	}
	total := b.Len()
	cr := &countingReader{r: &b}
	j, err := NewJSONLReader(cr, "-", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Next(); err != nil {
		t.Fatal(err)
	}
	if cr.n > 128<<10 {
		t.Errorf("%d of %d bytes consumed for the first record", cr.n, total)
	}
	n := 1
	for {
		if _, err := j.Next(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 20_000 {
		t.Errorf("%d records, want 20000", n)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
