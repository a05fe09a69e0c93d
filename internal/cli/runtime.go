package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// ConfigureRuntime applies the process-wide runtime settings the command
// is meant to run with. The sourcecheck binary calls it before Main, as
// does any program that runs Main as the whole command (the corpus
// benchmark's child); tests that call Main leave their process as it is.
//
// It turns heap-profile sampling off (see disableHeapSampling) and, where
// it is allowed, has the kernel populate memory as the runtime maps it
// (see populateOnMap).
func ConfigureRuntime() {
	disableHeapSampling(os.Getenv("GODEBUG"))
	populateOnMap(os.Getenv(envMemoryLock))
}

// disableHeapSampling turns heap-profile sampling off: by default the
// runtime records the stack of one allocation per 512 KiB in tables every
// thread shares, and only --mem-profile reads them (it turns sampling
// back on). With --jobs 2 the sampling cost 2% of a run's CPU time over
// the corpora. A memprofilerate set in godebug (GODEBUG's value) is left
// to rule.
func disableHeapSampling(godebug string) {
	if !strings.Contains(godebug, "memprofilerate=") {
		runtime.MemProfileRate = 0
	}
}

// defaultMemProfileRate is runtime.MemProfileRate's initial value: one
// allocation sampled for every 512 KiB allocated.
const defaultMemProfileRate = 512 * 1024

// envMemoryLock, set to 0, stops populateOnMap from locking memory.
const envMemoryLock = "SOURCECHECK_MLOCK"

// BuiltWithCgo reports whether the running binary was built with cgo
// (CGO_ENABLED=1 in its build information). sourcecheck is meant to be
// built without: a cgo binary starts in the dynamic loader and does not
// populate its memory as mapped (see populateOnMap).
func BuiltWithCgo() bool {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "CGO_ENABLED" {
				return s.Value == "1"
			}
		}
	}
	return false
}

// memoryLockAllowed decides whether populateOnMap locks memory: not when
// value (SOURCECHECK_MLOCK) is 0, not in a binary built with cgo, and
// only when the process may lock without limit.
func memoryLockAllowed(value string, cgo, unlimited bool) bool {
	return value != "0" && !cgo && unlimited
}
