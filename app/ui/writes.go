package ui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// write runs work, a write to the journal the caller captured, off the UI
// thread and calls done with its error back on the UI thread. A write can
// wait up to storage.DefaultWait for the write lock while another Lapse
// (an import, a watch from cron) writes; the window must not freeze
// meanwhile.
func (u *session) write(work func(ctx context.Context) error, done func(error)) {
	ctx := u.ctx
	u.thread.Go(func() {
		err := work(ctx)
		u.thread.Do(func() { done(err) })
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
