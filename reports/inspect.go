// Package reports renders what sourcecheck found for people and for
// machines. The JSON model in this file is the stable contract of
// `sourcecheck inspect --format json`: fields may be added, never renamed.
package reports

import (
	"io"

	"github.com/sourcecheck/sourcecheck/audit"
)

// SchemaVersion is the version of the JSON report contract. It changes
// only when a field is renamed or removed, which the contract forbids
// within a major version.
const SchemaVersion = 1

// Report is the JSON document sourcecheck prints for a run.
type Report struct {
	Version  int       `json:"version"`
	Tool     string    `json:"tool"`
	Articles []Article `json:"articles"`
}

// Article is one article of a report.
type Article struct {
	Path      string      `json:"path"`
	ID        string      `json:"id,omitempty"`
	Record    int         `json:"record,omitempty"`
	Meta      *audit.Meta `json:"meta,omitempty"`
	Format    string      `json:"format"`
	Encoding  string      `json:"encoding"`
	Bytes     int         `json:"bytes"`
	Warnings  []string    `json:"warnings,omitempty"`
	Blocks    []Block     `json:"blocks"`
	Sentences []Sentence  `json:"sentences"`
	Quotes    []Quote     `json:"quotes"`
	Claims    []Claim     `json:"claims"`
	Sources   []Source    `json:"sources"`
	VagueCues []Cue       `json:"vague_cues"`
}

// Speaker is who a quotation is credited to.
type Speaker struct {
	Name     string `json:"name"`
	SourceID string `json:"source_id"`
	Type     string `json:"type"`
}

// SourceRef names a source in an attribution.
type SourceRef struct {
	Name string `json:"name"`
	ID   string `json:"id"`
	Type string `json:"type"`
}

// Range is a byte range [start, end) into the article text.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Cue is the text that ties a claim to its source.
type Cue struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Attribution is who a claim is credited to.
type Attribution struct {
	Source  SourceRef `json:"source"`
	Mention Range     `json:"mention"`
	Cue     Cue       `json:"cue"`
	// Link is same_sentence, carried, pronoun or continuation.
	Link string `json:"link"`
}

// Vague is a vague attribution cue ("are said to have been killed").
type Vague struct {
	Cue   string `json:"cue"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Claim is a claim that needs a source.
type Claim struct {
	Start       int             `json:"start"`
	End         int             `json:"end"`
	Text        string          `json:"text"`
	Kind        string          `json:"kind"`
	Subkind     string          `json:"subkind"`
	Quantity    *audit.Quantity `json:"quantity,omitempty"`
	Attribution *Attribution    `json:"attribution"`
	Vague       *Vague          `json:"vague"`
	Location
}

// Source is a source the article names.
type Source struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Type       string  `json:"type"`
	Mentions   []Range `json:"mentions"`
	Descriptor string  `json:"descriptor,omitempty"`
	Party      bool    `json:"party_to_conflict,omitempty"`
	Registry   bool    `json:"registry,omitempty"`
}

// Location is where a span starts: 1-based line, byte column and rune
// column.
type Location struct {
	Line       int `json:"line"`
	Column     int `json:"column"`
	RuneColumn int `json:"rune_column"`
}

// Block is a block of an article.
type Block struct {
	Kind   string `json:"kind"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Reason string `json:"reason"`
	Location
	Text string `json:"text"`
}

// Sentence is a sentence of an article.
type Sentence struct {
	Start int `json:"start"`
	End   int `json:"end"`
	Block int `json:"block"`
	Location
	Text string `json:"text"`
}

// Quote is a quotation of an article.
type Quote struct {
	Start     int        `json:"start"`
	End       int        `json:"end"`
	Text      string     `json:"text"`
	Kind      string     `json:"kind"`
	Open      string     `json:"open"`
	Close     string     `json:"close"`
	Closed    bool       `json:"closed"`
	Continues bool       `json:"continues"`
	Level     int        `json:"level"`
	Block     int        `json:"block"`
	Inner     audit.Span `json:"inner"`
	Reason    string     `json:"reason,omitempty"`
	Speaker   *Speaker   `json:"speaker"`
	Location
}

func location(doc *audit.Document, off int) Location {
	p := doc.Position(off)
	return Location{Line: p.Line, Column: p.Column, RuneColumn: p.RuneColumn}
}

// NewArticle builds the report model of a structured document.
func NewArticle(doc *audit.Document) Article {
	a := Article{
		Path:      doc.Path,
		Record:    doc.Record,
		Format:    string(doc.Format),
		Encoding:  doc.Encoding,
		Bytes:     len(doc.Text),
		Warnings:  doc.Warnings,
		Blocks:    make([]Block, 0, len(doc.Blocks)),
		Sentences: make([]Sentence, 0, len(doc.Sentences)),
		Quotes:    make([]Quote, 0, len(doc.Quotes)),
		Claims:    make([]Claim, 0, len(doc.Claims)),
		Sources:   make([]Source, 0, len(doc.Sources)),
		VagueCues: make([]Cue, 0, len(doc.VagueCues)),
	}
	if doc.Meta.ID != doc.Path {
		a.ID = doc.Meta.ID
	}
	if m := doc.Meta; m.Title != "" || m.URL != "" || m.Outlet != "" || m.Published != "" {
		a.Meta = &m
	}
	for i := range doc.Blocks {
		a.Blocks = append(a.Blocks, reportBlock(doc, &doc.Blocks[i]))
	}
	for i := range doc.Sentences {
		a.Sentences = append(a.Sentences, reportSentence(doc, &doc.Sentences[i]))
	}
	for i := range doc.Quotes {
		a.Quotes = append(a.Quotes, reportQuote(doc, &doc.Quotes[i]))
	}
	for i := range doc.Claims {
		a.Claims = append(a.Claims, reportClaim(doc, &doc.Claims[i]))
	}
	for i := range doc.Sources {
		s := &doc.Sources[i]
		rs := reportSource(s)
		rs.Mentions = make([]Range, 0, len(s.Mentions))
		for _, m := range s.Mentions {
			rs.Mentions = append(rs.Mentions, Range{m.Start, m.End})
		}
		a.Sources = append(a.Sources, rs)
	}
	for i := range doc.VagueCues {
		a.VagueCues = append(a.VagueCues, reportCue(&doc.VagueCues[i]))
	}
	return a
}

// The conversions of a document's elements into the report's, shared by
// NewArticle and the streaming JSON encoder (articleEncoder.docAnalysis).

func reportBlock(doc *audit.Document, b *audit.Block) Block {
	return Block{Kind: string(b.Kind), Start: b.Start, End: b.End, Reason: b.Reason,
		Location: location(doc, b.Start), Text: b.Text}
}

func reportSentence(doc *audit.Document, s *audit.Sentence) Sentence {
	return Sentence{Start: s.Start, End: s.End, Block: s.Block, Location: location(doc, s.Start), Text: s.Text}
}

func reportQuote(doc *audit.Document, q *audit.Quote) Quote {
	return Quote{Start: q.Start, End: q.End, Text: q.Text, Kind: string(q.Kind),
		Open: q.Open, Close: q.Close, Closed: q.Closed, Continues: q.Continues,
		Level: q.Level, Block: q.Block, Inner: q.Inner, Reason: q.Reason,
		Location: location(doc, q.Start), Speaker: speaker(q.Speaker)}
}

func reportClaim(doc *audit.Document, c *audit.Claim) Claim {
	rc := Claim{Start: c.Start, End: c.End, Text: c.Text, Kind: string(c.Kind), Subkind: c.Subkind,
		Quantity: c.Quantity, Location: location(doc, c.Start)}
	if at := c.Attribution; at != nil {
		rc.Attribution = &Attribution{
			Source:  SourceRef{Name: at.Source.Name, ID: at.Source.ID, Type: at.Source.Type},
			Mention: Range{at.Mention.Start, at.Mention.End},
			Cue:     Cue{Text: at.Cue.Text, Start: at.Cue.Start, End: at.Cue.End},
			Link:    string(at.Link),
		}
	}
	if v := c.Vague; v != nil {
		rc.Vague = &Vague{Cue: v.Text, Start: v.Start, End: v.End}
	}
	return rc
}

// reportSource converts a source without its mentions, which NewArticle
// copies and the encoder writes straight from s.
func reportSource(s *audit.Source) Source {
	return Source{ID: s.ID, Name: s.Name, Type: s.Type, Descriptor: s.Descriptor, Party: s.Party, Registry: s.Registry}
}

func reportCue(v *audit.Cue) Cue { return Cue{Text: v.Text, Start: v.Start, End: v.End} }

func speaker(s *audit.SourceRef) *Speaker {
	if s == nil {
		return nil
	}
	return &Speaker{Name: s.Name, SourceID: s.ID, Type: s.Type}
}

// NewReport builds the report of a run over structured documents.
func NewReport(docs []*audit.Document) *Report {
	r := &Report{Version: SchemaVersion, Tool: "sourcecheck", Articles: make([]Article, 0, len(docs))}
	for _, d := range docs {
		r.Articles = append(r.Articles, NewArticle(d))
	}
	return r
}

// WriteJSON writes r as indented JSON followed by a newline.
func WriteJSON(w io.Writer, r *Report) error { return writeIndented(w, r) }

// writeIndented writes v as a json.Encoder with HTML escaping off and an
// indent of two spaces writes it (see appendIndented).
func writeIndented(w io.Writer, v any) error {
	data, err := appendIndented(nil, v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
