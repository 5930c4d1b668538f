package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"lapse/app/importer"
	"lapse/app/statuswatch"
	"lapse/storage"
)

// statusWatcher runs statuswatch on the open journal while the window is
// open: the polls run on their own goroutine (not a screen's load: it lasts
// as long as the journal), and what the vendors report comes back to the UI
// thread as a desktop notification and a fresh Overview, whose cards ask
// the questions (watch_card.go).
type statusWatcher struct {
	ses     *session
	fetcher importer.Fetcher                                 // https only, as the Statuspage import
	wait    func(ctx context.Context, d time.Duration) error // Run's pauses; nil: a timer
	db      *storage.DB                                      // the journal watched
	cancel  context.CancelFunc
	told    map[string]bool // questions already notified; UI thread only
	onEvent func()          // re-shows what the event changed; UI thread
	onSaved func(int64)     // re-shows a service's incidents saved quietly; UI thread
}

// watchStatusPages starts watching the status pages of the open journal's
// services, fetched with f, until the window closes; a journal switched
// to is watched in its place.
func (u *UI) watchStatusPages(f importer.Fetcher, wait func(ctx context.Context, d time.Duration) error) {
	u.watch = &statusWatcher{ses: u.session, fetcher: f, wait: wait, told: map[string]bool{}, onEvent: u.afterStatusEvent,
		onSaved: u.afterStatusSaved}
	u.watch.start()
}

// afterStatusEvent reads the journal again (the watcher wrote official
// outages) and re-shows the Overview, where the question waits.
func (u *UI) afterStatusEvent() {
	u.reloadThen(func() {
		if u.selected == 0 && u.search == nil {
			u.show(0)
		}
	})
}

// afterStatusSaved re-shows the screen shown if it shows the official
// incidents of the service a poll saved some for without an event (a
// page's history, an incident's new update): the Overview, or that service.
func (u *UI) afterStatusSaved(serviceID int64) {
	if u.search == nil && (u.selected == 0 || u.selected == serviceID) {
		u.refresh()
	}
}

// start watches the session's journal, stopping a watch already running.
func (w *statusWatcher) start() {
	w.stop()
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel, w.db = cancel, w.ses.db
	thread := w.ses.thread
	sw := &statuswatch.Watcher{DB: w.db, Fetcher: w.fetcher, Now: w.ses.now, Wait: w.wait,
		Notify: func(e statuswatch.Event) {
			thread.Do(func() {
				if ctx.Err() == nil {
					w.tell(e)
				}
			})
		},
		// A poll that saved incidents but has no event for them: the
		// events' own re-show does not come, so the screen is told here.
		Observe: func(r statuswatch.Report) {
			if r.New+r.Changed == 0 || len(r.Events) > 0 {
				return
			}
			id := r.Service.ID
			thread.Do(func() {
				if ctx.Err() == nil {
					w.onSaved(id)
				}
			})
		}}
	go func() {
		// Run ends with ctx's error, or when the journal itself cannot be read.
		if err := sw.Run(ctx); ctx.Err() == nil {
			fyne.LogError("watch status pages", err)
		}
	}()
}

// restartIfSwitched watches the session's journal if it is not the one
// watched (the journal was switched or restored).
func (w *statusWatcher) restartIfSwitched() {
	if w.db != w.ses.db {
		w.start()
	}
}

// stop ends the watch; a poll under way is cancelled.
func (w *statusWatcher) stop() {
	if w.cancel != nil {
		w.cancel()
		w.cancel = nil
	}
}

// tell notifies the user of an event that asks them something, once per
// question, and re-shows the Overview, whose card asks it.
func (w *statusWatcher) tell(e statuswatch.Event) {
	if n := eventNotification(e); n != nil {
		key := fmt.Sprintf("%s:%d", e.Kind, e.Incident.ID)
		if !w.told[key] {
			w.told[key] = true
			w.ses.app.SendNotification(n)
		}
	}
	w.onEvent()
}

// eventNotification is the desktop notification of an event, nil for
// events that ask nothing (an incident resolved that the user was not
// linked to, or one that left a feed with no outage of theirs linked).
func eventNotification(e statuswatch.Event) *fyne.Notification {
	args := map[string]any{"Service": e.Service.Name, "Title": e.Incident.Title}
	switch {
	case e.Kind == statuswatch.EventReported && e.State == statuswatch.Unknown:
		// A feed entry with a title and a date only: saved with no length,
		// so there is no card to answer; the notification only tells.
		return fyne.NewNotification(lang.X("watch.notify_posted", "{{.Service}}'s status page posted “{{.Title}}”", args),
			lang.X("watch.notify_posted_body", "It does not say whether it is still going on.", args))
	case e.Kind == statuswatch.EventReported:
		return fyne.NewNotification(lang.X("watch.notify_reported", "{{.Service}} reports an incident", args),
			lang.X("watch.notify_reported_body", "“{{.Title}}”: are you affected?", args))
	case e.Kind == statuswatch.EventBack:
		return fyne.NewNotification(lang.X("watch.notify_resolved", "{{.Service}} resolved an incident", args),
			lang.X("watch.notify_back_body", "“{{.Title}}”: is it back for you?", args))
	case e.Kind == statuswatch.EventLeft && e.Lived != nil:
		// Lapse ended it because the feed dropped it: the vendor said nothing.
		return fyne.NewNotification(lang.X("watch.notify_left", "{{.Service}}'s status page stopped listing an incident", args),
			lang.X("watch.notify_back_body", "“{{.Title}}”: is it back for you?", args))
	}
	return nil
}
