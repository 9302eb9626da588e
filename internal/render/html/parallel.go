package html

import (
	"runtime"
	"sync"

	"dossier/internal/markdown"
)

// pageJob renders one or more pages through r (r.write, r.w), and touches
// no other state of r: r is the job's own worker.
type pageJob func(r *run) error

// fileOut is a file a job wrote, kept until the pages before it are
// written.
type fileOut struct {
	name string
	data []byte
}

// collect is the output.Writer of a job: what it writes is passed on, in
// the order of the jobs, by parallel.
type collect struct{ files []fileOut }

func (c *collect) WriteFile(name string, data []byte) error {
	c.files = append(c.files, fileOut{name, data})
	return nil
}

// jobResult is what a job wrote, and how it ended.
type jobResult struct {
	files []fileOut
	pages []string
	err   error
}

// parallel runs jobs on up to workers goroutines (GOMAXPROCS when 0) and
// writes what each wrote through r.w, and adds its pages to r.pages, in
// the order of jobs, as if they had run one after the other: the output
// is the same byte for byte, and so is the error, the first in that order.
// A job may start only while fewer than twice as many as there are
// workers wait to be written, so that memory holds a few pages, not the
// site.
func (r *run) parallel(jobs []pageJob, workers int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(jobs))
	if workers <= 1 {
		for _, job := range jobs {
			if err := job(r); err != nil {
				return err
			}
		}
		return nil
	}
	results := make([]chan jobResult, len(jobs))
	for i := range results {
		results[i] = make(chan jobResult, 1) // a worker never waits to hand a result over
	}
	next := make(chan int)
	window := make(chan struct{}, 2*workers) // jobs handed out and not yet written
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(next)
		for i := range jobs {
			select {
			case window <- struct{}{}:
			case <-done:
				return
			}
			select {
			case next <- i:
			case <-done:
				return
			}
		}
	}()
	for range workers {
		w := r.worker() // copied here, before gather changes r
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out := &collect{}
				w.w, w.pages = out, nil
				err := jobs[i](w)
				results[i] <- jobResult{out.files, w.pages, err}
			}
		}()
	}
	err := r.gather(results, window)
	close(done)
	wg.Wait()
	return err
}

// gather writes the results of jobs in order, freeing a place in the
// window for each, until the first error.
func (r *run) gather(results []chan jobResult, window chan struct{}) error {
	for _, c := range results {
		res := <-c
		<-window
		if res.err != nil {
			return res.err
		}
		for _, f := range res.files {
			if err := r.w.WriteFile(f.name, f.data); err != nil {
				return err
			}
		}
		r.pages = append(r.pages, res.pages...)
	}
	return nil
}

// worker returns a copy of r for a goroutine of parallel: it shares what
// is only read (the dossier, the layouts, the frame) and has its own
// Markdown renderer, whose links are relative to the worker's page.
func (r *run) worker() *run {
	w := new(run)
	*w = *r
	w.pages = nil
	w.scratch = nil // its own, made by write
	w.md = markdown.New(markdown.WithHighlighter(r.opts.Highlighter), markdown.WithLinker(w.refTarget), markdown.WithImages(w.imageTarget))
	return w
}
