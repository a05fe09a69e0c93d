package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// FormatJSONL is a JSON Lines container: one article per line, as a JSON
// object with "id" and "body" (and optionally "title", "url", "outlet",
// "published" and "format"). It is a format of files, never of a Document:
// each record's Document is text, HTML or Markdown.
const FormatJSONL Format = "jsonl"

// DefaultMaxBytes is the largest input Read accepts when
// ReadOptions.MaxBytes is zero.
const DefaultMaxBytes int64 = 16 << 20

var (
	// ErrBinary is wrapped by errors for inputs that look like binary
	// files (NUL or control bytes) rather than text.
	ErrBinary = errors.New("binary file")
	// ErrTooLarge is wrapped by errors for inputs larger than
	// ReadOptions.MaxBytes.
	ErrTooLarge = errors.New("file too large")
)

// ReadOptions controls what Walk reads and how.
type ReadOptions struct {
	// Include and Exclude are glob patterns (path.Match syntax, plus "**"
	// for any number of directories) that filter the files found inside
	// directories. A pattern matches a file when it matches either its
	// slash-separated path relative to the directory being walked or its
	// base name. With Include set, only files matching one of its patterns
	// are read; files (and directories) matching an Exclude pattern are
	// skipped. Paths named explicitly are always read.
	Include, Exclude []string
	// StdinFormat is the format of standard input ("-"); text when empty.
	StdinFormat Format
	// MaxBytes is the largest input read: DefaultMaxBytes when zero, no
	// limit when negative.
	MaxBytes int64
}

func (o ReadOptions) maxBytes() int64 {
	if o.MaxBytes == 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// ReadError is an error in one line of a JSON Lines file.
type ReadError struct {
	Path string
	Line int // 1-based
	Err  error
}

// Error returns "path:line: message".
func (e *ReadError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *ReadError) Unwrap() error { return e.Err }

// FormatFor returns the format of a file from its extension: .txt is text,
// .md and .markdown Markdown, .html and .htm HTML, .jsonl JSON Lines. ok is
// false for any other extension.
func FormatFor(name string) (f Format, ok bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt":
		return FormatText, true
	case ".md", ".markdown":
		return FormatMarkdown, true
	case ".html", ".htm":
		return FormatHTML, true
	case ".jsonl":
		return FormatJSONL, true
	}
	return "", false
}

// Read reads one input from r. path names it in documents and errors.
// format is the input's format; when empty it comes from path's extension,
// and is text when the extension is unknown.
//
// A text, Markdown or HTML input gives one Document. A JSON Lines input
// gives one Document per non-blank line; a line that cannot be read does
// not stop the others: Read returns the documents it could read together
// with an error joining a *ReadError for each bad line.
//
// Inputs larger than opts.MaxBytes give an error wrapping ErrTooLarge;
// inputs that look binary give one wrapping ErrBinary.
func Read(r io.Reader, path string, format Format, opts ReadOptions) ([]*Document, error) {
	if format == "" {
		format, _ = FormatFor(path)
	}
	data, err := readLimited(r, path, opts.maxBytes())
	if err != nil {
		return nil, err
	}
	return parseInput(data, path, format)
}

// ReadFile reads the file at path (standard input for "-", in
// opts.StdinFormat) as Read does, its format coming from its extension
// (text when the extension is unknown).
func ReadFile(path string, opts ReadOptions) ([]*Document, error) {
	if path == "-" {
		format := opts.StdinFormat
		if format == "" {
			format = FormatText
		}
		return Read(os.Stdin, "-", format, opts)
	}
	format, ok := FormatFor(path)
	if !ok {
		format = FormatText
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *fs.PathError names the path
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	if limit := opts.maxBytes(); limit >= 0 && info.Mode().IsRegular() && info.Size() > limit {
		return nil, fmt.Errorf("%s: %w: %d bytes, over the limit of %d", path, ErrTooLarge, info.Size(), limit)
	}
	return Read(f, path, format, opts)
}

// readLimited reads all of r, failing with ErrTooLarge past limit bytes
// (unless limit is negative).
func readLimited(r io.Reader, path string, limit int64) ([]byte, error) {
	if limit >= 0 {
		r = io.LimitReader(r, limit+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if limit >= 0 && int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w: more than the limit of %d bytes", path, ErrTooLarge, limit)
	}
	return data, nil
}

// parseInput turns the bytes of one input into documents.
func parseInput(data []byte, path string, format Format) ([]*Document, error) {
	switch format {
	case FormatText, FormatMarkdown, FormatHTML, FormatJSONL:
	default:
		return nil, fmt.Errorf("%s: unknown format %q", path, format)
	}
	if reason := binaryReason(data); reason != "" {
		return nil, fmt.Errorf("skipping %w %s: %s", ErrBinary, path, reason)
	}
	text, enc, warnings, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if format == FormatJSONL {
		return readJSONL(text, enc, warnings, path)
	}
	doc := NewDocument(path, format, text)
	doc.Encoding = enc
	doc.Warnings = warnings
	return []*Document{doc}, nil
}

// jsonlRecord is one line of a JSON Lines file. Fields are raw so that a
// number is accepted where a string is expected (ids often are numbers).
type jsonlRecord struct {
	ID        json.RawMessage `json:"id"`
	Body      json.RawMessage `json:"body"`
	Title     json.RawMessage `json:"title"`
	URL       json.RawMessage `json:"url"`
	Outlet    json.RawMessage `json:"outlet"`
	Published json.RawMessage `json:"published"`
	Format    json.RawMessage `json:"format"`
}

// readJSONL reads the records of a decoded JSON Lines file.
func readJSONL(text, enc string, warnings []string, path string) ([]*Document, error) {
	var docs []*Document
	var errs []error
	line := 0
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line++
		// A byte order mark opening a later line comes from files
		// concatenated with cat; it is not part of the record.
		raw := strings.TrimSpace(strings.TrimPrefix(text[start:end], "\ufeff"))
		start = end + 1
		if raw == "" {
			continue
		}
		doc, err := parseRecord(raw)
		if err != nil {
			errs = append(errs, &ReadError{Path: path, Line: line, Err: err})
			continue
		}
		doc.Path = path
		doc.Record = line
		doc.Encoding = enc
		doc.Warnings = append([]string(nil), warnings...)
		docs = append(docs, doc)
	}
	return docs, errors.Join(errs...)
}

// parseRecord reads one JSON Lines record: with scanRecord when it can,
// with encoding/json otherwise.
func parseRecord(raw string) (*Document, error) {
	f, ok := scanRecord(raw)
	if !ok {
		f = recordFields{} // what the scan read before it gave up
		raws, err := unmarshalRecord(raw)
		if err != nil {
			return nil, err
		}
		for k, name := range recordKeys {
			v, present, err := jsonScalar(raws[k])
			if err != nil {
				return nil, fmt.Errorf("field %q: %w", name, err)
			}
			f.set(k, v, present)
			// A required field missing is the first error, as
			// recordDocument would say.
			if k < 2 && !present {
				break
			}
		}
	}
	return recordDocument(&f)
}

// recordDocument returns the article of a record's fields.
func recordDocument(f *recordFields) (*Document, error) {
	var meta Meta
	var body, format string
	// In the order of recordKeys; the first two are required.
	dsts := [len(recordKeys)]*string{&meta.ID, &body, &meta.Title, &meta.URL, &meta.Outlet, &meta.Published, &format}
	for k, name := range recordKeys {
		if k < 2 && !f.has(k) {
			return nil, fmt.Errorf("missing field %q", name)
		}
		*dsts[k] = f.values[k]
	}
	if meta.ID == "" {
		return nil, errors.New(`empty field "id"`)
	}
	var docFormat Format
	switch strings.ToLower(format) {
	case "":
		docFormat = FormatText
		if looksLikeHTML(body) {
			docFormat = FormatHTML
		}
	case "text", "txt", "plain":
		docFormat = FormatText
	case "html", "htm":
		docFormat = FormatHTML
	case "markdown", "md":
		docFormat = FormatMarkdown
	default:
		return nil, fmt.Errorf("field \"format\": unknown format %q (want text, html or markdown)", format)
	}
	return &Document{Format: docFormat, Encoding: "utf-8", Text: body, Meta: meta}, nil
}

// unmarshalRecord decodes raw with encoding/json into the raw values of
// its fields, in the order of recordKeys. It is apart from parseRecord so
// that only a record scanRecord leaves to it puts a jsonlRecord on the
// heap.
func unmarshalRecord(raw string) ([len(recordKeys)]json.RawMessage, error) {
	var rec jsonlRecord
	if err := json.Unmarshal([]byte(raw), &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			// Not an object: say so without naming Go types.
			return [len(recordKeys)]json.RawMessage{}, fmt.Errorf("invalid JSON: want an object with \"id\" and \"body\", got %s", jsonKind(raw))
		}
		return [len(recordKeys)]json.RawMessage{}, fmt.Errorf("invalid JSON: %w", err)
	}
	return [len(recordKeys)]json.RawMessage{rec.ID, rec.Body, rec.Title, rec.URL, rec.Outlet, rec.Published, rec.Format}, nil
}

// jsonKind names the kind of JSON value raw holds, for messages.
func jsonKind(raw string) string {
	switch raw[0] {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '{':
		return "an object of the wrong shape"
	}
	return "a number"
}

// jsonScalar returns a JSON string's value, or a number's or boolean's
// literal. present is false for a missing field or null.
func jsonScalar(raw json.RawMessage) (v string, present bool, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", false, nil
	}
	switch raw[0] {
	case '"':
		if err := json.Unmarshal(raw, &v); err != nil {
			return "", false, err
		}
		return v, true, nil
	case '{', '[':
		return "", false, errors.New("want a string, got an object or array")
	}
	return string(raw), true, nil
}

// htmlSignals are markup that plainly marks a body as HTML.
var htmlSignals = []string{
	"<p>", "<p ", "</p>", "<br>", "<br/>", "<br />", "<div", "</div>", "<html", "<!doctype html",
	"<body", "<article", "</a>", "<span", "<h1", "<h2", "<h3", "<li>", "<ul>", "<blockquote",
	"<figure", "<strong>", "<em>", "<table",
}

// looksLikeHTML reports whether a JSON Lines body is plainly HTML: it
// holds a common tag, or opens with one, in any case. Only the first 64
// KiB are looked at.
func looksLikeHTML(body string) bool {
	head := body[:min(len(body), 64<<10)]
	for i := 0; ; i++ {
		k := strings.IndexByte(head[i:], '<')
		if k < 0 {
			return false
		}
		i += k
		for _, s := range htmlSignals {
			if hasLowerPrefix(head[i:], s) {
				return true
			}
		}
	}
}

// Inputs lists the files Walk would read for paths, in the order it would
// read them, and the errors it would report for paths it cannot list. "-"
// is listed as is.
func Inputs(paths []string, opts ReadOptions) ([]string, []error) {
	var files []string
	var errs []error
	walkInputs(paths, opts, func(p string, err error) {
		if err != nil {
			errs = append(errs, err)
			return
		}
		files = append(files, p)
	})
	return files, errs
}

// Walk reads every input in paths and calls fn once per input file with
// its documents or the error that stopped it, so that a caller can report
// an error and go on with the rest.
//
// A path is a file, a directory or "-" for standard input (read in
// opts.StdinFormat). Files named explicitly are read whatever their
// extension (text when it is unknown). Directories are walked recursively
// in lexical order; inside them only files with a known extension (see
// FormatFor) that pass opts.Include and opts.Exclude are read, and hidden
// files and directories (".git") are skipped. Symbolic links are followed;
// a directory already walked is not walked again, so link loops end.
// Errors name the path concerned.
func Walk(paths []string, opts ReadOptions, fn func(docs []*Document, err error)) {
	walkInputs(paths, opts, func(p string, err error) {
		if err != nil {
			fn(nil, err)
			return
		}
		fn(ReadFile(p, opts))
	})
}

// walkInputs calls yield for each input file of paths in order, or with an
// error for a path it cannot list.
func walkInputs(paths []string, opts ReadOptions, yield func(path string, err error)) {
	for _, pats := range [][]string{opts.Include, opts.Exclude} {
		for _, p := range pats {
			if err := CheckGlob(p); err != nil {
				yield("", err)
				return
			}
		}
	}
	visited := map[string]bool{}
	for _, p := range paths {
		if p == "-" {
			yield("-", nil)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			yield("", err) // *fs.PathError names the path
			continue
		}
		if !info.IsDir() {
			yield(p, nil)
			continue
		}
		walkDir(p, opts, visited, yield)
	}
}

// walkEntry is a file or directory waiting to be walked.
type walkEntry struct {
	path string // as the caller will open it
	rel  string // slash path relative to the walked root
	dir  bool
	err  error // reported in its place in the walk
}

// walkDir walks the tree under root depth first in lexical order, with an
// explicit stack. visited holds the resolved paths of directories already
// walked.
func walkDir(root string, opts ReadOptions, visited map[string]bool, yield func(string, error)) {
	stack := []walkEntry{{path: root, dir: true}}
	for len(stack) > 0 {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if e.err != nil {
			yield("", e.err)
			continue
		}
		if !e.dir {
			yield(e.path, nil)
			continue
		}
		real, err := filepath.EvalSymlinks(e.path)
		if err == nil {
			real, err = filepath.Abs(real)
		}
		if err != nil {
			yield("", err)
			continue
		}
		if visited[real] {
			continue
		}
		visited[real] = true
		entries, err := os.ReadDir(e.path)
		if err != nil {
			yield("", err)
			// ReadDir returns what it read before the error; go on with it.
		}
		var children []walkEntry
		for _, de := range entries {
			name := de.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			child := walkEntry{path: filepath.Join(e.path, name), rel: path.Join(e.rel, name)}
			mode := de.Type()
			if mode&fs.ModeSymlink != 0 {
				info, err := os.Stat(child.path)
				if err != nil {
					children = append(children, walkEntry{err: err})
					continue
				}
				mode = info.Mode().Type()
			}
			switch {
			case mode.IsDir():
				child.dir = true
				if globMatchAny(opts.Exclude, child.rel) {
					continue
				}
			case mode.IsRegular():
				if _, ok := FormatFor(name); !ok || !keepFile(opts, child.rel) {
					continue
				}
			default:
				continue // sockets, devices, pipes
			}
			children = append(children, child)
		}
		for i := len(children) - 1; i >= 0; i-- {
			stack = append(stack, children[i])
		}
	}
}

// keepFile applies the include and exclude globs to a file found in a
// directory.
func keepFile(opts ReadOptions, rel string) bool {
	if len(opts.Include) > 0 && !globMatchAny(opts.Include, rel) {
		return false
	}
	return !globMatchAny(opts.Exclude, rel)
}

// globMatchAny reports whether any pattern matches the slash path rel or its
// base name.
func globMatchAny(patterns []string, rel string) bool {
	base := path.Base(rel)
	for _, p := range patterns {
		if globMatch(p, rel) || (base != rel && globMatch(p, base)) {
			return true
		}
	}
	return false
}

// MatchPath reports whether the glob pattern matches the slash path rel
// or its base name, the way ReadOptions.Include and Exclude are matched:
// segments follow path.Match and a "**" segment matches any number of
// segments. Configuration files use it for their per-path overrides.
func MatchPath(pattern, rel string) bool {
	return globMatchAny([]string{pattern}, rel)
}

// CheckGlob reports a malformed glob pattern, naming it.
func CheckGlob(pattern string) error {
	for _, seg := range strings.Split(pattern, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("glob %q: %w", pattern, err)
		}
	}
	return nil
}

// globMatch matches a slash path against a pattern whose segments follow
// path.Match, where a "**" segment matches any number of path segments
// (including none). It runs in time proportional to the product of the
// segment counts.
func globMatch(pattern, name string) bool {
	ps := strings.Split(pattern, "/")
	ns := strings.Split(name, "/")
	// can[j] reports whether ps[:i] matches ns[:j], for the current i.
	can := make([]bool, len(ns)+1)
	can[0] = true
	for _, p := range ps {
		next := make([]bool, len(ns)+1)
		if p == "**" {
			reach := false
			for j := range can {
				reach = reach || can[j]
				next[j] = reach
			}
		} else {
			for j := 1; j <= len(ns); j++ {
				if can[j-1] {
					ok, _ := path.Match(p, ns[j-1])
					next[j] = ok
				}
			}
		}
		can = next
	}
	return can[len(ns)]
}
