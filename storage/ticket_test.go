package storage_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func TestTicket(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db, c := MustOpenDBClock(t)
		svc := MustCreateService(t, db, "Claude")
		outage := MustCreateOutage(t, db, svc.ID, "Login loop", testNow.Add(-20*24*time.Hour), 14*24*time.Hour)
		opened := testNow.Add(-19 * 24 * time.Hour)
		resolved := testNow.Add(-5 * 24 * time.Hour)
		tk := &journal.Ticket{
			ServiceID:  svc.ID,
			OutageID:   &outage.ID,
			Subject:    "Cannot log in from the web",
			Channel:    journal.ChannelEmail,
			Reference:  "#12345",
			OpenedAt:   opened,
			ResolvedAt: &resolved,
			Outcome:    journal.OutcomeResolved,
		}
		if err := db.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
		if tk.ID == 0 || !tk.CreatedAt.Equal(testNow) {
			t.Fatalf("created %+v", tk)
		}
		// Added out of order; the thread reads in time order.
		msgs := []*journal.Message{
			{TicketID: tk.ID, At: opened.Add(2 * time.Hour), Direction: journal.Received, Author: journal.AuthorHuman,
				From: "support@anthropic.com", Summary: "Troubleshooting steps", Body: "Please clear your cache."},
			{TicketID: tk.ID, At: opened, Direction: journal.Sent, Author: journal.AuthorMe,
				From: "me@example.com", Summary: "Login stops at redirecting", Body: "Chrome, Edge and Android Chrome all loop."},
			{TicketID: tk.ID, At: opened.Add(3 * time.Hour), Direction: journal.Received, Author: journal.AuthorBot,
				Summary: "Rate your conversation"},
		}
		for _, m := range msgs {
			if err := db.AddMessage(ctx, m); err != nil {
				t.Fatal(err)
			}
			if m.ID == 0 || !m.CreatedAt.Equal(testNow) || !m.UpdatedAt.Equal(testNow) {
				t.Fatalf("message not filled: %+v", m)
			}
		}
		want := *tk
		want.Messages = []journal.Message{*msgs[1], *msgs[0], *msgs[2]}
		got, err := db.Ticket(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("read back\n%+v\nwant\n%+v", *got, want)
		}
		one, err := db.Message(ctx, msgs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(one, msgs[0]) {
			t.Errorf("message read back %+v, want %+v", one, msgs[0])
		}

		c.Add(time.Hour)
		got.ResolvedAt, got.Outcome, got.OutageID = nil, journal.OutcomeOpen, nil
		if err := db.UpdateTicket(ctx, got); err != nil {
			t.Fatal(err)
		}
		m := msgs[2]
		m.Summary, m.Author = "Automatic reply", journal.AuthorAuto
		if err := db.UpdateMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
		again, err := db.Ticket(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again.ResolvedAt != nil || again.OutageID != nil || !again.Open() || !again.UpdatedAt.Equal(testNow.Add(time.Hour)) {
			t.Errorf("after update: %+v", again)
		}
		if last := again.Messages[2]; last.Summary != "Automatic reply" || last.Author != journal.AuthorAuto ||
			!last.CreatedAt.Equal(testNow) || !last.UpdatedAt.Equal(testNow.Add(time.Hour)) {
			t.Errorf("message after update: %+v", last)
		}
	})

	t.Run("List", func(t *testing.T) {
		db := MustOpenDB(t)
		claude := MustCreateService(t, db, "Claude")
		gemini := MustCreateService(t, db, "Gemini")
		old := MustCreateTicket(t, db, claude.ID, "Old", testNow.Add(-48*time.Hour))
		resolved := testNow.Add(-24 * time.Hour)
		old.ResolvedAt, old.Outcome = &resolved, journal.OutcomeRefund
		if err := db.UpdateTicket(ctx, old); err != nil {
			t.Fatal(err)
		}
		recent := MustCreateTicket(t, db, claude.ID, "Recent", testNow.Add(-time.Hour))
		other := MustCreateTicket(t, db, gemini.ID, "Other", testNow.Add(-2*time.Hour))
		MustAddMessage(t, db, recent.ID, "Hello", testNow.Add(-time.Hour))
		yes, no := true, false
		tests := []struct {
			name         string
			filter       storage.TicketFilter
			want         []int64
			wantMessages int
		}{
			{"all, newest opened first", storage.TicketFilter{}, []int64{recent.ID, other.ID, old.ID}, 0},
			{"one service", storage.TicketFilter{ServiceID: &claude.ID}, []int64{recent.ID, old.ID}, 0},
			{"open", storage.TicketFilter{Open: &yes}, []int64{recent.ID, other.ID}, 0},
			{"resolved", storage.TicketFilter{Open: &no}, []int64{old.ID}, 0},
			{"with messages", storage.TicketFilter{WithMessages: true, ServiceID: &claude.ID}, []int64{recent.ID, old.ID}, 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				list, err := db.Tickets(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				messages := 0
				for _, tk := range list {
					ids = append(ids, tk.ID)
					messages += len(tk.Messages)
				}
				if !reflect.DeepEqual(ids, tt.want) || messages != tt.wantMessages {
					t.Errorf("got %v with %d messages, want %v with %d", ids, messages, tt.want, tt.wantMessages)
				}
			})
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		claude := MustCreateService(t, db, "Claude")
		gemini := MustCreateService(t, db, "Gemini")
		geminiOutage := MustCreateOutage(t, db, gemini.ID, "Down", testNow.Add(-time.Hour), time.Minute)
		tk := MustCreateTicket(t, db, claude.ID, "Cannot log in", testNow)
		early := testNow.Add(-time.Second)

		assertFieldError(t, db.AddMessage(ctx, &journal.Message{TicketID: tk.ID, At: early, Direction: journal.Sent,
			Author: journal.AuthorMe, Summary: "Before the ticket was opened"}),
			journal.EINVALID, "time", journal.ReasonBeforeOpened)
		assertFieldError(t, db.AddMessage(ctx, &journal.Message{TicketID: tk.ID, At: testNow, Direction: journal.Sent,
			Author: journal.AuthorHuman, Summary: "Sent by a human of the service?"}),
			journal.EINVALID, "author", journal.ReasonInvalidChoice)
		assertFieldError(t, db.AddMessage(ctx, &journal.Message{TicketID: tk.ID, At: testNow, Direction: journal.Sent,
			Author: journal.AuthorMe}),
			journal.EINVALID, "summary", journal.ReasonRequired)
		assertCode(t, db.AddMessage(ctx, &journal.Message{TicketID: 9999, At: testNow, Direction: journal.Sent,
			Author: journal.AuthorMe, Summary: "No such ticket"}), journal.ENOTFOUND)

		assertFieldError(t, db.CreateTicket(ctx, &journal.Ticket{ServiceID: claude.ID, Channel: journal.ChannelEmail,
			OpenedAt: testNow, OutageID: &geminiOutage.ID}), journal.EINVALID, "outage", journal.ReasonInvalidChoice)
		assertFieldError(t, db.CreateTicket(ctx, &journal.Ticket{ServiceID: claude.ID, Channel: "fax",
			OpenedAt: testNow}), journal.EINVALID, "channel", journal.ReasonInvalidChoice)
		assertFieldError(t, db.CreateTicket(ctx, &journal.Ticket{ServiceID: claude.ID, Channel: journal.ChannelChat,
			OpenedAt: testNow, ResolvedAt: &early, Outcome: journal.OutcomeResolved}), journal.EINVALID, "resolved", journal.ReasonEndBeforeStart)
		assertFieldError(t, db.CreateTicket(ctx, &journal.Ticket{ServiceID: 9999, Channel: journal.ChannelChat,
			OpenedAt: testNow}), journal.EINVALID, "service", journal.ReasonNotFound)
	})
}

func TestDecision(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db, c := MustOpenDBClock(t)
		claude := MustCreateService(t, db, "Claude")
		gemini := MustCreateService(t, db, "Gemini")
		switched := &journal.Decision{ServiceID: claude.ID, Kind: journal.DecisionSwitched, Date: date(2026, 11, 20),
			SwitchedTo: &gemini.ID, Note: "Moved to Gemini"}
		refund := &journal.Decision{ServiceID: claude.ID, Kind: journal.DecisionRefundReceived, Date: date(2026, 11, 24),
			Amount: &journal.Money{Amount: 968, Currency: "USD"}, Note: "Partial refund"}
		cancelled := &journal.Decision{ServiceID: claude.ID, Kind: journal.DecisionCancelled, Date: date(2026, 11, 10)}
		for _, d := range []*journal.Decision{switched, refund, cancelled} {
			if err := db.CreateDecision(ctx, d); err != nil {
				t.Fatal(err)
			}
			if d.ID == 0 || !d.CreatedAt.Equal(testNow) || !d.UpdatedAt.Equal(testNow) {
				t.Fatalf("not filled: %+v", d)
			}
		}
		list, err := db.Decisions(ctx, claude.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []*journal.Decision{cancelled, switched, refund}
		if !reflect.DeepEqual(list, want) {
			t.Errorf("by date:\n%+v\nwant\n%+v", list, want)
		}
		c.Add(time.Hour)
		refund.Amount = &journal.Money{Amount: 1500, Currency: "JPY"}
		if err := db.UpdateDecision(ctx, refund); err != nil {
			t.Fatal(err)
		}
		got, err := db.Decision(ctx, refund.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, refund) || !got.UpdatedAt.Equal(testNow.Add(time.Hour)) {
			t.Errorf("after update %+v, want %+v", got, refund)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Claude")
		missing := int64(9999)
		tests := []struct {
			name   string
			d      journal.Decision
			field  string
			reason journal.Reason
		}{
			{"no date", journal.Decision{ServiceID: svc.ID, Kind: journal.DecisionCancelled}, "date", journal.ReasonRequired},
			{"unknown kind", journal.Decision{ServiceID: svc.ID, Kind: "paused", Date: date(2026, 1, 1)}, "kind", journal.ReasonInvalidChoice},
			{"negative refund", journal.Decision{ServiceID: svc.ID, Kind: journal.DecisionRefundReceived, Date: date(2026, 1, 1),
				Amount: &journal.Money{Amount: -1, Currency: "USD"}}, "amount", journal.ReasonNegative},
			{"unknown currency", journal.Decision{ServiceID: svc.ID, Kind: journal.DecisionRefundReceived, Date: date(2026, 1, 1),
				Amount: &journal.Money{Amount: 1, Currency: "usd"}}, "currency", journal.ReasonUnknownCurrency},
			{"switched to itself", journal.Decision{ServiceID: svc.ID, Kind: journal.DecisionSwitched, Date: date(2026, 1, 1),
				SwitchedTo: &svc.ID}, "switched_to", journal.ReasonSelfReference},
			{"switched to nothing", journal.Decision{ServiceID: svc.ID, Kind: journal.DecisionSwitched, Date: date(2026, 1, 1),
				SwitchedTo: &missing}, "switched_to", journal.ReasonNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				d := tt.d
				assertFieldError(t, db.CreateDecision(ctx, &d), journal.EINVALID, tt.field, tt.reason)
			})
		}
	})
}

func TestCreateTicketWithItsFirstMessageIsAllOrNothing(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	svc := MustCreateService(t, db, "Claude")
	bad := &journal.Ticket{ServiceID: svc.ID, Channel: journal.ChannelEmail, OpenedAt: testNow,
		Messages: []journal.Message{{At: testNow.Add(-time.Hour), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "before it opened"}}}
	assertFieldError(t, db.CreateTicket(ctx, bad), journal.EINVALID, "time", journal.ReasonBeforeOpened)
	if list, _ := db.Tickets(ctx, storage.TicketFilter{}); len(list) != 0 {
		t.Fatalf("a refused first message left %d tickets", len(list))
	}
	good := &journal.Ticket{ServiceID: svc.ID, Channel: journal.ChannelEmail, OpenedAt: testNow,
		Messages: []journal.Message{{At: testNow, Direction: journal.Sent, Author: journal.AuthorMe, Summary: "cannot log in"}}}
	if err := db.CreateTicket(ctx, good); err != nil {
		t.Fatal(err)
	}
	got, err := db.Ticket(ctx, good.ID)
	if err != nil || len(got.Messages) != 1 || got.Messages[0].Summary != "cannot log in" {
		t.Errorf("ticket = %+v, %v", got, err)
	}
}
