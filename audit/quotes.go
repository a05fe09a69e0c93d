package audit

// ReportingLexicon holds reporting verbs and attribution cues
// (lexicon/reporting.yaml).
type ReportingLexicon struct {
	Version int `yaml:"version"`
}

func (l *ReportingLexicon) compile() error { return nil }

// findQuotes finds the quotations of a document's view (placeholder).
func findQuotes(view string, blocks []Block, sentences []Sentence, lex *Lexicon) []Quote {
	return nil
}
