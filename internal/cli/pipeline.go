package cli

import (
	"iter"
	"os"
	"sync"
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
// and calls emit with the results in the order produce yielded the items,
// one at a time, whatever jobs is. With jobs 1 everything runs in the
// caller's goroutine. Otherwise jobs workers each take the next item
// (produce runs a step at a time in whichever worker asks, never in two
// at once), work on it, and emit the results that are next in order:
// no item is handed from one goroutine to another.
//
// Memory is bounded by jobs, not by the number of items: a worker does
// not take an item while the items taken and not yet emitted (those being
// worked on among them) number 2×jobs, unless they are small (see
// orderedWindow). size gives an item's size in bytes, or -1 when it is
// not known (a whole file), which counts as large.
//
// Once emit fails, no item is taken, yield returns false, produce should
// return, and ordered returns emit's error after the items in flight are
// done.
func ordered[I, T any](jobs int, produce func(yield func(I) bool), size func(I) int, work func(I) T, emit func(I, T) error) error {
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
	// Handing each item from a producer goroutine to a worker and its
	// result on to an emitting goroutine woke a parked thread two or three
	// times per article: with small articles (Reuters' average 800 bytes)
	// that cost more CPU time than the two cores gained.
	next, stopProduce := iter.Pull(iter.Seq[I](produce))
	defer stopProduce()
	type slot struct {
		item   I
		weight int
		res    T
		ready  bool
	}
	win := orderedWindow{jobs: jobs}
	var (
		takeMu sync.Mutex // held while taking an item: next is not safe for concurrent use
		taken  int        // items taken; guarded by takeMu

		mu       sync.Mutex
		moved    = sync.NewCond(&mu) // emitted grew or done was set
		emitted  int                 // items emitted (or dropped after an error)
		held     int                 // bytes taken and not yet emitted
		done     bool                // no more items are taken
		emitting bool                // a worker is emitting
		waiting  = make([]slot, win.most())
		err      error // emit's first error; guarded by emitting
	)
	take := func() (it I, seq, weight int, ok bool) {
		takeMu.Lock()
		defer takeMu.Unlock()
		mu.Lock()
		for !done && !win.admits(taken-emitted, held) {
			moved.Wait()
		}
		stopped := done
		mu.Unlock()
		if !stopped {
			if it, ok = next(); ok {
				started()
				seq, weight = taken, win.weight(size(it))
				taken++
				mu.Lock()
				held += weight
				mu.Unlock()
				return it, seq, weight, true
			}
		}
		mu.Lock()
		done = true
		moved.Broadcast()
		mu.Unlock()
		return it, 0, 0, false
	}
	// finish keeps the result of item seq, then emits every result that is
	// next in order, unless another worker is already doing so.
	finish := func(seq, weight int, it I, res T) {
		mu.Lock()
		defer mu.Unlock()
		waiting[seq%len(waiting)] = slot{item: it, weight: weight, res: res, ready: true}
		if emitting {
			return
		}
		emitting = true
		for s := &waiting[emitted%len(waiting)]; s.ready; s = &waiting[emitted%len(waiting)] {
			it, res, n := s.item, s.res, s.weight
			*s = slot{}
			mu.Unlock()
			if err == nil {
				if err = emit(it, res); err != nil {
					mu.Lock()
					done = true
					mu.Unlock()
				}
			}
			inFlight.Add(-1)
			mu.Lock()
			emitted++
			held -= n
			moved.Broadcast()
		}
		emitting = false
	}
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for {
				it, seq, weight, ok := take()
				if !ok {
					return
				}
				finish(seq, weight, it, work(it))
			}
		})
	}
	wg.Wait()
	return err
}

// orderedWindow is how many items ordered holds, taken and not yet
// emitted. Two per job keep the workers busy when the items take about as
// long as each other; small items (JSON Lines records of a few kilobytes)
// may number up to 16 per job, as long as they add up to less than
// windowSmallBytes, so that one long article does not stall the other
// workers while it is worked on.
type orderedWindow struct{ jobs int }

const (
	windowPerJob      = 2
	windowSmallPerJob = 16
	windowSmallBytes  = 1 << 20
)

// most is the largest number of items the window holds.
func (w orderedWindow) most() int { return windowSmallPerJob * w.jobs }

// weight is the size an item counts for: its size, or windowSmallBytes
// when it is not known.
func (w orderedWindow) weight(size int) int {
	if size < 0 || size > windowSmallBytes {
		return windowSmallBytes
	}
	return size
}

// admits reports whether one more item may be taken while n items of
// held bytes (weights) are taken and not emitted.
func (w orderedWindow) admits(n, held int) bool {
	if n < windowPerJob*w.jobs {
		return true
	}
	return n < w.most() && held < windowSmallBytes
}

// testHookInFlight, when set, is called by ordered with the number of
// items yielded and not yet emitted, each time an item is yielded.
var testHookInFlight func(n int)
