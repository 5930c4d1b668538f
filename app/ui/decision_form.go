package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// decisionJournal is what the decision form writes.
type decisionJournal interface {
	CreateDecision(ctx context.Context, d *journal.Decision) error
	DeleteDecision(ctx context.Context, id int64) (int64, error)
	UpdateDecision(ctx context.Context, d *journal.Decision) error
}

// decisionForm adds or edits a decision event. The amount fields show only
// for refunds and the service switched to only for a switch, so the form
// asks for nothing that does not apply.
type decisionForm struct {
	ses     *session
	db      decisionJournal
	svc     *journal.Service
	editing *journal.Decision // nil when adding
	done    func()

	form       *fieldForm
	kind       *keySelect
	date       *timeField
	amount     *keyEntry
	currency   *widget.SelectEntry
	switchedTo *keySelect
	others     []*journal.Service // the choices of switchedTo, in its order
	note       *keyEntry
	save       *widget.Button
	del        *widget.Button
	dlg        dialog.Dialog
}

// newDecisionForm opens on editing, or on a new decision dated today; currency
// is the one a new refund amount starts in.
func newDecisionForm(u *session, svc *journal.Service, editing *journal.Decision, currency string, done func()) *decisionForm {
	f := &decisionForm{ses: u, db: u.db, svc: svc, editing: editing, done: done, form: newFieldForm()}
	kinds := make([]string, len(journal.DecisionKinds))
	for i, k := range journal.DecisionKinds {
		kinds[i] = decisionLabel(k)
	}
	f.kind = newKeySelect(kinds, func(string) { f.onKindChanged() })
	f.date = newDateField(u.loc, u.now, false)
	f.amount = multi(false, lang.X("hint.refund_amount", "empty if not known yet"))
	f.currency = currencyEntry(u.settings.HomeCurrency)
	var names []string
	for _, s := range u.services {
		if s.ID != svc.ID {
			f.others = append(f.others, s)
			names = append(names, s.Name)
		}
	}
	f.switchedTo = newKeySelect(names, nil)
	f.switchedTo.PlaceHolder = lang.X("hint.switched_to", "Choose the service")
	if len(names) == 0 {
		f.switchedTo.PlaceHolder = lang.X("hint.no_other_service", "Add the other service first")
		f.switchedTo.Disable()
	}
	f.note = multi(true, "")

	d := editing
	if d == nil {
		d = &journal.Decision{Kind: journal.DecisionCancelled, Date: journal.DateOf(u.now().In(u.loc))}
	}
	f.date.setDate(d.Date)
	f.currency.SetText(currency)
	if d.Amount != nil {
		f.amount.SetText(journal.FormatAmount(d.Amount.Amount, d.Amount.Currency))
		f.currency.SetText(d.Amount.Currency)
	}
	if d.SwitchedTo != nil {
		for i, s := range f.others {
			if s.ID == *d.SwitchedTo {
				f.switchedTo.SetSelectedIndex(i)
			}
		}
	}
	f.note.SetText(d.Note)

	f.form.add("kind", lang.X("field.kind", "Kind"), f.kind)
	f.form.add("date", lang.X("field.date", "Date"), f.date.entry)
	f.form.add("amount", lang.X("field.amount", "Amount"), f.amount)
	f.form.add("currency", lang.X("field.currency", "Currency"), f.currency)
	f.form.add("switched_to", lang.X("field.switched_to", "Switched to"), f.switchedTo)
	f.form.add("note", lang.X("field.note", "Note"), f.note)
	f.kind.SetSelectedIndex(kindIndex(d.Kind)) // fires onKindChanged, now that the rows exist
	return f
}

func kindIndex(k journal.DecisionKind) int {
	for i, v := range journal.DecisionKinds {
		if v == k {
			return i
		}
	}
	return 0
}

// isRefund reports whether a decision kind carries an amount.
func isRefund(k journal.DecisionKind) bool {
	return k == journal.DecisionRefundRequested || k == journal.DecisionRefundReceived
}

func (f *decisionForm) selectedKind() journal.DecisionKind {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return journal.DecisionKinds[i]
	}
	return journal.DecisionCancelled
}

// onKindChanged shows the fields that mean something for the chosen kind.
func (f *decisionForm) onKindChanged() {
	k := f.selectedKind()
	f.form.showRow("amount", isRefund(k))
	f.form.showRow("currency", isRefund(k))
	f.form.showRow("switched_to", k == journal.DecisionSwitched)
}

func (f *decisionForm) open() {
	title := lang.X("dialog.add_decision", "Add decision")
	if f.editing != nil {
		title = lang.X("dialog.edit_decision", "Edit decision")
	}
	f.save = &widget.Button{Text: lang.X("action.save", "Save"), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { f.dlg.Hide() }}
	var extra []fyne.CanvasObject
	if f.editing != nil {
		f.del = &widget.Button{Text: lang.X("action.delete", "Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: f.onDelete}
		extra = append(extra, f.del)
	}
	body := container.NewVScroll(f.form.content())
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, dialogButtons(cancel, f.save, extra...), nil, nil, body), f.ses.win)
	f.dlg.Resize(fyne.NewSize(560, 480))
	f.dlg.Show()
	f.ses.bindKeys(f.dlg, f.form.grid, f.onSave)
}

// decision reads the form; fields hidden for the kind are left empty.
func (f *decisionForm) decision() (*journal.Decision, error) {
	d := &journal.Decision{ServiceID: f.svc.ID}
	if f.editing != nil {
		c := *f.editing
		d = &c
	}
	d.Kind = f.selectedKind()
	date, err := f.date.date("date")
	if err != nil {
		return nil, err
	}
	d.Date = date
	d.Amount = nil
	if isRefund(d.Kind) && strings.TrimSpace(f.amount.Text) != "" {
		cur := currencyCode(f.currency.Text)
		amount, err := parseAmount("amount", f.amount.Text, cur)
		if err != nil {
			return nil, err
		}
		d.Amount = &journal.Money{Amount: amount, Currency: cur}
	}
	d.SwitchedTo = nil
	if i := f.switchedTo.SelectedIndex(); d.Kind == journal.DecisionSwitched && i >= 0 {
		id := f.others[i].ID
		d.SwitchedTo = &id
	}
	d.Note = strings.TrimSpace(f.note.Text)
	return d, d.Validate()
}

func (f *decisionForm) onSave() {
	d, err := f.decision()
	if f.form.show(err) {
		return
	}
	db, editing := f.db, f.editing != nil
	f.ses.saveForm(formDialog{f.form, f.dlg}, f.save, func(ctx context.Context) error {
		if editing {
			return db.UpdateDecision(ctx, d)
		}
		return db.CreateDecision(ctx, d)
	}, f.done)
}

func (f *decisionForm) onDelete() {
	db, id := f.db, f.editing.ID
	f.ses.trashForm(formDialog{f.form, f.dlg}, f.del, func(ctx context.Context) (int64, error) { return db.DeleteDecision(ctx, id) },
		lang.X("undo.decision_deleted", "Decision moved to the trash."), f.done, f.done)
}
