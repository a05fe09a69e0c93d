package audit_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/sourcecheck/sourcecheck/audit"
	"github.com/sourcecheck/sourcecheck/internal/corpus"
)

// BenchmarkJSONLRead measures reading the shared corpora as JSON Lines
// record by record, as the CLI streams them: OpenJSONL (with its encoding
// scan), Next and Document for every record. It reports MB/s of the
// file and skips when the corpora are absent.
func BenchmarkJSONLRead(b *testing.B) {
	root, ok := corpus.Root()
	if !ok {
		b.Skip("corpora not found")
	}
	arts, err := corpus.All(root)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := corpus.WriteJSONL(&buf, arts); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "all.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	measure(b, buf.Len(), nil, func() {
		j, err := audit.OpenJSONL(path, audit.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		defer j.Close()
		for {
			rec, err := j.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				b.Fatal(err)
			}
			if _, err := rec.Document(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
