package audit

// SentenceLexicon holds abbreviations and other sentence-boundary data
// (lexicon/sentences.yaml).
type SentenceLexicon struct {
	Version int `yaml:"version"`
}

func (l *SentenceLexicon) compile() error { return nil }

// splitSentences returns the sentences of text as offsets into it
// (placeholder: the whole text).
func splitSentences(text string, lex *SentenceLexicon) []Span {
	return []Span{{0, len(text)}}
}
