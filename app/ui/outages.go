package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/app/words"
	"lapse/storage"
)

// outagesJournal is what the Outages tab reads and writes.
type outagesJournal interface {
	Outages(ctx context.Context, f storage.OutageFilter) ([]*journal.Outage, error)
	EndOutage(ctx context.Context, outageID int64) (*journal.Outage, error)
	OngoingOutage(ctx context.Context, serviceID int64) (*journal.Outage, error)
	StartOutage(ctx context.Context, serviceID int64, note string) (*journal.Outage, error)
}

// outagesTab lists a service's outages, newest first, with "Down now" /
// "It's back" and a form to add or edit every field.
type outagesTab struct {
	ses     *session
	db      outagesJournal
	svc     *journal.Service
	load    loader
	outages []*journal.Outage
	list    *widget.List
	downBtn *widget.Button
	backBtn *widget.Button
	empty   *widget.Label
	content *fyne.Container
}

var outageColumns = columns{2.0, 1.4, 1.3, 2.0, 3.5}

func newOutagesTab(u *session, svc *journal.Service) *outagesTab {
	return &outagesTab{ses: u, db: u.db, svc: svc, load: loader{thread: u.thread}}
}

func (t *outagesTab) build() fyne.CanvasObject {
	add := &widget.Button{Text: lang.X("action.add_outage", "Add outage"), Icon: theme.ContentAddIcon(), OnTapped: func() { t.onAdd() }}
	t.downBtn = &widget.Button{Text: lang.X("action.down_now", "Down now"), Icon: theme.MediaRecordIcon(), Importance: widget.DangerImportance, OnTapped: t.onDownNow}
	t.backBtn = &widget.Button{Text: lang.X("action.its_back", "It's back"), Icon: theme.ConfirmIcon(), Importance: widget.SuccessImportance, OnTapped: t.onBack}
	t.list = &widget.List{Length: func() int { return len(t.outages) }, CreateItem: t.createItem, UpdateItem: t.updateItem, OnSelected: t.onSelected}
	t.list.ExtendBaseWidget(t.list)
	t.empty = &widget.Label{Text: lang.X("outages.empty", "No outages recorded. When the service fails you, press \"Down now\"; press \"It's back\" when it works again."),
		Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance}
	head := container.New(outageColumns,
		heading(lang.X("col.start", "Start")), heading(lang.X("col.duration", "Duration")), heading(lang.X("col.impact", "Impact")),
		heading(lang.X("col.platforms", "Platforms")), heading(lang.X("col.title", "Title")))
	bar := container.NewHBox(add, layout.NewSpacer(), t.backBtn, t.downBtn)
	// Until the outages arrive neither "Down now" nor "It's back" is right,
	// and "No outages recorded" would be wrong.
	t.empty.Hide()
	t.backBtn.Hide()
	t.downBtn.Hide()
	t.reload()
	t.content = container.NewBorder(container.NewVBox(bar, container.NewPadded(head)), nil, nil, nil, container.NewStack(t.list, emptyState(t.empty)))
	return t.content
}

// heading is a column's title: bold, cut with "…" when the column is narrow.
func heading(s string) *textCell {
	return newStyledCell(s, widget.MediumImportance, fyne.TextStyle{Bold: true}, "")
}

// reload reads the service's outages off the UI thread and lists them.
func (t *outagesTab) reload() {
	db, id := t.db, t.svc.ID
	t.load.start(func(ctx context.Context) func() {
		outs, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &id})
		return func() {
			if err != nil {
				t.ses.showError(err)
				return
			}
			t.show(outs)
		}
	}, nil)
}

// leave drops a load still running.
func (t *outagesTab) leave() { t.load.stop() }

func (t *outagesTab) show(outs []*journal.Outage) {
	t.outages = outs
	ongoing := false
	for _, o := range outs {
		if o.Ongoing() {
			ongoing = true
		}
	}
	if ongoing {
		t.backBtn.Show()
		t.downBtn.Hide()
	} else {
		t.backBtn.Hide()
		t.downBtn.Show()
	}
	if len(outs) == 0 {
		t.empty.Show()
	} else {
		t.empty.Hide()
	}
	t.list.UnselectAll()
	t.content.Refresh() // lays out again what was shown or hidden
}

func (t *outagesTab) createItem() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(outageColumns))
	for i := range cells {
		cells[i] = newTextCell("", widget.MediumImportance)
	}
	return container.New(outageColumns, cells...)
}

func (t *outagesTab) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	out := t.outages[id]
	cells := o.(*fyne.Container).Objects
	set := func(i int, s string, imp widget.Importance) { cells[i].(*textCell).set(s, imp) }
	set(0, out.Start.In(t.ses.loc).Format(timeLayout), widget.MediumImportance)
	if out.Ongoing() {
		set(1, lang.X("outage.ongoing", "ongoing"), widget.DangerImportance)
	} else {
		set(1, words.Short(out.End.Sub(out.Start), t.ses.lang()), widget.MediumImportance)
	}
	imp := widget.MediumImportance
	if out.Impact == journal.ImpactDown {
		imp = widget.DangerImportance
	}
	set(2, impactLabel(out.Impact), imp)
	set(3, strings.Join(out.Platforms, ", "), widget.MediumImportance)
	title := out.Title
	if out.Source == journal.SourceOfficial {
		title = lang.X("outage.official_prefix", "[official] ") + title
	}
	set(4, title, widget.MediumImportance)
}

func (t *outagesTab) onSelected(id widget.ListItemID) {
	t.list.UnselectAll()
	t.edit(id)
}

// edit opens the form on the id-th outage listed.
func (t *outagesTab) edit(id int) *outageForm {
	o := *t.outages[id]
	f := newOutageForm(t.ses, t.svc, &o, t.afterChange)
	f.open()
	return f
}

func (t *outagesTab) onAdd() *outageForm {
	f := newOutageForm(t.ses, t.svc, nil, t.afterChange)
	f.open()
	return f
}

func (t *outagesTab) onDownNow() {
	db, id := t.db, t.svc.ID
	t.ses.submit(t.downBtn, func(ctx context.Context) error { // a second tap while it saves starts nothing
		_, err := db.StartOutage(ctx, id, "")
		return err
	}, t.afterWrite)
}

func (t *outagesTab) onBack() {
	db, id := t.db, t.svc.ID
	t.ses.submit(t.backBtn, func(ctx context.Context) error {
		o, err := db.OngoingOutage(ctx, id)
		if err == nil {
			_, err = db.EndOutage(ctx, o.ID)
		}
		return err
	}, t.afterWrite)
}

// afterWrite shows a write's error, or what it changed.
func (t *outagesTab) afterWrite(err error) {
	if err != nil {
		t.ses.showError(err)
		return
	}
	t.afterChange()
}

// afterChange refreshes this tab and the sidebar's ongoing marks.
func (t *outagesTab) afterChange() {
	t.reload()
	t.ses.reload()
}
