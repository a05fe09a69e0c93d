// Package eval holds sourcecheck's hand-labelled evaluation set and the code
// that loads and checks it.
//
// Labels live in eval/labels/<set>/<name>.yaml, one file per article, in the
// format that eval/labels/GUIDELINES.md defines: byte-offset spans for
// quotations (with their speakers), figures (with their sources) and vague
// attribution cues, each pinned to the article text by hashes so that a
// label that drifts from its text fails loudly.
package eval

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// CorpusPrefix starts the Article field of labels whose text lives in the
// shared corpora rather than in the repository.
const CorpusPrefix = "corpus:"

// ErrNoCorpora is returned (wrapped) by ArticleText for a corpus article
// when no corpora root is given; callers skip such labels with a message.
var ErrNoCorpora = errors.New("corpora not available")

// Quote kinds (QuoteLabel.Kind).
const (
	KindDirect  = "direct"
	KindDash    = "dash"
	KindPartial = "partial"
)

// Figure subkinds (FigureLabel.Subkind).
const (
	SubkindCasualty     = "casualty"
	SubkindDisplacement = "displacement"
	SubkindTerritory    = "territory"
	SubkindMoney        = "money"
	SubkindOther        = "other"
)

var (
	quoteKinds     = []string{KindDirect, KindDash, KindPartial}
	figureSubkinds = []string{SubkindCasualty, SubkindDisplacement, SubkindTerritory, SubkindMoney, SubkindOther}
	sha256Re       = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// Label is one labelled article: the contents of one YAML file.
type Label struct {
	// Article names the text: a repository path such as
	// "seeds/001_9103c398c3a097b7.txt", or "corpus:" followed by a
	// corpus.Article ref such as "corpus:reuters21578/reut2-000.sgm#NEWID=5".
	Article string `yaml:"article"`
	// SHA256 is the lowercase hex SHA-256 of the article text.
	SHA256 string `yaml:"sha256"`
	// Labeller says who labelled the article.
	Labeller string `yaml:"labeller"`
	// Notes records hard calls, in free text.
	Notes string `yaml:"notes,omitempty"`
	// Quotes, Figures and Vague are the labelled items, each list sorted by
	// Start with no overlaps.
	Quotes  []QuoteLabel  `yaml:"quotes"`
	Figures []FigureLabel `yaml:"figures"`
	Vague   []VagueLabel  `yaml:"vague"`

	// File is the path the label was loaded from ("" when built in code).
	File string `yaml:"-"`
}

// Span is the part common to every labelled item: a byte range of the
// article text and its drift check.
type Span struct {
	// Start and End are byte offsets [Start, End) into the article text.
	Start int `yaml:"start"`
	End   int `yaml:"end"`
	// H is the first 8 hex digits of the SHA-256 of text[Start:End].
	H string `yaml:"h"`
	// Text optionally repeats text[Start:End] for readability. Only seed
	// labels may carry it: corpus text must never be copied into the repo.
	Text string `yaml:"text,omitempty"`

	// Line is the line of the item in its YAML file (0 when unknown).
	Line int `yaml:"-"`
}

// QuoteLabel is a quotation someone is quoted as saying; the span is the
// quoted text between the marks.
type QuoteLabel struct {
	Span `yaml:",inline"`
	// Kind is KindDirect, KindDash or KindPartial.
	Kind string `yaml:"kind"`
	// Speaker is who the article credits the quote to, "" when nobody.
	Speaker string `yaml:"speaker"`
}

// FigureLabel is a quantity phrase (qualifier + number + counted noun).
type FigureLabel struct {
	Span `yaml:",inline"`
	// Subkind is one of the Subkind constants.
	Subkind string `yaml:"subkind"`
	// Source is who the article credits the figure to, "" when nobody.
	Source string `yaml:"source"`
	// Vague is true when the only credit is a vague attribution; Source
	// then holds the vague description ("congressional sources") or "".
	Vague bool `yaml:"vague"`
}

// VagueLabel is a vague-attribution cue such as "reportedly".
type VagueLabel struct {
	Span `yaml:",inline"`
}

// IsCorpus reports whether the label's article lives in the shared corpora.
func (l Label) IsCorpus() bool { return strings.HasPrefix(l.Article, CorpusPrefix) }

// ShortHash returns the first 8 hex digits of the SHA-256 of s, the value of
// a span's H field.
func ShortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}

// LoadLabels reads every *.yaml label file under dir (recursively), in
// lexical path order. Decoding is strict: unknown fields, type errors and
// files holding more than one YAML document are errors, reported as
// file:line. Item positions are recorded in Span.Line. LoadLabels checks
// the files' form only; Validate checks them against the article text.
func LoadLabels(dir string) ([]Label, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".yaml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("eval: listing labels: %w", err)
	}
	slices.Sort(files)
	labels := make([]Label, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		l, err := ParseLabel(f, data)
		if err != nil {
			return nil, err
		}
		labels = append(labels, l)
	}
	return labels, nil
}

// yamlLineRe matches the "line N: " that yaml.v3 puts in its messages.
var yamlLineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// ParseLabel decodes one label file's contents strictly; name is used in
// error messages (name:line: …) and stored in Label.File.
func ParseLabel(name string, data []byte) (Label, error) {
	var l Label
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&l); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			msgs := make([]string, len(te.Errors))
			for i, m := range te.Errors {
				msgs[i] = withFileLine(name, m)
			}
			return Label{}, fmt.Errorf("eval: %s: %w", strings.Join(msgs, "; "), err)
		}
		return Label{}, fmt.Errorf("eval: %s: %w", withFileLine(name, err.Error()), err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return Label{}, fmt.Errorf("eval: %s:%d: more than one YAML document", name, extra.Line)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return Label{}, fmt.Errorf("eval: %s: %w", name, err)
	}
	lines := itemLines(&root)
	for i := range l.Quotes {
		l.Quotes[i].Line = at(lines["quotes"], i)
	}
	for i := range l.Figures {
		l.Figures[i].Line = at(lines["figures"], i)
	}
	for i := range l.Vague {
		l.Vague[i].Line = at(lines["vague"], i)
	}
	l.File = name
	return l, nil
}

// withFileLine rewrites yaml.v3's "line N: msg" as "name:N: msg".
func withFileLine(name, msg string) string {
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		return name + ":" + m[1] + ": " + msg[len(m[0]):]
	}
	return name + ": " + strings.TrimPrefix(msg, "yaml: ")
}

// itemLines maps each top-level sequence key to the lines of its items.
func itemLines(doc *yaml.Node) map[string][]int {
	out := map[string][]int{}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return out
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		if val.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range val.Content {
			out[key.Value] = append(out[key.Value], item.Line)
		}
	}
	return out
}

func at(xs []int, i int) int {
	if i < len(xs) {
		return xs[i]
	}
	return 0
}

// ArticleText returns the text a label's offsets point into. Repository
// articles ("seeds/…") are read from repoRoot; corpus articles
// ("corpus:<ref>") are read with corpus.Load from corporaRoot, and fail with
// ErrNoCorpora when corporaRoot is "".
func ArticleText(l Label, repoRoot, corporaRoot string) (string, error) {
	if ref, ok := strings.CutPrefix(l.Article, CorpusPrefix); ok {
		if corporaRoot == "" {
			return "", fmt.Errorf("eval: %s: %w", l.Article, ErrNoCorpora)
		}
		a, err := corpus.Load(corporaRoot, ref)
		if err != nil {
			return "", fmt.Errorf("eval: %s: %w", l.Article, err)
		}
		return a.Body, nil
	}
	p := l.Article
	if p == "" || path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("eval: article %q: want a clean path inside the repository or %s<ref>", p, CorpusPrefix)
	}
	b, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(p)))
	if err != nil {
		return "", fmt.Errorf("eval: %w", err)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("eval: %s: not valid UTF-8", p)
	}
	return string(b), nil
}

// Validate checks a label against its article text: the SHA-256 of the
// text, every span's bounds (inside the text, on UTF-8 boundaries,
// non-empty), its H and optional Text, the quote kinds and figure subkinds,
// and that each list is sorted by start with no overlaps. Corpus labels may
// not carry Text. All problems are returned together, each as file:line.
func (l Label) Validate(text string) error {
	var errs []error
	fail := func(line int, format string, args ...any) {
		pos := l.File
		if line > 0 {
			pos += ":" + strconv.Itoa(line)
		}
		errs = append(errs, fmt.Errorf("%s: %s", pos, fmt.Sprintf(format, args...)))
	}
	if l.Article == "" {
		fail(0, "no article")
	}
	if l.Labeller == "" {
		fail(0, "no labeller")
	}
	sum := sha256.Sum256([]byte(text))
	if got := hex.EncodeToString(sum[:]); !sha256Re.MatchString(l.SHA256) {
		fail(0, "sha256 %q is not 64 lowercase hex digits (text has %s)", l.SHA256, got)
	} else if got != l.SHA256 {
		fail(0, "sha256 %s does not match the article text (%s): the text changed", l.SHA256, got)
	}

	checkSpan := func(list string, i int, s Span) {
		switch {
		case s.Start < 0 || s.End > len(text) || s.Start >= s.End:
			fail(s.Line, "%s[%d]: span [%d,%d) is empty or outside the text (%d bytes)", list, i, s.Start, s.End, len(text))
			return
		case !utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])):
			fail(s.Line, "%s[%d]: span [%d,%d) splits a UTF-8 character", list, i, s.Start, s.End)
			return
		}
		got := text[s.Start:s.End]
		if h := ShortHash(got); s.H != h {
			fail(s.Line, "%s[%d]: h %q does not match span [%d,%d) (%s)", list, i, s.H, s.Start, s.End, h)
		}
		if s.Text != "" {
			if l.IsCorpus() {
				fail(s.Line, "%s[%d]: corpus labels must not copy article text (remove text:)", list, i)
			} else if s.Text != got {
				fail(s.Line, "%s[%d]: text %q differs from span [%d,%d) %q", list, i, s.Text, s.Start, s.End, got)
			}
		}
	}
	checkOrder := func(list string, spans []Span) {
		for i := 1; i < len(spans); i++ {
			if prev, cur := spans[i-1], spans[i]; cur.Start < prev.End {
				fail(cur.Line, "%s[%d]: span [%d,%d) is out of order with or overlaps [%d,%d)", list, i, cur.Start, cur.End, prev.Start, prev.End)
			}
		}
	}

	spans := make([]Span, 0, len(l.Quotes))
	for i, q := range l.Quotes {
		checkSpan("quotes", i, q.Span)
		if !slices.Contains(quoteKinds, q.Kind) {
			fail(q.Line, "quotes[%d]: kind %q, want one of %v", i, q.Kind, quoteKinds)
		}
		spans = append(spans, q.Span)
	}
	checkOrder("quotes", spans)

	spans = spans[:0]
	for i, f := range l.Figures {
		checkSpan("figures", i, f.Span)
		if !slices.Contains(figureSubkinds, f.Subkind) {
			fail(f.Line, "figures[%d]: subkind %q, want one of %v", i, f.Subkind, figureSubkinds)
		}
		spans = append(spans, f.Span)
	}
	checkOrder("figures", spans)

	spans = spans[:0]
	for i, v := range l.Vague {
		checkSpan("vague", i, v.Span)
		spans = append(spans, v.Span)
	}
	checkOrder("vague", spans)

	return errors.Join(errs...)
}
