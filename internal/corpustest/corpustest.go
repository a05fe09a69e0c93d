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
