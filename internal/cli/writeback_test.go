package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestAtomicFileWriteback checks that a report written through an
// atomicFile asks for writeback of each chunk once it is full, in order
// and without gaps, leaving no full chunk unasked, and that the committed
// file holds every byte written.
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
	for want.Len() < 10<<20 {                                     // past the first chunks of writebackMin

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
	if len(calls) < 5 {
		t.Fatalf("writeback asked %d times for %d bytes, want one per full chunk: %v", len(calls), want.Len(), calls)
	}
	var next int64
	for _, c := range calls {
		// Asked by the write that filled the chunk: within one piece
		// of its size.
		chunk := writebackChunk(c.off)
		if c.off != next || c.n < chunk || c.n >= chunk+int64(len(piece)) {
			t.Errorf("writeback of [%d, +%d) after %d: want each chunk of %d bytes, in order, asked once full", c.off, c.n, next, chunk)
		}
		next = c.off + c.n
	}
	if tail := int64(want.Len()) - next; tail >= writebackChunk(next) {
		t.Errorf("%d bytes written after the last writeback asked for, a full chunk of %d", tail, writebackChunk(next))
	}
}

// TestWritebackChunk checks the chunks' sizes: a small report is written
// back every MiB, a large one in steps of a quarter of what was written,
// up to 8 MiB.
func TestWritebackChunk(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct{ queued, want int64 }{
		{0, mib},
		{mib, mib},
		{4 * mib, mib},
		{6 * mib, mib + mib/2},
		{16 * mib, 4 * mib},
		{32 * mib, 8 * mib},
		{1 << 40, 8 * mib},
	} {
		if got := writebackChunk(tc.queued); got != tc.want {
			t.Errorf("writebackChunk(%d) = %d, want %d", tc.queued, got, tc.want)
		}
	}
}
