package review_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/verdict"
	"lapse/app/words"
	"lapse/storage"
)

func TestJudgementMoment(t *testing.T) {
	now := time.Date(2026, 12, 1, 5, 0, 0, 0, time.UTC)
	july := figures.Interval{Start: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		name   string
		period figures.Interval
		want   time.Time
	}{
		{"a past period: its end", july, july.End},
		{"a period ending now: now", figures.Interval{Start: july.Start, End: now}, now},
		{"a period running on: now", figures.Interval{Start: july.Start, End: now.Add(time.Hour)}, now},
		{"no end: now", figures.Interval{Start: july.Start}, now},
	}
	for _, tc := range tests {
		if got := review.JudgementMoment(tc.period, now); !got.Equal(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Judging reads the service's decisions from the journal: the plan
// cancelled on 30 Jul 2024 is still to cancel that morning, and from
// 1 Aug the verdict says what happened.
func TestJudgeReadsDecisions(t *testing.T) {
	ctx := context.Background()
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, tokyo)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "j.db"), storage.Options{Now: func() time.Time { return at("2024-08-01 00:00") }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	settings := journal.DefaultSettings()
	settings.HomeCurrency, settings.TimeZone = "JPY", "Asia/Tokyo"
	settings.Rates = []journal.Rate{{Currency: "USD", Rate: "155"}}
	if err := db.SaveSettings(ctx, settings); err != nil {
		t.Fatal(err)
	}
	parley, claude := &journal.Service{Name: "Parley AI"}, &journal.Service{Name: "Claude"}
	for _, s := range []*journal.Service{claude, parley} {
		if err := db.CreateService(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	end := at("2024-07-18 09:00")
	plan := &journal.Subscription{ServiceID: parley.ID, Plan: "Plus", Amount: 2000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: journal.Date{Year: 2024, Month: 5, Day: 10}}
	steps := []error{
		db.CreateOutage(ctx, &journal.Outage{ServiceID: parley.ID, Title: "Web login", Start: at("2024-07-04 09:00"), End: &end,
			Impact: journal.ImpactDown, Source: journal.SourceMe}),
		db.CreateSubscription(ctx, plan),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	cancelled := *plan
	cancelled.End = journal.Date{Year: 2024, Month: 8, Day: 10}
	if err := db.CancelSubscription(ctx, &cancelled, &journal.Decision{ServiceID: parley.ID, Kind: journal.DecisionCancelled,
		Date: journal.Date{Year: 2024, Month: 7, Day: 30}}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateDecision(ctx, &journal.Decision{ServiceID: parley.ID, Kind: journal.DecisionSwitched,
		Date: journal.Date{Year: 2024, Month: 7, Day: 30}, SwitchedTo: &claude.ID}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		asOf string
		kind verdict.Kind
		text string
	}{
		{"2024-07-30 12:00", verdict.CancelBefore, "cancel before 10 Aug 2024"},
		{"2024-08-01 00:00", verdict.Ended, "Cancelled 30 Jul 2024, switched to Claude"},
	} {
		r, err := review.Build(ctx, db, review.Options{ServiceIDs: []int64{parley.ID}, AsOf: at(tc.asOf)})
		if err != nil {
			t.Fatal(err)
		}
		jd, err := r.Judge(ctx, db, &r.Services[0])
		if err != nil {
			t.Fatal(err)
		}
		if jd.Verdict.Kind != tc.kind || jd.Verdict.Text(words.EN) != tc.text {
			t.Errorf("as of %s: %s %q, want %s %q", tc.asOf, jd.Verdict.Kind, jd.Verdict.Text(words.EN), tc.kind, tc.text)
		}
	}
}
