package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/words"
	"lapse/storage"
)

// session owns what the screens share: the open journal and what every
// screen reads from it (settings, time zone, services, ongoing outages), and
// where the user is (the selected service, its tab, the period and the
// moment of judgement).
// Screens read it and ask it to change; it tells its listeners (the main
// window) what changed, and they re-show what depends on it. It holds no
// screen, so a screen holding it reaches no other screen.
type session struct {
	app    fyne.App
	win    fyne.Window
	now    func() time.Time
	thread uiThread
	ctx    context.Context

	db       *storage.DB // the open journal; loads capture it before they start
	settings journal.Settings
	loc      *time.Location // the user's time zone: months and times are shown in it
	services []*journal.Service
	ongoing  map[int64]bool // service ID → has an ongoing outage

	selected int64     // 0: the Overview
	tab      int       // the service tab shown, kept across services
	ticket   int64     // a ticket to open when the Support tab shows next
	view     viewState // the period shown and the moment judged as of
	focus    int64     // the service the Overview's first reminder is about

	forms []*formKeys // open dialogs, last on top: Escape cancels the top one

	first *firstOverview // the Overview read beside the journal's opening; nil once used

	listeners []func(change)
	undo      func(message string, trashID int64, after func())

	reloads     int            // the newest reload: an older one applies nothing
	afterReload []func()       // what waits for the newest reload's records
	switches    int            // the newest switch of journal: an older one is dropped
	writes      sync.WaitGroup // writes under way: closing a journal waits for them
	closes      sync.WaitGroup // journals being closed: quitting waits for them
	opening     string         // the journal being opened in its place, if any
}

// change says what a session's listeners should re-show.
type change int

const (
	changeRecords change = iota // services or ongoing outages were read again
	changePlace                 // the selected service or tab changed, or its records did
	changeAll                   // the language or the journal changed: rebuild everything
	changeOpening               // a journal is being opened (opening), or no longer is
)

func newSession(a fyne.App, win fyne.Window, db *storage.DB, now func() time.Time, thread uiThread) *session {
	return &session{app: a, win: win, db: db, now: now, thread: thread, ctx: context.Background(),
		ongoing: map[int64]bool{}, loc: time.Local, view: viewState{choice: period12}}
}

// listen registers a listener for the session's changes.
func (u *session) listen(f func(change)) { u.listeners = append(u.listeners, f) }

func (u *session) notify(c change) {
	for _, f := range u.listeners {
		f(c)
	}
}

// reload reads the settings, services and ongoing outages again, off the
// UI thread, then tells the listeners.
func (u *session) reload() { u.reloadThen(nil) }

// reloadThen reloads, then runs after (if not nil) on the UI thread. A
// reload overtaken by a newer one (or by a switch of journal) applies
// nothing: the newest applies its records and runs the afters of all.
func (u *session) reloadThen(after func()) {
	u.reloads++
	gen := u.reloads
	if after != nil {
		u.afterReload = append(u.afterReload, after)
	}
	db, ctx := u.db, u.ctx
	u.thread.Go(func() {
		r, err := readRecords(ctx, db)
		u.thread.Do(func() {
			if gen != u.reloads {
				return
			}
			afters := u.afterReload
			u.afterReload = nil
			if err != nil {
				u.showError(err)
			} else {
				u.settings, u.loc, u.services, u.ongoing = r.settings, review.Location(r.settings), r.services, r.ongoing
				u.notify(changeRecords)
			}
			for _, f := range afters {
				f()
			}
		})
	})
}

// records are what the session reads from the journal for every screen.
type records struct {
	settings journal.Settings
	services []*journal.Service
	ongoing  map[int64]bool
}

func readRecords(ctx context.Context, db *storage.DB) (records, error) {
	settings, err := db.Settings(ctx)
	if err != nil {
		return records{}, err
	}
	// Archived services stay listed (marked), so they can be opened, linked
	// to and unarchived; figures and reminders leave them out.
	svcs, err := db.Services(ctx, storage.ServiceFilter{IncludeArchived: true})
	if err != nil {
		return records{}, err
	}
	yes := true
	outs, err := db.Outages(ctx, storage.OutageFilter{Ongoing: &yes})
	if err != nil {
		return records{}, err
	}
	ongoing := map[int64]bool{}
	for _, o := range outs {
		if o.Source == journal.SourceMe { // an official incident is shown, not marked as lived
			ongoing[o.ServiceID] = true
		}
	}
	return records{settings: settings, services: svcs, ongoing: ongoing}, nil
}

// show selects the Overview (id 0) or a service, on the tab last shown.
func (u *session) show(serviceID int64) {
	if u.serviceByID(serviceID) == nil {
		serviceID = 0
	}
	u.selected = serviceID
	u.notify(changePlace)
}

// showTab selects a service on one of its tabs.
func (u *session) showTab(serviceID int64, tab int) {
	u.tab = tab
	u.show(serviceID)
}

// showTicket selects a service's Support tab with a ticket's thread open.
func (u *session) showTicket(serviceID, ticketID int64) {
	u.ticket = ticketID
	u.showTab(serviceID, tabSupport)
}

// refresh reads the journal again and re-shows the current place once the
// new records are in, after its records changed.
func (u *session) refresh() {
	u.reloadThen(func() { u.show(u.selected) })
}

// rebuild rebuilds every screen, after the language or the journal changed.
func (u *session) rebuild() { u.notify(changeAll) }

// offerUndo offers to restore trashID, then calls after.
func (u *session) offerUndo(message string, trashID int64, after func()) {
	if u.undo != nil {
		u.undo(message, trashID, after)
	}
}

func (u *session) serviceByID(id int64) *journal.Service {
	for _, s := range u.services {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// lang is the language phrases are written in, following the UI's.
func (u *session) lang() words.Lang {
	if IsJapanese() {
		return words.JA
	}
	return words.EN
}

// showError tells the user what went wrong, in their language.
func (u *session) showError(err error) {
	dialog.ShowError(errorMessage{err}, u.win)
}

// errorMessage makes dialog.ShowError display the translated text.
type errorMessage struct{ err error }

func (e errorMessage) Error() string { return errorText(e.err) }
func (e errorMessage) Unwrap() error { return e.err }

// useJournal puts db in place of the open journal (closed by the caller)
// and rebuilds the screens on it, from the Overview, once its records are
// read.
func (u *session) useJournal(db *storage.DB) {
	u.db = db
	u.selected = 0
	u.afterReload = nil // what waited for the old journal's records
	u.reloadThen(func() {
		if err := SetLanguage(u.settings.Language); err != nil {
			u.showError(err)
		}
		u.rebuild()
	})
}

// switchJournal opens the journal at path off the UI thread (Open checks
// the whole file), then closes the open one and puts the new one in its
// place. A file Lapse refuses leaves the current journal open and
// untouched; a switch overtaken by a newer one closes what it opened.
func (u *session) switchJournal(path string) {
	u.switches++
	gen := u.switches
	ctx, now := u.ctx, u.now
	u.opening = path
	u.notify(changeOpening)
	u.thread.Go(func() {
		next, err := storage.Open(ctx, path, storage.Options{Now: now})
		u.thread.Do(func() {
			switch {
			case gen != u.switches:
				if err == nil {
					u.closeJournal(next)
				}
			case err != nil:
				u.opening = ""
				u.notify(changeOpening)
				u.showError(err)
			default:
				u.opening = ""
				old := u.db
				u.useJournal(next)
				u.closeJournal(old)
			}
		})
	})
}

// closeJournal closes db off the UI thread, once the writes under way
// have ended: closing does not wait for a transaction still running.
func (u *session) closeJournal(db *storage.DB) {
	u.closes.Add(1)
	u.thread.Go(func() {
		defer u.closes.Done()
		u.waitWrites()
		if err := db.Close(); err != nil {
			fyne.LogError("close journal", err)
		}
	})
}

// waitWrites waits for the writes under way, at most as long as one may
// wait for the write lock (and a little more for itself).
func (u *session) waitWrites() {
	ended := make(chan struct{})
	go func() {
		u.writes.Wait()
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(storage.DefaultWait + 5*time.Second):
	}
}
