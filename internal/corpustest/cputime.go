package corpustest

import (
	"testing"
	"time"
)

// ReportCPU reports a benchmark's throughput per second of CPU time,
// "cpu-MB/s", for bytes of text processed by each of b.N operations in
// cpu (a sum of CPUTime differences). On a machine shared with other work
// it is far steadier than MB/s, which counts wall time. It reports nothing
// where the CPU time is not known.
func ReportCPU(b *testing.B, bytes int, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}
