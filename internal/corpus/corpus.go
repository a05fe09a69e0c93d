// Package corpus reads the shared news corpora that sourcecheck uses for
// robustness runs, benchmarks and labelled evaluation sets.
//
// The corpora live outside the repository (by default in ../shared/corpora
// beside the checkout) because their texts are their publishers' copyright:
// code in this package reads them in place and nothing here copies them into
// the repository. Three collections are supported:
//
//   - bbc-news: BBC News 2004–05, one article per file, bbc/<category>/NNN.txt;
//   - reuters21578: Reuters-21578 SGML files reut2-NNN.sgm, one article per
//     <REUTERS> element that has a <BODY>;
//   - fakes-syria: the FA-KES CSV (Windows-1252), one article per row.
//
// Every Article carries a Ref that names it stably ("bbc-news/bbc/business/001.txt",
// "reuters21578/reut2-000.sgm#NEWID=5", "fakes-syria/fakes.csv#unit_id=123");
// Load reads one article back from its Ref. Article.Body is always valid
// UTF-8 and is exactly the text that label offsets point into (see
// eval/labels/GUIDELINES.md).
package corpus

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// EnvRoot is the environment variable that, when set, names the corpora
// directory and overrides the search beside the checkout.
const EnvRoot = "SOURCECHECK_CORPORA"

// Collection directory names under the corpora root; they are also the first
// element of every Ref.
const (
	BBCDir     = "bbc-news"
	ReutersDir = "reuters21578"
	FakesDir   = "fakes-syria"
)

// FormatText is the Article.Format of plain-text articles, the only format
// the corpora provide.
const FormatText = "text"

// ErrNotFound is returned (wrapped) by Load when a well-formed ref names an
// article that is not in the corpus.
var ErrNotFound = errors.New("article not found")

// Article is one news article read from a corpus.
type Article struct {
	// Ref names the article within the corpora root, for example
	// "bbc-news/bbc/business/001.txt", "reuters21578/reut2-000.sgm#NEWID=5"
	// or "fakes-syria/fakes.csv#unit_id=123" ("…#unit_id=123/2" for the
	// second row carrying a repeated unit_id; see ParseFakesCSV).
	Ref string
	// Title is the headline: the first line of a BBC file, the Reuters
	// <TITLE> (entities decoded) or the FA-KES article_title field.
	Title string
	// Body is the article text as UTF-8: the whole BBC file, the decoded
	// Reuters <BODY> content or the FA-KES article_content field.
	Body string
	// Format is the text format of Body; always FormatText for these corpora.
	Format string
}

// Root locates the shared corpora directory. It returns the value of the
// SOURCECHECK_CORPORA environment variable when that is set; otherwise it
// walks up from the working directory to the directory holding go.mod and
// uses ../shared/corpora beside it. The boolean is false when no such
// directory exists, in which case callers should skip with a message.
func Root() (string, bool) {
	if env := os.Getenv(EnvRoot); env != "" {
		return env, isDir(env)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			root := filepath.Join(filepath.Dir(dir), "shared", "corpora")
			return root, isDir(root)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// All returns every article of the three collections: BBC, then Reuters,
// then FA-KES.
func All(root string) ([]Article, error) {
	var all []Article
	for _, load := range []func(string) ([]Article, error){BBC, Reuters, Fakes} {
		arts, err := load(root)
		if err != nil {
			return nil, err
		}
		all = append(all, arts...)
	}
	return all, nil
}

// Load reads the single article that ref names (see Article.Ref).
func Load(root, ref string) (Article, error) {
	file, frag, _ := strings.Cut(ref, "#")
	if file == "" || path.Clean(file) != file || strings.HasPrefix(file, "../") || path.IsAbs(file) {
		return Article{}, fmt.Errorf("corpus: invalid ref %q", ref)
	}
	coll, _, _ := strings.Cut(file, "/")
	switch coll {
	case BBCDir:
		if frag != "" || !strings.HasSuffix(file, ".txt") {
			return Article{}, fmt.Errorf("corpus: invalid BBC ref %q", ref)
		}
		a, err := readBBC(root, file)
		if errors.Is(err, fs.ErrNotExist) {
			return Article{}, fmt.Errorf("corpus: %s: %w: %w", ref, ErrNotFound, err)
		}
		return a, err
	case ReutersDir:
		id, ok := strings.CutPrefix(frag, "NEWID=")
		if !ok || id == "" {
			return Article{}, fmt.Errorf("corpus: invalid Reuters ref %q (want FILE#NEWID=N)", ref)
		}
		arts, err := readReutersFile(root, file)
		if err != nil {
			return Article{}, err
		}
		return find(arts, ref)
	case FakesDir:
		id, ok := strings.CutPrefix(frag, "unit_id=")
		if !ok || id == "" || file != FakesDir+"/fakes.csv" {
			return Article{}, fmt.Errorf("corpus: invalid FA-KES ref %q (want %s/fakes.csv#unit_id=N)", ref, FakesDir)
		}
		arts, err := Fakes(root)
		if err != nil {
			return Article{}, err
		}
		return find(arts, ref)
	default:
		return Article{}, fmt.Errorf("corpus: ref %q: unknown collection %q", ref, coll)
	}
}

func find(arts []Article, ref string) (Article, error) {
	for _, a := range arts {
		if a.Ref == ref {
			return a, nil
		}
	}
	return Article{}, fmt.Errorf("corpus: %s: %w", ref, ErrNotFound)
}

// BBC returns the 2,225 BBC News articles under root/bbc-news/bbc, sorted by
// Ref. Body is the file's bytes (headline line included) and Title its first
// line. The one file that is not valid UTF-8, sport/199.txt (a raw
// Windows-1252 "£" byte), is decoded from Windows-1252 so that every Body is
// valid UTF-8; its offsets therefore differ from the raw file's.
func BBC(root string) ([]Article, error) {
	pattern := filepath.Join(root, BBCDir, "bbc", "*", "*.txt")
	files, err := filepath.Glob(pattern)
	if err != nil {
		return nil, fmt.Errorf("corpus: bbc: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("corpus: bbc: no files match %s: %w", pattern, fs.ErrNotExist)
	}
	arts := make([]Article, 0, len(files))
	for _, f := range files {
		rel, err := filepath.Rel(root, f)
		if err != nil {
			return nil, fmt.Errorf("corpus: bbc: %w", err)
		}
		a, err := readBBC(root, filepath.ToSlash(rel))
		if err != nil {
			return nil, err
		}
		arts = append(arts, a)
	}
	slices.SortFunc(arts, func(a, b Article) int { return strings.Compare(a.Ref, b.Ref) })
	return arts, nil
}

func readBBC(root, ref string) (Article, error) {
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ref)))
	if err != nil {
		return Article{}, fmt.Errorf("corpus: bbc: %w", err)
	}
	body, err := toUTF8(b)
	if err != nil {
		return Article{}, fmt.Errorf("corpus: %s: %w", ref, err)
	}
	title, _, _ := strings.Cut(body, "\n")
	return Article{Ref: ref, Title: strings.TrimSpace(title), Body: body, Format: FormatText}, nil
}

// toUTF8 returns b as a string, decoding it from Windows-1252 when it is not
// valid UTF-8.
func toUTF8(b []byte) (string, error) {
	if utf8.Valid(b) {
		return string(b), nil
	}
	return decode1252(b)
}

func decode1252(b []byte) (string, error) {
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("decoding Windows-1252: %w", err)
	}
	return string(out), nil
}

// Reuters returns every Reuters-21578 story with a <BODY> in the
// root/reuters21578/reut2-*.sgm files (7,319 in files 000–007), in file
// and document order. Body is the <BODY> element's content with the SGML
// entities &lt; &gt; &amp; and &#N; decoded and nothing else changed: the
// hard line wraps, the trailing " Reuter" and the decoded &#3; end-of-text
// control character are kept. Title is the decoded <TITLE>, "" when absent.
func Reuters(root string) ([]Article, error) {
	pattern := filepath.Join(root, ReutersDir, "reut2-*.sgm")
	files, err := filepath.Glob(pattern)
	if err != nil {
		return nil, fmt.Errorf("corpus: reuters: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("corpus: reuters: no files match %s: %w", pattern, fs.ErrNotExist)
	}
	slices.Sort(files)
	var arts []Article
	for _, f := range files {
		a, err := readReutersFile(root, ReutersDir+"/"+filepath.Base(f))
		if err != nil {
			return nil, err
		}
		arts = append(arts, a...)
	}
	return arts, nil
}

func readReutersFile(root, name string) ([]Article, error) {
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("corpus: %s: %w: %w", name, ErrNotFound, err)
		}
		return nil, fmt.Errorf("corpus: reuters: %w", err)
	}
	arts, err := ParseReutersSGML(name, b)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return arts, nil
}

// ParseReutersSGML scans one Reuters-21578 SGML file and returns an Article
// for every <REUTERS …NEWID="N"> document that has a <BODY>. name is the
// file's ref ("reuters21578/reut2-000.sgm") and prefixes each Article.Ref.
// The scanner is deliberately small: it relies on the collection's regular
// layout (one start tag per document, unnested TITLE and BODY elements) and
// reports an error rather than guessing when that layout is broken.
func ParseReutersSGML(name string, data []byte) ([]Article, error) {
	var arts []Article
	rest := data
	for {
		i := bytes.Index(rest, []byte("<REUTERS"))
		if i < 0 {
			return arts, nil
		}
		rest = rest[i:]
		tagEnd := bytes.IndexByte(rest, '>')
		if tagEnd < 0 {
			return nil, fmt.Errorf("%s: unterminated <REUTERS> tag", name)
		}
		id, ok := sgmlAttr(rest[:tagEnd], "NEWID")
		if !ok {
			return nil, fmt.Errorf("%s: <REUTERS> tag without NEWID", name)
		}
		docEnd := bytes.Index(rest, []byte("</REUTERS>"))
		if docEnd < 0 {
			return nil, fmt.Errorf("%s: NEWID=%s: missing </REUTERS>", name, id)
		}
		doc := rest[tagEnd+1 : docEnd]
		rest = rest[docEnd+len("</REUTERS>"):]

		body, hasBody, err := sgmlElement(doc, "BODY")
		if err != nil {
			return nil, fmt.Errorf("%s: NEWID=%s: %w", name, id, err)
		}
		if !hasBody {
			continue
		}
		title, _, err := sgmlElement(doc, "TITLE")
		if err != nil {
			return nil, fmt.Errorf("%s: NEWID=%s: %w", name, id, err)
		}
		arts = append(arts, Article{
			Ref:    name + "#NEWID=" + id,
			Title:  title,
			Body:   body,
			Format: FormatText,
		})
	}
}

// sgmlAttr returns the value of attribute name (NAME="value") in a start tag.
func sgmlAttr(tag []byte, name string) (string, bool) {
	key := []byte(" " + name + `="`)
	i := bytes.Index(tag, key)
	if i < 0 {
		return "", false
	}
	v := tag[i+len(key):]
	j := bytes.IndexByte(v, '"')
	if j < 0 {
		return "", false
	}
	return string(v[:j]), true
}

// sgmlElement returns the entity-decoded content of the first <name>…</name>
// element in doc, and whether there is one.
func sgmlElement(doc []byte, name string) (string, bool, error) {
	open, closing := []byte("<"+name+">"), []byte("</"+name+">")
	i := bytes.Index(doc, open)
	if i < 0 {
		return "", false, nil
	}
	content := doc[i+len(open):]
	j := bytes.Index(content, closing)
	if j < 0 {
		return "", false, fmt.Errorf("<%s> without </%s>", name, name)
	}
	s, err := DecodeEntities(string(content[:j]))
	if err != nil {
		return "", false, fmt.Errorf("<%s>: %w", name, err)
	}
	return s, true, nil
}

// DecodeEntities decodes the SGML entities that occur in Reuters-21578:
// &lt;, &gt;, &amp; and numeric character references &#N;. Any other "&" is
// left as it is. It fails on a numeric reference that is not a valid
// Unicode scalar value.
func DecodeEntities(s string) (string, error) {
	if !strings.Contains(s, "&") {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		b.WriteString(s[:i])
		s = s[i:]
		semi := strings.IndexByte(s, ';')
		if semi < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		ent := s[1:semi]
		switch {
		case ent == "lt":
			b.WriteByte('<')
		case ent == "gt":
			b.WriteByte('>')
		case ent == "amp":
			b.WriteByte('&')
		case len(ent) > 1 && ent[0] == '#' && isDigits(ent[1:]):
			n, err := strconv.ParseUint(ent[1:], 10, 32)
			if err != nil || !utf8.ValidRune(rune(n)) {
				return "", fmt.Errorf("invalid character reference &%s;", ent)
			}
			b.WriteRune(rune(n))
		default:
			// Not an entity we know: keep the "&" and scan on after it.
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		s = s[semi+1:]
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Fakes returns the 804 FA-KES articles of root/fakes-syria/fakes.csv in
// file order. The file is decoded from Windows-1252 (undefined bytes such as
// 0x81 map to the C1 control of the same value) before CSV parsing. Body is
// the article_content field and Title the article_title field, both as the
// dataset's authors left them: most commas and apostrophes are stripped and
// each body starts with a "Wed 05 Apr 2017 <title>. " prefix.
func Fakes(root string) ([]Article, error) {
	name := FakesDir + "/fakes.csv"
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		return nil, fmt.Errorf("corpus: fakes: %w", err)
	}
	text, err := decode1252(raw)
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", name, err)
	}
	arts, err := ParseFakesCSV(name, strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return arts, nil
}

// ParseFakesCSV parses FA-KES CSV text that is already UTF-8. name is the
// file's ref ("fakes-syria/fakes.csv") and prefixes each Article.Ref. The
// header must name the columns unit_id, article_title and article_content.
//
// unit_id is not unique in the published file (9 ids occur on 2–4 rows,
// some identical, some not), so the first row with an id is
// "<name>#unit_id=N" and later rows with the same id are
// "<name>#unit_id=N/2", "<name>#unit_id=N/3", … in file order.
func ParseFakesCSV(name string, r io.Reader) ([]Article, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	var idx [3]int
	for k, want := range []string{"unit_id", "article_title", "article_content"} {
		i, ok := col[want]
		if !ok {
			return nil, fmt.Errorf("%s: header has no %q column", name, want)
		}
		idx[k] = i
	}
	var arts []Article
	seen := map[string]int{} // rows seen per unit_id
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return arts, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		id := strings.TrimSpace(rec[idx[0]])
		if id == "" {
			line, _ := cr.FieldPos(idx[0])
			return nil, fmt.Errorf("%s:%d: empty unit_id", name, line)
		}
		seen[id]++
		ref := name + "#unit_id=" + id
		if n := seen[id]; n > 1 {
			ref += "/" + strconv.Itoa(n)
		}
		arts = append(arts, Article{
			Ref:    ref,
			Title:  rec[idx[1]],
			Body:   rec[idx[2]],
			Format: FormatText,
		})
	}
}

// jsonlRecord is one line of WriteJSONL output.
type jsonlRecord struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

// WriteJSONL writes arts to w as JSON Lines, one {"id","title","body"} object
// per article with id set to Article.Ref. It is meant for corpus runs of the
// CLI; write the output to a temporary directory, never into the repository.
func WriteJSONL(w io.Writer, arts []Article) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		if err := enc.Encode(jsonlRecord{ID: a.Ref, Title: a.Title, Body: a.Body}); err != nil {
			return fmt.Errorf("corpus: writing %s: %w", a.Ref, err)
		}
	}
	return nil
}
