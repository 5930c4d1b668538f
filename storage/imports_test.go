package storage_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// assertUnchanged fails when the journal differs from before.
func assertUnchanged(t *testing.T, db *storage.DB, before *storage.Snapshot) {
	t.Helper()
	if after := mustDump(t, db); !reflect.DeepEqual(after, before) {
		t.Errorf("the journal changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

// assertItemError checks err names the item at index and its field error.
func assertItemError(tb testing.TB, err error, index int, field string, reason journal.Reason) {
	tb.Helper()
	var ie *storage.ItemError
	if !errors.As(err, &ie) || ie.Index != index {
		tb.Fatalf("error %v: want an ItemError at index %d", err, index)
	}
	assertFieldError(tb, err, journal.EINVALID, field, reason)
}

func monthly(plan string, amount int64, currency, start string) journal.Subscription {
	d, err := journal.ParseDate(start)
	if err != nil {
		panic(err)
	}
	return journal.Subscription{Plan: plan, Amount: amount, Currency: currency,
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: d}
}

func TestImportSubscriptions(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		claude := MustCreateService(t, db, "Claude")
		subs := func() []storage.NewSubscription {
			return []storage.NewSubscription{
				{Service: journal.Service{Name: "claude"}, Subscription: monthly("Pro", 2000, "USD", "2026-01-15")},
				{Service: journal.Service{Name: " パーレイ ", Category: "AI"}, Subscription: monthly("Plus", 3000, "JPY", "2026-02-01")},
				{Service: journal.Service{Name: "パーレイ"}, Subscription: monthly("Team", 4500, "JPY", "2026-03-01")},
			}
		}
		res, err := db.ImportSubscriptions(ctx, subs())
		if err != nil {
			t.Fatal(err)
		}
		if want := (storage.ImportResult{Created: 3, NewServices: []string{"パーレイ"}}); !reflect.DeepEqual(res, want) {
			t.Errorf("result %+v, want %+v", res, want)
		}
		list, err := db.Subscriptions(ctx, storage.SubscriptionFilter{ServiceID: &claude.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Plan != "Pro" || list[0].Amount != 2000 {
			t.Errorf("Claude's subscriptions: %+v", list)
		}
		p, err := db.ServiceByName(ctx, "パーレイ")
		if err != nil {
			t.Fatal(err)
		}
		if p.Category != "AI" {
			t.Errorf("new service %+v: want its category from the first row", p)
		}
		if list, _ := db.Subscriptions(ctx, storage.SubscriptionFilter{ServiceID: &p.ID}); len(list) != 2 {
			t.Errorf("パーレイ has %d subscriptions, want 2", len(list))
		}

		before := mustDump(t, db)
		res, err = db.ImportSubscriptions(ctx, subs())
		if err != nil {
			t.Fatal(err)
		}
		if want := (storage.ImportResult{Skipped: 3}); !reflect.DeepEqual(res, want) {
			t.Errorf("second import: result %+v, want %+v", res, want)
		}
		assertUnchanged(t, db, before)
	})
	t.Run("ErrThirdItemWritesNothing", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateService(t, db, "Claude")
		before := mustDump(t, db)
		bad := monthly("Max", 10000, "USD", "2026-03-01")
		bad.End = journal.Date{Year: 2026, Month: time.February, Day: 1}
		_, err := db.ImportSubscriptions(ctx, []storage.NewSubscription{
			{Service: journal.Service{Name: "New One"}, Subscription: monthly("Pro", 2000, "USD", "2026-01-15")},
			{Service: journal.Service{Name: "Claude"}, Subscription: monthly("Pro", 2000, "USD", "2026-01-15")},
			{Service: journal.Service{Name: "Claude"}, Subscription: bad},
		})
		assertItemError(t, err, 2, "end", journal.ReasonEndBeforeStart)
		assertUnchanged(t, db, before)
	})
	t.Run("ErrServiceName", func(t *testing.T) {
		db := MustOpenDB(t)
		before := mustDump(t, db)
		_, err := db.ImportSubscriptions(ctx, []storage.NewSubscription{
			{Service: journal.Service{Name: "  "}, Subscription: monthly("Pro", 2000, "USD", "2026-01-15")},
		})
		assertItemError(t, err, 0, "name", journal.ReasonRequired)
		assertUnchanged(t, db, before)
	})
}

func TestImportOfficialOutages(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 11, 3, 14, 0, 0, 0, time.UTC)
	end := start.Add(2 * time.Hour)
	incidents := func() []journal.Outage {
		return []journal.Outage{
			{Title: "Elevated errors", Start: start, End: &end, Impact: journal.ImpactPartial, Source: journal.SourceOfficial,
				Platforms: []string{"API"}, ExternalID: "abc123", Link: "https://stspg.io/abc"},
			{Title: "Login outage", Start: start.Add(24 * time.Hour), Impact: journal.ImpactDown,
				Source: journal.SourceOfficial, ExternalID: "def456"},
		}
	}
	t.Run("ReimportUpdates", func(t *testing.T) {
		db, c := MustOpenDBClock(t)
		svc := MustCreateService(t, db, "Claude")
		res, err := db.ImportOfficialOutages(ctx, svc.ID, incidents(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 2 || res.Updated != 0 {
			t.Errorf("first import %+v", res)
		}
		list, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID})
		if err != nil {
			t.Fatal(err)
		}
		// What the user added to an official outage survives a re-import.
		login := list[0]
		login.StillWorked = "Android app"
		login.Steps = []journal.Step{{Action: "Cleared cookies", Result: "no change"}}
		if err := db.UpdateOutage(ctx, login); err != nil {
			t.Fatal(err)
		}

		c.Add(time.Hour)
		again := incidents()
		back := again[1].Start.Add(5 * time.Hour)
		again[1].End = &back
		again[1].Resolution = "Fixed a bad deploy"
		res, err = db.ImportOfficialOutages(ctx, svc.ID, again, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 0 || res.Updated != 2 {
			t.Errorf("re-import %+v, want 2 updated", res)
		}
		list, err = db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 {
			t.Fatalf("%d outages after a re-import, want 2", len(list))
		}
		got := list[0]
		if got.ID != login.ID || got.End == nil || !got.End.Equal(back) || got.Resolution != "Fixed a bad deploy" {
			t.Errorf("updated outage %+v", got)
		}
		if got.StillWorked != "Android app" || len(got.Steps) != 1 {
			t.Errorf("re-import lost the user's notes: %+v", got)
		}
		if !got.CreatedAt.Equal(testNow) || !got.UpdatedAt.Equal(testNow.Add(time.Hour)) {
			t.Errorf("created %v updated %v", got.CreatedAt, got.UpdatedAt)
		}
	})
	t.Run("ErrThirdItemWritesNothing", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Claude")
		if _, err := db.ImportOfficialOutages(ctx, svc.ID, incidents()[:1], nil); err != nil {
			t.Fatal(err)
		}
		before := mustDump(t, db)
		list := incidents()
		early := start.Add(-time.Hour)
		list = append(list, journal.Outage{Title: "Bad", Start: start, End: &early, Impact: journal.ImpactDown,
			Source: journal.SourceOfficial, ExternalID: "ghi789"})
		list[0].Title = "Changed title"
		_, err := db.ImportOfficialOutages(ctx, svc.ID, list, nil)
		assertItemError(t, err, 2, "end", journal.ReasonEndBeforeStart)
		assertUnchanged(t, db, before)
	})
	t.Run("ErrNoExternalID", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Claude")
		before := mustDump(t, db)
		list := incidents()
		list[1].ExternalID = " "
		_, err := db.ImportOfficialOutages(ctx, svc.ID, list, nil)
		assertItemError(t, err, 1, "external_id", journal.ReasonRequired)
		assertUnchanged(t, db, before)
	})
	t.Run("ErrNoService", func(t *testing.T) {
		db := MustOpenDB(t)
		_, err := db.ImportOfficialOutages(ctx, 42, incidents(), nil)
		assertFieldError(t, err, journal.EINVALID, "service", journal.ReasonNotFound)
	})
}

func TestImportMessages(t *testing.T) {
	ctx := context.Background()
	opened := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	thread := func() []journal.Message {
		return []journal.Message{
			{At: opened, Direction: journal.Sent, Author: journal.AuthorMe, From: "me@example.com", Summary: "Cannot log in"},
			{At: opened.Add(2 * time.Hour), Direction: journal.Received, Author: journal.AuthorHuman,
				From: "Aiko <support@parley.example>", Summary: "Please clear your cache", Body: "Steps..."},
			{At: opened.Add(3 * time.Hour), Direction: journal.Received, Author: journal.AuthorBot,
				From: "Fin", Summary: "Rate your conversation"},
		}
	}
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Parley AI")
		tk := MustCreateTicket(t, db, svc.ID, "Login loop", opened)
		res, err := db.ImportMessages(ctx, tk.ID, thread())
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 3 || res.Skipped != 0 {
			t.Errorf("result %+v", res)
		}
		before := mustDump(t, db)
		res, err = db.ImportMessages(ctx, tk.ID, thread())
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 0 || res.Skipped != 3 {
			t.Errorf("second import %+v, want 3 skipped", res)
		}
		assertUnchanged(t, db, before)
		got, err := db.Ticket(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Messages) != 3 || got.Messages[1].From != "Aiko <support@parley.example>" || got.Messages[2].Author != journal.AuthorBot {
			t.Errorf("thread %+v", got.Messages)
		}
	})
	t.Run("ErrBeforeOpenedWritesNothing", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Parley AI")
		tk := MustCreateTicket(t, db, svc.ID, "Login loop", opened)
		before := mustDump(t, db)
		list := thread()
		list[2].At = opened.Add(-time.Minute)
		_, err := db.ImportMessages(ctx, tk.ID, list)
		assertItemError(t, err, 2, "time", journal.ReasonBeforeOpened)
		assertUnchanged(t, db, before)
	})
	t.Run("ErrNoTicket", func(t *testing.T) {
		db := MustOpenDB(t)
		_, err := db.ImportMessages(ctx, 7, thread())
		assertCode(t, err, journal.ENOTFOUND)
	})
}
