package ui

import "sync"

// queueThread is the tests' uiThread: work runs on goroutines as in the
// app, and results wait in a queue until the test settles them on its own
// goroutine, so a test sees the screen before and after they arrive.
type queueThread struct {
	mu      sync.Mutex
	running sync.WaitGroup
	queue   []func()
}

func (q *queueThread) Go(work func()) {
	q.running.Add(1)
	go func() {
		defer q.running.Done()
		work()
	}()
}

func (q *queueThread) Do(apply func()) {
	q.mu.Lock()
	q.queue = append(q.queue, apply)
	q.mu.Unlock()
}

// settle waits for the work started so far and applies its results, until
// nothing is left running or waiting.
func (q *queueThread) settle() {
	for {
		q.running.Wait()
		q.mu.Lock()
		applies := q.queue
		q.queue = nil
		q.mu.Unlock()
		if len(applies) == 0 {
			return
		}
		for _, f := range applies {
			f()
		}
	}
}

// applyQueued applies the results queued so far without waiting for the
// work still running, as the UI thread does while a write waits.
func (q *queueThread) applyQueued() {
	q.mu.Lock()
	applies := q.queue
	q.queue = nil
	q.mu.Unlock()
	for _, f := range applies {
		f()
	}
}

// settleNewestFirst is settle with the results applied newest first, as
// goroutines may deliver them.
func (q *queueThread) settleNewestFirst() {
	q.running.Wait()
	q.mu.Lock()
	applies := q.queue
	q.queue = nil
	q.mu.Unlock()
	for i := len(applies) - 1; i >= 0; i-- {
		applies[i]()
	}
	q.settle()
}
