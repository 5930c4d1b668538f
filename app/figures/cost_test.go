package figures_test

import (
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
)

func TestAccruedCost(t *testing.T) {
	tokyo := mustLoc(t, "Asia/Tokyo")
	berlin := mustLoc(t, "Europe/Berlin")
	later := at(t, time.UTC, "2030-01-01 00:00")
	cancelled := monthly(t, "2026-01-01", 2800, "USD")
	cancelled.End = date(t, "2026-02-10")
	tests := []struct {
		name    string
		subs    []journal.Subscription
		window  figures.Interval
		loc     *time.Location
		asOf    time.Time
		want    map[string]string
		rounded int64 // in the plan's own currency
	}{
		{
			// The Jan 1 charge pays for Jan 1 – Feb 1 exactly: 3000.
			name:   "3000 JPY monthly over its 31-day month",
			subs:   []journal.Subscription{monthly(t, "2026-01-01", 3000, "JPY")},
			window: figures.Month{Year: 2026, Month: time.January}.Window(tokyo), loc: tokyo, asOf: later,
			want: map[string]string{"JPY": "3000"}, rounded: 3000,
		},
		{
			// 3000 × 15/31 = 45000/31 = 1451.61… → 1452.
			name:   "3000 JPY over 15 of its 31 days",
			subs:   []journal.Subscription{monthly(t, "2026-01-01", 3000, "JPY")},
			window: figures.Interval{Start: at(t, tokyo, "2026-01-01 00:00"), End: at(t, tokyo, "2026-01-16 00:00")}, loc: tokyo, asOf: later,
			want: map[string]string{"JPY": "45000/31"}, rounded: 1452,
		},
		{
			// Dec 15 charge: Jan 1–15 = 14/31; Jan 15 charge: Jan 15–Feb 1 = 17/31: 3000 × 31/31.
			name:   "two periods meeting mid-month",
			subs:   []journal.Subscription{monthly(t, "2025-12-15", 3000, "JPY")},
			window: figures.Month{Year: 2026, Month: time.January}.Window(tokyo), loc: tokyo, asOf: later,
			want: map[string]string{"JPY": "3000"}, rounded: 3000,
		},
		{
			// Jan 15 charge: Feb 1–15 = 14/31 → 42000/31; Feb 15 charge: 14/28 → 1500.
			// 42000/31 + 1500 = 88500/31 = 2854.83… → 2855.
			name:   "February of a mid-month plan",
			subs:   []journal.Subscription{monthly(t, "2025-12-15", 3000, "JPY")},
			window: figures.Month{Year: 2026, Month: time.February}.Window(tokyo), loc: tokyo, asOf: later,
			want: map[string]string{"JPY": "88500/31"}, rounded: 2855,
		},
		{
			// March in Berlin is 743 h; Mar 29 is a 23 h day: 7430 × 23/743 = 230.
			name:   "DST day accrues 23 hours' worth",
			subs:   []journal.Subscription{monthly(t, "2026-03-01", 7430, "EUR")},
			window: figures.Interval{Start: at(t, berlin, "2026-03-29 00:00"), End: at(t, berlin, "2026-03-30 00:00")}, loc: berlin, asOf: later,
			want: map[string]string{"EUR": "230"}, rounded: 230,
		},
		{
			// A normal day of the same month: 7430 × 24/743 = 240.
			name:   "normal day of a DST month",
			subs:   []journal.Subscription{monthly(t, "2026-03-01", 7430, "EUR")},
			window: figures.Interval{Start: at(t, berlin, "2026-03-30 00:00"), End: at(t, berlin, "2026-03-31 00:00")}, loc: berlin, asOf: later,
			want: map[string]string{"EUR": "240"}, rounded: 240,
		},
		{
			// As of Mar 16 00:00 only 15 of March's 31 days have passed: 3100 × 15/31 = 1500.
			name:   "current month accrues to as-of",
			subs:   []journal.Subscription{monthly(t, "2026-03-01", 3100, "JPY")},
			window: figures.Month{Year: 2026, Month: time.March}.Window(tokyo), loc: tokyo, asOf: at(t, tokyo, "2026-03-16 00:00"),
			want: map[string]string{"JPY": "1500"}, rounded: 1500,
		},
		{
			// Cancelled Feb 10: the Feb 1 charge still pays for all of February; no March charge.
			name:   "cancelled plan's last period accrues in full",
			subs:   []journal.Subscription{cancelled},
			window: figures.Interval{Start: at(t, time.UTC, "2026-02-01 00:00"), End: at(t, time.UTC, "2026-04-01 00:00")}, loc: time.UTC, asOf: later,
			want: map[string]string{"USD": "2800"}, rounded: 2800,
		},
		{
			// Each currency stays apart: 3000 JPY and 20.00 USD for January.
			name:   "two currencies",
			subs:   []journal.Subscription{monthly(t, "2026-01-01", 3000, "JPY"), monthly(t, "2026-01-01", 2000, "USD")},
			window: figures.Month{Year: 2026, Month: time.January}.Window(time.UTC), loc: time.UTC, asOf: later,
			want: map[string]string{"JPY": "3000", "USD": "2000"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := figures.AccruedCost(tc.subs, tc.window, tc.loc, tc.asOf)
			checkAmounts(t, got, tc.want)
			if tc.rounded == 0 {
				return
			}
			code := tc.subs[0].Currency
			if r, err := figures.RoundHalfEven(got[code]); err != nil || r != tc.rounded {
				t.Errorf("rounded = %d, %v; want %d", r, err, tc.rounded)
			}
		})
	}
}

func TestCashCost(t *testing.T) {
	tokyo := mustLoc(t, "Asia/Tokyo")
	later := at(t, time.UTC, "2030-01-01 00:00")
	tests := []struct {
		name   string
		subs   []journal.Subscription
		window figures.Interval
		loc    *time.Location
		asOf   time.Time
		want   map[string]string
	}{
		{
			// The Jan 31 plan charges on Feb 28 in February 2027: one charge.
			name:   "clamped charge falls in February",
			subs:   []journal.Subscription{monthly(t, "2027-01-31", 2000, "USD")},
			window: figures.Month{Year: 2027, Month: time.February}.Window(tokyo), loc: tokyo, asOf: later,
			want: map[string]string{"USD": "2000"},
		},
		{
			name:   "per currency",
			subs:   []journal.Subscription{monthly(t, "2026-01-05", 3000, "JPY"), monthly(t, "2026-01-20", 2000, "USD")},
			window: figures.Month{Year: 2026, Month: time.March}.Window(tokyo), loc: tokyo, asOf: later,
			want: map[string]string{"JPY": "3000", "USD": "2000"},
		},
		{
			// The Apr 1 charge belongs to April in Tokyo, not to March.
			name:   "charge on the 1st is not in the month before",
			subs:   []journal.Subscription{monthly(t, "2026-01-01", 3000, "JPY")},
			window: figures.Month{Year: 2026, Month: time.March}.Window(tokyo), loc: tokyo, asOf: later,
			want: map[string]string{"JPY": "3000"}, // the Mar 1 charge only
		},
		{
			// As of Mar 15 the Mar 20 charge is not paid yet.
			name:   "charge after as-of not counted",
			subs:   []journal.Subscription{monthly(t, "2026-01-20", 2000, "USD")},
			window: figures.Month{Year: 2026, Month: time.March}.Window(tokyo), loc: tokyo, asOf: at(t, tokyo, "2026-03-15 12:00"),
			want: map[string]string{},
		},
		{
			// As of Mar 20 09:00 the Mar 20 charge (local midnight) is paid.
			name:   "charge dated today counted",
			subs:   []journal.Subscription{monthly(t, "2026-01-20", 2000, "USD")},
			window: figures.Month{Year: 2026, Month: time.March}.Window(tokyo), loc: tokyo, asOf: at(t, tokyo, "2026-03-20 09:00"),
			want: map[string]string{"USD": "2000"},
		},
		{
			// Jan 1, Feb 1 and Mar 1 in the first quarter; price 1200 from Feb 15 applies from Mar 1.
			name: "a quarter with a price change",
			subs: []journal.Subscription{func() journal.Subscription {
				s := monthly(t, "2026-01-01", 1000, "USD")
				s.Prices = []journal.PriceChange{{Effective: date(t, "2026-02-15"), Amount: 1200}}
				return s
			}()},
			window: figures.Interval{Start: at(t, time.UTC, "2026-01-01 00:00"), End: at(t, time.UTC, "2026-04-01 00:00")}, loc: time.UTC, asOf: later,
			want: map[string]string{"USD": "3200"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkAmounts(t, figures.CashCost(tc.subs, tc.window, tc.loc, tc.asOf), tc.want)
		})
	}
}

func TestPaidWhileUnusable(t *testing.T) {
	utc := time.UTC
	later := at(t, utc, "2030-01-01 00:00")
	april := figures.Month{Year: 2026, Month: time.April}.Window(utc)
	down := journal.ImpactDown
	usd20 := []journal.Subscription{monthly(t, "2026-04-01", 2000, "USD")}
	tests := []struct {
		name    string
		subs    []journal.Subscription
		outages []journal.Outage
		window  figures.Interval
		asOf    time.Time
		want    map[string]string
		rounded int64 // USD cents, half to even
	}{
		{
			// 2000 × 3 d / 30 d = 200: 2.00 USD exactly.
			name:    "3 days of a 20.00 USD 30-day period",
			subs:    usd20,
			outages: []journal.Outage{outage(down, at(t, utc, "2026-04-10 00:00"), ptr(at(t, utc, "2026-04-13 00:00")))},
			window:  april, asOf: later,
			want: map[string]string{"USD": "200"}, rounded: 200,
		},
		{
			// 2000 × 54 min / 43200 min = 2.5 cents → 2 (even).
			name:    "2.5 cents rounds down to even",
			subs:    usd20,
			outages: []journal.Outage{outage(down, at(t, utc, "2026-04-10 00:00"), ptr(at(t, utc, "2026-04-10 00:54")))},
			window:  april, asOf: later,
			want: map[string]string{"USD": "5/2"}, rounded: 2,
		},
		{
			// 2000 × 162 min / 43200 min = 7.5 cents → 8 (even).
			name:    "7.5 cents rounds up to even",
			subs:    usd20,
			outages: []journal.Outage{outage(down, at(t, utc, "2026-04-10 00:00"), ptr(at(t, utc, "2026-04-10 02:42")))},
			window:  april, asOf: later,
			want: map[string]string{"USD": "15/2"}, rounded: 8,
		},
		{
			name:    "degraded time is not paid while unusable",
			subs:    usd20,
			outages: []journal.Outage{outage(journal.ImpactDegraded, at(t, utc, "2026-04-10 00:00"), ptr(at(t, utc, "2026-04-13 00:00")))},
			window:  april, asOf: later,
			want: map[string]string{},
		},
		{
			// Apr 30 in April's 30-day period (2000/30) + May 1 in May's 31-day period
			// at 31.00 USD (3100/31 = 100): 200/3 + 100 = 500/3 = 166.67 → 167.
			name: "across two billing periods",
			subs: []journal.Subscription{func() journal.Subscription {
				s := monthly(t, "2026-04-01", 2000, "USD")
				s.Prices = []journal.PriceChange{{Effective: date(t, "2026-05-01"), Amount: 3100}}
				return s
			}()},
			outages: []journal.Outage{outage(down, at(t, utc, "2026-04-30 00:00"), ptr(at(t, utc, "2026-05-02 00:00")))},
			window:  figures.Interval{Start: at(t, utc, "2026-04-01 00:00"), End: at(t, utc, "2026-06-01 00:00")}, asOf: later,
			want: map[string]string{"USD": "500/3"}, rounded: 167,
		},
		{
			// Overlapping outages (Apr 10–12 and Apr 11–13) count once: 3 days → 200.
			name: "overlaps are paid once",
			subs: usd20,
			outages: []journal.Outage{
				outage(down, at(t, utc, "2026-04-10 00:00"), ptr(at(t, utc, "2026-04-12 00:00"))),
				outage(down, at(t, utc, "2026-04-11 00:00"), ptr(at(t, utc, "2026-04-13 00:00"))),
			},
			window: april, asOf: later,
			want: map[string]string{"USD": "200"}, rounded: 200,
		},
		{
			// Ongoing since Apr 10, as of Apr 11 12:00: 1.5 days → 2000 × 1.5/30 = 100.
			name:    "ongoing outage paid to as-of",
			subs:    usd20,
			outages: []journal.Outage{outage(down, at(t, utc, "2026-04-10 00:00"), nil)},
			window:  april, asOf: at(t, utc, "2026-04-11 12:00"),
			want: map[string]string{"USD": "100"}, rounded: 100,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := figures.PaidWhileUnusable(tc.subs, tc.outages, tc.window, utc, tc.asOf)
			checkAmounts(t, got, tc.want)
			conv := figures.Converter{Home: "USD"}
			if r, err := conv.Convert(got); err != nil || r != tc.rounded {
				t.Errorf("Convert = %d, %v; want %d", r, err, tc.rounded)
			}
		})
	}
}
