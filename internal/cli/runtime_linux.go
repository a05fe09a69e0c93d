package cli

import (
	"golang.org/x/sys/unix"
)

// populateOnMap asks the kernel, with mlockall(MCL_FUTURE), to populate
// every mapping the process makes from now on as it is made, rather than
// one page fault at a time as the memory is first touched.
//
// The Go heap grows from about 16 MB to 30–50 MB in a run's first
// collections, each new 4 KiB page costing a page fault (some 10,000 a
// run over the corpora, 3–4% of its CPU time). Worse, the runtime reads
// some fresh pages before writing them (its span sets, malloc headers):
// the read maps the shared zero page, and the write then replaces it,
// which on a process running on both cores needs a TLB shootdown
// interrupt to the other core, tens of microseconds on a virtual machine.
// With -j 2 over the corpora that was 5% more CPU time than -j 1; with
// the memory populated as mapped, faults fell from 10.6 K to 1.5 K a run,
// CPU time by 3.9% with -j 2 and 1.6% with -j 1 (12 interleaved runs).
//
// The pages are locked, so the runtime cannot return freed memory to the
// system during the run (its scavenger remaps what it would release); a
// command runs for seconds and its heap is bounded (see tuneStreamGC).
// It is done only where nothing can fail later because of it:
//   - the process may lock any amount of memory: it has CAP_IPC_LOCK or
//     RLIMIT_MEMLOCK is unlimited. Under a finite limit a later mapping
//     past it would fail, and the runtime with it;
//   - the binary is built without cgo: with cgo each thread's stack is a
//     C stack of 8 MB, which would be populated whole;
//   - SOURCECHECK_MLOCK (value) is not 0.
//
// It is a request: when the kernel refuses it the command runs as
// without it.
func populateOnMap(value string) {
	if !memoryLockAllowed(value, BuiltWithCgo(), canLockUnlimited()) {
		return
	}
	_ = unix.Mlockall(unix.MCL_FUTURE)
}

// canLockUnlimited reports whether the process may lock any amount of
// memory: CAP_IPC_LOCK in its effective capabilities, or an unlimited
// RLIMIT_MEMLOCK.
func canLockUnlimited() bool {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_MEMLOCK, &lim) == nil && lim.Cur == unix.RLIM_INFINITY {
		return true
	}
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if unix.Capget(&hdr, &data[0]) != nil {
		return false
	}
	return data[unix.CAP_IPC_LOCK/32].Effective&(1<<(unix.CAP_IPC_LOCK%32)) != 0
}
