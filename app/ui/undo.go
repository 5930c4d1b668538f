package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// undoDelay is how long "Undo" stays offered after a delete; the trash keeps
// the record afterwards.
const undoDelay = 12 * time.Second

// undoJournal is what the undo bar writes.
type undoJournal interface {
	Restore(ctx context.Context, trashID int64) error
}

// undoBar offers "Undo" right after something went to the trash.
type undoBar struct {
	ses     *session
	db      undoJournal
	box     *fyne.Container
	message *widget.Label
	button  *widget.Button
	trashID int64
	after   func()
	timer   *time.Timer
}

func newUndoBar(u *session) *undoBar { return &undoBar{ses: u, db: u.db} }

func (b *undoBar) build() fyne.CanvasObject {
	b.message = &widget.Label{}
	b.button = &widget.Button{Text: lang.X("action.undo", "Undo"), Icon: theme.ContentUndoIcon(), Importance: widget.HighImportance, OnTapped: b.onUndo}
	closeBtn := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: b.hide}
	b.box = container.NewHBox(widget.NewIcon(theme.DeleteIcon()), b.message, layout.NewSpacer(), b.button, closeBtn)
	b.box.Hide()
	return b.box
}

// offer shows message with an Undo button that restores trashID and then calls after.
func (b *undoBar) offer(message string, trashID int64, after func()) {
	b.message.SetText(message)
	b.trashID, b.after = trashID, after
	b.box.Show()
	if b.timer != nil {
		b.timer.Stop()
	}
	id := trashID
	b.timer = time.AfterFunc(undoDelay, func() {
		b.ses.thread.Do(func() {
			if b.trashID == id {
				b.hide()
			}
		})
	})
}

// stop ends the offer's timer, when the window closes or is rebuilt.
func (b *undoBar) stop() {
	if b.timer != nil {
		b.timer.Stop()
	}
}

func (b *undoBar) hide() {
	b.trashID = 0
	b.box.Hide()
}

func (b *undoBar) onUndo() {
	id, after := b.trashID, b.after
	b.hide()
	if id == 0 {
		return
	}
	db := b.db
	b.ses.write(func(ctx context.Context) error { return db.Restore(ctx, id) }, func(err error) {
		if err != nil {
			b.ses.showError(err)
			return
		}
		b.ses.reloadThen(after)
	})
}
