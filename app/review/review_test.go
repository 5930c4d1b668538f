package review_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/review"
	"lapse/storage"
)

var asOf = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func TestLivedAndOfficialDowntimeApart(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "j.db"), storage.Options{Now: func() time.Time { return asOf }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := &journal.Service{Name: "Parley AI"}
	if err := db.CreateService(ctx, svc); err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time { v, _ := time.Parse("2006-01-02 15:04", s); return v }
	end := func(s string) *time.Time { v := at(s); return &v }
	for _, o := range []journal.Outage{
		// Lived: 10:00–14:00. Official: 12:00–13:00 the same day, and one the user never noticed.
		{ServiceID: svc.ID, Start: at("2026-11-10 10:00"), End: end("2026-11-10 14:00"), Impact: journal.ImpactDown, Source: journal.SourceMe},
		{ServiceID: svc.ID, Start: at("2026-11-10 12:00"), End: end("2026-11-10 13:00"), Impact: journal.ImpactDown, Source: journal.SourceOfficial, ExternalID: "a"},
		{ServiceID: svc.ID, Start: at("2026-11-12 00:00"), End: end("2026-11-12 00:30"), Impact: journal.ImpactDown, Source: journal.SourceOfficial, ExternalID: "b"},
	} {
		o := o
		if err := db.CreateOutage(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	r, err := review.Build(ctx, db, review.Options{AsOf: asOf, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	s := r.Services[0]
	if s.Summary.Unusable != 4*time.Hour {
		t.Errorf("lived unusable = %v, want 4h (official incidents are not counted)", s.Summary.Unusable)
	}
	if s.OfficialUnusable != 90*time.Minute {
		t.Errorf("official unusable = %v, want 1h30m", s.OfficialUnusable)
	}
	if got := r.Document().Services[0].OfficialUnusableSeconds; got != 5400 {
		t.Errorf("JSON official_unusable_seconds = %d, want 5400", got)
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		unusable, length int64
		want             string
	}{
		{0, 100, "100.00%"},
		{1, 2678400, "99.99%"}, // one second down in October truncates, never rounds up to 100%
		{259200, 2678400, "90.32%"},
		{100, 100, "0.00%"},
		{0, 0, "—"},
	}
	for _, tc := range tests {
		if got := review.Percent(tc.unusable, tc.length); got != tc.want {
			t.Errorf("Percent(%d, %d) = %q, want %q", tc.unusable, tc.length, got, tc.want)
		}
	}
}

func TestAvailabilityTextIsExact(t *testing.T) {
	month := 31 * 24 * time.Hour
	tests := []struct {
		a    *figures.Availability
		want string
	}{
		{nil, "—"},
		{&figures.Availability{Unusable: 500 * time.Millisecond, Length: month}, "99.99%"}, // not 100.00%: something was down
		{&figures.Availability{Unusable: 0, Length: month}, "100.00%"},
		{&figures.Availability{Unusable: 72 * time.Hour, Length: month}, "90.32%"},
		{&figures.Availability{Unusable: 8 * 24 * time.Hour, Length: 365 * 24 * time.Hour}, "97.80%"}, // a year: no overflow
	}
	for _, tc := range tests {
		if got := review.AvailabilityText(tc.a); got != tc.want {
			t.Errorf("AvailabilityText(%+v) = %q, want %q", tc.a, got, tc.want)
		}
	}
}
