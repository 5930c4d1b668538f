package ui

import (
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// newSupportUI builds the Support tab of a new service in the window.
func newSupportUI(t *testing.T) (*UI, *supportTab) {
	t.Helper()
	u := newTestUI(t)
	return u, addServiceTab(t, u, "Parley AI")
}

// addServiceTab creates a service and puts its Support tab alone in the
// window's body (the whole service screen draws charts, which is slow under
// -race), so table cases can share one window.
func addServiceTab(t *testing.T, u *UI, name string) *supportTab {
	t.Helper()
	svc := &journal.Service{Name: name}
	if err := u.db.CreateService(u.ctx, svc); err != nil {
		t.Fatal(err)
	}
	u.reload()
	settle(u)
	return bodyTab(u, svc)
}

// bodyTab puts a new Support tab of svc alone in the window's body.
func bodyTab(u *UI, svc *journal.Service) *supportTab {
	tab := newSupportTab(u.session, svc)
	u.body.Objects = []fyne.CanvasObject{tab.build()}
	u.body.Refresh()
	settle(u)
	return tab
}

// showSupportTab shows the service screen as the app does, with a Support
// tab the test can reach in place of the one service.go built.
func showSupportTab(t *testing.T, u *UI, svc *journal.Service) *supportTab {
	t.Helper()
	tab := newSupportTab(u.session, svc)
	for i, item := range u.service.tabs.Items {
		if item.Text == lang.X("tab.support", "Support") {
			item.Content = tab.build()
			u.service.tabs.SelectIndex(i)
			u.service.tabs.Refresh()
			return tab
		}
	}
	t.Fatal("the service screen has no Support tab")
	return nil
}

// msg is a message of a test thread, at an offset from the ticket's opening.
type msg struct {
	after  time.Duration
	author journal.AuthorKind // AuthorMe means sent
	text   string
}

// addTicket stores a ticket opened at opened with msgs and reloads the tab.
func addTicket(t *testing.T, u *UI, tab *supportTab, opened time.Time, resolved *time.Time, msgs ...msg) *journal.Ticket {
	t.Helper()
	tk := &journal.Ticket{ServiceID: tab.svc.ID, Subject: "Charged during the outage", Channel: journal.ChannelEmail,
		Reference: "#48213", OpenedAt: opened}
	if resolved != nil {
		tk.ResolvedAt, tk.Outcome = resolved, journal.OutcomeResolved
	}
	if err := u.db.CreateTicket(u.ctx, tk); err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		jm := &journal.Message{TicketID: tk.ID, At: opened.Add(m.after), Direction: journal.Received, Author: m.author, Summary: m.text}
		if m.author == journal.AuthorMe {
			jm.Direction = journal.Sent
		}
		if err := u.db.AddMessage(u.ctx, jm); err != nil {
			t.Fatal(err)
		}
	}
	tab.reload()
	settle(u)
	return tk
}

// openThread opens tk's thread the way a click on its row does.
func openThread(t *testing.T, tab *supportTab, tk *journal.Ticket) *ticketThread {
	t.Helper()
	tab.ses.thread.(*queueThread).settle() // the list has loaded
	for i, x := range tab.tickets {
		if x.ID == tk.ID {
			tab.list.Select(i)
		}
	}
	if tab.thread == nil || shown(tab.thread.title) != subjectText(tk) {
		t.Fatalf("selecting ticket %d did not open its thread", tk.ID)
	}
	return tab.thread
}

func storedMessages(t *testing.T, u *UI, id int64) []journal.Message {
	t.Helper()
	tk, err := u.db.Ticket(u.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return tk.Messages
}

func gapTexts(th *ticketThread) []string {
	var out []string
	for _, g := range th.gaps {
		out = append(out, g.Text)
	}
	return out
}

const (
	minute = time.Minute
	day    = 24 * time.Hour
)

func TestTicketThreadMetrics(t *testing.T) {
	resolvedAt := fixedNow.Add(-1 * day)
	cases := []struct {
		name                                   string
		opened                                 time.Time
		resolved                               *time.Time
		msgs                                   []msg
		first, firstHuman, silence, follow, tt string
		running                                bool
		gaps                                   []string
		nudge                                  string
		nudgeImp                               widget.Importance
	}{
		{
			name:   "bot after 2 minutes, human after 8 days",
			opened: fixedNow.Add(-10 * day),
			msgs: []msg{{0, journal.AuthorMe, "Charged twice"}, {2 * minute, journal.AuthorBot, "We got your message"},
				{8 * day, journal.AuthorHuman, "Refund issued"}},
			first: "2 minutes", firstHuman: "8 days", silence: "8 days", follow: "0", tt: "—",
			gaps: []string{"bot reply after 2 minutes — still no human", "8 days without a human reply"},
		},
		{
			name:   "open and unanswered for 8 days: the silence runs and the nudge is red",
			opened: fixedNow.Add(-8 * day),
			msgs:   []msg{{0, journal.AuthorMe, "Cannot log in"}, {1 * minute, journal.AuthorAuto, "Ticket received"}, {2 * day, journal.AuthorMe, "Any news?"}},
			first:  "1 minute", firstHuman: "—", silence: "8 days", follow: "1", tt: "—", running: true,
			gaps:  []string{"automatic reply after 1 minute — still no human", "1 day 23 hours later"},
			nudge: "Waiting for a human reply for 8 days", nudgeImp: widget.DangerImportance,
		},
		{
			name:   "waiting under the threshold: the nudge is a warning",
			opened: fixedNow.Add(-2*day - 3*time.Hour),
			msgs:   []msg{{0, journal.AuthorMe, "Cannot log in"}},
			first:  "—", firstHuman: "—", silence: "2 days 3 hours", follow: "0", tt: "—", running: true,
			nudge: "Waiting for a human reply for 2 days 3 hours", nudgeImp: widget.WarningImportance,
		},
		{
			name:     "resolved: the silence stops at the resolution",
			opened:   fixedNow.Add(-4 * day),
			resolved: &resolvedAt,
			msgs:     []msg{{0, journal.AuthorMe, "Cannot log in"}, {3 * time.Hour, journal.AuthorHuman, "Fixed"}},
			first:    "3 hours", firstHuman: "3 hours", silence: "3 hours", follow: "0", tt: "3 days",
			gaps: []string{"3 hours without a human reply"},
		},
	}
	u := newTestUI(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab := addServiceTab(t, u, c.name)
			th := openThread(t, tab, addTicket(t, u, tab, c.opened, c.resolved, c.msgs...))
			for _, f := range []struct{ name, got, want string }{
				{"first response", th.firstResponse.Text, c.first},
				{"first human response", th.firstHuman.Text, c.firstHuman},
				{"longest silence", th.longestSilence.Text, c.silence},
				{"follow-ups", th.followUps.Text, c.follow},
				{"time to resolution", th.resolution.Text, c.tt},
			} {
				if f.got != f.want {
					t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
				}
			}
			if th.silenceRunning.Visible() != c.running {
				t.Errorf("\"still running\" shown = %v, want %v", th.silenceRunning.Visible(), c.running)
			}
			if got := gapTexts(th); !slices.Equal(got, c.gaps) {
				t.Errorf("gaps = %q, want %q", got, c.gaps)
			}
			if c.nudge == "" {
				if th.nudge.Visible() {
					t.Errorf("nudge %q shown, want none", th.nudge.Text)
				}
				return
			}
			if !th.nudge.Visible() || th.nudge.Text != c.nudge || th.nudge.Importance != c.nudgeImp {
				t.Errorf("nudge = %q (visible %v, importance %v), want %q (%v)", th.nudge.Text, th.nudge.Visible(), th.nudge.Importance, c.nudge, c.nudgeImp)
			}
		})
	}
}

func TestTicketListRow(t *testing.T) {
	resolvedAt := fixedNow.Add(-1 * day)
	cases := []struct {
		name     string
		opened   time.Time
		resolved *time.Time
		msgs     []msg
		status   string
		metric   string
		imp      widget.Importance
	}{
		{"waiting past the threshold is red", fixedNow.Add(-8 * day), nil, []msg{{0, journal.AuthorMe, "Down again"}},
			"Open", "waiting 8 days for a human", widget.DangerImportance},
		{"waiting under the threshold is a warning", fixedNow.Add(-2 * day), nil, []msg{{0, journal.AuthorMe, "Down again"}},
			"Open", "waiting 2 days for a human", widget.WarningImportance},
		{"answered by a human", fixedNow.Add(-5 * day), nil, []msg{{0, journal.AuthorMe, "Down"}, {26 * time.Hour, journal.AuthorHuman, "Looking"}},
			"Open", "human reply after 1 day 2 hours", widget.MediumImportance},
		{"resolved", fixedNow.Add(-5 * day), &resolvedAt, []msg{{0, journal.AuthorMe, "Down"}},
			"Resolved", "closed after 4 days", widget.LowImportance},
		{"no messages", fixedNow.Add(-1 * day), nil, nil, "Open", "no messages yet", widget.LowImportance},
	}
	u := newTestUI(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab := addServiceTab(t, u, c.name)
			addTicket(t, u, tab, c.opened, c.resolved, c.msgs...)
			row := tab.createItem()
			tab.updateItem(0, row)
			row.Resize(fyne.NewSize(1600, row.MinSize().Height)) // wide enough for every cell to show whole
			cells := row.(*fyne.Container).Objects
			text := func(i int) string { return strings.Join(canvasTexts(cells[i]), "") }
			if text(0) != u.formatTime(c.opened) || text(1) != "Charged during the outage" || text(2) != "E-mail #48213" {
				t.Errorf("row = %q | %q | %q", text(0), text(1), text(2))
			}
			if text(3) != c.status {
				t.Errorf("status = %q, want %q", text(3), c.status)
			}
			if got, want := textColor(cells[5]), textColor(&widget.Label{Text: c.metric, Importance: c.imp}); text(5) != c.metric || got != want {
				t.Errorf("metric = %q in %v, want %q in %v (importance %v)", text(5), got, c.metric, want, c.imp)
			}
		})
	}
}

func TestNewTicketWithFirstMessage(t *testing.T) {
	u, tab := newSupportUI(t)
	out := &journal.Outage{ServiceID: tab.svc.ID, Title: "Login broken", Start: fixedNow.Add(-2 * day), Impact: journal.ImpactDown, Source: journal.SourceMe}
	if err := u.db.CreateOutage(u.ctx, out); err != nil {
		t.Fatal(err)
	}
	tab.reload()
	settle(u)
	test.Tap(tab.newBtn)
	if top := u.win.Canvas().Overlays().Top(); top == nil || planButton(top, "Save") == nil {
		t.Fatal("New ticket opened no form")
	}
	u.win.Canvas().Overlays().Top().Hide()
	f := tab.onNew() // the same form, held by the test
	test.Type(f.subject, "Refund for the outage")
	f.channel.SetSelected("Chat")
	test.Type(f.reference, "C-77")
	f.opened.entry.SetText("2026-11-24 09:30")
	f.outage.SetSelected("Login broken (" + out.Start.In(u.loc).Format(dayLayout) + ")")
	test.Type(f.first, "Asked for a refund of the days it was down")
	test.Tap(f.save)
	settle(u)

	if tab.thread == nil {
		t.Fatal("saving the ticket did not open its thread")
	}
	tk := tab.thread.ticket
	opened := time.Date(2026, 11, 24, 9, 30, 0, 0, u.loc)
	if tk.Subject != "Refund for the outage" || tk.Channel != journal.ChannelChat || tk.Reference != "C-77" ||
		!tk.OpenedAt.Equal(opened) || tk.OutageID == nil || *tk.OutageID != out.ID {
		t.Errorf("saved ticket = %+v", tk)
	}
	if len(tk.Messages) != 1 {
		t.Fatalf("%d messages, want the first one", len(tk.Messages))
	}
	if m := tk.Messages[0]; m.Direction != journal.Sent || m.Author != journal.AuthorMe || !m.At.Equal(opened) ||
		m.Summary != "Asked for a refund of the days it was down" {
		t.Errorf("first message = %+v", m)
	}
	if got := tab.thread.composer.direction.Selected; got != "Received" {
		t.Errorf("after a sent message the composer offers %q, want Received", got)
	}
}

func TestAddMessageInOneStep(t *testing.T) {
	u, tab := newSupportUI(t)
	opened := fixedNow.Add(-3 * day)
	tk := addTicket(t, u, tab, opened, nil, msg{0, journal.AuthorMe, "Cannot log in"})
	th := openThread(t, tab, tk)
	if th.composer.direction.Selected != "Received" || th.composer.author.Selected != "Human" {
		t.Fatalf("composer defaults = %q / %q, want Received / Human", th.composer.direction.Selected, th.composer.author.Selected)
	}
	test.Type(th.composer.summary, "Engineer says it is fixed")
	test.Tap(th.addBtn)
	settle(u)

	ms := storedMessages(t, u, tk.ID)
	if len(ms) != 2 {
		t.Fatalf("%d messages stored, want 2", len(ms))
	}
	if m := ms[1]; m.Direction != journal.Received || m.Author != journal.AuthorHuman || !m.At.Equal(fixedNow) || m.Summary != "Engineer says it is fixed" {
		t.Errorf("added message = %+v", m)
	}
	if th.firstHuman.Text != "3 days" {
		t.Errorf("first human response = %q after adding the reply, want %q", th.firstHuman.Text, "3 days")
	}
	if th.composer.summary.Text != "" || th.composer.direction.Selected != "Sent" || th.composer.author.Selected != "Me" {
		t.Errorf("composer not reset for my next message: %q, %q / %q", th.composer.summary.Text, th.composer.direction.Selected, th.composer.author.Selected)
	}
}

func TestAddMessageShowsFieldErrors(t *testing.T) {
	opened := fixedNow.Add(-5 * day)
	cases := []struct {
		name    string
		at      string // as typed; empty keeps the default, now
		summary string
		field   string
		want    string
	}{
		{"empty summary", "", "  ", "summary", "Summary is required"},
		{"a minute before the ticket opened", opened.Add(-time.Minute).In(time.Local).Format(timeLayout), "Too early", "time", "Time must not be before the ticket was opened"},
		{"not a time", "yesterday", "Reply", "time", "Time: not a date Lapse can read — type YYYY-MM-DD HH:MM, e.g. 2024-07-18 09:05"},
	}
	u := newTestUI(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab := addServiceTab(t, u, c.name)
			tk := addTicket(t, u, tab, opened, nil, msg{0, journal.AuthorMe, "Down"})
			th := openThread(t, tab, tk)
			if c.at != "" {
				th.composer.at.entry.SetText(c.at)
			}
			test.Type(th.composer.summary, c.summary)
			test.Tap(th.addBtn)
			settle(u)
			if got := th.composer.form.errorOf(c.field); got != c.want {
				t.Errorf("%s error = %q, want %q", c.field, got, c.want)
			}
			if n := len(storedMessages(t, u, tk.ID)); n != 1 {
				t.Errorf("%d messages stored, want the 1 there was", n)
			}
		})
	}
}

func TestDeleteMessageThenUndo(t *testing.T) {
	u, tab := newSupportUI(t)
	th := openThread(t, tab, addTicket(t, u, tab, fixedNow.Add(-2*day), nil,
		msg{0, journal.AuthorMe, "Cannot log in"}, msg{time.Hour, journal.AuthorHuman, "Try again now"}))
	test.Tap(th.onEditMessage(th.ticket.Messages[1]).del)
	settle(u)
	if n := len(th.ticket.Messages); n != 1 {
		t.Fatalf("thread shows %d messages after the delete, want 1", n)
	}
	if th.firstHuman.Text != "—" {
		t.Errorf("first human response = %q after deleting the reply, want —", th.firstHuman.Text)
	}
	if !u.undo.box.Visible() {
		t.Fatal("no Undo offered")
	}
	test.Tap(u.undo.button)
	settle(u)
	if n := len(th.ticket.Messages); n != 2 || th.ticket.Messages[1].Summary != "Try again now" {
		t.Fatalf("after Undo the thread shows %d messages, want the reply back", n)
	}
	if th.firstHuman.Text != "1 hour" {
		t.Errorf("first human response = %q after Undo, want 1 hour", th.firstHuman.Text)
	}
}

func TestEditMessage(t *testing.T) {
	u, tab := newSupportUI(t)
	tk := addTicket(t, u, tab, fixedNow.Add(-2*day), nil,
		msg{0, journal.AuthorMe, "Cannot log in"}, msg{time.Hour, journal.AuthorHuman, "We are on it"})
	th := openThread(t, tab, tk)
	ed := th.onEditMessage(th.ticket.Messages[1])
	ed.author.SetSelected("Bot")
	test.Tap(ed.save)
	settle(u)
	if m := storedMessages(t, u, tk.ID)[1]; m.Author != journal.AuthorBot || m.Summary != "We are on it" {
		t.Errorf("edited message = %+v", m)
	}
	if th.firstHuman.Text != "—" || !th.silenceRunning.Visible() {
		t.Errorf("after the reply became a bot's: first human = %q, running = %v", th.firstHuman.Text, th.silenceRunning.Visible())
	}
}

func TestResolveAndReopenTicket(t *testing.T) {
	u, tab := newSupportUI(t)
	added := addTicket(t, u, tab, fixedNow.Add(-6*day), nil, msg{0, journal.AuthorMe, "Refund please"})
	th := openThread(t, tab, added)
	test.Tap(th.resolveBtn)
	if top := u.win.Canvas().Overlays().Top(); !th.resolveBtn.Visible() || top == nil || planButton(top, "Close ticket") == nil {
		t.Fatal("Close ticket opened no form")
	}
	u.win.Canvas().Overlays().Top().Hide()
	r := th.onResolve() // the same form, held by the test
	r.outcome.SetSelected("Refunded")
	test.Tap(r.save)
	settle(u)

	tk, err := u.db.Ticket(u.ctx, added.ID)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Outcome != journal.OutcomeRefund || tk.ResolvedAt == nil || !tk.ResolvedAt.Equal(fixedNow) {
		t.Fatalf("resolved ticket: outcome %q at %v", tk.Outcome, tk.ResolvedAt)
	}
	if th.status.Text != "Refunded" || th.resolution.Text != "6 days" || th.nudge.Visible() || th.resolveBtn.Visible() || !th.reopenBtn.Visible() {
		t.Errorf("thread after resolving: status %q, resolution %q, nudge %v", th.status.Text, th.resolution.Text, th.nudge.Visible())
	}

	th.reopen()
	settle(u)
	if tk, _ = u.db.Ticket(u.ctx, added.ID); tk.Outcome != journal.OutcomeOpen || tk.ResolvedAt != nil {
		t.Errorf("reopened ticket: outcome %q at %v", tk.Outcome, tk.ResolvedAt)
	}
	if th.status.Text != "Open" || !th.nudge.Visible() {
		t.Errorf("thread after reopening: status %q, nudge %v", th.status.Text, th.nudge.Visible())
	}
}

func TestResolveBeforeOpenedShowsFieldError(t *testing.T) {
	u, tab := newSupportUI(t)
	added := addTicket(t, u, tab, fixedNow.Add(-day), nil)
	th := openThread(t, tab, added)
	r := th.onResolve()
	early := fixedNow.Add(-2 * day)
	r.at.set(&early)
	test.Tap(r.save)
	settle(u)
	if got := r.form.errorOf("resolved"); got != "Closed at must not be before the ticket was opened" {
		t.Errorf("resolved error = %q", got)
	}
	if tk, _ := u.db.Ticket(u.ctx, added.ID); !tk.Open() {
		t.Error("the ticket was closed despite the error")
	}
}

func TestDeleteTicketThenUndo(t *testing.T) {
	u, tab := newSupportUI(t)
	th := openThread(t, tab, addTicket(t, u, tab, fixedNow.Add(-day), nil, msg{0, journal.AuthorMe, "Down"}))
	test.Tap(th.onEdit().del)
	settle(u)
	if tab.thread != nil || len(tab.tickets) != 0 {
		t.Fatalf("after the delete: thread open %v, %d tickets listed", tab.thread != nil, len(tab.tickets))
	}
	test.Tap(u.undo.button)
	settle(u)
	if len(tab.tickets) != 1 || len(tab.tickets[0].Messages) != 1 {
		t.Fatalf("after Undo %d tickets listed, want the ticket and its message back", len(tab.tickets))
	}
}

// TestSupportScreensInJapanese renders the list and the threads in both
// languages; with LAPSE_SHOTS=dir it shows them inside the service screen,
// as the app does, and writes them as PNGs to look at.
func TestSupportScreensInJapanese(t *testing.T) {
	t.Cleanup(func() { _ = SetLanguage("en") })
	u, tab := newSupportUI(t)
	main := seedSupport(t, u, tab)
	svc := tab.svc
	for _, code := range []string{"en", "ja"} {
		if err := SetLanguage(code); err != nil {
			t.Fatal(err)
		}
		fyne.CurrentApp().Settings().SetTheme(newTheme(code == "ja"))
		if os.Getenv("LAPSE_SHOTS") != "" {
			u.show(svc.ID)
			tab = showSupportTab(t, u, svc)
		} else {
			tab = bodyTab(u, svc)
		}
		shot(t, u, code+"_list")
		th := openThread(t, tab, main)
		shot(t, u, code+"_thread")
		if code == "ja" {
			if th.firstResponse.Text != "2分" || th.firstHuman.Text != "8日" || th.longestSilence.Text != "8日" {
				t.Errorf("Japanese metrics = %q, %q, %q", th.firstResponse.Text, th.firstHuman.Text, th.longestSilence.Text)
			}
			if th.status.Text != "対応中" {
				t.Errorf("status = %q, want 対応中", th.status.Text)
			}
		}
		th = openThread(t, tab, tab.tickets[0])
		shot(t, u, code+"_thread_waiting")
		ed := th.onEditMessage(th.ticket.Messages[0])
		shot(t, u, code+"_edit_message")
		ed.dlg.Hide()
		r := th.onResolve()
		shot(t, u, code+"_resolve")
		r.dlg.Hide()
		openThread(t, tab, tab.tickets[2])
		shot(t, u, code+"_thread_resolved")
		tab.showList()
		f := tab.onNew()
		shot(t, u, code+"_new_ticket")
		f.dlg.Hide()
	}
}

// seedSupport fills the service with an outage and three tickets, and
// returns the one with a bot reply after 2 minutes and a human after 8 days.
func seedSupport(t *testing.T, u *UI, tab *supportTab) *journal.Ticket {
	t.Helper()
	out := &journal.Outage{ServiceID: tab.svc.ID, Title: "Login broken on the web", Start: fixedNow.Add(-12 * day), Impact: journal.ImpactDown, Source: journal.SourceMe}
	if err := u.db.CreateOutage(u.ctx, out); err != nil {
		t.Fatal(err)
	}
	tk := addTicket(t, u, tab, fixedNow.Add(-11*day), nil,
		msg{0, journal.AuthorMe, "Cannot log in since this morning; I was charged for the month"},
		msg{2 * minute, journal.AuthorBot, "Thanks for reaching out! Have you tried clearing your cache?"},
		msg{2 * day, journal.AuthorMe, "Still broken, please have a person look at it"},
		msg{8 * day, journal.AuthorHuman, "Sorry for the wait. We found the problem and refunded the month."},
		msg{8*day + 3*time.Hour, journal.AuthorMe, "Thanks, refund received"})
	tk.OutageID = &out.ID
	tk.Subject = "Charged for a month I could not log in"
	tk.Messages = nil
	if err := u.db.UpdateTicket(u.ctx, tk); err != nil {
		t.Fatal(err)
	}
	m := storedMessages(t, u, tk.ID)[3]
	m.From = "Dana (Parley support)"
	m.Body = "We traced the login failures to an expired certificate on our side. The charge for November has been refunded to your card; it should appear within 5 business days."
	if err := u.db.UpdateMessage(u.ctx, &m); err != nil {
		t.Fatal(err)
	}
	resolved := fixedNow.Add(-3 * day)
	retitle(t, u, addTicket(t, u, tab, fixedNow.Add(-30*day), &resolved, msg{0, journal.AuthorMe, "Invoice in the wrong currency"},
		msg{5 * time.Hour, journal.AuthorHuman, "Corrected"}), "Invoice in the wrong currency", journal.ChannelForm)
	retitle(t, u, addTicket(t, u, tab, fixedNow.Add(-5*day), nil, msg{0, journal.AuthorMe, "API returns 500 on every request"},
		msg{1 * minute, journal.AuthorAuto, "We received your request #9921"}, msg{3 * day, journal.AuthorMe, "Any update?"}),
		"API returns 500 on every request", journal.ChannelChat)
	tab.reload()
	return tk
}

func retitle(t *testing.T, u *UI, tk *journal.Ticket, subject string, ch journal.Channel) {
	t.Helper()
	tk.Subject, tk.Channel, tk.Messages = subject, ch, nil
	if err := u.db.UpdateTicket(u.ctx, tk); err != nil {
		t.Fatal(err)
	}
}

// shot writes the window as name.png into $LAPSE_SHOTS, when set.
func shot(t *testing.T, u *UI, name string) {
	t.Helper()
	dir := os.Getenv("LAPSE_SHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writePNG(t, filepath.Join(dir, name+".png"), u.win.Canvas().Capture())
}

// textColor is the colour the first text drawn by o is painted in.
func textColor(o fyne.CanvasObject) color.Color {
	switch v := o.(type) {
	case *canvas.Text:
		return v.Color
	case *fyne.Container:
		for _, c := range v.Objects {
			if col := textColor(c); col != nil {
				return col
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			if col := textColor(c); col != nil {
				return col
			}
		}
	}
	return nil
}
