package audit

import "testing"

// TestScanRecordAllocs holds scanRecord to its allocations: none for a
// string without escapes (values are substrings), one for each field of
// the bytes of a reader's line buffer and one for each value with
// escapes (decoded even for another field, to check them).
func TestScanRecordAllocs(t *testing.T) {
	plain := `{"id":"a1","body":"Plain text.","title":"Title","extra":"x"}`
	line := []byte(plain)
	escaped := `{"id":"a1","body":"Line one.\nLine two \"quoted\".","extra":"a\nb"}`
	for _, c := range []struct {
		name string
		scan func()
		want float64
	}{
		{"string", func() { scanRecord(plain) }, 0},
		{"bytes", func() { scanRecord(line) }, 3},
		{"escaped string", func() { scanRecord(escaped) }, 2},
	} {
		if got := testing.AllocsPerRun(100, c.scan); got != c.want {
			t.Errorf("%s: %v allocations, want %v", c.name, got, c.want)
		}
	}
}
