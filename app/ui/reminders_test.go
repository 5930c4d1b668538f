package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
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
	titles := reminderTitles(u)
	if len(titles) != 2 {
		t.Fatalf("reminders shown: %q", titles)
	}
	joined := strings.Join(titles, " | ")
	// The waiting ticket makes the verdict "consider switching", so the
	// renewal on Nov 28 (Jan 28 monthly) comes as a cancel-before reminder.
	if joined != "Parley AI ticket “Login loop”: send a follow-up? | Cancel Parley AI before 28 Nov?" {
		t.Errorf("reminders = %q, want the waiting ticket and the Nov 28 renewal", joined)
	}
	// Dismissing one (its ✕ button) leaves the other.
	dismiss := iconButtons(u.body, theme.CancelIcon())
	if len(dismiss) != 2 {
		t.Fatalf("%d dismiss buttons, want 2", len(dismiss))
	}
	test.Tap(dismiss[0])
	settle(u)
	if got := reminderTitles(u); len(got) != 1 || got[0] != titles[1] {
		t.Errorf("after dismissing the first reminder: %q", got)
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

// reminderTitles lists the titles of the reminders the Overview shows:
// each reminder reads title, text, "Snooze a day".
func reminderTitles(u *UI) []string {
	shown := texts(u.body)
	var titles []string
	for i := 2; i < len(shown); i++ {
		if shown[i] == "Snooze a day" {
			titles = append(titles, shown[i-2])
		}
	}
	return titles
}

// iconButtons finds the buttons under o that show icon, in order.
func iconButtons(o fyne.CanvasObject, icon fyne.Resource) []*widget.Button {
	if o == nil || !o.Visible() {
		return nil
	}
	switch v := o.(type) {
	case *widget.Button:
		if v.Icon != nil && v.Icon.Name() == icon.Name() {
			return []*widget.Button{v}
		}
		return nil
	case *fyne.Container:
		var out []*widget.Button
		for _, c := range v.Objects {
			out = append(out, iconButtons(c, icon)...)
		}
		return out
	case fyne.Widget:
		var out []*widget.Button
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, iconButtons(c, icon)...)
		}
		return out
	}
	return nil
}
