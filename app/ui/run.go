package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/importer"
	"lapse/app/review"
	"lapse/storage"
)

// Run opens the journal at path and runs the desktop app until it quits. A
// journal Lapse refuses gets a window that says why, and is left untouched.
func Run(a fyne.App, path string) {
	s := start(a, path, fyneThread{})
	a.Run()
	uiStopped.Store(true)
	s.finish()
}

// startup is the main window from its first frame until the app ends. The
// window shows at once, with nothing in it yet, while the journal opens
// beside it: creating the window and checking a large journal each take
// 50–100 ms, so the screens appear when both are done rather than one
// after the other.
type startup struct {
	app    fyne.App
	win    fyne.Window
	path   string
	thread uiThread
	fonts  chan struct{} // closed when the theme's fonts are loaded
	done   chan struct{} // closed when the open has ended and handed its result on
	slow   *time.Timer   // says the journal is loading, if it takes a while
	cancel func()        // stops the open's reads when the app ends first

	mu     sync.Mutex
	result opened // what the open gave
	shown  bool   // the journal's screens (or why it was refused) are in the window
	ended  bool   // the app ended: nothing more is shown
	ui     *UI    // the window on the open journal, once shown
}

// opened is an open journal and the language it asks for, or why it could
// not be opened.
type opened struct {
	db       *storage.DB
	language string
	first    *firstOverview // the first screen's figures, when it is the Overview
	err      error
}

// start shows the main window with nothing in it and opens the journal at
// path on another goroutine; the screens replace the empty frame when it
// is open.
func start(a fyne.App, path string, thread uiThread) *startup {
	a.SetIcon(appIcon)
	ctx, cancel := context.WithCancel(context.Background())
	s := &startup{app: a, path: path, thread: thread, fonts: make(chan struct{}), done: make(chan struct{}), cancel: cancel}
	thread.Go(func() {
		defer close(s.done)
		r := openJournal(ctx, path, a.Preferences(), time.Now)
		s.mu.Lock()
		s.result = r
		s.mu.Unlock()
		thread.Do(s.show)
	})
	// Until the journal says which language it speaks, the system's decides
	// the font; the window has no text yet.
	a.Settings().SetTheme(newThemeIn(systemJapanese(), a.Preferences().String(prefTheme)))
	// The first text measured loads the theme's fonts and looks through the
	// system's (30–40 ms): done here, it overlaps the window's creation.
	thread.Go(func() {
		defer close(s.fonts)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			fyne.MeasureText("Lapse", theme.TextSize(), style)
		}
	})
	s.win = newMainWindow(a)
	s.win.SetContent(container.NewStack())
	s.slow = time.AfterFunc(placeholderDelay, func() { thread.Do(s.loading) })
	if d, ok := a.(desktop.App); ok && trayAvailable() {
		startTray(d, s.win)
	} else {
		s.win.SetMaster()
	}
	s.win.Show()
	return s
}

// openJournal opens the journal at path and reads the language it is shown
// in and, when the window opens on the Overview, its figures at now: read
// here, beside the window's creation, they are ready when the screens are
// built instead of read after them.
func openJournal(ctx context.Context, path string, p fyne.Preferences, now func() time.Time) opened {
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		return opened{err: err}
	}
	r := opened{db: db}
	if s, err := db.Settings(ctx); err == nil {
		r.language = s.Language
		r.first = readFirstOverview(ctx, db, p, review.Location(s), now())
	}
	return r
}

// loading says the journal is being opened, when that takes a while.
func (s *startup) loading() {
	s.mu.Lock()
	waiting := !s.shown && !s.ended
	s.mu.Unlock()
	if !waiting {
		return
	}
	if err := SetLanguage(""); err != nil {
		fyne.LogError("load translations", err)
	}
	s.win.SetContent(loadingLabel())
}

// show puts the open journal's screens in the window, or says why it could
// not be opened. After the app ended it shows nothing; finish closes the
// journal.
func (s *startup) show() {
	s.mu.Lock()
	if s.ended || s.shown {
		s.mu.Unlock()
		return
	}
	s.shown = true
	r := s.result
	s.mu.Unlock()
	s.slow.Stop()
	<-s.fonts // the theme may change below: not while they load
	if r.err != nil {
		langErr := SetLanguage("")
		applyTheme(s.app)
		s.win.SetContent(openErrorContent(s.app, s.path, r.err))
		s.win.Resize(fyne.NewSize(620, 260))
		if langErr != nil {
			dialog.ShowError(errorMessage{langErr}, s.win)
		}
		return
	}
	langErr := SetLanguage(r.language)
	u := newIn(s.win, s.app, r.db, Options{thread: s.thread, first: r.first})
	s.mu.Lock()
	s.ui = u
	s.mu.Unlock()
	if langErr != nil {
		u.showError(langErr)
	}
	u.setupTray()
	u.startBackground()
}

// finish closes the journal once the app has ended: the one the window
// shows (Settings can switch it), or the one opened too late to be shown.
func (s *startup) finish() {
	s.mu.Lock()
	s.ended = true
	s.mu.Unlock()
	s.cancel() // a journal still opening, or its first figures, are not waited for
	s.slow.Stop()
	<-s.done
	s.mu.Lock()
	ui := s.ui
	s.mu.Unlock()
	db := s.result.db
	if ui != nil {
		// A save still waiting for the lock lands before the journal closes
		// (closing does not wait for a transaction), and so do the closes
		// of journals switched from.
		ui.waitWrites()
		ui.closes.Wait()
		db = ui.db
	}
	if db == nil {
		return
	}
	if err := db.Close(); err != nil {
		fyne.LogError("close journal", err)
	}
}

// startBackground starts what the first picture does not need once it has
// had time to be drawn: the journal has one connection, so the Overview's
// figures do not queue behind them.
func (u *UI) startBackground() {
	u.background = time.AfterFunc(backgroundDelay, func() {
		u.thread.Do(func() {
			// A copy of the journal file once a day it is used; a
			// failure is logged, it does not stop the app.
			db := u.db      // the journal open now: Settings can switch it
			u.writes.Add(1) // closing the journal waits for the copy
			u.thread.Go(func() {
				defer u.writes.Done()
				if err := db.DailyBackup(u.ctx); err != nil {
					fyne.LogError("daily backup", err)
				}
			})
			u.watchReminders()
			u.watchStatusPages(importer.Fetcher{}, nil)
		})
	})
}

// backgroundDelay is how long after the window opens the reminders, the
// status-page watcher and the daily copy start: long enough for the first
// picture of a large journal, short enough to go unnoticed.
const backgroundDelay = 2 * time.Second

// openErrorContent says why the journal at path cannot be opened and that
// it was left as it was.
func openErrorContent(a fyne.App, path string, err error) fyne.CanvasObject {
	title := &widget.Label{Text: lang.X("open_error.title", "Lapse cannot open this journal"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	msg := &widget.Label{Text: errorText(err), Wrapping: fyne.TextWrapWord}
	where := &widget.Label{Text: lang.X("open_error.path", "File: {{.Path}}", map[string]any{"Path": path}), Wrapping: fyne.TextWrapBreak}
	hint := &widget.Label{Text: lang.X("open_error.hint", "The file was left exactly as it was. Start Lapse with --db PATH to open another journal."), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	quit := &widget.Button{Text: lang.X("action.quit", "Quit"), OnTapped: a.Quit}
	return container.NewPadded(container.NewVBox(title, msg, where, hint, container.NewHBox(quit)))
}
