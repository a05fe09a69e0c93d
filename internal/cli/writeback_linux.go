package cli

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWritebackOf starts writing back the range with sync_file_range(2)
// and SYNC_FILE_RANGE_WRITE, which queues the dirty pages for writing and
// returns. It is a hint: an error only means commit's fsync does the
// work, so it is ignored.
func startWritebackOf(f *os.File, off, n int64) {
	rc, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Control(func(fd uintptr) {
		_ = unix.SyncFileRange(int(fd), off, n, unix.SYNC_FILE_RANGE_WRITE)
	})
}
