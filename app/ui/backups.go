package ui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/backup"
	"lapse/storage"
)

// backupsDialog saves and restores full backups (versioned JSON) and lists
// the automatic copies of the journal file, each restorable.
type backupsDialog struct {
	ses    *session
	load   loader // a backup being read or restored
	copies loader // the automatic copies being listed
	autos  []storage.AutoBackup
	list   *widget.List
	none   *widget.Label
	dlg    dialog.Dialog
}

var backupColumns = columns{2, 2, 1, 1.2}

var backupReasonText = map[string]string{
	storage.BackupDaily: "Daily", storage.BackupBeforeRestore: "Before a restore", storage.BackupBeforeMigration: "Before an upgrade",
}

func (u *session) openBackups() *backupsDialog {
	b := &backupsDialog{ses: u, load: loader{thread: u.thread}, copies: loader{thread: u.thread}}
	save := &widget.Button{Text: lang.X("action.save_backup", "Save a full backup…"), Icon: theme.DocumentSaveIcon(), OnTapped: func() { b.onSave() }}
	restore := &widget.Button{Text: lang.X("action.restore_backup", "Restore from a backup file…"), Icon: theme.FolderOpenIcon(), OnTapped: b.onRestoreJSON}
	intro := &widget.Label{Text: lang.X("backups.intro", "A full backup is one JSON file holding everything in this journal; restoring it replaces the journal's content, after keeping a copy. Lapse also copies the journal file every day it is used."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	b.list = &widget.List{
		Length: func() int { return len(b.autos) },
		CreateItem: func() fyne.CanvasObject {
			return container.New(backupColumns, &widget.Label{Truncation: fyne.TextTruncateEllipsis}, &widget.Label{Truncation: fyne.TextTruncateEllipsis},
				&widget.Label{Truncation: fyne.TextTruncateEllipsis}, &widget.Button{Text: lang.X("action.restore", "Restore"), Icon: theme.ContentUndoIcon()})
		},
		UpdateItem: b.updateItem,
	}
	b.list.ExtendBaseWidget(b.list)
	b.none = &widget.Label{Text: lang.X("backups.none", "No automatic copies yet."), Importance: widget.LowImportance, Alignment: fyne.TextAlignCenter}
	head := container.New(backupColumns, heading(lang.X("col.when", "When")), heading(lang.X("col.why", "Why")), heading(lang.X("col.size", "Size")), widget.NewLabel(""))
	closeBtn := &widget.Button{Text: lang.X("action.close", "Close"), OnTapped: func() { b.dlg.Hide() }}
	top := container.NewVBox(intro, container.NewHBox(save, restore), widget.NewSeparator(),
		&widget.Label{Text: lang.X("backups.automatic", "Automatic copies of the journal file"), TextStyle: fyne.TextStyle{Bold: true}}, head)
	content := container.NewBorder(top, container.NewHBox(layout.NewSpacer(), closeBtn), nil, nil, container.NewStack(b.list, container.NewCenter(b.none)))
	b.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.backups", "Backups"), content, u.win)
	b.dlg.SetOnClosed(func() {
		b.load.stop()
		b.copies.stop()
	})
	b.dlg.Resize(fyne.NewSize(760, 560))
	b.reload()
	b.dlg.Show()
	u.bindKeys(b.dlg, content, nil)
	return b
}

// reload lists the automatic copies (a folder read) off the UI thread.
func (b *backupsDialog) reload() {
	db := b.ses.db
	b.copies.start(func(context.Context) func() {
		autos, err := db.AutoBackups()
		return func() {
			if err != nil {
				b.ses.showError(err)
				return
			}
			b.autos = autos
			if len(autos) == 0 {
				b.none.Show()
			} else {
				b.none.Hide()
			}
			b.list.Refresh()
		}
	}, nil)
}

func (b *backupsDialog) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	a := b.autos[id]
	cells := o.(*fyne.Container).Objects
	cells[0].(*widget.Label).SetText(b.ses.formatTime(a.Time))
	cells[1].(*widget.Label).SetText(lang.X("backup.reason."+a.Reason, backupReasonText[a.Reason]))
	cells[2].(*widget.Label).SetText(fmt.Sprintf("%.1f MB", float64(a.Size)/1e6))
	cells[3].(*widget.Button).OnTapped = func() { b.onRestoreFile(a) }
}

// onSave writes the whole journal as a versioned JSON backup.
// The backup is read and written off the UI thread, atomically: a failure
// leaves a file of the chosen name as it was.
func (b *backupsDialog) onSave() *saveAsDialog {
	db := b.ses.db
	s := newSaveAsDialog(b.ses.win, b.ses.thread, b.ses.app.Preferences(), saveAs{
		title: lang.X("action.save_backup", "Save a full backup…"), replace: true,
		name: "lapse-backup-" + b.ses.now().In(b.ses.loc).Format("2006-01-02") + ".json",
		write: func(ctx context.Context, path string) error {
			_, err := backup.ExportFile(ctx, db, path)
			return err
		},
		done: func(path string) {
			b.ses.showSaved(lang.X("dialog.backups", "Backups"), path)
		},
	})
	s.show()
	return s
}

// onRestoreJSON reads a backup file first (a bad one changes nothing), then
// asks before replacing a journal that holds anything.
func (b *backupsDialog) onRestoreJSON() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			b.ses.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		b.restoreJSON(path)
	}, b.ses.win)
	d.Show()
}

// restoreJSON reads and checks the backup off the UI thread.
func (b *backupsDialog) restoreJSON(path string) {
	db := b.ses.db
	b.load.start(func(ctx context.Context) func() {
		snap, err := backup.Read(path)
		empty := false
		if err == nil {
			empty, err = db.IsEmpty(ctx)
		}
		return func() {
			if err != nil {
				b.ses.showError(err)
				return
			}
			b.confirmJSON(snap, empty)
		}
	}, nil)
}

func (b *backupsDialog) confirmJSON(snap *storage.Snapshot, empty bool) {
	if empty {
		b.applyJSON(snap, false)
		return
	}
	dialog.ShowConfirm(lang.X("dialog.replace_journal", "Replace this journal?"),
		lang.X("confirm.replace_journal", "Everything in this journal will be replaced by the backup. Nothing is merged. A copy of the journal as it is now is kept in the automatic copies."),
		func(ok bool) {
			if ok {
				b.applyJSON(snap, true)
			}
		}, b.ses.win)
}

// applyJSON restores the backup off the UI thread, all or nothing.
func (b *backupsDialog) applyJSON(snap *storage.Snapshot, replace bool) {
	db := b.ses.db
	b.load.start(func(ctx context.Context) func() {
		_, err := backup.Restore(ctx, db, snap, replace)
		return func() {
			if err != nil {
				b.ses.showError(err)
				return
			}
			b.reload()
			b.ses.selected = 0
			b.ses.refresh()
		}
	}, nil)
}

// onRestoreFile puts an automatic copy back in place of the journal file,
// after confirming; the journal is closed while the file is swapped.
func (b *backupsDialog) onRestoreFile(a storage.AutoBackup) {
	dialog.ShowConfirm(lang.X("dialog.replace_journal", "Replace this journal?"),
		lang.X("confirm.restore_copy", "The journal goes back to the copy of {{.When}}. The journal as it is now is kept as another copy.", map[string]any{"When": b.ses.formatTime(a.Time)}),
		func(ok bool) {
			if ok {
				b.restoreFile(a.Path)
			}
		}, b.ses.win)
}

// restoreFile closes the journal, puts the copy in its place and opens it
// again, off the UI thread; the status line says the journal is opening
// meanwhile, and the dialog is closed, so nothing reaches for the journal
// being swapped.
func (b *backupsDialog) restoreFile(backupPath string) {
	u := b.ses
	old, ctx, now := u.db, u.ctx, u.now
	path := old.Path()
	b.dlg.Hide()
	u.switches++ // a journal chosen meanwhile wins, as for two switches
	gen := u.switches
	u.opening = path
	u.notify(changeOpening)
	u.thread.Go(func() {
		var restoreErr, err error
		var db *storage.DB
		u.waitWrites() // closing does not wait for a save still under way
		if err = old.Close(); err == nil {
			_, restoreErr = storage.RestoreFile(ctx, path, backupPath, now())
			// Whatever happened, reopen the journal file that is now in place.
			db, err = storage.Open(ctx, path, storage.Options{Now: now})
		}
		u.thread.Do(func() {
			if gen != u.switches {
				if err == nil {
					u.closeJournal(db)
				}
				return
			}
			u.opening = ""
			u.notify(changeOpening)
			if err != nil {
				// The old journal is closed and this one cannot be opened: say so in
				// place of the screens, which would only fail on a closed journal.
				u.win.SetContent(openErrorContent(u.app, path, errors.Join(restoreErr, err)))
				return
			}
			u.useJournal(db)
			if restoreErr != nil {
				u.showError(restoreErr)
			}
		})
	})
}
