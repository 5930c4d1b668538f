package storage_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func date(y int, m time.Month, d int) journal.Date { return journal.Date{Year: y, Month: m, Day: d} }

func TestSubscription(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db, c := MustOpenDBClock(t)
		svc := MustCreateService(t, db, "Claude")
		s := &journal.Subscription{
			ServiceID:    svc.ID,
			Plan:         "Pro",
			Amount:       2000,
			Currency:     "USD",
			Period:       journal.Period{N: 1, Unit: journal.Months},
			Start:        date(2025, 1, 31),
			End:          date(2026, 11, 20),
			TrialEnd:     date(2025, 2, 7),
			PaymentNote:  "Visa ending 4242",
			ReminderDays: 3,
			Prices: []journal.PriceChange{
				{Effective: date(2026, 6, 1), Amount: 2400},
				{Effective: date(2025, 9, 1), Amount: 2200},
			},
		}
		if err := db.CreateSubscription(ctx, s); err != nil {
			t.Fatal(err)
		}
		if s.ID == 0 || s.Prices[0].ID == 0 || !s.CreatedAt.Equal(testNow) || !s.UpdatedAt.Equal(testNow) {
			t.Fatalf("IDs and times not filled: %+v", s)
		}
		want := *s
		want.Prices = []journal.PriceChange{
			{ID: s.Prices[0].ID, Effective: date(2025, 9, 1), Amount: 2200},
			{ID: s.Prices[1].ID, Effective: date(2026, 6, 1), Amount: 2400},
		}
		if !reflect.DeepEqual(*s, want) {
			t.Errorf("prices not put in effective order: %+v", s.Prices)
		}
		got, err := db.Subscription(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("read back %+v, want %+v", *got, want)
		}

		c.Add(time.Hour)
		got.Prices = []journal.PriceChange{{Effective: date(2026, 1, 1), Amount: 1800}}
		got.End = journal.Date{}
		got.Currency = "JPY"
		if err := db.UpdateSubscription(ctx, got); err != nil {
			t.Fatal(err)
		}
		again, err := db.Subscription(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Prices) != 1 || again.Prices[0].Amount != 1800 || !again.End.IsZero() || again.Currency != "JPY" {
			t.Errorf("after update: %+v", again)
		}
		if !again.CreatedAt.Equal(testNow) || !again.UpdatedAt.Equal(testNow.Add(time.Hour)) {
			t.Errorf("created %v updated %v", again.CreatedAt, again.UpdatedAt)
		}
		counts, err := db.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts.Subscriptions != 1 || counts.PriceChanges != 1 {
			t.Errorf("counts %+v, want 1 subscription with 1 price change", counts)
		}
	})

	t.Run("ListByStart", func(t *testing.T) {
		db := MustOpenDB(t)
		claude := MustCreateService(t, db, "Claude")
		gemini := MustCreateService(t, db, "Gemini")
		for _, sub := range []struct {
			service int64
			start   journal.Date
		}{{claude.ID, date(2026, 3, 1)}, {gemini.ID, date(2025, 1, 1)}, {claude.ID, date(2024, 5, 1)}} {
			s := &journal.Subscription{ServiceID: sub.service, Amount: 100, Currency: "USD",
				Period: journal.Period{N: 1, Unit: journal.Years}, Start: sub.start}
			if err := db.CreateSubscription(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			name   string
			filter storage.SubscriptionFilter
			want   []journal.Date
		}{
			{"all", storage.SubscriptionFilter{}, []journal.Date{date(2024, 5, 1), date(2025, 1, 1), date(2026, 3, 1)}},
			{"one service", storage.SubscriptionFilter{ServiceID: &claude.ID}, []journal.Date{date(2024, 5, 1), date(2026, 3, 1)}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				list, err := db.Subscriptions(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				var starts []journal.Date
				for _, s := range list {
					starts = append(starts, s.Start)
				}
				if !reflect.DeepEqual(starts, tt.want) {
					t.Errorf("starts %v, want %v", starts, tt.want)
				}
			})
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Claude")
		valid := func() *journal.Subscription {
			return &journal.Subscription{ServiceID: svc.ID, Amount: 2000, Currency: "USD",
				Period: journal.Period{N: 1, Unit: journal.Months}, Start: date(2025, 1, 1)}
		}
		tests := []struct {
			name   string
			edit   func(s *journal.Subscription)
			code   journal.Code
			field  string
			reason journal.Reason
		}{
			{"negative price", func(s *journal.Subscription) { s.Amount = -1 }, journal.EINVALID, "price", journal.ReasonNegative},
			{"negative price change", func(s *journal.Subscription) {
				s.Prices = []journal.PriceChange{{Effective: date(2025, 6, 1), Amount: -5}}
			}, journal.EINVALID, "price", journal.ReasonNegative},
			{"unknown currency", func(s *journal.Subscription) { s.Currency = "ABC" }, journal.EINVALID, "currency", journal.ReasonUnknownCurrency},
			{"end before start", func(s *journal.Subscription) { s.End = date(2024, 12, 31) }, journal.EINVALID, "end", journal.ReasonEndBeforeStart},
			{"no period", func(s *journal.Subscription) { s.Period.N = 0 }, journal.EINVALID, "period", journal.ReasonNotPositive},
			{"service that does not exist", func(s *journal.Subscription) { s.ServiceID = 9999 }, journal.EINVALID, "service", journal.ReasonNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := valid()
				tt.edit(s)
				assertFieldError(t, db.CreateSubscription(ctx, s), tt.code, tt.field, tt.reason)
			})
		}
		t.Run("ErrNotFound", func(t *testing.T) {
			s := valid()
			s.ID = 9999
			assertCode(t, db.UpdateSubscription(ctx, s), journal.ENOTFOUND)
			_, err := db.Subscription(ctx, 9999)
			assertCode(t, err, journal.ENOTFOUND)
		})
	})
}
