package ui

import "fyne.io/fyne/v2"

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

func (fyneThread) Go(work func())  { go work() }
func (fyneThread) Do(apply func()) { fyne.Do(apply) }
