package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestAtomicFileWriteback checks that a report written through an
// atomicFile asks for writeback of each full chunk once, in order and
// without gaps, and that the committed file holds every byte written.
func TestAtomicFileWriteback(t *testing.T) {
	type call struct{ off, n int64 }
	var calls []call
	real := startWriteback
	startWriteback = func(f *os.File, off, n int64) {
		calls = append(calls, call{off, n})
		real(f, off, n) // the system's own call must be harmless too
	}
	defer func() { startWriteback = real }()

	path := filepath.Join(t.TempDir(), "report.json")
	f, err := createAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	piece := bytes.Repeat([]byte("0123456789abcdef"), 300_000/16) // 300,000 bytes, not a divisor of a chunk
	for want.Len() < 2*writebackChunk+writebackChunk/2 {
		piece[0]++
		if _, err := f.Write(piece); err != nil {
			t.Fatal(err)
		}
		want.Write(piece)
	}
	if err := f.commit(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("the committed report has %d bytes, differing from the %d written", len(got), want.Len())
	}
	if len(calls) != 2 {
		t.Fatalf("writeback asked %d times for %d bytes, want 2 (one per full %d-byte chunk): %v", len(calls), want.Len(), writebackChunk, calls)
	}
	var next int64
	for _, c := range calls {
		if c.off != next || c.n < writebackChunk {
			t.Errorf("writeback of [%d, +%d) after %d: want each chunk, in order, whole", c.off, c.n, next)
		}
		next = c.off + c.n
	}
}
