package storage_test

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func TestTrash(t *testing.T) {
	ctx := context.Background()

	// Each kind: delete hides it, restore brings it back, delete and empty
	// removes it for good.
	kinds := []struct {
		name   string
		create func(t *testing.T, db *storage.DB, svc *journal.Service) int64
		delete func(db *storage.DB, id int64) (int64, error)
		find   func(db *storage.DB, id int64) error
		label  string
		count  func(c storage.Counts) int
	}{
		{"subscription", func(t *testing.T, db *storage.DB, svc *journal.Service) int64 {
			s := &journal.Subscription{ServiceID: svc.ID, Plan: "Pro", Amount: 2000, Currency: "USD",
				Period: journal.Period{N: 1, Unit: journal.Months}, Start: date(2025, 1, 1),
				Prices: []journal.PriceChange{{Effective: date(2025, 6, 1), Amount: 2400}}}
			if err := db.CreateSubscription(ctx, s); err != nil {
				t.Fatal(err)
			}
			return s.ID
		}, func(db *storage.DB, id int64) (int64, error) { return db.DeleteSubscription(ctx, id) },
			func(db *storage.DB, id int64) error { _, err := db.Subscription(ctx, id); return err },
			"Subscription: Claude Pro", func(c storage.Counts) int { return c.Subscriptions + c.PriceChanges }},
		{"outage", func(t *testing.T, db *storage.DB, svc *journal.Service) int64 {
			return MustCreateOutage(t, db, svc.ID, "Login loop", testNow.Add(-time.Hour), time.Minute).ID
		}, func(db *storage.DB, id int64) (int64, error) { return db.DeleteOutage(ctx, id) },
			func(db *storage.DB, id int64) error { _, err := db.Outage(ctx, id); return err },
			"Outage: Login loop", func(c storage.Counts) int { return c.Outages }},
		{"ticket", func(t *testing.T, db *storage.DB, svc *journal.Service) int64 {
			tk := MustCreateTicket(t, db, svc.ID, "Cannot log in", testNow.Add(-time.Hour))
			MustAddMessage(t, db, tk.ID, "First mail", testNow.Add(-time.Hour))
			return tk.ID
		}, func(db *storage.DB, id int64) (int64, error) { return db.DeleteTicket(ctx, id) },
			func(db *storage.DB, id int64) error { _, err := db.Ticket(ctx, id); return err },
			"Ticket: Cannot log in", func(c storage.Counts) int { return c.Tickets + c.Messages }},
		{"message", func(t *testing.T, db *storage.DB, svc *journal.Service) int64 {
			tk := MustCreateTicket(t, db, svc.ID, "Cannot log in", testNow.Add(-time.Hour))
			return MustAddMessage(t, db, tk.ID, "Rate your conversation", testNow).ID
		}, func(db *storage.DB, id int64) (int64, error) { return db.DeleteMessage(ctx, id) },
			func(db *storage.DB, id int64) error { _, err := db.Message(ctx, id); return err },
			"Message: Rate your conversation", func(c storage.Counts) int { return c.Messages }},
		{"decision", func(t *testing.T, db *storage.DB, svc *journal.Service) int64 {
			d := &journal.Decision{ServiceID: svc.ID, Kind: journal.DecisionCancelled, Date: date(2026, 11, 20)}
			if err := db.CreateDecision(ctx, d); err != nil {
				t.Fatal(err)
			}
			return d.ID
		}, func(db *storage.DB, id int64) (int64, error) { return db.DeleteDecision(ctx, id) },
			func(db *storage.DB, id int64) error { _, err := db.Decision(ctx, id); return err },
			"Decision: Claude cancelled 2026-11-20", func(c storage.Counts) int { return c.Decisions }},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			db, c := MustOpenDBClock(t)
			svc := MustCreateService(t, db, "Claude")
			id := k.create(t, db, svc)
			before := mustCounts(t, db)

			c.Add(time.Minute)
			trashID, err := k.delete(db, id)
			if err != nil {
				t.Fatal(err)
			}
			assertCode(t, k.find(db, id), journal.ENOTFOUND)
			_, err = k.delete(db, id)
			assertCode(t, err, journal.ENOTFOUND)
			if n := k.count(mustCounts(t, db)); n != 0 {
				t.Errorf("counts still see %d live records", n)
			}
			items, err := db.Trash(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := []journal.TrashItem{{ID: trashID, Kind: k.name, RecordID: id, Label: k.label, DeletedAt: testNow.Add(time.Minute)}}
			if !reflect.DeepEqual(items, want) {
				t.Errorf("trash %+v, want %+v", items, want)
			}

			if err := db.Restore(ctx, trashID); err != nil {
				t.Fatal(err)
			}
			if err := k.find(db, id); err != nil {
				t.Errorf("after restore: %v", err)
			}
			if after := mustCounts(t, db); after != before {
				t.Errorf("after restore counts %+v, want %+v", after, before)
			}

			trashID, err = k.delete(db, id)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.EmptyTrash(ctx); err != nil {
				t.Fatal(err)
			}
			assertCode(t, db.Restore(ctx, trashID), journal.ENOTFOUND)
			assertCode(t, k.find(db, id), journal.ENOTFOUND)
			if counts := mustCounts(t, db); k.count(counts) != 0 || counts.Trash != 0 {
				t.Errorf("after emptying the trash: %+v", counts)
			}
		})
	}

	t.Run("ServiceWithChildren", func(t *testing.T) {
		db := MustOpenDB(t)
		claude := MustCreateService(t, db, "Claude")
		gemini := &journal.Service{Name: "Gemini", Alternatives: []int64{claude.ID}}
		if err := db.CreateService(ctx, gemini); err != nil {
			t.Fatal(err)
		}
		sub := &journal.Subscription{ServiceID: claude.ID, Amount: 2000, Currency: "USD",
			Period: journal.Period{N: 1, Unit: journal.Months}, Start: date(2025, 1, 1),
			Prices: []journal.PriceChange{{Effective: date(2025, 6, 1), Amount: 2400}}}
		if err := db.CreateSubscription(ctx, sub); err != nil {
			t.Fatal(err)
		}
		outage := &journal.Outage{ServiceID: claude.ID, Title: "Login loop", Start: testNow.Add(-time.Hour), Impact: journal.ImpactDown,
			Source: journal.SourceMe, Platforms: []string{"Chrome desktop"}, Steps: []journal.Step{{Action: "Cleared cookies"}}}
		if err := db.CreateOutage(ctx, outage); err != nil {
			t.Fatal(err)
		}
		tk := &journal.Ticket{ServiceID: claude.ID, OutageID: &outage.ID, Subject: "Cannot log in", Channel: journal.ChannelEmail, OpenedAt: testNow}
		if err := db.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
		MustAddMessage(t, db, tk.ID, "Login stops at redirecting", testNow)
		if err := db.CreateDecision(ctx, &journal.Decision{ServiceID: claude.ID, Kind: journal.DecisionCancelled, Date: date(2026, 11, 20)}); err != nil {
			t.Fatal(err)
		}
		switched := &journal.Decision{ServiceID: gemini.ID, Kind: journal.DecisionSwitched, Date: date(2026, 11, 21), SwitchedTo: &claude.ID}
		if err := db.CreateDecision(ctx, switched); err != nil {
			t.Fatal(err)
		}
		full := mustCounts(t, db)
		want := storage.Counts{Services: 2, Subscriptions: 1, PriceChanges: 1, Outages: 1, Tickets: 1, Messages: 1, Decisions: 2}
		if full != want {
			t.Fatalf("counts %+v, want %+v", full, want)
		}

		trashID, err := db.DeleteService(ctx, claude.ID)
		if err != nil {
			t.Fatal(err)
		}
		gone := storage.Counts{Services: 1, Decisions: 1, Trash: 1}
		if got := mustCounts(t, db); got != gone {
			t.Errorf("after deleting the service: %+v, want %+v", got, gone)
		}
		items, _ := db.Trash(ctx)
		if len(items) != 1 || items[0].Label != "Service: Claude" || items[0].Kind != "service" {
			t.Errorf("trash %+v, want one item for the service and its records", items)
		}
		for name, err := range map[string]error{
			"subscription": func() error { _, err := db.Subscription(ctx, sub.ID); return err }(),
			"outage":       func() error { _, err := db.Outage(ctx, outage.ID); return err }(),
			"ticket":       func() error { _, err := db.Ticket(ctx, tk.ID); return err }(),
		} {
			if journal.ErrorCode(err) != journal.ENOTFOUND {
				t.Errorf("%s of a trashed service: %v, want ENOTFOUND", name, err)
			}
		}
		g, _ := db.Service(ctx, gemini.ID)
		d, _ := db.Decision(ctx, switched.ID)
		if len(g.Alternatives) != 0 || d.SwitchedTo != nil {
			t.Errorf("links to a trashed service still show: alternatives %v, switched to %v", g.Alternatives, d.SwitchedTo)
		}
		// Saving the other service meanwhile must not lose the hidden links.
		if err := db.UpdateService(ctx, g); err != nil {
			t.Fatal(err)
		}
		if err := db.UpdateDecision(ctx, d); err != nil {
			t.Fatal(err)
		}
		assertCode(t, db.AddMessage(ctx, &journal.Message{TicketID: tk.ID, At: testNow, Direction: journal.Sent,
			Author: journal.AuthorMe, Summary: "To a trashed ticket"}), journal.ENOTFOUND)
		assertFieldError(t, db.CreateOutage(ctx, &journal.Outage{ServiceID: claude.ID, Start: testNow, Impact: journal.ImpactDown,
			Source: journal.SourceMe}), journal.ENOTFOUND, "service", journal.ReasonNotFound)
		outage.Title = "Edited in the trash"
		assertCode(t, db.UpdateOutage(ctx, outage), journal.ENOTFOUND)

		if err := db.Restore(ctx, trashID); err != nil {
			t.Fatal(err)
		}
		if got := mustCounts(t, db); got != full {
			t.Errorf("after restore: %+v, want %+v", got, full)
		}
		g, _ = db.Service(ctx, gemini.ID)
		d, _ = db.Decision(ctx, switched.ID)
		restored, _ := db.Ticket(ctx, tk.ID)
		if !reflect.DeepEqual(g.Alternatives, []int64{claude.ID}) || d.SwitchedTo == nil || *d.SwitchedTo != claude.ID ||
			restored.OutageID == nil || *restored.OutageID != outage.ID {
			t.Errorf("links not back: alternatives %v, switched to %v, ticket outage %v", g.Alternatives, d.SwitchedTo, restored.OutageID)
		}

		if _, err := db.DeleteService(ctx, claude.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.EmptyTrash(ctx); err != nil {
			t.Fatal(err)
		}
		if got := mustCounts(t, db); got != (storage.Counts{Services: 1, Decisions: 1}) {
			t.Errorf("after emptying the trash: %+v", got)
		}
		// Deleted for real, not just hidden.
		for table, want := range map[string]int{"services": 1, "subscriptions": 0, "price_changes": 0, "outages": 0,
			"outage_platforms": 0, "outage_steps": 0, "tickets": 0, "messages": 0, "decisions": 1, "service_alternatives": 0, "trash": 0} {
			if n := rawCount(t, db.Path(), table); n != want {
				t.Errorf("%s holds %d rows after emptying the trash, want %d", table, n, want)
			}
		}
		g, _ = db.Service(ctx, gemini.ID)
		d, _ = db.Decision(ctx, switched.ID)
		if len(g.Alternatives) != 0 || d.SwitchedTo != nil {
			t.Errorf("links to a deleted service remain: %v, %v", g.Alternatives, d.SwitchedTo)
		}
	})

	t.Run("ErrRestoreServiceWhoseNameIsTaken", func(t *testing.T) {
		db := MustOpenDB(t)
		old := MustCreateService(t, db, "Claude")
		trashID, err := db.DeleteService(ctx, old.ID)
		if err != nil {
			t.Fatal(err)
		}
		MustCreateService(t, db, "claude")
		err = db.Restore(ctx, trashID)
		assertFieldError(t, err, journal.ECONFLICT, "name", journal.ReasonDuplicate)
		if !strings.Contains(err.Error(), `cannot restore service "Claude": another service is now named "claude"`) {
			t.Errorf("message %q", err)
		}
		if items, _ := db.Trash(ctx); len(items) != 1 {
			t.Errorf("a refused restore changed the trash: %+v", items)
		}
	})

	t.Run("ErrRestoreUnderATrashedService", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Claude")
		o := MustCreateOutage(t, db, svc.ID, "Login loop", testNow, time.Hour)
		outageTrash, err := db.DeleteOutage(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		serviceTrash, err := db.DeleteService(ctx, svc.ID)
		if err != nil {
			t.Fatal(err)
		}
		err = db.Restore(ctx, outageTrash)
		assertCode(t, err, journal.ECONFLICT)
		if !strings.Contains(err.Error(), `its service "Claude" is in the trash`) {
			t.Errorf("message %q", err)
		}
		// Restoring the service leaves the outage deleted before it in the trash.
		if err := db.Restore(ctx, serviceTrash); err != nil {
			t.Fatal(err)
		}
		_, err = db.Outage(ctx, o.ID)
		assertCode(t, err, journal.ENOTFOUND)
		if err := db.Restore(ctx, outageTrash); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrRestoreOfficialOutageImportedAgain", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Claude")
		incident := func() *journal.Outage {
			return &journal.Outage{ServiceID: svc.ID, Title: "Elevated errors", Start: testNow, Impact: journal.ImpactDegraded,
				Source: journal.SourceOfficial, ExternalID: "inc-42"}
		}
		first := incident()
		if err := db.UpsertOfficialOutage(ctx, first); err != nil {
			t.Fatal(err)
		}
		trashID, err := db.DeleteOutage(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.UpsertOfficialOutage(ctx, incident()); err != nil {
			t.Fatal(err)
		}
		assertFieldError(t, db.Restore(ctx, trashID), journal.ECONFLICT, "external_id", journal.ReasonDuplicate)
	})

	t.Run("NewestFirst", func(t *testing.T) {
		db, c := MustOpenDBClock(t)
		var want []int64
		for _, name := range []string{"A", "B", "C"} {
			s := MustCreateService(t, db, name)
			c.Add(time.Minute)
			id, err := db.DeleteService(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			want = append([]int64{id}, want...)
		}
		items, err := db.Trash(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, it := range items {
			got = append(got, it.ID)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("trash order %v, want %v", got, want)
		}
	})
}

// rawCount counts every row of a table, trashed or not, through a separate
// read-only connection.
func rawCount(t *testing.T, path, table string) int {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func mustCounts(t *testing.T, db *storage.DB) storage.Counts {
	t.Helper()
	c, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
