package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/importer"
	"lapse/storage"
)

// Run opens the journal at path and runs the desktop app until it quits. A
// journal Lapse refuses gets a window that says why, and is left untouched.
func Run(a fyne.App, path string) {
	ctx := context.Background()
	a.SetIcon(appIcon)
	db, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		langErr := SetLanguage("")
		a.Settings().SetTheme(newTheme(IsJapanese()))
		w := openErrorWindow(a, path, err)
		if langErr != nil {
			dialog.ShowError(errorMessage{langErr}, w)
		}
		w.ShowAndRun()
		return
	}
	language := ""
	if s, err := db.Settings(ctx); err == nil {
		language = s.Language
	}
	langErr := SetLanguage(language)
	u := New(a, db, Options{})
	defer func() { u.db.Close() }() // the journal open at the end: Settings can switch it
	if langErr != nil {
		u.showError(langErr)
	}
	u.setupTray()
	if u.trayApp == nil {
		u.win.SetMaster()
	}
	// The journal has one connection: what the first picture does not need
	// waits until it is drawn, so the Overview's figures do not queue
	// behind it.
	a.Lifecycle().SetOnStarted(func() {
		u.background = time.AfterFunc(backgroundDelay, func() {
			fyne.Do(func() {
				// A copy of the journal file once a day it is used; a
				// failure is logged, it does not stop the app.
				db := u.db // the journal open now: Settings can switch it
				go func() {
					if err := db.DailyBackup(ctx); err != nil {
						fyne.LogError("daily backup", err)
					}
				}()
				u.watchReminders()
				u.watchStatusPages(importer.Fetcher{}, nil)
			})
		})
	})
	u.win.ShowAndRun()
}

// backgroundDelay is how long after the window opens the reminders, the
// status-page watcher and the daily copy start: long enough for the first
// picture of a large journal, short enough to go unnoticed.
const backgroundDelay = 2 * time.Second

// openErrorWindow explains why a journal could not be opened.
func openErrorWindow(a fyne.App, path string, err error) fyne.Window {
	w := a.NewWindow(lang.X("app.title", "Lapse"))
	w.SetContent(openErrorContent(a, path, err))
	w.Resize(fyne.NewSize(620, 260))
	return w
}

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
