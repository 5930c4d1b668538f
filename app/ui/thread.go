package ui

import (
	"context"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// uiThread starts journal work off the UI thread and brings its results
// back to it. The app uses goroutines and fyne.Do; tests use a queue they
// drain on their own goroutine, so they can look at a screen between the
// moment its frame is shown and the moment its figures arrive.
type uiThread interface {
	Go(work func())  // runs work on another goroutine
	Do(apply func()) // runs apply on the UI thread
}

// fyneThread is the app's uiThread.
type fyneThread struct{}

// uiStopped is set once the app's loop has ended: Fyne then runs what
// fyne.Do is given on the caller's goroutine, beside Run's closing of the
// journal, so a result arriving after it is dropped instead.
var uiStopped atomic.Bool

func (fyneThread) Go(work func()) { go work() }
func (fyneThread) Do(apply func()) {
	if !uiStopped.Load() {
		fyne.Do(apply)
	}
}

// placeholderDelay is how long a load may take before its screen says it
// is loading: quicker loads show their result without a flash.
const placeholderDelay = 150 * time.Millisecond

// loader runs a screen's loads one at a time. Starting a load or leaving
// cancels the one before, and a cancelled load's result is dropped, so a
// late result never lands on a screen that is no longer shown.
type loader struct {
	thread uiThread
	cancel context.CancelFunc
	gen    int // the current load; read and written on the UI thread only
}

// start runs work off the UI thread with a context cancelled by the next
// start or by stop; the function work returns is applied on the UI thread
// if the load is still current. waiting, if not nil, runs on the UI thread
// when the load takes longer than placeholderDelay.
func (l *loader) start(work func(ctx context.Context) (apply func()), waiting func()) {
	l.stop()
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	gen := l.gen
	done := false // UI thread only
	var timer *time.Timer
	if waiting != nil {
		timer = time.AfterFunc(placeholderDelay, func() {
			l.thread.Do(func() {
				if !done && l.gen == gen {
					waiting()
				}
			})
		})
	}
	l.thread.Go(func() {
		apply := work(ctx)
		if timer != nil {
			timer.Stop()
		}
		l.thread.Do(func() {
			done = true
			if l.gen != gen || ctx.Err() != nil || apply == nil {
				return
			}
			l.cancel = nil
			cancel()
			apply()
		})
	})
}

// stop cancels the running load, if any, and drops its result.
func (l *loader) stop() {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	l.gen++
}
