//go:build !linux

package main

import (
	"errors"
	"os/exec"
)

// startPinned starts cmd; pinning it to a CPU (cpu >= 0) needs Linux.
func startPinned(cmd *exec.Cmd, cpu int) error {
	if cpu >= 0 {
		return errors.New("-pair pins processes to CPUs, which this tool does only on Linux")
	}
	return cmd.Start()
}
