package audit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/internal/swar"
)

// Reading JSON Lines record by record.
//
// Read and ReadFile read an input whole, which for JSON Lines means a
// whole export in memory and a --max-bytes limit on the whole file. A
// JSONLReader reads one record at a time instead, so that a gigabyte of
// JSON Lines is audited in constant memory: MaxBytes applies to each
// record (each line), not to the file, and a record over it is an error
// naming its line while the records after it are still read.
//
// The records it gives are the documents ReadFile gives for the same
// file: same lines, encodings and warnings. To decode exactly as ReadFile
// does, which decides the encoding from the whole file, OpenJSONL first
// scans a regular file once (without keeping it) for its byte order mark
// and invalid UTF-8. A UTF-16 file is read whole, as ReadFile reads it, and
// MaxBytes then applies to the file. Standard input and other streams
// that cannot be read twice are decoded record by record: a record that
// is not valid UTF-8 is read as Windows-1252 (or has its invalid bytes
// so read), with a warning on that record alone.

// JSONLReader reads the records of one JSON Lines input in order. It is
// not safe for concurrent use; the records it returns are.
type JSONLReader struct {
	path   string
	r      *bufio.Reader
	closer io.Closer
	limit  int64
	// line is the number of the last line read.
	line int
	// offset is the byte offset in the input of the next line, lineStart
	// that of the last line read (for warnings in per-record decoding).
	offset, lineStart int64
	dec               jsonlDecoding
	// whole holds the decoded text left to split, for an input decoded
	// whole (UTF-16).
	whole    string
	isWhole  bool
	buf      []byte
	finished bool
}

// jsonlMode is how a JSON Lines input's lines are decoded.
type jsonlMode int

const (
	// jsonlUTF8: valid UTF-8, nothing to decode.
	jsonlUTF8 jsonlMode = iota
	// jsonlMixed: UTF-8 with invalid bytes read as Windows-1252.
	jsonlMixed
	// jsonl1252: every byte read as Windows-1252.
	jsonl1252
	// jsonlPerRecord: each line decoded on its own (an input that cannot
	// be scanned first).
	jsonlPerRecord
)

// jsonlDecoding is how a JSON Lines input is decoded: the mode, the
// encoding name and the warnings every record carries.
type jsonlDecoding struct {
	mode     jsonlMode
	encoding string
	warnings []string
}

// JSONLRecord is one non-blank line of a JSON Lines input, decoded but
// not parsed: Document parses it.
type JSONLRecord struct {
	// Path is the input's path; Line the record's 1-based line.
	Path string
	Line int
	// text is the line's decoded text, trimmed, unless the reader read
	// its fields already (scanned); size is its length.
	text     string
	size     int
	fields   recordFields
	scanned  bool
	encoding string
	warnings []string
}

// jsonlScanChunk is how much of a file the encoding scan reads at once
// (a variable for tests): as much as the reader buffers after it, since a
// larger buffer only costs memory (one allocation per file read).
var jsonlScanChunk = 64 << 10

// OpenJSONL opens the JSON Lines file at path for reading record by
// record (see JSONLReader). Errors name the path: a missing or unreadable
// file, a directory, a binary file (wrapping ErrBinary), a UTF-16 file
// over opts.MaxBytes (wrapping ErrTooLarge). "-" is standard input.
func OpenJSONL(path string, opts ReadOptions) (*JSONLReader, error) {
	if path == "-" {
		return NewJSONLReader(os.Stdin, path, opts)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *fs.PathError names the path
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if info.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	if !info.Mode().IsRegular() {
		j, err := NewJSONLReader(f, path, opts)
		if err != nil {
			f.Close()
			return nil, err
		}
		j.closer = f
		return j, nil
	}
	j, err := openRegularJSONL(f, path, info.Size(), opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	return j, nil
}

// openRegularJSONL scans a regular file for its encoding, then rewinds it
// for reading.
func openRegularJSONL(f *os.File, path string, size int64, opts ReadOptions) (*JSONLReader, error) {
	limit := opts.maxBytes()
	head := make([]byte, 8<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	head = head[:n]
	if bytes.HasPrefix(head, bomUTF16LE) || bytes.HasPrefix(head, bomUTF16BE) {
		if limit >= 0 && size > limit {
			return nil, fmt.Errorf("%s: %w: %d bytes, over the limit of %d", path, ErrTooLarge, size, limit)
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		j := &JSONLReader{path: path, closer: f, limit: limit}
		return j, j.readWhole(f)
	}
	if reason := binaryReason(head); reason != "" {
		return nil, fmt.Errorf("skipping %w %s: %s", ErrBinary, path, reason)
	}
	bom := int64(0)
	if bytes.HasPrefix(head, bomUTF8) {
		bom = int64(len(bomUTF8))
	}
	if _, err := f.Seek(bom, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var scan utf8Scan
	buf := make([]byte, utf8.UTFMax+jsonlScanChunk)
	keep := 0
	for {
		n, err := f.Read(buf[keep:])
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		data := buf[:keep+n]
		eof := err == io.EOF
		keep = copy(buf, data[scan.feed(data, eof):])
		if eof {
			break
		}
	}
	if _, err := f.Seek(bom, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	j := &JSONLReader{path: path, r: bufio.NewReaderSize(f, 64<<10), closer: f, limit: limit}
	// As Decode decides for the whole file.
	switch {
	case bom > 0 && scan.bad == 0:
		j.dec = jsonlDecoding{mode: jsonlUTF8, encoding: "utf-8-bom"}
	case bom > 0:
		j.dec = jsonlDecoding{mode: jsonlMixed, encoding: "utf-8-bom", warnings: []string{scan.warning(bom)}}
	case scan.bad == 0:
		j.dec = jsonlDecoding{mode: jsonlUTF8, encoding: "utf-8"}
	case !scan.multi:
		j.dec = jsonlDecoding{mode: jsonl1252, encoding: "windows-1252", warnings: []string{"not valid UTF-8; read as Windows-1252"}}
	default:
		j.dec = jsonlDecoding{mode: jsonlMixed, encoding: "utf-8", warnings: []string{scan.warning(0)}}
	}
	return j, nil
}

// NewJSONLReader reads JSON Lines from r record by record, decoding each
// record on its own since r cannot be scanned first (see JSONLReader).
// path names the input in documents and errors. A binary input is an
// error wrapping ErrBinary; a UTF-16 one is read whole, up to
// opts.MaxBytes.
func NewJSONLReader(r io.Reader, path string, opts ReadOptions) (*JSONLReader, error) {
	j := &JSONLReader{path: path, r: bufio.NewReaderSize(r, 64<<10), limit: opts.maxBytes(),
		dec: jsonlDecoding{mode: jsonlPerRecord, encoding: "utf-8"}}
	head, err := j.r.Peek(8 << 10)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	switch {
	case bytes.HasPrefix(head, bomUTF16LE) || bytes.HasPrefix(head, bomUTF16BE):
		return j, j.readWhole(j.r)
	case binaryReason(head) != "":
		return nil, fmt.Errorf("skipping %w %s: %s", ErrBinary, path, binaryReason(head))
	case bytes.HasPrefix(head, bomUTF8):
		j.r.Discard(len(bomUTF8))
		j.dec.encoding = "utf-8-bom"
		j.offset = int64(len(bomUTF8))
	}
	return j, nil
}

// readWhole reads and decodes all of r, for an input that cannot be read
// line by line (UTF-16).
func (j *JSONLReader) readWhole(r io.Reader) error {
	data, err := readLimited(r, j.path, j.limit)
	if err != nil {
		return err
	}
	text, enc, warnings, err := Decode(data)
	if err != nil {
		return fmt.Errorf("%s: %w", j.path, err)
	}
	j.isWhole, j.whole = true, text
	j.dec = jsonlDecoding{mode: jsonlUTF8, encoding: enc, warnings: warnings}
	return nil
}

// Next returns the next non-blank record, or io.EOF after the last. A
// record over the size limit gives a *ReadError wrapping ErrTooLarge and
// reading goes on with the next line; any other error ends the input.
func (j *JSONLReader) Next() (*JSONLRecord, error) {
	for {
		raw, err := j.nextLine()
		if err != nil {
			return nil, err
		}
		if raw == nil {
			return nil, io.EOF
		}
		if j.dec.mode == jsonlUTF8 || j.dec.mode == jsonlPerRecord && utf8.Valid(raw) {
			// The line needs no decoding: its fields are read from
			// it, each copied once, rather than copying the line
			// and then its body from the copy.
			line := bytes.TrimSpace(bytes.TrimPrefix(raw, bomUTF8))
			if len(line) == 0 {
				continue
			}
			rec := &JSONLRecord{Path: j.path, Line: j.line, size: len(line), encoding: j.dec.encoding, warnings: j.dec.warnings}
			if rec.fields, rec.scanned = scanRecord(line); !rec.scanned {
				rec.text = string(line)
			}
			return rec, nil
		}
		var text string
		var rec *JSONLRecord
		switch j.dec.mode {
		case jsonl1252:
			text = decodeWindows1252(raw)
		case jsonlMixed:
			text, _ = decodeUTF8(raw, 0)
		case jsonlPerRecord:
			rec = j.decodeRecord(raw)
			text = rec.text
		}
		// As readJSONL: a byte order mark opening a later line (files
		// concatenated with cat) is not part of the record.
		text = strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
		if text == "" {
			continue
		}
		if rec == nil {
			rec = &JSONLRecord{encoding: j.dec.encoding, warnings: j.dec.warnings}
		}
		rec.Path, rec.Line, rec.text, rec.size = j.path, j.line, text, len(text)
		return rec, nil
	}
}

// decodeRecord decodes one line of an input decoded record by record, as
// Decode would decode it were it the whole input: a line that is not
// valid UTF-8 (Next reads valid ones itself).
func (j *JSONLReader) decodeRecord(raw []byte) *JSONLRecord {
	rec := &JSONLRecord{encoding: j.dec.encoding}
	switch {
	case !hasMultiByteUTF8(raw) && j.dec.encoding == "utf-8":
		rec.text, rec.encoding = decodeWindows1252(raw), "windows-1252"
		rec.warnings = []string{"not valid UTF-8; read as Windows-1252"}
	default:
		rec.text, rec.warnings = decodeUTF8(raw, int(j.lineStart))
	}
	return rec
}

// nextLine returns the next line without its newline, nil at the end of
// the input. The bytes are valid until the next call.
func (j *JSONLReader) nextLine() ([]byte, error) {
	if j.finished {
		return nil, nil
	}
	if j.isWhole {
		if j.whole == "" {
			j.finished = true
			return nil, nil
		}
		j.line++
		line, rest, _ := strings.Cut(j.whole, "\n")
		j.whole = rest
		return []byte(line), nil
	}
	j.buf = j.buf[:0]
	j.lineStart = j.offset
	tooLarge, got := false, false
	for {
		frag, err := j.r.ReadSlice('\n')
		got = got || len(frag) > 0
		j.offset += int64(len(frag))
		if !tooLarge {
			j.buf = append(j.buf, frag...)
			if j.limit >= 0 && int64(len(bytes.TrimSuffix(j.buf, []byte("\n")))) > j.limit {
				tooLarge, j.buf = true, j.buf[:0]
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && err != io.EOF {
			j.finished = true
			return nil, fmt.Errorf("read %s: %w", j.path, err)
		}
		if err == io.EOF {
			j.finished = true
			if !got {
				return nil, nil
			}
		}
		break
	}
	j.line++
	if tooLarge {
		return nil, &ReadError{Path: j.path, Line: j.line,
			Err: fmt.Errorf("%w: the record is over the limit of %d bytes (--max-bytes applies to each JSON Lines record)", ErrTooLarge, j.limit)}
	}
	return bytes.TrimSuffix(j.buf, []byte("\n")), nil
}

// Close closes the input, if the reader opened it.
func (j *JSONLReader) Close() error {
	if j.closer == nil {
		return nil
	}
	err := j.closer.Close()
	j.closer = nil
	return err
}

// Size is the length of the record's line in bytes, as decoded to UTF-8.
func (r *JSONLRecord) Size() int { return r.size }

// Document parses the record into its article, as ReadFile would read it:
// an error is a *ReadError naming the record's line. It may be called
// from any goroutine.
func (r *JSONLRecord) Document() (*Document, error) {
	var doc *Document
	var err error
	if r.scanned {
		doc, err = recordDocument(&r.fields)
	} else {
		doc, err = parseRecord(r.text)
	}
	if err != nil {
		return nil, &ReadError{Path: r.Path, Line: r.Line, Err: err}
	}
	doc.Path = r.Path
	doc.Record = r.Line
	doc.Encoding = r.encoding
	doc.Warnings = append([]string(nil), r.warnings...)
	return doc, nil
}

// utf8Scan checks a stream for invalid UTF-8 chunk by chunk, counting
// invalid bytes as decodeUTF8 does and noting, as hasMultiByteUTF8 does,
// whether any valid multi-byte sequence occurs.
type utf8Scan struct {
	// off is the offset in the stream of the next byte to scan.
	off   int64
	bad   int
	first int64
	multi bool
}

// feed scans data, the stream's next bytes, and returns how many it
// used: all of them at the end of the stream (final), otherwise all but a
// sequence the next bytes may complete, which the caller passes again.
func (s *utf8Scan) feed(data []byte, final bool) int {
	cut := len(data)
	if !final {
		// An incomplete sequence at the end has its lead byte among the
		// last three.
		for i := len(data) - 1; i >= 0 && i >= len(data)-(utf8.UTFMax-1); i-- {
			if data[i] >= 0xC0 {
				if !utf8.FullRune(data[i:]) {
					cut = i
				}
				break
			}
		}
	}
	s.scan(data[:cut])
	return cut
}

func (s *utf8Scan) scan(data []byte) {
	if utf8.Valid(data) {
		s.multi = s.multi || !swar.ASCII(data)
		s.off += int64(len(data))
		return
	}
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			if s.bad == 0 {
				s.first = s.off + int64(i)
			}
			s.bad++
			i++
			continue
		}
		s.multi = true
		i += n
	}
	s.off += int64(len(data))
}

// warning is decodeUTF8's warning for the whole stream, which starts at
// offset base of the input.
func (s *utf8Scan) warning(base int64) string {
	return fmt.Sprintf("%d byte(s) not valid UTF-8 (first at byte %d); read as Windows-1252", s.bad, base+s.first)
}
