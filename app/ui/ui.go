// Package ui is Lapse's desktop interface. Each screen lives in its own file
// as a small struct holding its widgets and named handlers; this file builds
// the main window and wires the screens together.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/words"
	"lapse/assets"
	"lapse/storage"
)

// AppID is Lapse's Fyne application ID (also in FyneApp.toml).
const AppID = "app.lapse.journal"

// Options are the collaborators the UI needs besides the journal.
type Options struct {
	Now func() time.Time // the clock; nil means time.Now

	thread uiThread // where journal work runs and results return; nil means goroutines and fyne.Do
}

// UI is the main window and the state its screens share.
type UI struct {
	app    fyne.App
	win    fyne.Window
	db     *storage.DB
	now    func() time.Time
	ctx    context.Context
	thread uiThread

	settings journal.Settings
	loc      *time.Location // the user's time zone: months and times are shown in it
	services []*journal.Service
	ongoing  map[int64]bool // service ID → has an ongoing outage
	selected int64          // 0: the Overview

	sidebar  *sidebar
	body     *fyne.Container
	overview *overviewScreen
	service  *serviceScreen
	status   *widget.Label
	undo     *undoBar
	toolbar  *toolbar
	search   *searchScreen // the last search shown; tests read it
	trash    *trashDialog  // the trash dialog when open

	settingsDlg    *settingsDialog // the settings dialog when open
	lastDownNow    *downNowDialog  // the last "Down now" dialog opened
	lastOutageForm *outageForm     // the last outage form opened
	trayApp        desktop.App     // nil where the desktop has no tray
	lastExport     *exportDialog   // the last export dialog opened
	backups        *backupsDialog  // the backups dialog when open
	lastImport     *importDialog   // the last import dialog opened

	periodChoice int // the period picker's choice, kept across screens
}

// New builds the main window on an open journal.
func New(a fyne.App, db *storage.DB, opts Options) *UI {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.thread == nil {
		opts.thread = fyneThread{}
	}
	u := &UI{app: a, db: db, now: opts.Now, ctx: context.Background(), thread: opts.thread, ongoing: map[int64]bool{}, loc: time.Local}
	u.win = a.NewWindow(lang.X("app.title", "Lapse"))
	u.win.SetIcon(appIcon)
	u.periodChoice = period12
	u.restoreState()
	u.buildContent()
	u.registerShortcuts()
	u.win.SetOnClosed(u.saveState)
	return u
}

// buildContent (re)builds every screen, e.g. after the language changed.
func (u *UI) buildContent() {
	u.app.Settings().SetTheme(newTheme(IsJapanese()))
	u.win.SetTitle(lang.X("app.title", "Lapse"))
	u.sidebar = newSidebar(u)
	u.overview = newOverviewScreen(u)
	u.service = newServiceScreen(u)
	u.toolbar = newToolbar(u)
	u.body = container.NewStack()
	u.status = &widget.Label{Text: lang.X("status.journal", "Journal: {{.Path}}", map[string]any{"Path": u.db.Path()}), Truncation: fyne.TextTruncateEllipsis}
	u.status.Importance = widget.LowImportance
	u.undo = newUndoBar(u)
	split := container.NewHSplit(u.sidebar.build(), u.body)
	split.Offset = 0.2
	u.win.SetContent(container.NewBorder(u.toolbar.build(), container.NewVBox(u.undo.build(), u.status), nil, nil, split))
	u.reload()
	u.show(u.selected)
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// reload reads the settings, services and ongoing outages again and
// refreshes the sidebar.
func (u *UI) reload() {
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
	u.sidebar.refresh()
	u.refreshTray()
}

// show switches the body to the Overview (id 0) or a service.
func (u *UI) show(serviceID int64) {
	u.selected = serviceID
	var content fyne.CanvasObject
	if serviceID == 0 || u.serviceByID(serviceID) == nil {
		u.selected = 0
		content = u.overview.build()
	} else {
		content = u.service.build(u.serviceByID(serviceID))
	}
	u.body.Objects = []fyne.CanvasObject{content}
	u.body.Refresh()
	u.sidebar.selectCurrent()
}

func (u *UI) serviceByID(id int64) *journal.Service {
	for _, s := range u.services {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// lang is the language phrases are written in, following the UI's.
func (u *UI) lang() words.Lang {
	if IsJapanese() {
		return words.JA
	}
	return words.EN
}

// refresh rebuilds the current screen after data changed.
func (u *UI) refresh() {
	u.reload()
	u.show(u.selected)
}

// showError tells the user what went wrong, in their language.
func (u *UI) showError(err error) {
	dialog.ShowError(errorMessage{err}, u.win)
}

// errorMessage makes dialog.ShowError display the translated text.
type errorMessage struct{ err error }

func (e errorMessage) Error() string { return errorText(e.err) }
func (e errorMessage) Unwrap() error { return e.err }

var appIcon = fyne.NewStaticResource("icon.png", assets.Icon)

// switchJournal closes the journal and opens the one at path instead; a
// file Lapse refuses leaves the current journal open and untouched.
func (u *UI) switchJournal(path string) {
	next, err := storage.Open(u.ctx, path, storage.Options{Now: u.now})
	if err != nil {
		u.showError(err)
		return
	}
	old := u.db
	u.db = next
	if err := old.Close(); err != nil {
		fyne.LogError("close journal", err)
	}
	u.selected = 0
	u.reload()
	_ = SetLanguage(u.settings.Language)
	u.buildContent()
}
