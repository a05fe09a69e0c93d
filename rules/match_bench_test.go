package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
	"github.com/sourcecheck/sourcecheck/internal/corpustest"
)

// splitSentences cuts text into lines and then at ". ", roughly as the
// audit hands sentences to Match.
func splitSentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		for _, s := range strings.SplitAfter(line, ". ") {
			if strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// seedSentences returns the sentences of ../seeds/*.txt.
func seedSentences(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skip("no seeds")
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, splitSentences(string(b))...)
	}
	return out
}

// corpusSentences returns the sentences of every article of the shared
// corpora, or nil where they are absent.
func corpusSentences(tb testing.TB) []string {
	tb.Helper()
	root, ok := corpus.Root()
	if !ok {
		return nil
	}
	arts, err := corpus.All(root)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, a := range arts {
		out = append(out, splitSentences(a.Body)...)
	}
	return out
}

func benchMatch(b *testing.B, sents []string) {
	r := DefaultRegistry()
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	t0 := corpustest.CPUTime()
	var buf []Mention
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			buf = r.AppendMatch(buf[:0], s)
		}
	}
	corpustest.ReportCPU(b, n, corpustest.CPUTime()-t0)
}

// BenchmarkMatchSentences measures matching alone, once per sentence as the
// audit calls it, into one reused buffer.
func BenchmarkMatchSentences(b *testing.B) {
	b.Run("seeds", func(b *testing.B) { benchMatch(b, seedSentences(b)) })
	b.Run("corpora", func(b *testing.B) {
		sents := corpusSentences(b)
		if sents == nil {
			b.Skip("corpora not found")
		}
		benchMatch(b, sents)
	})
}
