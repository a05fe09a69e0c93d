package audit

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/sourcecheck/sourcecheck/rules"
)

// BenchmarkSetup measures what every audit run does before its first
// article: load and compile the built-in lexicon (from the embedded YAML),
// the source registry and the rule pack, and build the engine. Run it with
// -benchmem: set-up allocations are most of a one-article run's page faults.
func BenchmarkSetup(b *testing.B) {
	// The registry and the pack are read from the files the rules package
	// embeds, so each iteration parses them afresh rather than taking
	// DefaultRegistry's and DefaultRules' cached results.
	regData, err := os.ReadFile(filepath.Join("..", "rules", "registry", "sources.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	packFiles, err := filepath.Glob(filepath.Join("..", "rules", "pack", "*.yaml"))
	if err != nil || len(packFiles) == 0 {
		b.Fatalf("rule pack: %v (%d files)", err, len(packFiles))
	}
	sort.Strings(packFiles)
	pack := make([][]byte, len(packFiles))
	for i, f := range packFiles {
		if pack[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		lex, err := LoadLexicon(embeddedLexicon, "lexicon")
		if err != nil {
			b.Fatal(err)
		}
		reg, err := rules.LoadRegistry("rules/registry/sources.yaml", regData)
		if err != nil {
			b.Fatal(err)
		}
		var rs []*rules.Rule
		for i, data := range pack {
			r, err := rules.LoadRules(packFiles[i], data)
			if err != nil {
				b.Fatal(err)
			}
			rs = append(rs, r...)
		}
		if _, err := NewEngine(NewAnalyzer(lex, reg), rs); err != nil {
			b.Fatal(err)
		}
	}
}
