package cli

import (
	"os"
	"runtime"
	"slices"
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

// listing is a run's inputs listed ahead, while the set-up finishes:
// what each command-line path holds and, opened ahead, the first JSON
// Lines file among them (opening one scans it whole for its encoding,
// which the run would otherwise wait for before its first record).
// Nothing is logged until listInputs takes it, so messages keep their
// order.
type listing struct {
	paths []string
	opts  audit.ReadOptions
	done  chan struct{}
	found []listedPath // one per path, once done is closed
	first *openingJSONL
}

// listedPath is what one command-line path holds.
type listedPath struct {
	// explicit is a path naming a file (where a binary file is an error,
	// see input); dir one naming a folder. A path that cannot be read is
	// neither.
	explicit, dir bool
	files         []string
	errs          []error
}

// listAhead starts listing paths, and opening the first JSON Lines file
// among them, on a goroutine of its own.
func listAhead(paths []string, opts audit.ReadOptions) *listing {
	l := &listing{paths: slices.Clone(paths), opts: opts, done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.found = make([]listedPath, len(l.paths))
		for i, p := range l.paths {
			if p == "-" {
				continue // standard input: read when its turn comes
			}
			f := &l.found[i]
			if st, err := os.Stat(p); err == nil {
				f.explicit, f.dir = !st.IsDir(), st.IsDir()
			}
			f.files, f.errs = audit.Inputs([]string{p}, opts)
			for _, name := range f.files {
				if l.first == nil && isJSONL(name, opts) {
					l.first = openJSONLAhead(name, opts)
				}
			}
		}
	}()
	return l
}

// discard closes the JSON Lines file opened ahead, when the listing is
// not taken (a nil l is none).
func (l *listing) discard() {
	if l == nil {
		return
	}
	go func() {
		<-l.done
		l.first.discard()
	}()
}

// listInputs expands the command-line paths into the files to read, in
// the order they are read, from l, and returns them with the first JSON
// Lines file among them opened ahead (nil when there is none). Paths that
// cannot be listed are logged and mark the run failed; the rest go on.
func (e *env) listInputs(l *listing) ([]input, *openingJSONL) {
	<-l.done
	var out []input
	for i, p := range l.paths {
		if p == "-" {
			out = append(out, input{path: "-", explicit: true})
			continue
		}
		f := l.found[i]
		for _, err := range f.errs {
			e.readFailed(err, f.explicit)
		}
		if f.dir && len(f.files) == 0 && len(f.errs) == 0 {
			e.warnEmptyDir(p, l.opts)
		}
		for _, name := range f.files {
			out = append(out, input{path: name, explicit: f.explicit})
		}
	}
	return out, l.first
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
// caller's goroutine. Otherwise produce runs in a goroutine of its own,
// reading ahead while the window below admits, and jobs workers each take
// the next item produced, work on it, and emit the results that are next
// in order: a result is never handed to another goroutine to be emitted.
//
// Memory is bounded by jobs, not by the number of items: produce is not
// let go on to its next item while the items produced and not yet
// emitted (those being worked on and those waiting for a worker among
// them) number 2×jobs, unless they are small (see orderedWindow). size
// gives an item's size in bytes, or -1 when it is not known (a whole
// file), which counts as large.
//
// Once emit fails, no item is taken, yield returns false, produce should
// return, and ordered returns emit's error after the items in flight are
// done and produce has returned.
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
	// Producing in a goroutine of its own lets the workers go on while the
	// next records are read. Earlier designs cost more than they gained:
	// handing each item to a worker through a channel and each result on
	// to an emitting goroutine woke a parked thread two or three times per
	// article, and running produce as an iter.Pull coroutine in whichever
	// worker asked made the other worker wait for the reading (and for the
	// coroutine switches). Here a worker waits only when nothing is
	// produced, and the producer only when the window is full.
	//
	// The producer, let go on by an emitting worker, is readied on that
	// worker's core, which goes on to its next item while the other core
	// is busy too: it runs only once a worker runs out of items and waits
	// (about 450 times a run over the corpora with two jobs, each wait a
	// thread put to sleep and woken). So a worker that finishes an item
	// while the producer is ready to go on and the items left to begin
	// are no more than the jobs yields its core to the producer first.
	type slot struct {
		item   I
		weight int
		res    T
		ready  bool
	}
	win := orderedWindow{jobs: jobs}
	var (
		mu       sync.Mutex
		moved    = sync.NewCond(&mu) // emitted grew or done was set: the producer may go on
		produced = sync.NewCond(&mu) // taken grew or the producer returned: a worker may start
		taken    int                 // items produced
		begun    int                 // items a worker has started on
		emitted  int                 // items emitted (or dropped after an error)
		held     int                 // bytes produced and not yet emitted
		finished bool                // produce has returned
		done     bool                // no more items are taken
		emitting bool                // a worker is emitting
		blocked  bool                // the producer waits for the window (moved)
		waiting  = make([]slot, win.most())
		err      error // emit's first error; guarded by emitting
	)
	go func() {
		produce(func(it I) bool {
			weight := win.weight(size(it))
			mu.Lock()
			defer mu.Unlock()
			if done {
				return false
			}
			started()
			waiting[taken%len(waiting)] = slot{item: it, weight: weight}
			taken++
			held += weight
			produced.Signal()
			for !done && !win.admits(taken-emitted, held) {
				blocked = true
				moved.Wait()
				blocked = false
			}
			return !done
		})
		mu.Lock()
		finished = true
		produced.Broadcast()
		mu.Unlock()
	}()
	// take waits for the next item produced; ok is false once none will be.
	take := func() (it I, seq, weight int, ok bool) {
		mu.Lock()
		defer mu.Unlock()
		for !done && !finished && begun == taken {
			produced.Wait()
		}
		if done || begun == taken {
			return it, 0, 0, false
		}
		seq = begun
		begun++
		s := &waiting[seq%len(waiting)]
		return s.item, seq, s.weight, true
	}
	// unlock unlocks mu, then yields to the producer if it is ready to go
	// on and the workers are about to run out of items.
	unlock := func() {
		yield := blocked && !done && win.admits(taken-emitted, held) && taken-begun <= jobs
		mu.Unlock()
		if yield {
			runtime.Gosched()
		}
	}
	// finish keeps the result of item seq, then emits every result that is
	// next in order, unless another worker is already doing so.
	finish := func(seq, weight int, it I, res T) {
		mu.Lock()
		defer unlock()
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
					produced.Broadcast()
					mu.Unlock()
				}
			}
			inFlight.Add(-1)
			mu.Lock()
			emitted++
			held -= n
			moved.Signal()
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
	// The workers have stopped: either produce has returned, or an emit
	// failed and done is set, so its next yield returns false.
	mu.Lock()
	done = true
	moved.Broadcast()
	for !finished {
		produced.Wait()
	}
	mu.Unlock()
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
