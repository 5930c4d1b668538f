package ui

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"lapse/app/journal"
)

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

// TestOpenThreadShowsTheLatestMessages opens a thread longer than the
// window: it opens scrolled to its end, where the latest message is.
func TestOpenThreadShowsTheLatestMessages(t *testing.T) {
	u, tab := newSupportUI(t)
	var msgs []msg
	for i := range 14 {
		author := journal.AuthorMe
		if i%2 == 1 {
			author = journal.AuthorHuman
		}
		msgs = append(msgs, msg{time.Duration(i) * time.Hour, author, fmt.Sprintf("message %d", i)})
	}
	tk := addTicket(t, u, tab, fixedNow.Add(-2*day), nil, msgs...)
	tab.openThread(tk.ID)
	settle(u)
	s := tab.thread.scroll
	end := s.Content.MinSize().Height - s.Size().Height
	if end <= 0 {
		t.Fatalf("the thread fits the window (%v in %v): the test needs a longer one", s.Content.MinSize(), s.Size())
	}
	if s.Offset.Y < end-1 {
		t.Errorf("the thread opens scrolled to %.0f of %.0f: the latest messages are out of sight", s.Offset.Y, end)
	}
}
