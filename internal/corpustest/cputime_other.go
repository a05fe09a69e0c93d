//go:build !unix

package corpustest

import "time"

// CPUTime returns 0 where the process's CPU time is not known; ReportCPU
// then reports nothing.
func CPUTime() time.Duration { return 0 }
