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

// outageJournal is what the outage form writes.
type outageJournal interface {
	PlatformSuggestions(ctx context.Context) ([]string, error)
	CreateOutage(ctx context.Context, o *journal.Outage) error
	DeleteOutage(ctx context.Context, id int64) (int64, error)
	UpdateOutage(ctx context.Context, o *journal.Outage) error
}

// outageForm adds or edits an outage with every field of PRODUCT.md.
type outageForm struct {
	ses     *session
	db      outageJournal
	svc     *journal.Service
	editing *journal.Outage // nil when adding
	done    func()

	form        *fieldForm
	title       *keyEntry
	start, end  *timeField
	impact      *keySelect
	platforms   *tagEditor
	stillWorked *keyEntry
	symptoms    *keyEntry
	steps       *stepsEditor
	resolution  *keyEntry
	source      *keySelect
	link        *keyEntry
	save        *widget.Button
	del         *widget.Button // nil when adding
	dlg         dialog.Dialog
	load        loader // the platform suggestions
}

func newOutageForm(u *session, svc *journal.Service, editing *journal.Outage, done func()) *outageForm {
	f := &outageForm{ses: u, db: u.db, svc: svc, editing: editing, done: done, form: newFieldForm(), load: loader{thread: u.thread}}
	f.title = multi(false, lang.X("hint.outage_title", "e.g. Cannot log in on the web"))
	f.start = newTimeField(u.loc, u.now, false)
	f.end = newTimeField(u.loc, u.now, true)
	f.end.entry.PlaceHolder = lang.X("hint.outage_end", "empty while it is still down")
	f.impact = newKeySelect(impactOptions(), nil)
	f.platforms = newTagEditor(nil)
	// The platforms used before are counted over every outage: read them
	// off the UI thread; the form works without them meanwhile.
	db := f.db
	f.load.start(func(ctx context.Context) func() {
		suggestions, err := db.PlatformSuggestions(ctx)
		if err != nil {
			return nil // suggestions are a convenience: the form works without them
		}
		return func() { f.platforms.input.SetOptions(suggestions) }
	}, nil)
	f.stillWorked = multi(true, lang.X("hint.still_worked", "e.g. the Android app"))
	f.symptoms = multi(true, "")
	f.steps = newStepsEditor()
	f.resolution = multi(true, "")
	f.source = newKeySelect([]string{lang.X("source.me", "Me"), lang.X("source.official", "Official")}, nil)
	f.link = multi(false, "https://")

	o := editing
	if o == nil {
		now := u.now()
		o = &journal.Outage{Start: now, Impact: journal.ImpactDown, Source: journal.SourceMe}
	}
	f.title.SetText(o.Title)
	f.start.set(&o.Start)
	f.end.set(o.End)
	f.impact.SetSelectedIndex(impactIndex(o.Impact))
	f.platforms.set(o.Platforms)
	f.stillWorked.SetText(o.StillWorked)
	f.symptoms.SetText(o.Symptoms)
	f.steps.set(o.Steps)
	f.resolution.SetText(o.Resolution)
	if o.Source == journal.SourceOfficial {
		f.source.SetSelectedIndex(1)
	} else {
		f.source.SetSelectedIndex(0)
	}
	f.link.SetText(o.Link)

	f.form.add("title", lang.X("field.title", "Title"), f.title)
	f.form.add("start", lang.X("field.start", "Start"), f.start.entry)
	f.form.add("end", lang.X("field.end", "End"), f.end.entry)
	f.form.add("impact", lang.X("field.impact", "Impact"), f.impact)
	f.form.add("platforms", lang.X("field.platforms", "Platforms"), f.platforms.build())
	f.form.add("still_worked", lang.X("field.still_worked", "What still worked"), f.stillWorked)
	f.form.add("symptoms", lang.X("field.symptoms", "Symptoms"), f.symptoms)
	f.form.add("steps", lang.X("field.steps", "Troubleshooting steps"), f.steps.build())
	f.form.add("resolution", lang.X("field.resolution", "Resolution"), f.resolution)
	f.form.add("source", lang.X("field.source", "Source"), f.source)
	f.form.add("link", lang.X("field.link", "Link"), f.link)
	return f
}

// multi makes an entry; multi-line ones wrap and show three rows.
func multi(multiline bool, placeholder string) *keyEntry {
	e := newKeyEntry(multiline, placeholder)
	if multiline {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	return e
}

func impactOptions() []string {
	out := make([]string, len(journal.Impacts))
	for i, imp := range journal.Impacts {
		out[i] = impactLabel(imp)
	}
	return out
}

func impactIndex(i journal.Impact) int {
	for k, v := range journal.Impacts {
		if v == i {
			return k
		}
	}
	return 0
}

func (f *outageForm) open() {
	title := lang.X("dialog.add_outage", "Add outage")
	if f.editing != nil {
		title = lang.X("dialog.edit_outage", "Edit outage")
	}
	f.save = &widget.Button{Text: lang.X("action.save", "Save"), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { f.dlg.Hide() }}
	buttons := container.NewHBox(layout.NewSpacer(), cancel, f.save)
	if f.editing != nil {
		f.del = &widget.Button{Text: lang.X("action.delete", "Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: f.onDelete}
		buttons.Objects = append([]fyne.CanvasObject{f.del}, buttons.Objects...)
	}
	body := container.NewVScroll(f.form.content())
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, body), f.ses.win)
	f.dlg.SetOnClosed(f.load.stop)
	f.dlg.Resize(fyne.NewSize(720, 640))
	f.dlg.Show()
	f.steps.keys = f.ses.bindKeys(f.dlg, f.form.grid, f.onSave)
}

// outage reads the form; errors name the field.
func (f *outageForm) outage() (*journal.Outage, error) {
	o := &journal.Outage{ServiceID: f.svc.ID}
	if f.editing != nil {
		c := *f.editing
		o = &c
	}
	start, err := f.start.value("start")
	if err != nil {
		return nil, err
	}
	end, err := f.end.value("end")
	if err != nil {
		return nil, err
	}
	o.Title = strings.TrimSpace(f.title.Text)
	o.Start, o.End = *start, end
	o.Impact = journal.Impacts[f.impact.SelectedIndex()]
	o.Platforms = f.platforms.values()
	o.StillWorked = f.stillWorked.Text
	o.Symptoms = f.symptoms.Text
	o.Steps = f.steps.values()
	o.Resolution = f.resolution.Text
	o.Source = journal.SourceMe
	if f.source.SelectedIndex() == 1 {
		o.Source = journal.SourceOfficial
	}
	o.Link = strings.TrimSpace(f.link.Text)
	return o, o.Validate()
}

func (f *outageForm) onSave() {
	o, err := f.outage()
	if f.form.show(err) {
		return
	}
	db, editing := f.db, f.editing != nil
	f.ses.saveForm(formDialog{f.form, f.dlg}, f.save, func(ctx context.Context) error {
		if editing {
			return db.UpdateOutage(ctx, o)
		}
		return db.CreateOutage(ctx, o)
	}, f.done)
}

func (f *outageForm) onDelete() {
	db, id := f.db, f.editing.ID
	f.ses.trashForm(formDialog{f.form, f.dlg}, f.del, func(ctx context.Context) (int64, error) { return db.DeleteOutage(ctx, id) },
		lang.X("undo.outage_deleted", "Outage moved to the trash."), f.done, f.done)
}
