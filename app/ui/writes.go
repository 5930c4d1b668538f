package ui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// write runs work, a write to the journal the caller captured, off the UI
// thread and calls done with its error back on the UI thread. A write can
// wait up to storage.DefaultWait for the write lock while another Lapse
// (an import, a watch from cron) writes; the window must not freeze
// meanwhile. The session counts it until it has ended (quitting waits for
// it), and a write that ends after another journal was put in place tells
// nothing to the screens of the new one (an undo offered there would act
// on the wrong journal): only its error is shown.
func (u *session) write(work func(ctx context.Context) error, done func(error)) {
	ctx, db := u.ctx, u.db
	u.writes.Add(1)
	u.thread.Go(func() {
		err := work(ctx)
		u.writes.Done()
		u.thread.Do(func() {
			if u.db != db {
				if err != nil {
					u.showError(err)
				}
				return
			}
			done(err)
		})
	})
}

// submit runs a form's write with its button disabled, so a second click
// or Enter does not save twice, and the form open with its entries as they
// are. A write longer than placeholderDelay says so on the button; a quick
// one does not flash. done gets the error with the button back as it was;
// if the user closed the form meanwhile, an error is shown in a dialog.
func (u *session) submit(btn *widget.Button, work func(ctx context.Context) error, done func(error)) {
	u.busyWrite(btn, lang.X("action.saving", "Saving…"), work, done)
}

// submitDelete is submit for a Delete button: it says it is deleting.
func (u *session) submitDelete(btn *widget.Button, work func(ctx context.Context) error, done func(error)) {
	u.busyWrite(btn, lang.X("action.deleting", "Deleting…"), work, done)
}

// formDialog is a form in its dialog: where a write's errors show, and
// what closes it.
type formDialog struct {
	form *fieldForm
	dlg  dialog.Dialog
}

// saveForm writes a form's record with submit; once saved the dialog
// closes and then runs, an error stays in the form.
func (u *session) saveForm(fd formDialog, save *widget.Button, work func(ctx context.Context) error, then func()) {
	u.submit(save, work, func(err error) {
		if fd.form.show(err) {
			return
		}
		fd.dlg.Hide()
		then()
	})
}

// trashForm moves a form's record to the trash with submitDelete (trash
// returns the trash entry); once moved the dialog closes, then runs and
// an undo is offered with message, calling undone after a restore.
func (u *session) trashForm(fd formDialog, del *widget.Button, trash func(ctx context.Context) (int64, error), message string, then, undone func()) {
	var trashID int64
	u.submitDelete(del, func(ctx context.Context) (err error) {
		trashID, err = trash(ctx)
		return err
	}, func(err error) {
		if fd.form.show(err) {
			return
		}
		fd.dlg.Hide()
		then()
		u.offerUndo(message, trashID, undone)
	})
}

func (u *session) busyWrite(btn *widget.Button, busy string, work func(ctx context.Context) error, done func(error)) {
	if btn.Disabled() {
		return
	}
	text := btn.Text
	form := u.win.Canvas().Overlays().Top() // the form's dialog; nil for a button on a screen
	btn.Disable()
	finished := false // UI thread only
	timer := time.AfterFunc(placeholderDelay, func() {
		u.thread.Do(func() {
			if !finished {
				btn.SetText(busy)
			}
		})
	})
	u.write(work, func(err error) {
		finished = true
		timer.Stop()
		btn.SetText(text)
		btn.Enable()
		if err != nil && form != nil && !slices.Contains(u.win.Canvas().Overlays().List(), form) {
			u.showError(err) // the form was closed while it saved: where it shows errors is gone
			return
		}
		done(err)
	})
}
