package audit

// BlockLexicon holds the cues that classify blocks (lexicon/blocks.yaml).
type BlockLexicon struct {
	Version int `yaml:"version"`
}

func (l *BlockLexicon) compile() error { return nil }

// classifyBlocks gives each raw block a kind (placeholder).
func classifyBlocks(view string, raws []rawBlock, lex *BlockLexicon) []Block {
	out := make([]Block, 0, len(raws))
	for _, r := range raws {
		out = append(out, Block{Kind: BlockBody, Reason: "default", Hint: r.hint, view: r.view})
	}
	return out
}
