package audit_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
)

// seedText returns the body lines of the five seeds joined.
func seedText(b testing.TB) string {
	b.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	var sb strings.Builder
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func benchAnalyze(b *testing.B, text string) {
	an := audit.NewAnalyzer(nil, nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		doc := audit.NewDocument("bench.txt", audit.FormatText, text)
		audit.Structure(doc, an.Lexicon())
		an.Analyze(doc)
	}
}

// BenchmarkAnalyzeSeeds runs structure and analysis over the five seeds.
func BenchmarkAnalyzeSeeds(b *testing.B) { benchAnalyze(b, seedText(b)) }

// BenchmarkAnalyzeMegabyteParagraph runs the analysis over one 1 MB
// paragraph of seed sentences: no paragraph breaks to bound any stage.
func BenchmarkAnalyzeMegabyteParagraph(b *testing.B) {
	line := strings.ReplaceAll(seedText(b), "\n", " ")
	benchAnalyze(b, strings.Repeat(line, 1<<20/len(line)+1)[:1<<20])
}

// BenchmarkAnalyzeQuoteMarks runs the analysis over 10,000 quotations in
// one paragraph, each with a speech tag.
func BenchmarkAnalyzeQuoteMarks(b *testing.B) {
	benchAnalyze(b, strings.Repeat("“We heard an explosion,” a resident told AFP, citing the SOHR. ", 10000))
}
