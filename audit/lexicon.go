package audit

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed lexicon/*.yaml
var embeddedLexicon embed.FS

// Lexicon is the word lists and cues the detectors use. It is data: the
// built-in one is YAML embedded in the binary (audit/lexicon/*.yaml).
type Lexicon struct {
	Blocks    BlockLexicon
	Sentences SentenceLexicon
	Reporting ReportingLexicon
	People    PeopleLexicon
	Figures   FigureLexicon
}

// lexiconPart is one YAML file of a lexicon.
type lexiconPart interface {
	// compile checks the loaded data and builds what the detectors use.
	compile() error
}

var (
	defaultLexicon     *Lexicon
	defaultLexiconErr  error
	defaultLexiconOnce sync.Once
)

// DefaultLexicon returns the built-in lexicon. It panics if the embedded
// YAML is invalid, which the test suite rules out.
func DefaultLexicon() *Lexicon {
	defaultLexiconOnce.Do(func() {
		defaultLexicon, defaultLexiconErr = LoadLexicon(embeddedLexicon, "lexicon")
	})
	if defaultLexiconErr != nil {
		panic(defaultLexiconErr)
	}
	return defaultLexicon
}

// LoadLexicon reads the lexicon's YAML files (blocks, sentences, reporting,
// people, figures) from dir
// in fsys.
func LoadLexicon(fsys fs.FS, dir string) (*Lexicon, error) {
	lex := &Lexicon{}
	parts := []struct {
		name string
		part lexiconPart
	}{
		{"blocks.yaml", &lex.Blocks},
		{"sentences.yaml", &lex.Sentences},
		{"reporting.yaml", &lex.Reporting},
		{"people.yaml", &lex.People},
		{"figures.yaml", &lex.Figures},
	}
	// The parts are independent: each is decoded and compiled on its own
	// goroutine, so that loading takes about as long as its largest part
	// where there are cores to spare (every audit waits for it before its
	// first article). The error returned is the first part's in the order
	// above, as if they were loaded one by one.
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Go(func() { errs[i] = loadLexiconPart(fsys, dir+"/"+p.name, p.part) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return lex, nil
}

// loadLexiconPart reads, decodes and compiles the lexicon file name in
// fsys into part.
func loadLexiconPart(fsys fs.FS, name string, part lexiconPart) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	if err := DecodeYAML(name, data, part); err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	if err := part.compile(); err != nil {
		return fmt.Errorf("lexicon: %s: %w", name, err)
	}
	return nil
}

// DecodeYAML decodes data strictly into v: unknown keys are errors. Errors
// name the file and, where yaml.v3 knows it, the line ("file:12: ...").
func DecodeYAML(name string, data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
