// Package ui is Lapse's desktop interface. Each screen lives in its own file
// as a small struct holding its widgets and named handlers; the session
// (session.go) owns what they share, and this file builds the main window
// that shows them.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lapse/assets"
	"lapse/storage"
)

// AppID is Lapse's Fyne application ID (also in FyneApp.toml).
const AppID = "app.lapse.journal"

// Options are the collaborators the UI needs besides the journal.
type Options struct {
	Now func() time.Time // the clock; nil means time.Now

	thread uiThread       // where journal work runs and results return; nil means goroutines and fyne.Do
	first  *firstOverview // the first Overview, read while the window was created; nil: read when shown
}

// UI is the main window: the sidebar, the toolbar, the body showing the
// selected place, the undo bar and the status line. Screens never reach it:
// they are given the session and callbacks.
type UI struct {
	*session

	sidebar  *sidebar
	body     *fyne.Container
	overview *overviewScreen
	service  *serviceScreen
	search   *searchScreen // the search shown in the body, if any
	status   *widget.Label
	undo     *undoBar
	toolbar  *toolbar
	trayApp  desktop.App    // nil where the desktop has no tray
	watch    *statusWatcher // nil until the status pages are watched

	recordsChanged bool               // since the body was last shown
	stopReminders  context.CancelFunc // ends the reminders' ticker
	background     *time.Timer        // starts the reminders, the watcher and the daily copy after the first picture
}

// New builds the main window on an open journal.
func New(a fyne.App, db *storage.DB, opts Options) *UI {
	return newIn(newMainWindow(a), a, db, opts)
}

// newMainWindow is the main window before its content: its title, icon and
// the size it was left at.
func newMainWindow(a fyne.App) fyne.Window {
	win := a.NewWindow(lang.X("app.title", "Lapse"))
	win.SetIcon(appIcon)
	restoreSize(a.Preferences(), win)
	return win
}

// newIn builds the main window's content in win, on an open journal.
func newIn(win fyne.Window, a fyne.App, db *storage.DB, opts Options) *UI {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.thread == nil {
		opts.thread = fyneThread{}
	}
	u := &UI{session: newSession(a, win, db, opts.Now, opts.thread)}
	u.first = opts.first
	u.session.undo = func(message string, trashID int64, after func()) { u.undo.offer(message, trashID, after) }
	u.listen(u.onChange)
	u.restoreState()
	u.buildContent()
	u.registerShortcuts()
	win.SetOnClosed(u.closed)
	return u
}

// closed stops what runs for the window: loads, the undo timer, the
// reminders' ticker.
func (u *UI) closed() {
	u.saveState()
	u.leave()
	u.undo.stop()
	if u.background != nil {
		u.background.Stop() // closed within backgroundDelay: start nothing
	}
	if u.stopReminders != nil {
		u.stopReminders()
	}
	if u.watch != nil {
		u.watch.stop()
	}
}

// onChange re-shows what a change of the session touches.
func (u *UI) onChange(c change) {
	switch c {
	case changeRecords:
		u.recordsChanged = true
		u.sidebar.refresh()
		u.refreshTray()
	case changePlace:
		u.showPlace()
	case changeOpening:
		u.showJournalPath()
	case changeAll:
		if u.watch != nil {
			u.watch.restartIfSwitched()
		}
		u.buildContent()
	}
}

// buildContent (re)builds every screen, e.g. after the language changed.
func (u *UI) buildContent() {
	u.leave()
	if u.undo != nil {
		u.undo.stop()
	}
	applyTheme(u.app)
	u.win.SetTitle(lang.X("app.title", "Lapse"))
	u.sidebar = newSidebar(u.session)
	u.overview = newOverviewScreen(u.session)
	u.toolbar = newToolbar(u.session, u.openSearch, u.openHelp)
	u.body = container.NewStack()
	u.status = &widget.Label{Truncation: fyne.TextTruncateEllipsis, Importance: widget.LowImportance}
	u.showJournalPath()
	u.undo = newUndoBar(u.session)
	split := container.NewHSplit(u.sidebar.build(), u.body)
	split.Offset = 0.2
	u.win.SetContent(container.NewBorder(u.toolbar.build(), container.NewVBox(u.undo.build(), u.status), nil, nil, split))
	u.refresh() // the body shows the place once the journal's records are read
}

// showJournalPath says in the status line which journal is open, or which
// one is being opened in its place.
func (u *UI) showJournalPath() {
	if u.opening != "" {
		u.status.SetText(lang.X("status.opening", "Opening {{.Path}}…", map[string]any{"Path": u.opening}))
		return
	}
	u.status.SetText(lang.X("status.journal", "Journal: {{.Path}}", map[string]any{"Path": u.db.Path()}))
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// showPlace shows the Overview or the selected service in the body. The
// screen left behind stops its loads, so a late result never lands on it.
func (u *UI) showPlace() {
	var content fyne.CanvasObject
	if svc := u.serviceByID(u.selected); svc == nil {
		u.leave()
		content = u.overview.build()
	} else if u.service != nil && u.service.svc.ID == svc.ID {
		// The same service again: its records changed, or a tab was asked for.
		u.overview.leave()
		u.service.refresh(svc, u.recordsChanged)
		content = u.service.content
	} else {
		u.leave()
		u.service = newServiceScreen(u.session, svc)
		content = u.service.build()
	}
	u.recordsChanged = false
	replaceObjects(u.body, content)
	u.sidebar.selectCurrent()
}

// leave stops the loads of what the body shows.
func (u *UI) leave() {
	if u.overview != nil {
		u.overview.leave()
	}
	if u.service != nil {
		u.service.leave()
		u.service = nil
	}
	if u.search != nil {
		u.search.leave()
		u.search = nil
	}
}

// openSearch shows a search's results in the body; an empty query goes back.
func (u *UI) openSearch(query string) {
	if u.search != nil {
		u.search.leave()
	}
	s := newSearchScreen(u.session, query)
	if s == nil {
		u.search = nil
		u.show(u.selected)
		return
	}
	u.leave()
	u.search = s
	u.body.Objects = []fyne.CanvasObject{s.build()}
	u.body.Refresh()
}

var appIcon = fyne.NewStaticResource("icon.png", assets.Icon)
