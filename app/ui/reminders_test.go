package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/verdict"
)

// reminderJournal holds a plan renewing in 3 days and a ticket whose
// question has waited 5 days for a human.
func reminderJournal(t *testing.T, u *UI) *journal.Service {
	t.Helper()
	svc := addService(t, u, "Parley AI")
	start, _ := journal.ParseDate("2026-01-28")
	if err := u.db.CreateSubscription(u.ctx, &journal.Subscription{ServiceID: svc.ID, Plan: "Plus", Amount: 2000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: start}); err != nil {
		t.Fatal(err)
	}
	tk := &journal.Ticket{ServiceID: svc.ID, Subject: "Login loop", Channel: journal.ChannelEmail, OpenedAt: fixedNow.Add(-5 * 24 * time.Hour)}
	if err := u.db.CreateTicket(u.ctx, tk); err != nil {
		t.Fatal(err)
	}
	if err := u.db.AddMessage(u.ctx, &journal.Message{TicketID: tk.ID, At: tk.OpenedAt, Direction: journal.Sent, Author: journal.AuthorMe, Summary: "Cannot log in"}); err != nil {
		t.Fatal(err)
	}
	u.refresh()
	return svc
}

func TestRemindersPanelListsRenewalAndWaitingTicket(t *testing.T) {
	u := newTestUI(t)
	reminderJournal(t, u)
	u.show(0)
	settle(u)
	p := u.overview.reminders
	if p == nil || len(p.rows) != 2 {
		t.Fatalf("reminders panel rows = %v", p)
	}
	var titles []string
	for _, row := range p.rows {
		titles = append(titles, row.Objects[0].(*fyne.Container).Objects[0].(*widget.Button).Text)
	}
	joined := strings.Join(titles, " | ")
	// The waiting ticket makes the verdict "consider switching", so the
	// renewal on Nov 28 (Jan 28 monthly) comes as a cancel-before reminder.
	if joined != "Parley AI ticket “Login loop”: send a follow-up? | Cancel Parley AI before 28 Nov?" {
		t.Errorf("reminders = %q, want the waiting ticket and the Nov 28 renewal", joined)
	}
	// Dismissing one leaves the other.
	p.onDismiss(p.items[0].Key)
	settle(u)
	if n := len(u.overview.reminders.rows); n != 1 {
		t.Errorf("%d reminders after dismissing one, want 1", n)
	}
}

func TestReminderNotifiedOncePerDay(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Boxdrive")
	if err := u.db.CreateOutage(u.ctx, &journal.Outage{ServiceID: svc.ID, Title: "sync stuck", Start: fixedNow.Add(-30 * time.Hour),
		Impact: journal.ImpactDown, Source: journal.SourceMe}); err != nil {
		t.Fatal(err)
	}
	active := func() []verdict.Reminder {
		rs, err := review.Reminders(u.ctx, u.db, u.now(), u.loc)
		if err != nil || len(rs) != 1 {
			t.Fatalf("reminders = %v, %v; want the open outage", rs, err)
		}
		return rs
	}
	check := func() { checkReminders(u.ctx, u.db, u.now(), u.loc, u.lang(), u.app.SendNotification) }
	rs := active()
	want := fyne.NewNotification(rs[0].Title(u.lang()), rs[0].Body(u.lang()))
	test.AssertNotificationSent(t, want, check)
	test.AssertNotificationSent(t, nil, check) // the same day: not again
	u.now = func() time.Time { return fixedNow.Add(24 * time.Hour) }
	rs = active()
	next := fyne.NewNotification(rs[0].Title(u.lang()), rs[0].Body(u.lang()))
	if !strings.Contains(next.Content, "2 days 6 hours") {
		t.Errorf("the next day's reminder reads %q", next.Content)
	}
	test.AssertNotificationSent(t, next, check) // the next day: again
}
