package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// trashJournal is what the trash dialog reads and writes.
type trashJournal interface {
	EmptyTrash(ctx context.Context) error
	Restore(ctx context.Context, trashID int64) error
	Trash(ctx context.Context) ([]journal.TrashItem, error)
}

// trashDialog lists what was deleted; each item can be restored, and the
// trash is emptied only on an explicit, confirmed action.
type trashDialog struct {
	ses      *session
	db       trashJournal
	load     loader
	items    []journal.TrashItem
	list     *widget.List
	emptyBtn *widget.Button
	none     *widget.Label
	dlg      dialog.Dialog
}

var trashColumns = columns{1.2, 4, 1.8, 1.2}

func (u *session) openTrash() *trashDialog {
	t := &trashDialog{ses: u, db: u.db, load: loader{thread: u.thread}}
	t.list = &widget.List{
		Length: func() int { return len(t.items) },
		CreateItem: func() fyne.CanvasObject {
			return container.New(trashColumns, &widget.Label{Truncation: fyne.TextTruncateEllipsis}, &widget.Label{Truncation: fyne.TextTruncateEllipsis},
				&widget.Label{Truncation: fyne.TextTruncateEllipsis}, &widget.Button{Text: lang.X("action.restore", "Restore"), Icon: theme.ContentUndoIcon()})
		},
		UpdateItem: t.updateItem,
	}
	t.list.ExtendBaseWidget(t.list)
	t.none = &widget.Label{Text: lang.X("trash.empty", "The trash is empty."), Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance}
	t.emptyBtn = &widget.Button{Text: lang.X("action.empty_trash", "Empty trash"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: t.onEmpty}
	closeBtn := &widget.Button{Text: lang.X("action.close", "Close"), OnTapped: func() { t.dlg.Hide() }}
	hint := &widget.Label{Text: lang.X("trash.hint", "Deleted records stay here until you empty the trash."), Importance: widget.LowImportance}
	content := container.NewBorder(hint, container.NewHBox(t.emptyBtn, layout.NewSpacer(), closeBtn), nil, nil, container.NewStack(t.list, container.NewCenter(t.none)))
	t.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.trash", "Trash"), content, u.win)
	t.dlg.SetOnClosed(t.load.stop)
	t.dlg.Resize(fyne.NewSize(820, 520))
	t.none.Hide() // until the items arrive, "the trash is empty" would be wrong
	t.emptyBtn.Disable()
	t.reload()
	t.dlg.Show()
	u.bindKeys(t.dlg, content, nil)
	return t
}

// reload lists the trash off the UI thread.
func (t *trashDialog) reload() {
	db := t.db
	t.load.start(func(ctx context.Context) func() {
		items, err := db.Trash(ctx)
		return func() {
			if err != nil {
				t.ses.showError(err)
				return
			}
			t.show(items)
		}
	}, nil)
}

func (t *trashDialog) show(items []journal.TrashItem) {
	t.items = items
	if len(items) == 0 {
		t.none.Show()
		t.emptyBtn.Disable()
	} else {
		t.none.Hide()
		t.emptyBtn.Enable()
	}
	t.dlg.Refresh() // lays out again what was shown or hidden
}

var trashKindText = map[string]string{"service": "Service", "subscription": "Subscription", "outage": "Outage", "ticket": "Ticket",
	"message": "Message", "decision": "Decision"}

func (t *trashDialog) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	it := t.items[id]
	cells := o.(*fyne.Container).Objects
	cells[0].(*widget.Label).SetText(lang.X("trash.kind."+it.Kind, trashKindText[it.Kind]))
	cells[1].(*widget.Label).SetText(trashLabel(it))
	cells[2].(*widget.Label).SetText(t.ses.formatTime(it.DeletedAt))
	cells[3].(*widget.Button).OnTapped = func() { t.onRestore(it.ID) }
}

func (t *trashDialog) onRestore(trashID int64) {
	db := t.db
	t.ses.write(func(ctx context.Context) error { return db.Restore(ctx, trashID) }, func(err error) {
		if err != nil {
			t.ses.showError(err)
			return
		}
		t.reload()
		t.ses.refresh()
	})
}

func (t *trashDialog) onEmpty() {
	dialog.ShowConfirm(lang.X("dialog.empty_trash", "Empty the trash?"),
		lang.X("confirm.empty_trash", "The {{.Count}} items in the trash will be deleted for good.", map[string]any{"Count": len(t.items)}),
		func(ok bool) {
			if !ok {
				return
			}
			db := t.db
			t.ses.write(db.EmptyTrash, func(err error) {
				if err != nil {
					t.ses.showError(err)
					return
				}
				t.reload()
			})
		}, t.ses.win)
}

// trashLabel is the stored label without its English kind ("Outage: "),
// which the translated kind column already says, and with a decision's kind
// in the user's language.
func trashLabel(it journal.TrashItem) string {
	label := it.Label
	if k, ok := trashKindText[it.Kind]; ok {
		label = strings.TrimPrefix(label, k+": ")
	}
	if it.Kind == "decision" {
		for _, k := range journal.DecisionKinds {
			label = strings.Replace(label, " "+string(k)+" ", " "+decisionLabel(k)+" ", 1)
		}
	}
	return label
}
