package audit

// rawBlock is a block as a format extractor found it, before it is
// classified: a range of the prose view and the markup it came from.
type rawBlock struct {
	view Span
	// hint names the markup ("h1", "h2", "p", "li", "figcaption",
	// "blockquote", "nav", "aside", "time", ...); empty for plain text.
	hint string
}

// Structure finds the blocks, sentences and quotations of doc with lex (the
// built-in lexicon when lex is nil). It replaces any structure found before.
func Structure(doc *Document, lex *Lexicon) {
	if lex == nil {
		lex = DefaultLexicon()
	}
	view, raws := extract(doc)
	doc.view = view
	doc.Blocks = classifyBlocks(view.Text, raws, &lex.Blocks)
	doc.Sentences = doc.Sentences[:0]
	var spans []Span // one block's sentences, reused
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		b.Span = view.Span(b.view.Start, b.view.End)
		b.Text = view.Text[b.view.Start:b.view.End]
		spans = appendSentences(spans[:0], b.Text, &lex.Sentences)
		for _, s := range spans {
			vs := Span{b.view.Start + s.Start, b.view.Start + s.End}
			doc.Sentences = append(doc.Sentences, Sentence{
				Span:  view.Span(vs.Start, vs.End),
				Block: i,
				Text:  view.Text[vs.Start:vs.End],
				view:  vs,
			})
		}
	}
	doc.Quotes = findQuotes(view.Text, doc.Blocks, doc.Sentences, lex)
	for i := range doc.Quotes {
		q := &doc.Quotes[i]
		q.Span = view.Span(q.view.Start, q.view.End)
		q.Inner = view.Span(q.inner.Start, q.inner.End)
	}
}
