package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/words"
	"lapse/storage"
)

// supportJournal is what the Support tab reads.
type supportJournal interface {
	Outages(ctx context.Context, f storage.OutageFilter) ([]*journal.Outage, error)
	Tickets(ctx context.Context, f storage.TicketFilter) ([]*journal.Ticket, error)
}

// supportTab lists a service's tickets and opens one as a thread in the same
// tab; the thread's back button returns to the list.
type supportTab struct {
	ses     *session
	db      supportJournal
	svc     *journal.Service
	load    loader
	tickets []*journal.Ticket
	outages []*journal.Outage // the service's outages, newest first, for links

	body     *fyne.Container // holds the list view or a thread
	listView fyne.CanvasObject
	list     *widget.List
	empty    *widget.Label
	newBtn   *widget.Button
	thread   *ticketThread // the thread shown, nil on the list
}

var ticketColumns = columns{3.0, 2.8, 1.8, 1.4, 1.7, 3.0}

func newSupportTab(u *session, svc *journal.Service) *supportTab {
	return &supportTab{ses: u, db: u.db, svc: svc, load: loader{thread: u.thread}}
}

func (t *supportTab) build() fyne.CanvasObject {
	t.newBtn = &widget.Button{Text: lang.X("action.new_ticket", "New ticket"), Icon: theme.ContentAddIcon(), OnTapped: func() { t.onNew() }}
	t.list = &widget.List{Length: func() int { return len(t.tickets) }, CreateItem: t.createItem, UpdateItem: t.updateItem, OnSelected: t.onSelected}
	t.list.ExtendBaseWidget(t.list)
	t.empty = &widget.Label{Text: lang.X("support.empty", "No support tickets yet. When you contact support, press \"New ticket\" and note what you sent; add each reply as it comes, and Lapse counts how long you waited for a human."),
		Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance}
	head := container.New(ticketColumns,
		heading(lang.X("field.opened", "Opened")), heading(lang.X("field.subject", "Subject")), heading(lang.X("field.channel", "Channel")),
		heading(lang.X("col.status", "Status")), heading(lang.X("field.outage", "Outage")),
		heading(lang.X("col.response", "Response")))
	t.listView = container.NewBorder(container.NewVBox(container.NewHBox(t.newBtn), container.NewPadded(head)), nil, nil, nil,
		container.NewStack(t.list, emptyState(t.empty)))
	t.body = container.NewStack(t.listView)
	t.empty.Hide() // until the tickets arrive, "no tickets yet" would be wrong
	t.reload()
	return t.body
}

// reload reads the service's tickets (with their messages, for the metrics)
// and outages (to name the one a ticket is about) off the UI thread.
func (t *supportTab) reload() {
	db, id := t.db, t.svc.ID
	t.load.start(func(ctx context.Context) func() {
		tickets, err := db.Tickets(ctx, storage.TicketFilter{ServiceID: &id, WithMessages: true})
		var outages []*journal.Outage
		if err == nil {
			outages, err = db.Outages(ctx, storage.OutageFilter{ServiceID: &id})
		}
		return func() {
			if err != nil {
				t.ses.showError(err)
				return
			}
			t.show(tickets, outages)
		}
	}, nil)
}

// leave drops a load still running, the thread's too.
func (t *supportTab) leave() {
	t.load.stop()
	t.dropThread()
}

// dropThread forgets the thread shown, and a read of it still running.
func (t *supportTab) dropThread() {
	if t.thread != nil {
		t.thread.leave()
		t.thread = nil
	}
}

func (t *supportTab) show(tickets []*journal.Ticket, outages []*journal.Outage) {
	t.tickets, t.outages = tickets, outages
	if len(tickets) == 0 {
		t.empty.Show()
	} else {
		t.empty.Hide()
	}
	t.list.UnselectAll()
	t.body.Refresh() // lays out again what was shown or hidden
}

// showList returns from a thread to the list.
func (t *supportTab) showList() {
	t.dropThread()
	t.reload()
	t.body.Objects = []fyne.CanvasObject{t.listView}
	t.body.Refresh()
}

// openThread shows a ticket's thread in place of the list.
// The list's copy of the ticket, with its messages, draws the thread at
// once; one the list does not have yet (a search hit) is read first.
func (t *supportTab) openThread(ticketID int64) {
	var known *journal.Ticket
	for _, tk := range t.tickets {
		if tk.ID == ticketID {
			known = tk
		}
	}
	t.dropThread()
	t.thread = newTicketThread(t.ses, t, ticketID, known)
	view := t.thread.build()
	replaceObjects(t.body, view)
	t.thread.scrollToEnd()
}

func (t *supportTab) createItem() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(ticketColumns))
	for i := range cells {
		cells[i] = newTextCell("", widget.MediumImportance)
	}
	return container.New(ticketColumns, cells...)
}

func (t *supportTab) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	tk := t.tickets[id]
	cells := o.(*fyne.Container).Objects
	set := func(i int, s string, imp widget.Importance) { cells[i].(*textCell).set(s, imp) }
	set(0, t.ses.formatTime(tk.OpenedAt), widget.MediumImportance)
	set(1, subjectText(tk), widget.MediumImportance)
	channel := channelLabel(tk.Channel)
	if tk.Reference != "" {
		channel += " " + tk.Reference
	}
	set(2, channel, widget.MediumImportance)
	set(3, outcomeLabel(tk.Outcome), statusImportance(tk))
	set(4, t.outageTitle(tk.OutageID), widget.MediumImportance)
	text, imp := t.compactMetric(tk)
	set(5, text, imp)
}

func (t *supportTab) onSelected(id widget.ListItemID) {
	ticketID := t.tickets[id].ID
	t.list.UnselectAll()
	t.openThread(ticketID)
}

func (t *supportTab) onNew() *ticketForm {
	f := newTicketForm(t.ses, t, nil)
	f.open()
	return f
}

// compactMetric sums a ticket up in a few words for its row: how long it
// has waited for a human, or how it went.
func (t *supportTab) compactMetric(tk *journal.Ticket) (string, widget.Importance) {
	m := figures.TicketMetrics(*tk, t.ses.now())
	l := t.ses.lang()
	switch {
	case m.Waiting != nil:
		d := m.Waiting.Length()
		return lang.X("support.metric_waiting", "waiting {{.Duration}} for a human", map[string]any{"Duration": words.Duration(d, l)}),
			overDays(d, t.ses.settings.Thresholds.WaitingTicketDays, widget.WarningImportance)
	case m.TimeToResolution != nil:
		return lang.X("support.metric_closed", "closed after {{.Duration}}", map[string]any{"Duration": words.Duration(*m.TimeToResolution, l)}),
			widget.LowImportance
	case m.FirstHumanResponse != nil:
		return lang.X("support.metric_human", "human reply after {{.Duration}}", map[string]any{"Duration": words.Duration(m.FirstHumanResponse.After, l)}),
			widget.MediumImportance
	case len(tk.Messages) == 0:
		return lang.X("support.metric_no_messages", "no messages yet"), widget.LowImportance
	}
	return "", widget.MediumImportance
}

// outageTitle names a linked outage by its title, or its start date when it
// has none; "" when the ticket is about no (live) outage.
func (t *supportTab) outageTitle(id *int64) string {
	if id == nil {
		return ""
	}
	for _, o := range t.outages {
		if o.ID == *id {
			if o.Title != "" {
				return o.Title
			}
			return o.Start.In(t.ses.loc).Format(dayLayout)
		}
	}
	return ""
}

// subjectText is a ticket's subject, or a placeholder when it has none.
func subjectText(tk *journal.Ticket) string {
	if tk.Subject != "" {
		return tk.Subject
	}
	return lang.X("support.no_subject", "(no subject)")
}

// statusImportance colours a ticket's status: open tickets stand out.
func statusImportance(tk *journal.Ticket) widget.Importance {
	switch {
	case tk.Open():
		return widget.HighImportance
	case tk.Outcome == journal.OutcomeUnresolved:
		return widget.DangerImportance
	}
	return widget.SuccessImportance
}

// overDays is Danger once d exceeds the threshold in days, else below.
func overDays(d time.Duration, days int, below widget.Importance) widget.Importance {
	if d > time.Duration(days)*24*time.Hour {
		return widget.DangerImportance
	}
	return below
}
