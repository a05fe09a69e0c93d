package reports

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/sourcecheck/sourcecheck/audit"
)

// Indented JSON, fast.
//
// The JSON reports are indented as json.Encoder.SetIndent indents them.
// The encoder marshals a value compactly, then re-reads the result through
// encoding/json's validating scanner to indent it, a state-machine step per
// byte that cost more than the marshalling itself on the corpora (the JSON
// report of an article is some ten times its text). The compact output of
// json.Encoder is valid JSON without insignificant white space, so
// indenting it needs no scanner: only the punctuation outside strings
// matters, and strings are copied whole. appendIndentCompact does that,
// byte for byte as json.Indent would.

// appendIndentCompact appends to dst the compact JSON src indented as
// json.Indent(dst, src, prefix, indent) would indent it: every element and
// member on a new line starting with prefix and one indent per level of
// nesting, ": " after keys, empty objects and arrays left as {} and [].
// src must be valid JSON without white space outside strings, as
// json.Marshal and json.Encoder write it.
func appendIndentCompact(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	// open is set after '{' or '[': the newline before the first member
	// waits for it, so that an empty object or array stays {} or [].
	open := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = appendIndentNewline(dst, prefix, indent, depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = appendIndentNewline(dst, prefix, indent, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = appendIndentNewline(dst, prefix, indent, depth)
			}
			dst = append(dst, c)
		default:
			// A number or literal: copy it up to the punctuation after it.
			j := i + 1
			for j < len(src) && !isJSONPunct(src[j]) {
				j++
			}
			dst = append(dst, src[i:j]...)
			i = j - 1
		}
	}
	return dst
}

// stringEnd returns the offset just past the JSON string that opens at
// src[start] (a '"'), skipping escaped quotes.
func stringEnd(src []byte, start int) int {
	i := start + 1
	for {
		k := bytes.IndexByte(src[i:], '"')
		if k < 0 {
			return len(src) // not valid JSON; copy the rest
		}
		i += k
		// The quote is escaped when an odd number of backslashes precede it.
		n := 0
		for j := i - 1; j > start && src[j] == '\\'; j-- {
			n++
		}
		i++
		if n%2 == 0 {
			return i
		}
	}
}

func isJSONPunct(c byte) bool {
	switch c {
	case '"', '{', '}', '[', ']', ',', ':':
		return true
	}
	return false
}

func appendIndentNewline(dst []byte, prefix, indent string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}

// encodedBuffers holds the buffers articles of the JSON report are encoded
// into (see encodeArticle): an article's encoding goes back to the pool
// once it is written, so that the buffers, grown to the size of the
// largest articles, are reused rather than grown anew for each article.
var encodedBuffers = sync.Pool{New: func() any { return new([]byte) }}

// compactBuffers holds the buffers values are marshalled into before they
// are indented.
var compactBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// appendIndented appends v encoded as a json.Encoder with HTML escaping
// off and SetIndent(prefix, indent) encodes it, without the newline the
// encoder ends it with.
func appendIndented(dst []byte, v any, prefix, indent string) ([]byte, error) {
	buf := compactBuffers.Get().(*bytes.Buffer)
	defer compactBuffers.Put(buf)
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	compact := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return appendIndentCompact(dst, compact, prefix, indent), nil
}

// Articles of the JSON report, encoded by hand.
//
// An article of the JSON report is most of the report's bytes, and
// encoding/json spends most of its time on it in reflection, then
// appendIndentCompact re-reads its output to indent it. articleEncoder
// writes the article types straight into their indented form instead, in
// one pass, byte for byte as appendIndented writes them: the same field
// order and names, omitempty fields left out when empty, strings escaped as
// json.Encoder escapes them with HTML escaping off, and numbers formatted
// as it formats them. TestArticleEncoder holds the two to the same bytes;
// a field added to a type of the report must be added here too.

// articleEncoder appends indented JSON to buf: every member on a new line
// starting with prefix and one indent of two spaces per level of nesting.
type articleEncoder struct {
	buf    []byte
	prefix string
	depth  int
	// first is true after an object or array opens, until its first
	// member or element.
	first bool
}

// indentSpaces holds the indentation of the deepest lines an article has.
const indentSpaces = "                                "

// newline starts a line at the current depth.
func (e *articleEncoder) newline() {
	e.buf = append(e.buf, '\n')
	e.buf = append(e.buf, e.prefix...)
	if n := 2 * e.depth; n <= len(indentSpaces) {
		e.buf = append(e.buf, indentSpaces[:n]...)
		return
	}
	for range e.depth {
		e.buf = append(e.buf, "  "...)
	}
}

// open starts an object or array; c is '{' or '['.
func (e *articleEncoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.depth++
	e.first = true
}

// close ends the object or array open starts, c being '}' or ']'; an
// empty one stays {} or [].
func (e *articleEncoder) close(c byte) {
	e.depth--
	if !e.first {
		e.newline()
	}
	e.first = false
	e.buf = append(e.buf, c)
}

// next starts a member or element of the open object or array.
func (e *articleEncoder) next() {
	if !e.first {
		e.buf = append(e.buf, ',')
	}
	e.first = false
	e.newline()
}

// key starts a member; name needs no escaping.
func (e *articleEncoder) key(name string) {
	e.next()
	e.buf = append(e.buf, '"')
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, '"', ':', ' ')
}

func (e *articleEncoder) str(name, s string) {
	e.key(name)
	e.buf = appendJSONString(e.buf, s)
}

func (e *articleEncoder) int(name string, n int) {
	e.key(name)
	e.buf = strconv.AppendInt(e.buf, int64(n), 10)
}

func (e *articleEncoder) bool(name string, b bool) {
	e.key(name)
	e.buf = strconv.AppendBool(e.buf, b)
}

func (e *articleEncoder) float(name string, f float64) error {
	e.key(name)
	var err error
	e.buf, err = appendJSONFloat(e.buf, f)
	return err
}

func (e *articleEncoder) null(name string) {
	e.key(name)
	e.buf = append(e.buf, "null"...)
}

func (e *articleEncoder) location(l Location) {
	e.int("line", l.Line)
	e.int("column", l.Column)
	e.int("rune_column", l.RuneColumn)
}

func (e *articleEncoder) span(name string, start, end int) {
	e.key(name)
	e.open('{')
	e.int("start", start)
	e.int("end", end)
	e.close('}')
}

// auditArticle encodes art as AuditArticle marshals.
func (e *articleEncoder) auditArticle(art *AuditArticle) error {
	return e.auditArticleWith(art, func() error { return e.analysis(&art.Article) })
}

// auditArticleOf encodes art as AuditArticle marshals the article with
// doc's analysis, art holding none: as auditArticle encodes it after
// NewArticle(doc), without building the analysis's report model.
func (e *articleEncoder) auditArticleOf(art *AuditArticle, doc *audit.Document) error {
	return e.auditArticleWith(art, func() error { return e.docAnalysis(doc) })
}

// auditArticleWith encodes art with the analysis analysis encodes.
func (e *articleEncoder) auditArticleWith(art *AuditArticle, analysis func() error) error {
	e.open('{')
	e.articleHead(&art.Article)
	if err := analysis(); err != nil {
		return err
	}
	e.key("findings")
	if art.Findings == nil {
		e.buf = append(e.buf, "null"...)
	} else {
		e.open('[')
		for i := range art.Findings {
			e.next()
			e.finding(&art.Findings[i])
		}
		e.close(']')
	}
	e.key("metrics")
	if err := e.metrics(&art.Metrics); err != nil {
		return err
	}
	e.close('}')
	return nil
}

// array encodes the slice s under name with one call of elem per element,
// or null for a nil slice.
func array[T any](e *articleEncoder, name string, s []T, elem func(*T)) {
	if s == nil {
		e.null(name)
		return
	}
	list(e, name, s, elem)
}

// list encodes the slice s under name as array does, a nil slice as []:
// as NewArticle makes the slices of a document.
func list[T any](e *articleEncoder, name string, s []T, elem func(*T)) {
	e.key(name)
	e.open('[')
	for i := range s {
		e.next()
		elem(&s[i])
	}
	e.close(']')
}

// articleHead encodes the members of a (an Article) before its analysis.
func (e *articleEncoder) articleHead(a *Article) {
	e.str("path", a.Path)
	if a.ID != "" {
		e.str("id", a.ID)
	}
	if a.Record != 0 {
		e.int("record", a.Record)
	}
	if m := a.Meta; m != nil {
		e.key("meta")
		e.open('{')
		for _, f := range [...]struct{ name, v string }{{"id", m.ID}, {"title", m.Title}, {"url", m.URL},
			{"outlet", m.Outlet}, {"published", m.Published}} {
			if f.v != "" {
				e.str(f.name, f.v)
			}
		}
		e.close('}')
	}
	e.str("format", a.Format)
	e.str("encoding", a.Encoding)
	e.int("bytes", a.Bytes)
	if len(a.Warnings) > 0 {
		array(e, "warnings", a.Warnings, func(s *string) { e.buf = appendJSONString(e.buf, *s) })
	}
}

// analysis encodes the members of a (an Article) from its blocks on.
func (e *articleEncoder) analysis(a *Article) error {
	array(e, "blocks", a.Blocks, e.block)
	array(e, "sentences", a.Sentences, e.sentence)
	array(e, "quotes", a.Quotes, e.quote)
	var err error
	array(e, "claims", a.Claims, func(c *Claim) {
		if cerr := e.claim(c); cerr != nil && err == nil {
			err = cerr
		}
	})
	if err != nil {
		return err
	}
	array(e, "sources", a.Sources, func(s *Source) {
		e.source(s, func() {
			array(e, "mentions", s.Mentions, func(r *Range) { e.rangeValue(r.Start, r.End) })
		})
	})
	array(e, "vague_cues", a.VagueCues, e.cue)
	return nil
}

// docAnalysis encodes the analysis of doc as analysis encodes that of
// NewArticle(doc), converting each element with NewArticle's conversions
// one at a time rather than building the whole model first.
func (e *articleEncoder) docAnalysis(doc *audit.Document) error {
	list(e, "blocks", doc.Blocks, func(b *audit.Block) { b2 := reportBlock(doc, b); e.block(&b2) })
	list(e, "sentences", doc.Sentences, func(s *audit.Sentence) { s2 := reportSentence(doc, s); e.sentence(&s2) })
	list(e, "quotes", doc.Quotes, func(q *audit.Quote) { q2 := reportQuote(doc, q); e.quote(&q2) })
	var err error
	list(e, "claims", doc.Claims, func(c *audit.Claim) {
		rc := reportClaim(doc, c)
		if cerr := e.claim(&rc); cerr != nil && err == nil {
			err = cerr
		}
	})
	if err != nil {
		return err
	}
	list(e, "sources", doc.Sources, func(s *audit.Source) {
		rs := reportSource(s)
		e.source(&rs, func() {
			// NewArticle makes Mentions, so that none is null.
			e.key("mentions")
			e.open('[')
			for _, m := range s.Mentions {
				e.next()
				e.rangeValue(m.Start, m.End)
			}
			e.close(']')
		})
	})
	list(e, "vague_cues", doc.VagueCues, func(v *audit.Cue) { c := reportCue(v); e.cue(&c) })
	return nil
}

func (e *articleEncoder) block(b *Block) {
	e.open('{')
	e.str("kind", b.Kind)
	e.int("start", b.Start)
	e.int("end", b.End)
	e.str("reason", b.Reason)
	e.location(b.Location)
	e.str("text", b.Text)
	e.close('}')
}

func (e *articleEncoder) sentence(s *Sentence) {
	e.open('{')
	e.int("start", s.Start)
	e.int("end", s.End)
	e.int("block", s.Block)
	e.location(s.Location)
	e.str("text", s.Text)
	e.close('}')
}

// source encodes s, its mentions as mentions encodes them.
func (e *articleEncoder) source(s *Source, mentions func()) {
	e.open('{')
	e.str("id", s.ID)
	e.str("name", s.Name)
	e.str("type", s.Type)
	mentions()
	if s.Descriptor != "" {
		e.str("descriptor", s.Descriptor)
	}
	if s.Party {
		e.bool("party_to_conflict", true)
	}
	if s.Registry {
		e.bool("registry", true)
	}
	e.close('}')
}

// rangeValue encodes a Range.
func (e *articleEncoder) rangeValue(start, end int) {
	e.open('{')
	e.int("start", start)
	e.int("end", end)
	e.close('}')
}

func (e *articleEncoder) cue(c *Cue) {
	e.open('{')
	e.str("text", c.Text)
	e.int("start", c.Start)
	e.int("end", c.End)
	e.close('}')
}

func (e *articleEncoder) quote(q *Quote) {
	e.open('{')
	e.int("start", q.Start)
	e.int("end", q.End)
	e.str("text", q.Text)
	e.str("kind", q.Kind)
	e.str("open", q.Open)
	e.str("close", q.Close)
	e.bool("closed", q.Closed)
	e.bool("continues", q.Continues)
	e.int("level", q.Level)
	e.int("block", q.Block)
	e.span("inner", q.Inner.Start, q.Inner.End)
	if q.Reason != "" {
		e.str("reason", q.Reason)
	}
	if s := q.Speaker; s != nil {
		e.key("speaker")
		e.open('{')
		e.str("name", s.Name)
		e.str("source_id", s.SourceID)
		e.str("type", s.Type)
		e.close('}')
	} else {
		e.null("speaker")
	}
	e.location(q.Location)
	e.close('}')
}

func (e *articleEncoder) claim(c *Claim) error {
	e.open('{')
	e.int("start", c.Start)
	e.int("end", c.End)
	e.str("text", c.Text)
	e.str("kind", c.Kind)
	e.str("subkind", c.Subkind)
	if q := c.Quantity; q != nil {
		e.key("quantity")
		e.open('{')
		if err := e.float("min", q.Min); err != nil {
			return err
		}
		if err := e.float("max", q.Max); err != nil {
			return err
		}
		e.bool("exact", q.Exact)
		if q.Approx != "" {
			e.str("approx", q.Approx)
		}
		if q.Unit != "" {
			e.str("unit", q.Unit)
		}
		e.close('}')
	}
	if at := c.Attribution; at != nil {
		e.key("attribution")
		e.open('{')
		e.key("source")
		e.open('{')
		e.str("name", at.Source.Name)
		e.str("id", at.Source.ID)
		e.str("type", at.Source.Type)
		e.close('}')
		e.span("mention", at.Mention.Start, at.Mention.End)
		e.key("cue")
		e.cue(&at.Cue)
		e.str("link", at.Link)
		e.close('}')
	} else {
		e.null("attribution")
	}
	if v := c.Vague; v != nil {
		e.key("vague")
		e.open('{')
		e.str("cue", v.Cue)
		e.int("start", v.Start)
		e.int("end", v.End)
		e.close('}')
	} else {
		e.null("vague")
	}
	e.location(c.Location)
	e.close('}')
	return nil
}

func (e *articleEncoder) finding(f *Finding) {
	e.open('{')
	e.str("rule", f.Rule)
	e.str("level", f.Level.String())
	e.int("start", f.Start)
	e.int("end", f.End)
	e.int("line", f.Line)
	e.int("column", f.Column)
	e.int("rune_column", f.RuneColumn)
	e.int("end_line", f.EndLine)
	e.int("end_column", f.EndColumn)
	e.int("end_rune_column", f.EndRuneColumn)
	e.str("message", f.Message)
	if f.Fix != "" {
		e.str("fix", f.Fix)
	}
	e.str("excerpt", f.Excerpt)
	e.int("claim", f.Claim)
	e.str("fingerprint", f.Fingerprint)
	e.close('}')
}

// metrics encodes m as Metrics marshals.
func (e *articleEncoder) metrics(m *Metrics) error {
	e.open('{')
	e.int("claims", m.Claims)
	e.countMap("claims_by_kind", m.ClaimsByKind)
	e.int("attributed", m.Attributed)
	e.int("vague", m.Vague)
	e.int("unattributed", m.Unattributed)
	if err := e.share("attributed_share", m.AttributedShare); err != nil {
		return err
	}
	e.int("quotes", m.Quotes)
	e.int("named_quotes", m.NamedQuotes)
	if err := e.share("named_quote_share", m.NamedQuoteShare); err != nil {
		return err
	}
	e.int("sources_named", m.SourcesNamed)
	e.int("sources_cited", m.SourcesCited)
	e.countMap("sources_by_type", m.SourcesByType)
	e.int("party_sources", m.PartySources)
	e.int("independent_sources", m.IndependentSources)
	if t := m.TopSource; t != nil {
		e.key("top_source")
		e.open('{')
		e.str("id", t.ID)
		e.str("name", t.Name)
		e.str("type", t.Type)
		e.int("claims", t.Claims)
		if err := e.float("share", t.Share); err != nil {
			return err
		}
		e.close('}')
	} else {
		e.null("top_source")
	}
	array(e, "sources", m.Sources, func(s *SourceCount) {
		e.open('{')
		e.str("id", s.ID)
		e.str("name", s.Name)
		e.str("type", s.Type)
		e.bool("party_to_conflict", s.Party)
		e.int("claims", s.Claims)
		e.int("mentions", s.Mentions)
		e.bool("independent", s.Independent)
		e.close('}')
	})
	e.close('}')
	return nil
}

func (e *articleEncoder) share(name string, f *float64) error {
	if f == nil {
		e.null(name)
		return nil
	}
	return e.float(name, *f)
}

// countMap encodes m with its keys sorted, as encoding/json does, or null
// when m is nil.
func (e *articleEncoder) countMap(name string, m map[string]int) {
	e.key(name)
	if m == nil {
		e.buf = append(e.buf, "null"...)
		return
	}
	var small [8]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.open('{')
	for _, k := range keys {
		e.next()
		e.buf = appendJSONString(e.buf, k)
		e.buf = append(e.buf, ':', ' ')
		e.buf = strconv.AppendInt(e.buf, int64(m[k]), 10)
	}
	e.close('}')
}

// appendJSONFloat appends f as encoding/json formats a float64.
func appendJSONFloat(dst []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, &json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, nil
}

// appendJSONString appends s quoted as json.Encoder with HTML escaping off
// quotes it: '"', '\\' and control characters escaped (\b, \f, \n, \r, \t
// short, the rest as \u00XX), invalid UTF-8 replaced by \ufffd, and U+2028
// and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= ' ' && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
