package audit_test

import (
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// BenchmarkStructureCorpora measures Structure alone (extraction, blocks,
// sentences, quotations) over every article of the shared corpora, read as
// plain text as BenchmarkCorpora reads them. It skips when the corpora are
// absent.
func BenchmarkStructureCorpora(b *testing.B) {
	sets := corpustest.Sets(b)
	lex := audit.DefaultLexicon()
	for _, set := range sets {
		b.Run(set.Name, func(b *testing.B) {
			measure(b, set.Bytes, nil, func() {
				for _, a := range set.Articles {
					audit.Structure(audit.NewDocument(a.Ref, audit.FormatText, a.Body), lex)
				}
			})
		})
	}
}

// BenchmarkStructureParts measures the parts of Structure before
// quotations, one at a time, on the BBC articles: extraction, block
// classification and sentence segmentation. It skips when the corpora are
// absent.
func BenchmarkStructureParts(b *testing.B) {
	arts := corpustest.BBC(b)
	lex := audit.DefaultLexicon()
	n := 0
	docs := make([]*audit.PreparedStructure, len(arts))
	for i, a := range arts {
		n += len(a.Body)
		docs[i] = audit.PrepareStructure(audit.NewDocument(a.Ref, audit.FormatText, a.Body), lex)
	}
	for _, part := range []struct {
		name string
		op   func(*audit.PreparedStructure)
	}{
		{"extract", (*audit.PreparedStructure).Extract},
		{"blocks", (*audit.PreparedStructure).ClassifyBlocks},
		{"sentences", (*audit.PreparedStructure).SplitSentences},
	} {
		b.Run(part.name, func(b *testing.B) {
			measure(b, n, nil, func() {
				for _, d := range docs {
					part.op(d)
				}
			})
		})
	}
}
