package cli

import (
	"os"
	"sync"

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
		explicit := false
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			explicit = true
		}
		files, errs := audit.Inputs([]string{p}, opts)
		for _, err := range errs {
			e.readFailed(err, explicit)
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

// parallel runs work on every input with at most jobs inputs in flight,
// and calls emit with the results in input order, from the calling
// goroutine. At most 2×jobs results wait to be emitted, so memory stays
// bounded however many inputs there are.
func parallel[T any](inputs []input, jobs int, work func(input) T, emit func(input, T)) {
	if jobs < 1 {
		jobs = 1
	}
	if jobs == 1 {
		for _, in := range inputs {
			emit(in, work(in))
		}
		return
	}
	slots := make(chan chan T, 2*jobs)
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	go func() {
		for _, in := range inputs {
			ch := make(chan T, 1)
			slots <- ch
			sem <- struct{}{}
			wg.Add(1)
			go func(in input) {
				defer wg.Done()
				defer func() { <-sem }()
				ch <- work(in)
			}(in)
		}
		close(slots)
	}()
	i := 0
	for ch := range slots {
		emit(inputs[i], <-ch)
		i++
	}
	wg.Wait()
}
