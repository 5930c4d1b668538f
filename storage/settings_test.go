package storage_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"lapse/app/journal"
	"lapse/storage"
)

func TestSettings(t *testing.T) {
	ctx := context.Background()
	t.Run("DefaultsWhenNeverSaved", func(t *testing.T) {
		db := MustOpenDB(t)
		got, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, journal.DefaultSettings()) {
			t.Errorf("got %+v, want the defaults", got)
		}
	})

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		s := journal.Settings{
			HomeCurrency: "JPY",
			Rates: []journal.Rate{
				{Currency: "USD", Rate: "151.20", AsOf: date(2026, 11, 1)},
				{Currency: "EUR", Rate: "163.5"},
			},
			TimeZone:     "Asia/Tokyo",
			Language:     "ja",
			ReminderDays: 5,
			Thresholds: journal.Thresholds{WindowDays: 60, WatchUnusableHours: 2, SwitchUnusableHours: 12,
				CancelUnusableHours: 48, MinAvailabilityPermille: 995, BadMonthsToSwitch: 3, PaidUnusablePercent: 5,
				SilenceDays: 2, WaitingTicketDays: 4},
			MyAddresses: []string{"me@example.com", "私@example.jp"},
			KeepInTray:  true,
		}
		if err := db.SaveSettings(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s.Rates = []journal.Rate{s.Rates[1], s.Rates[0]} // read back by currency
		if !reflect.DeepEqual(got, s) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, s)
		}
		s.Rates = nil
		if err := db.SaveSettings(ctx, s); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Settings(ctx); got.Rates != nil {
			t.Errorf("rates not replaced: %+v", got.Rates)
		}
	})

	t.Run("MissingThresholdsTakeTheirDefault", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "journal.db")
		c := &clock{t: testNow}
		db, err := storage.Open(ctx, path, storage.Options{Now: c.Now})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		// As a journal saved before a threshold existed would hold it.
		rawExec(t, path, `INSERT INTO settings (key, value) VALUES ('thresholds', '{"WindowDays": 60}'), ('language', '"ja"')`)
		got, err := MustOpenPath(t, path, c).Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := journal.DefaultSettings()
		want.Language = "ja"
		want.Thresholds.WindowDays = 60
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		tests := []struct {
			name   string
			edit   func(s *journal.Settings)
			field  string
			reason journal.Reason
		}{
			{"unknown home currency", func(s *journal.Settings) { s.HomeCurrency = "ABC" }, "home_currency", journal.ReasonUnknownCurrency},
			{"unknown time zone", func(s *journal.Settings) { s.TimeZone = "Mars/Olympus" }, "time_zone", journal.ReasonInvalidTimeZone},
			{"zero rate", func(s *journal.Settings) { s.Rates = []journal.Rate{{Currency: "USD", Rate: "0"}} }, "rate", journal.ReasonNotPositive},
			{"two rates for one currency", func(s *journal.Settings) {
				s.Rates = []journal.Rate{{Currency: "USD", Rate: "150"}, {Currency: "USD", Rate: "151"}}
			}, "currency", journal.ReasonDuplicate},
			{"zero window", func(s *journal.Settings) { s.Thresholds.WindowDays = 0 }, "window_days", journal.ReasonNotPositive},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := journal.DefaultSettings()
				tt.edit(&s)
				assertFieldError(t, db.SaveSettings(ctx, s), journal.EINVALID, tt.field, tt.reason)
			})
		}
		got, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, journal.DefaultSettings()) {
			t.Errorf("refused settings were saved: %+v", got)
		}
	})
}
