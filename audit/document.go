package audit

// Format is the markup an article is written in.
type Format string

// The input formats sourcecheck reads.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
)

// Meta is what an article says about itself beyond its text. Fields come
// from JSON Lines records; for files only ID is set (to the path).
type Meta struct {
	ID        string `json:"id,omitempty"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
}

// Document is one article: its text as read and, once Structure has run,
// its blocks, sentences and quotations.
type Document struct {
	// Path names where the article came from: a file path, "-" for
	// standard input. Articles from JSON Lines share their file's path and
	// differ by Record and Meta.ID.
	Path string
	// Record is the 1-based line of a JSON Lines file the article was read
	// from; 0 for whole files.
	Record int
	Meta   Meta
	Format Format
	// Encoding names how the input bytes were decoded: "utf-8",
	// "utf-8-bom", "utf-16le", "utf-16be" or "windows-1252".
	Encoding string
	// Text is the article's UTF-8 text as read (for JSON Lines: the decoded
	// body). Every Span points into it.
	Text string
	// Warnings are non-fatal remarks about reading the article (a
	// transcoded encoding, an invalid byte replaced).
	Warnings []string

	Blocks    []Block
	Sentences []Sentence
	Quotes    []Quote

	// Claims, Sources and VagueCues are filled by Analyze. VagueCues lists
	// every vague attribution cue in the article's editorial text
	// ("reportedly", "are said to have been"), whether or not it qualifies
	// a claim.
	Claims    []Claim
	Sources   []Source
	VagueCues []Cue

	view *View
	// viewLower is view.Text with its ASCII letters lower-cased, or ""
	// until a stage needs it (see lowerView): the quotation finder and
	// the analyzer share one copy.
	viewLower string
	lines     *lineIndex
	// registry is what Analyze found of the source registry: the checks
	// read it rather than match every sentence again.
	registry *registryMatches
	// loaded is what Analyze found of the loaded reporting verbs: the
	// sentences the loaded-verb check need not scan.
	loaded loadedScreen
	// exist is what Analyze found of the phrases of an engine's
	// existence rules: the sentences they need not scan.
	exist existenceBits
}

// NewDocument returns a document for text that is already UTF-8.
func NewDocument(path string, format Format, text string) *Document {
	return &Document{Path: path, Format: format, Encoding: "utf-8", Text: text, Meta: Meta{ID: path}}
}

// Position returns the line and column of byte offset off in Text.
func (d *Document) Position(off int) Position {
	if d.lines == nil {
		d.lines = newLineIndex(d.Text)
	}
	return d.lines.position(d.Text, off)
}

// lowerView returns the prose view with its ASCII letters lower-cased,
// byte for byte, made once per structure.
func (d *Document) lowerView() string {
	if d.viewLower == "" && d.view != nil {
		d.viewLower = lowerASCII(d.view.Text)
	}
	return d.viewLower
}

// View returns the prose view the detectors read. It is nil until
// Structure has run.
func (d *Document) View() *View { return d.view }

// Slice returns the source text a span covers.
func (d *Document) Slice(s Span) string {
	if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// BlockKind classifies a block of an article.
type BlockKind string

// Block kinds. Only body, headline and subheading blocks are editorial text
// whose claims are audited; the rest is the page around the article.
const (
	BlockHeadline   BlockKind = "headline"
	BlockSubheading BlockKind = "subheading"
	BlockBody       BlockKind = "body"
	BlockMeta       BlockKind = "meta"
	BlockByline     BlockKind = "byline"
	BlockCaption    BlockKind = "caption"
	BlockAd         BlockKind = "ad"
	BlockRelated    BlockKind = "related"
	BlockNav        BlockKind = "nav"
)

// BlockKinds lists every block kind in a stable order.
var BlockKinds = []BlockKind{BlockHeadline, BlockSubheading, BlockBody, BlockMeta, BlockByline, BlockCaption, BlockAd, BlockRelated, BlockNav}

// Editorial reports whether text of this kind is the article's own prose.
func (k BlockKind) Editorial() bool {
	return k == BlockHeadline || k == BlockSubheading || k == BlockBody
}

// Block is a paragraph-level unit of an article: a paragraph, a heading, a
// caption, a list item, or a piece split off a line at an ad seam.
type Block struct {
	Span
	Kind BlockKind `json:"kind"`
	// Reason says why the block got its kind: the cue that matched, or the
	// markup it came from.
	Reason string `json:"reason"`
	// Text is the block's prose as the detectors read it.
	Text string `json:"-"`
	// Hint is the markup the block came from ("h1", "figcaption", "li",
	// "p"), empty for plain text.
	Hint string `json:"-"`
	view Span
}

// ViewSpan returns the block's range in the prose view.
func (b Block) ViewSpan() Span { return b.view }

// Sentence is a sentence of a block.
type Sentence struct {
	Span
	Block int    `json:"block"`
	Text  string `json:"-"`
	view  Span
}

// ViewSpan returns the sentence's range in the prose view.
func (s Sentence) ViewSpan() Span { return s.view }

// QuoteKind classifies a quotation.
type QuoteKind string

// Quote kinds.
const (
	// QuoteDirect is a full utterance: “We heard an explosion…”.
	QuoteDirect QuoteKind = "direct"
	// QuotePartial is a quoted phrase inside the writer's sentence: use
	// “force” to eradicate “terrorism”.
	QuotePartial QuoteKind = "partial"
	// QuoteScare is a term in quotation marks that nobody is quoted as
	// saying: the “government” proclaimed by HTS.
	QuoteScare QuoteKind = "scare"
	// QuoteDash is a quotation introduced by a dash, as Scandinavian papers
	// write them: – Our forces have begun…, says the coalition.
	QuoteDash QuoteKind = "dash"
)

// Quote is a quotation. Span covers the quotation marks (or the dash) and
// the quoted text; Inner covers the quoted text alone.
type Quote struct {
	Span
	Inner Span      `json:"inner"`
	Text  string    `json:"text"`
	Kind  QuoteKind `json:"kind"`
	// Open and Close are the marks used ("“", "»", "–"); Close is empty
	// when the quote was never closed.
	Open  string `json:"open"`
	Close string `json:"close"`
	// Closed is false for a quote whose closing mark is missing: left open
	// at the end of a paragraph, or lost (“I can't realizehe confides.).
	Closed bool `json:"closed"`
	// Continues is true for a quote that continues the previous one after
	// a paragraph break or a speech tag.
	Continues bool `json:"continues,omitempty"`
	// Level is 0 for a top-level quote and 1 or more for a quote nested in
	// another.
	Level int `json:"level,omitempty"`
	// Speaker is who the quotation is credited to, once Analyze has run;
	// nil when nobody is.
	Speaker *SourceRef `json:"speaker"`
	Block   int        `json:"block"`
	Reason  string     `json:"reason,omitempty"`
	view    Span
	inner   Span // inner, in view coordinates
}

// ViewSpan returns the quote's range in the prose view.
func (q Quote) ViewSpan() Span { return q.view }

// InnerViewSpan returns the quoted text's range in the prose view.
func (q Quote) InnerViewSpan() Span { return q.inner }
