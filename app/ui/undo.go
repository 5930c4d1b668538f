package ui

import (
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

// undoBar offers "Undo" right after something went to the trash.
type undoBar struct {
	ui      *UI
	box     *fyne.Container
	message *widget.Label
	button  *widget.Button
	trashID int64
	after   func()
	timer   *time.Timer
}

func newUndoBar(u *UI) *undoBar { return &undoBar{ui: u} }

func (b *undoBar) build() fyne.CanvasObject {
	b.message = &widget.Label{}
	b.button = &widget.Button{Text: lang.X("action.undo", "Undo"), Icon: theme.ContentUndoIcon(), Importance: widget.HighImportance, OnTapped: b.onUndo}
	closeBtn := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: b.hide}
	b.box = container.NewHBox(widget.NewIcon(theme.DeleteIcon()), b.message, layout.NewSpacer(), b.button, closeBtn)
	b.box.Hide()
	return b.box
}

// offerUndo shows message with an Undo button that restores trashID and then calls after.
func (u *UI) offerUndo(message string, trashID int64, after func()) {
	b := u.undo
	b.message.SetText(message)
	b.trashID, b.after = trashID, after
	b.box.Show()
	if b.timer != nil {
		b.timer.Stop()
	}
	id := trashID
	b.timer = time.AfterFunc(undoDelay, func() {
		fyne.Do(func() {
			if b.trashID == id {
				b.hide()
			}
		})
	})
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
	if err := b.ui.db.Restore(b.ui.ctx, id); err != nil {
		b.ui.showError(err)
		return
	}
	b.ui.reload()
	if after != nil {
		after()
	}
}
