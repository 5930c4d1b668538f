package ui

import (
	"context"
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

	listeners []func(change)
	undo      func(message string, trashID int64, after func())
}

// change says what a session's listeners should re-show.
type change int

const (
	changeRecords change = iota // services or ongoing outages were read again
	changePlace                 // the selected service or tab changed, or its records did
	changeAll                   // the language or the journal changed: rebuild everything
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

// reload reads the settings, services and ongoing outages again.
func (u *session) reload() {
	settings, err := u.db.Settings(u.ctx)
	if err != nil {
		u.showError(err)
		return
	}
	u.settings = settings
	u.loc = review.Location(settings)
	// Archived services stay listed (marked), so they can be opened, linked
	// to and unarchived; figures and reminders leave them out.
	svcs, err := u.db.Services(u.ctx, storage.ServiceFilter{IncludeArchived: true})
	if err != nil {
		u.showError(err)
		return
	}
	u.services = svcs
	ongoing := map[int64]bool{}
	yes := true
	outs, err := u.db.Outages(u.ctx, storage.OutageFilter{Ongoing: &yes})
	if err != nil {
		u.showError(err)
		return
	}
	for _, o := range outs {
		if o.Source == journal.SourceMe { // an official incident is shown, not marked as lived
			ongoing[o.ServiceID] = true
		}
	}
	u.ongoing = ongoing
	u.notify(changeRecords)
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

// refresh reads the journal again and re-shows the current place, after
// its records changed.
func (u *session) refresh() {
	u.reload()
	u.show(u.selected)
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
// and rebuilds the screens on it, from the Overview.
func (u *session) useJournal(db *storage.DB) {
	u.db = db
	u.selected = 0
	u.reload()
	if err := SetLanguage(u.settings.Language); err != nil {
		u.showError(err)
	}
	u.rebuild()
}

// switchJournal closes the journal and opens the one at path instead; a
// file Lapse refuses leaves the current journal open and untouched.
func (u *session) switchJournal(path string) {
	next, err := storage.Open(u.ctx, path, storage.Options{Now: u.now})
	if err != nil {
		u.showError(err)
		return
	}
	if err := u.db.Close(); err != nil {
		fyne.LogError("close journal", err)
	}
	u.useJournal(next)
}
