package audit

import "sync"

// rawBlock is a block as a format extractor found it, before it is
// classified: a range of the prose view and the markup it came from.
type rawBlock struct {
	view Span
	// hint names the markup ("h1", "h2", "p", "li", "figcaption",
	// "blockquote", "nav", "aside", "time", ...); empty for plain text.
	hint string
}

// structScratch is the scratch of one Structure call: the raw blocks
// until classified, the sentences of all blocks (view offsets) and, for
// each block, the end of its sentences among them.
type structScratch struct {
	raws  []rawBlock
	spans []Span
	ends  []int
}

// structScratches keeps scratch between documents, so it grows once.
var structScratches = sync.Pool{New: func() any { return new(structScratch) }}

// Structure finds the blocks, sentences and quotations of doc with lex (the
// built-in lexicon when lex is nil). It replaces any structure found before.
func Structure(doc *Document, lex *Lexicon) {
	if lex == nil {
		lex = DefaultLexicon()
	}
	sc := structScratches.Get().(*structScratch)
	view, raws := extractTo(doc, sc.raws[:0])
	doc.view = view
	doc.Blocks = classifyBlocks(view.Text, raws, &lex.Blocks)
	clear(raws) // drop the hints they point to
	sc.raws = raws[:0]
	// The sentences of all blocks are found first, in pooled scratch, so
	// that doc.Sentences is made once at its length.
	spans, ends := sc.spans[:0], sc.ends[:0]
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		b.Span = view.Span(b.view.Start, b.view.End)
		b.Text = view.Text[b.view.Start:b.view.End]
		from := len(spans)
		spans = appendSentences(spans, b.Text, &lex.Sentences)
		for k := from; k < len(spans); k++ {
			spans[k].Start += b.view.Start
			spans[k].End += b.view.Start
		}
		ends = append(ends, len(spans))
	}
	if cap(doc.Sentences) >= len(spans) {
		doc.Sentences = doc.Sentences[:len(spans)]
	} else {
		doc.Sentences = make([]Sentence, len(spans))
	}
	k := 0
	for i, end := range ends {
		for ; k < end; k++ {
			vs := spans[k]
			doc.Sentences[k] = Sentence{
				Span:  view.Span(vs.Start, vs.End),
				Block: i,
				Text:  view.Text[vs.Start:vs.End],
				view:  vs,
			}
		}
	}
	sc.spans, sc.ends = spans, ends
	structScratches.Put(sc)
	doc.viewLower = ""
	doc.Quotes = findQuotesLower(view.Text, &doc.viewLower, doc.Blocks, doc.Sentences, lex)
	for i := range doc.Quotes {
		q := &doc.Quotes[i]
		q.Span = view.Span(q.view.Start, q.view.End)
		q.Inner = view.Span(q.inner.Start, q.inner.End)
	}
}
