//go:build !unix

package reports_test

import "time"

// cpuTime returns 0 where the process's CPU time is not known; the
// benchmarks then report no cpu-MB/s.
func cpuTime() time.Duration { return 0 }
