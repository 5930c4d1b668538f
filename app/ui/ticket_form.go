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

// ticketJournal is what the ticket forms write.
type ticketJournal interface {
	CreateTicket(ctx context.Context, t *journal.Ticket) error
	DeleteTicket(ctx context.Context, id int64) (int64, error)
	UpdateTicket(ctx context.Context, t *journal.Ticket) error
}

// ticketForm adds or edits a ticket. When adding, an optional first message
// is saved as sent at the opening time, so the common case is one step.
type ticketForm struct {
	ses     *session
	db      ticketJournal
	tab     *supportTab
	editing *journal.Ticket // nil when adding

	form      *fieldForm
	subject   *keyEntry
	channel   *keySelect
	reference *keyEntry
	opened    *timeField
	outage    *keySelect
	outageIDs []int64 // the outage of each option after "None"
	first     *keyEntry
	save      *widget.Button
	del       *widget.Button
	dlg       dialog.Dialog
}

func newTicketForm(u *session, tab *supportTab, editing *journal.Ticket) *ticketForm {
	f := &ticketForm{ses: u, db: u.db, tab: tab, editing: editing, form: newFieldForm()}
	f.subject = multi(false, lang.X("hint.ticket_subject", "e.g. Charged while the service was down"))
	channels := make([]string, len(journal.Channels))
	for i, c := range journal.Channels {
		channels[i] = channelLabel(c)
	}
	f.channel = newKeySelect(channels, nil)
	f.reference = multi(false, lang.X("hint.ticket_reference", "Case or ticket number, if they gave one"))
	f.opened = newTimeField(u.loc, u.now, false)
	options := []string{lang.X("support.no_outage", "None")}
	for _, o := range tab.outages {
		day := o.Start.In(u.loc).Format(dayLayout)
		if o.Title == "" {
			options = append(options, day)
		} else {
			options = append(options, o.Title+" ("+day+")")
		}
		f.outageIDs = append(f.outageIDs, o.ID)
	}
	f.outage = newKeySelect(options, nil)

	tk := editing
	if tk == nil {
		tk = &journal.Ticket{Channel: journal.ChannelEmail, OpenedAt: u.now()}
	}
	f.subject.SetText(tk.Subject)
	for i, c := range journal.Channels {
		if c == tk.Channel {
			f.channel.SetSelectedIndex(i)
		}
	}
	f.reference.SetText(tk.Reference)
	f.opened.set(&tk.OpenedAt)
	f.outage.SetSelectedIndex(0)
	for i, id := range f.outageIDs {
		if tk.OutageID != nil && *tk.OutageID == id {
			f.outage.SetSelectedIndex(i + 1)
		}
	}

	f.form.add("subject", lang.X("field.subject", "Subject"), f.subject)
	f.form.add("channel", lang.X("field.channel", "Channel"), f.channel)
	f.form.add("reference", lang.X("field.reference", "Reference"), f.reference)
	f.form.add("opened", lang.X("field.opened", "Opened"), f.opened.entry)
	f.form.add("outage", lang.X("field.outage", "Outage"), f.outage)
	if editing == nil {
		f.first = multi(true, lang.X("hint.first_message", "What you wrote, in a line or two (optional): saved as your first message"))
		f.form.add("summary", lang.X("support.first_message", "First message"), f.first)
	}
	return f
}

func (f *ticketForm) open() {
	title := lang.X("dialog.new_ticket", "New ticket")
	if f.editing != nil {
		title = lang.X("dialog.edit_ticket", "Edit ticket")
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
	f.dlg.Resize(fyne.NewSize(600, 440))
	f.dlg.Show()
	f.ses.bindKeys(f.dlg, f.form.grid, f.onSave)
	f.ses.win.Canvas().Focus(f.subject)
}

// ticket reads the form; errors name the field.
func (f *ticketForm) ticket() (*journal.Ticket, error) {
	tk := &journal.Ticket{ServiceID: f.tab.svc.ID}
	if f.editing != nil {
		c := *f.editing
		c.Messages = nil
		tk = &c
	}
	opened, err := f.opened.value("opened")
	if err != nil {
		return nil, err
	}
	tk.OpenedAt = *opened
	tk.Subject = strings.TrimSpace(f.subject.Text)
	tk.Reference = strings.TrimSpace(f.reference.Text)
	tk.Channel = ""
	if i := f.channel.SelectedIndex(); i >= 0 {
		tk.Channel = journal.Channels[i]
	}
	tk.OutageID = nil
	if i := f.outage.SelectedIndex(); i > 0 {
		id := f.outageIDs[i-1]
		tk.OutageID = &id
	}
	return tk, tk.Validate()
}

// firstMessage is the optional first message, sent by me when the ticket
// was opened; nil when none was typed.
func (f *ticketForm) firstMessage(tk *journal.Ticket) (*journal.Message, error) {
	if f.first == nil || strings.TrimSpace(f.first.Text) == "" {
		return nil, nil
	}
	m := &journal.Message{At: tk.OpenedAt, Direction: journal.Sent, Author: journal.AuthorMe, Summary: strings.TrimSpace(f.first.Text)}
	return m, m.Validate(tk)
}

func (f *ticketForm) onSave() {
	tk, err := f.ticket()
	if f.form.show(err) {
		return
	}
	db := f.db
	if f.editing != nil {
		f.ses.saveForm(formDialog{f.form, f.dlg}, f.save, func(ctx context.Context) error { return db.UpdateTicket(ctx, tk) }, func() {
			if th := f.tab.thread; th != nil {
				th.reload()
			}
		})
		return
	}
	// The first message is checked here for its field errors, and saved with
	// the ticket in one transaction.
	first, err := f.firstMessage(tk)
	if f.form.show(err) {
		return
	}
	if first != nil {
		tk.Messages = []journal.Message{*first}
	}
	f.ses.saveForm(formDialog{f.form, f.dlg}, f.save, func(ctx context.Context) error { return db.CreateTicket(ctx, tk) }, func() { f.tab.openThread(tk.ID) })
}

func (f *ticketForm) onDelete() {
	db, id := f.db, f.editing.ID
	f.ses.trashForm(formDialog{f.form, f.dlg}, f.del, func(ctx context.Context) (int64, error) { return db.DeleteTicket(ctx, id) },
		lang.X("undo.ticket_deleted", "Ticket moved to the trash."), f.tab.showList, f.tab.reload)
}

// resolveForm closes a ticket with an outcome and the time it was closed.
type resolveForm struct {
	ses    *session
	db     ticketJournal
	ticket *journal.Ticket
	done   func()

	form    *fieldForm
	outcome *keySelect
	at      *timeField
	save    *widget.Button
	dlg     dialog.Dialog
}

func newResolveForm(u *session, ticket *journal.Ticket, done func()) *resolveForm {
	f := &resolveForm{ses: u, db: u.db, ticket: ticket, done: done, form: newFieldForm()}
	options := make([]string, len(journal.Outcomes))
	for i, o := range journal.Outcomes {
		options[i] = outcomeLabel(o)
	}
	f.outcome = newKeySelect(options, nil)
	f.outcome.SetSelectedIndex(0)
	f.at = newTimeField(u.loc, u.now, false)
	now := u.now()
	f.at.set(&now)
	f.form.add("outcome", lang.X("field.outcome", "Outcome"), f.outcome)
	f.form.add("resolved", lang.X("field.resolved", "Closed at"), f.at.entry)
	return f
}

func (f *resolveForm) open() {
	f.save = &widget.Button{Text: lang.X("action.mark_resolved", "Close ticket"), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { f.dlg.Hide() }}
	buttons := container.NewHBox(layout.NewSpacer(), cancel, f.save)
	f.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.resolve_ticket", "Close the ticket"), container.NewBorder(nil, buttons, nil, nil, f.form.content()), f.ses.win)
	f.dlg.Resize(fyne.NewSize(480, 220))
	f.dlg.Show()
	f.ses.bindKeys(f.dlg, f.form.grid, f.onSave)
}

func (f *resolveForm) onSave() {
	at, err := f.at.value("resolved")
	if f.form.show(err) {
		return
	}
	if at.Before(f.ticket.OpenedAt) {
		f.form.show(journal.Invalid("resolved", journal.ReasonBeforeOpened))
		return
	}
	tk := *f.ticket
	tk.Messages = nil
	tk.ResolvedAt = at
	tk.Outcome = journal.OutcomeOpen
	if i := f.outcome.SelectedIndex(); i >= 0 {
		tk.Outcome = journal.Outcomes[i]
	}
	if f.form.show(tk.Validate()) {
		return
	}
	db := f.db
	f.ses.submit(f.save, func(ctx context.Context) error { return db.UpdateTicket(ctx, &tk) }, func(err error) {
		if f.form.show(err) {
			return
		}
		f.dlg.Hide()
		f.done()
	})
}
