package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/pflag"
)

// profiler holds the global --cpu-profile and --mem-profile flags: a CPU
// profile of the command's run and a heap profile taken when it ends, in
// the format `go tool pprof` reads.
type profiler struct {
	cpuPath, memPath string
	cpu, mem         *os.File
}

// register adds the profiling flags to fs.
func (p *profiler) register(fs *pflag.FlagSet) {
	fs.StringVar(&p.cpuPath, "cpu-profile", "", "write a CPU profile of the whole run to `FILE`, for go tool pprof")
	fs.StringVar(&p.memPath, "mem-profile", "", "write a heap profile to `FILE` when the run ends, for go tool pprof")
}

// start creates the profile files the flags name and starts the CPU
// profile. Both files are created now, so that a path that cannot be
// written fails the command before it runs rather than after.
func (p *profiler) start() error {
	if p.memPath != "" {
		f, err := os.Create(p.memPath)
		if err != nil {
			return fmt.Errorf("--mem-profile: %w", err)
		}
		p.mem = f
	}
	if p.cpuPath != "" {
		f, err := os.Create(p.cpuPath)
		if err != nil {
			p.closeMem()
			return fmt.Errorf("--cpu-profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			p.closeMem()
			return fmt.Errorf("--cpu-profile: %w", err)
		}
		p.cpu = f
	}
	return nil
}

// stop ends the CPU profile and writes the heap profile, whatever the
// command's outcome. It does nothing for a profile that was not started.
func (p *profiler) stop() error {
	var errs []error
	if p.cpu != nil {
		pprof.StopCPUProfile()
		if err := p.cpu.Close(); err != nil {
			errs = append(errs, fmt.Errorf("--cpu-profile: %w", err))
		}
		p.cpu = nil
	}
	if p.mem != nil {
		runtime.GC() // the heap profile is as of the last collection
		err := pprof.WriteHeapProfile(p.mem)
		if cerr := p.mem.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("--mem-profile: %w", err))
		}
		p.mem = nil
	}
	return errors.Join(errs...)
}

func (p *profiler) closeMem() {
	if p.mem != nil {
		p.mem.Close()
		p.mem = nil
	}
}
