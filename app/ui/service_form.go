package ui

import (
	"context"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// serviceJournal is what the service form writes.
type serviceJournal interface {
	CreateService(ctx context.Context, s *journal.Service) error
	UpdateService(ctx context.Context, s *journal.Service) error
}

// serviceForm adds or edits a service in a dialog that stays open until the
// service is saved, showing any error next to its field.
type serviceForm struct {
	ses      *session
	db       serviceJournal
	editing  *journal.Service // nil when adding
	form     *fieldForm
	name     *keyEntry
	category *keySelectEntry
	website  *keyEntry
	status   *keyEntry
	notes    *keyEntry
	alts     *widget.CheckGroup
	archived *widget.Check
	altIDs   map[string]int64 // option label → service ID
	save     *widget.Button
	dlg      dialog.Dialog
}

func newServiceForm(u *session, editing *journal.Service) *serviceForm {
	f := &serviceForm{ses: u, db: u.db, editing: editing, form: newFieldForm()}
	f.name = multi(false, lang.X("hint.service_name", "e.g. ChatGPT Plus, Netflix"))
	f.category = newKeySelectEntry(f.categories())
	f.category.PlaceHolder = lang.X("hint.category", "e.g. AI, Video, Cloud storage")
	f.website = multi(false, "https://")
	f.status = multi(false, "https://status.example.com")
	f.notes = multi(true, "")
	if editing == nil {
		f.prefillKnownPages()
	}
	if editing != nil {
		f.name.SetText(editing.Name)
		f.category.SetText(editing.Category)
		f.website.SetText(editing.Website)
		f.status.SetText(editing.StatusPage)
		f.notes.SetText(editing.Notes)
	}
	f.form.add("name", lang.X("field.name", "Name"), f.name)
	f.form.add("category", lang.X("field.category", "Category"), f.category)
	f.form.add("website", lang.X("field.website", "Website"), f.website)
	f.form.add("status_page", lang.X("field.status_page", "Status page"), f.status)
	f.form.add("notes", lang.X("field.notes", "Notes"), f.notes)
	f.archived = widget.NewCheck(lang.X("service.archived_hint", "No longer used: keep its records, leave it out of the Overview and reminders"), nil)
	if editing != nil {
		f.archived.SetChecked(editing.Archived)
		f.form.add("archived", lang.X("field.archived", "Archived"), f.archived)
	}
	f.altIDs = map[string]int64{}
	var options, selected []string
	for _, other := range u.services {
		if editing != nil && other.ID == editing.ID {
			continue
		}
		options = append(options, other.Name)
		f.altIDs[other.Name] = other.ID
		if editing != nil && containsID(editing.Alternatives, other.ID) {
			selected = append(selected, other.Name)
		}
	}
	f.alts = widget.NewCheckGroup(options, nil)
	f.alts.SetSelected(selected)
	if len(options) > 0 {
		// A list, not a row: a row of many services would widen the dialog past the window.
		list := container.NewVScroll(f.alts)
		list.SetMinSize(fyne.NewSize(0, min(float32(len(options))*36, 144)))
		f.form.add("alternatives", lang.X("field.alternatives_hint", "Could switch to"), list)
	}
	return f
}

// categories suggests the categories already in use.
func (f *serviceForm) categories() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range f.ses.services {
		if s.Category != "" && !seen[s.Category] {
			seen[s.Category] = true
			out = append(out, s.Category)
		}
	}
	sort.Strings(out)
	return out
}

func (f *serviceForm) open() {
	title := lang.X("dialog.add_service", "Add service")
	if f.editing != nil {
		title = lang.X("dialog.edit_service", "Edit service")
	}
	f.save = &widget.Button{Text: lang.X("action.save", "Save"), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { f.dlg.Hide() }}
	buttons := container.NewHBox(layout.NewSpacer(), cancel, f.save)
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, f.form.content()), f.ses.win)
	f.dlg.Resize(fyne.NewSize(620, 560))
	f.dlg.Show()
	f.ses.bindKeys(f.dlg, f.form.grid, f.onSave)
	f.ses.win.Canvas().Focus(f.name)
}

func (f *serviceForm) onSave() {
	svc := &journal.Service{}
	if f.editing != nil {
		copy := *f.editing
		svc = &copy
	}
	svc.Name = f.name.Text
	svc.Category = f.category.Text
	svc.Website = f.website.Text
	svc.StatusPage = f.status.Text
	svc.Notes = f.notes.Text
	svc.Archived = f.archived.Checked
	svc.Alternatives = nil
	for _, name := range f.alts.Selected {
		svc.Alternatives = append(svc.Alternatives, f.altIDs[name])
	}
	svc.Normalize()
	if f.form.show(svc.Validate()) {
		return
	}
	db, editing := f.db, f.editing != nil
	f.ses.saveForm(formDialog{f.form, f.dlg}, f.save, func(ctx context.Context) error {
		if editing {
			return db.UpdateService(ctx, svc)
		}
		return db.CreateService(ctx, svc)
	}, func() { f.ses.reloadThen(func() { f.ses.show(svc.ID) }) })
}

func containsID(ids []int64, id int64) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}
