package cli

import (
	"os"
	"sync/atomic"

	"github.com/sourcecheck/sourcecheck/audit"
)

// input is one file (or "-") a command reads.
type input struct {
	path string
	// explicit is true for a file named on the command line, where a
	// binary file is an error rather than a skipped file.
	explicit bool
}

// listInputs expands the command-line paths into the files to read, in
// the order they are read. Paths that cannot be listed are logged and
// mark the run failed; the rest go on.
func (e *env) listInputs(paths []string, opts audit.ReadOptions) []input {
	var out []input
	for _, p := range paths {
		if p == "-" {
			out = append(out, input{path: "-", explicit: true})
			continue
		}
		explicit, dir := false, false
		if st, err := os.Stat(p); err == nil {
			explicit, dir = !st.IsDir(), st.IsDir()
		}
		files, errs := audit.Inputs([]string{p}, opts)
		for _, err := range errs {
			e.readFailed(err, explicit)
		}
		if dir && len(files) == 0 && len(errs) == 0 {
			e.warnEmptyDir(p, opts)
		}
		for _, f := range files {
			out = append(out, input{path: f, explicit: explicit})
		}
	}
	return out
}

// read reads one input's documents.
func (e *env) read(in input, opts audit.ReadOptions) ([]*audit.Document, error) {
	if in.path == "-" {
		return audit.Read(e.stdin, "-", opts.StdinFormat, opts)
	}
	return audit.ReadFile(in.path, opts)
}

// ordered runs work on each item produce yields, at most jobs at a time,
// and calls emit with the results in the order produce yielded the
// items, from the calling goroutine, whatever jobs is. produce runs in a
// goroutine of its own and a pool of jobs workers takes the items in turn
// (all in the caller's goroutine with jobs 1). produce yields items one at
// a time, blocking while the window is full: at most 2×jobs items, those
// being worked on among them, wait to be emitted, so memory is bounded
// by jobs, not by the number of items. Once emit fails, yield returns
// false, produce should return, and ordered returns emit's error after
// the items in flight are done.
func ordered[I, T any](jobs int, produce func(yield func(I) bool), work func(I) T, emit func(I, T) error) error {
	var inFlight atomic.Int64
	started := func() {
		if n := inFlight.Add(1); testHookInFlight != nil {
			testHookInFlight(int(n))
		}
	}
	if jobs <= 1 {
		var err error
		produce(func(it I) bool {
			started()
			err = emit(it, work(it))
			inFlight.Add(-1)
			return err == nil
		})
		return err
	}
	// A fixed pool of jobs workers, rather than a goroutine per item:
	// each new goroutine grew its stack to the audit's depth again, and
	// items hopped between the cores with their goroutines.
	type slot struct {
		item I
		res  chan T
	}
	order := make(chan slot, 2*jobs) // the items in the order they are emitted
	todo := make(chan slot, jobs)    // the items no worker has taken yet
	var stop atomic.Bool
	for range jobs {
		go func() {
			for s := range todo {
				s.res <- work(s.item)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(todo)
		produce(func(it I) bool {
			if stop.Load() {
				return false
			}
			started()
			s := slot{item: it, res: make(chan T, 1)}
			order <- s
			todo <- s
			return !stop.Load()
		})
	}()
	var err error
	for s := range order {
		res := <-s.res
		if err == nil {
			if err = emit(s.item, res); err != nil {
				stop.Store(true)
			}
		}
		inFlight.Add(-1)
	}
	return err
}

// testHookInFlight, when set, is called by ordered with the number of
// items yielded and not yet emitted, each time an item is yielded.
var testHookInFlight func(n int)
