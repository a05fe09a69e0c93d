package audit

// PreparedStructure is a document extracted once, so that the external
// benchmarks can time extraction, block classification and sentence
// segmentation one at a time.
type PreparedStructure struct {
	doc  *Document
	lex  *Lexicon
	view *View
	raws []rawBlock
}

// PrepareStructure extracts doc with lex.
func PrepareStructure(doc *Document, lex *Lexicon) *PreparedStructure {
	p := &PreparedStructure{doc: doc, lex: lex}
	p.view, p.raws = extract(doc)
	return p
}

// Extract extracts the document again.
func (p *PreparedStructure) Extract() { extract(p.doc) }

// ClassifyBlocks classifies the extracted blocks.
func (p *PreparedStructure) ClassifyBlocks() { classifyBlocks(p.view.Text, p.raws, &p.lex.Blocks) }

// SplitSentences segments each extracted block.
func (p *PreparedStructure) SplitSentences() {
	for _, r := range p.raws {
		splitSentences(p.view.Text[r.view.Start:r.view.End], &p.lex.Sentences)
	}
}
