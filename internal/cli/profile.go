package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"strings"

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

// ConfigureRuntime applies the process-wide runtime settings the command
// is meant to run with. The sourcecheck binary calls it before Main, as
// does any program that runs Main as the whole command (the corpus
// benchmark's child); tests that call Main leave their process as it is.
//
// It turns heap-profile sampling off: by default the runtime records the
// stack of one allocation per 512 KiB in tables every thread shares, and
// only --mem-profile reads them (it turns sampling back on). With --jobs 2
// the sampling cost 2% of a run's CPU time over the corpora. A
// memprofilerate set in GODEBUG is left to rule.
func ConfigureRuntime() {
	if !strings.Contains(os.Getenv("GODEBUG"), "memprofilerate=") {
		runtime.MemProfileRate = 0
	}
}

// defaultMemProfileRate is runtime.MemProfileRate's initial value: one
// allocation sampled for every 512 KiB allocated.
const defaultMemProfileRate = 512 * 1024

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
