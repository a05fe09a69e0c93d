package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"

	"github.com/spf13/pflag"
)

// profiler holds the global --cpu-profile, --mem-profile and --trace
// flags: a CPU profile of the command's run and a heap profile taken when
// it ends, in the format `go tool pprof` reads, and an execution trace
// for `go tool trace` (which shows how busy each core was, the question
// when --jobs does not scale).
type profiler struct {
	cpuPath, memPath, tracePath string
	cpu, mem, trace             *os.File
}

// register adds the profiling flags to fs.
func (p *profiler) register(fs *pflag.FlagSet) {
	fs.StringVar(&p.cpuPath, "cpu-profile", "", "write a CPU profile of the whole run to `FILE`, for go tool pprof")
	fs.StringVar(&p.memPath, "mem-profile", "", "write a heap profile to `FILE` when the run ends, for go tool pprof")
	fs.StringVar(&p.tracePath, "trace", "", "write an execution trace of the whole run to `FILE`, for go tool trace")
}

// start creates the profile files the flags name and starts the CPU
// profile and the trace. Every file is created now, so that a path that
// cannot be written fails the command before it runs rather than after.
func (p *profiler) start() error {
	if p.memPath != "" {
		f, err := os.Create(p.memPath)
		if err != nil {
			return fmt.Errorf("--mem-profile: %w", err)
		}
		p.mem = f
		// ConfigureRuntime turns heap sampling off; a profile needs it
		// on, at Go's default rate.
		if runtime.MemProfileRate == 0 {
			runtime.MemProfileRate = defaultMemProfileRate
		}
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
	if p.tracePath != "" {
		f, err := os.Create(p.tracePath)
		if err == nil {
			if err = trace.Start(f); err != nil {
				f.Close()
			}
		}
		if err != nil {
			if p.cpu != nil {
				pprof.StopCPUProfile()
				p.cpu.Close()
				p.cpu = nil
			}
			p.closeMem()
			return fmt.Errorf("--trace: %w", err)
		}
		p.trace = f
	}
	return nil
}

// stop ends the CPU profile and writes the heap profile, whatever the
// command's outcome. It does nothing for a profile that was not started.
func (p *profiler) stop() error {
	var errs []error
	if p.trace != nil {
		trace.Stop()
		if err := p.trace.Close(); err != nil {
			errs = append(errs, fmt.Errorf("--trace: %w", err))
		}
		p.trace = nil
	}
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
