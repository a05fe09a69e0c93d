// Package corpustest gives tests the shared news corpora, or skips them
// with a message where the corpora are absent. The corpora are their
// publishers' copyright: tests read them in place and never copy them
// into the repository.
package corpustest

import (
	"path/filepath"
	"testing"

	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// Root returns the corpora directory (see corpus.Root), or skips t.
func Root(t testing.TB) string {
	t.Helper()
	root, ok := corpus.Root()
	if !ok {
		t.Skipf("corpora not found ($%s, or ../shared/corpora beside the checkout): skipping %s", corpus.EnvRoot, t.Name())
	}
	return root
}

// Dir returns a folder of the corpora, such as "bbc-news", or skips t.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	return filepath.Join(Root(t), sub)
}

// Set is one of the shared corpora, loaded.
type Set struct {
	Name     string // "bbc", "reuters" or "fakes"
	Articles []corpus.Article
	Bytes    int // the articles' body text, for MB/s
}

// Sets loads BBC News, Reuters-21578 and FA-KES in that order, or skips
// t when the corpora are absent; a corpus that fails to load fails t.
func Sets(t testing.TB) []Set {
	t.Helper()
	root := Root(t)
	var out []Set
	for _, c := range []struct {
		name string
		load func(string) ([]corpus.Article, error)
	}{{"bbc", corpus.BBC}, {"reuters", corpus.Reuters}, {"fakes", corpus.Fakes}} {
		arts, err := c.load(root)
		if err != nil {
			t.Fatalf("loading %s: %v", c.name, err)
		}
		s := Set{Name: c.name, Articles: arts}
		for _, a := range arts {
			s.Bytes += len(a.Body)
		}
		out = append(out, s)
	}
	return out
}

// BBC loads the BBC News articles, or skips t when the corpora are absent.
func BBC(t testing.TB) []corpus.Article {
	t.Helper()
	arts, err := corpus.BBC(Root(t))
	if err != nil {
		t.Fatalf("loading bbc: %v", err)
	}
	return arts
}
