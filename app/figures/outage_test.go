package figures_test

import (
	"math"
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
)

func TestUnusableAndImpairedTime(t *testing.T) {
	utc := time.UTC
	ny := mustLoc(t, "America/New_York")
	berlin := mustLoc(t, "Europe/Berlin")
	month := func(loc *time.Location, y int, m time.Month) figures.Interval {
		return figures.Month{Year: y, Month: m}.Window(loc)
	}
	down, degraded, partial := journal.ImpactDown, journal.ImpactDegraded, journal.ImpactPartial
	later := at(t, utc, "2030-01-01 00:00")
	tests := []struct {
		name          string
		outages       []journal.Outage
		window        figures.Interval
		asOf          time.Time
		unusable      time.Duration
		impaired      time.Duration
		unusableCount int // intervals UnusableIntervals returns
	}{
		{
			// Jan 31 20:00 – Feb 1 06:00: 4 h fall in January.
			name:     "across a month boundary, January part",
			outages:  []journal.Outage{outage(down, at(t, utc, "2026-01-31 20:00"), ptr(at(t, utc, "2026-02-01 06:00")))},
			window:   month(utc, 2026, time.January),
			asOf:     later,
			unusable: 4 * time.Hour, impaired: 4 * time.Hour, unusableCount: 1,
		},
		{
			// ... and 6 h in February.
			name:     "across a month boundary, February part",
			outages:  []journal.Outage{outage(down, at(t, utc, "2026-01-31 20:00"), ptr(at(t, utc, "2026-02-01 06:00")))},
			window:   month(utc, 2026, time.February),
			asOf:     later,
			unusable: 6 * time.Hour, impaired: 6 * time.Hour, unusableCount: 1,
		},
		{
			// Local midnight to midnight on Mar 8 in New York is 23 real hours.
			name:     "whole DST spring day in New York",
			outages:  []journal.Outage{outage(down, at(t, ny, "2026-03-08 00:00"), ptr(at(t, ny, "2026-03-09 00:00")))},
			window:   month(ny, 2026, time.March),
			asOf:     later,
			unusable: 23 * time.Hour, impaired: 23 * time.Hour, unusableCount: 1,
		},
		{
			// Nov 1 in New York repeats 01:00–02:00: 25 real hours.
			name:     "whole DST autumn day in New York",
			outages:  []journal.Outage{outage(down, at(t, ny, "2026-11-01 00:00"), ptr(at(t, ny, "2026-11-02 00:00")))},
			window:   month(ny, 2026, time.November),
			asOf:     later,
			unusable: 25 * time.Hour, impaired: 25 * time.Hour, unusableCount: 1,
		},
		{
			// Berlin Oct 25 01:00 – 04:00 local spans the repeated hour: 4 real hours.
			name:     "over the Berlin fall-back hour",
			outages:  []journal.Outage{outage(down, at(t, berlin, "2026-10-25 01:00"), ptr(at(t, berlin, "2026-10-25 04:00")))},
			window:   month(berlin, 2026, time.October),
			asOf:     later,
			unusable: 4 * time.Hour, impaired: 4 * time.Hour, unusableCount: 1,
		},
		{
			// Berlin Mar 29 01:00 – 04:00 local skips 02:00–03:00: 2 real hours.
			name:     "over the Berlin spring-forward hour",
			outages:  []journal.Outage{outage(down, at(t, berlin, "2026-03-29 01:00"), ptr(at(t, berlin, "2026-03-29 04:00")))},
			window:   month(berlin, 2026, time.March),
			asOf:     later,
			unusable: 2 * time.Hour, impaired: 2 * time.Hour, unusableCount: 1,
		},
		{
			// 10:00–14:00 ∪ 12:00–16:00 = 6 h, plus 11:00–12:00 inside it.
			name: "overlapping outages count once",
			outages: []journal.Outage{
				outage(down, at(t, utc, "2026-03-02 10:00"), ptr(at(t, utc, "2026-03-02 14:00"))),
				outage(down, at(t, utc, "2026-03-02 12:00"), ptr(at(t, utc, "2026-03-02 16:00"))),
				outage(down, at(t, utc, "2026-03-02 11:00"), ptr(at(t, utc, "2026-03-02 12:00"))),
			},
			window:   month(utc, 2026, time.March),
			asOf:     later,
			unusable: 6 * time.Hour, impaired: 6 * time.Hour, unusableCount: 1,
		},
		{
			// degraded 3 h and partial 2 h: usable, so 0 unusable; 5 h impaired.
			name: "degraded and partial are impaired, not unusable",
			outages: []journal.Outage{
				outage(degraded, at(t, utc, "2026-03-02 10:00"), ptr(at(t, utc, "2026-03-02 13:00"))),
				outage(partial, at(t, utc, "2026-03-03 10:00"), ptr(at(t, utc, "2026-03-03 12:00"))),
			},
			window:   month(utc, 2026, time.March),
			asOf:     later,
			unusable: 0, impaired: 5 * time.Hour,
		},
		{
			// down 10–12 within degraded 9–14: 2 h unusable, 5 h impaired once.
			name: "down inside degraded",
			outages: []journal.Outage{
				outage(degraded, at(t, utc, "2026-03-02 09:00"), ptr(at(t, utc, "2026-03-02 14:00"))),
				outage(down, at(t, utc, "2026-03-02 10:00"), ptr(at(t, utc, "2026-03-02 12:00"))),
			},
			window:   month(utc, 2026, time.March),
			asOf:     later,
			unusable: 2 * time.Hour, impaired: 5 * time.Hour, unusableCount: 1,
		},
		{
			// Ongoing since Mar 10 00:00, as of Mar 15 12:00: 5 d 12 h = 132 h.
			name:     "ongoing outage counts to as-of",
			outages:  []journal.Outage{outage(down, at(t, utc, "2026-03-10 00:00"), nil)},
			window:   month(utc, 2026, time.March),
			asOf:     at(t, utc, "2026-03-15 12:00"),
			unusable: 132 * time.Hour, impaired: 132 * time.Hour, unusableCount: 1,
		},
		{
			// Nothing after as-of: April is still to come.
			name:     "ongoing outage adds nothing after as-of",
			outages:  []journal.Outage{outage(down, at(t, utc, "2026-03-10 00:00"), nil)},
			window:   month(utc, 2026, time.April),
			asOf:     at(t, utc, "2026-03-15 12:00"),
			unusable: 0, impaired: 0,
		},
		{
			// Ended Mar 20 but the report is as of Mar 15 12:00: 132 h known then.
			name:     "outage ending after as-of is cut at as-of",
			outages:  []journal.Outage{outage(down, at(t, utc, "2026-03-10 00:00"), ptr(at(t, utc, "2026-03-20 00:00")))},
			window:   month(utc, 2026, time.March),
			asOf:     at(t, utc, "2026-03-15 12:00"),
			unusable: 132 * time.Hour, impaired: 132 * time.Hour, unusableCount: 1,
		},
		{
			name:     "outage starting after as-of is unknown",
			outages:  []journal.Outage{outage(down, at(t, utc, "2026-03-16 00:00"), ptr(at(t, utc, "2026-03-17 00:00")))},
			window:   month(utc, 2026, time.March),
			asOf:     at(t, utc, "2026-03-15 12:00"),
			unusable: 0, impaired: 0,
		},
		{
			// Two separate down outages in the window: 1 h + 30 min, two intervals.
			name: "separate outages add up",
			outages: []journal.Outage{
				outage(down, at(t, utc, "2026-03-02 10:00"), ptr(at(t, utc, "2026-03-02 11:00"))),
				outage(down, at(t, utc, "2026-03-05 10:00"), ptr(at(t, utc, "2026-03-05 10:30"))),
			},
			window:   month(utc, 2026, time.March),
			asOf:     later,
			unusable: 90 * time.Minute, impaired: 90 * time.Minute, unusableCount: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := figures.UnusableTime(tc.outages, tc.window, tc.asOf); got != tc.unusable {
				t.Errorf("UnusableTime = %v, want %v", got, tc.unusable)
			}
			if got := figures.ImpairedTime(tc.outages, tc.window, tc.asOf); got != tc.impaired {
				t.Errorf("ImpairedTime = %v, want %v", got, tc.impaired)
			}
			ivs := figures.UnusableIntervals(tc.outages, tc.window, tc.asOf)
			if len(ivs) != tc.unusableCount || figures.Total(ivs) != tc.unusable {
				t.Errorf("UnusableIntervals = %v (total %v), want %d intervals totalling %v", ivs, figures.Total(ivs), tc.unusableCount, tc.unusable)
			}
		})
	}
}

func TestMonthAvailability(t *testing.T) {
	utc := time.UTC
	ny := mustLoc(t, "America/New_York")
	berlin := mustLoc(t, "Europe/Berlin")
	later := at(t, utc, "2030-01-01 00:00")
	down := journal.ImpactDown
	tests := []struct {
		name        string
		outages     []journal.Outage
		month       figures.Month
		loc         *time.Location
		asOf        time.Time
		ok          bool
		want        figures.Availability
		permille    int
		basisPoints int
	}{
		{
			// 1 − 445 min / 44640 min = 0.990031…: 990 ‰, 9900 bp.
			name:    "past month with 7 h 25 min down",
			outages: []journal.Outage{outage(down, at(t, utc, "2026-03-02 10:00"), ptr(at(t, utc, "2026-03-02 17:25")))},
			month:   figures.Month{Year: 2026, Month: time.March}, loc: utc, asOf: later,
			ok: true, want: figures.Availability{Unusable: 445 * time.Minute, Length: 744 * time.Hour},
			permille: 990, basisPoints: 9900,
		},
		{
			// New York March is 743 h; a whole 23 h day down: 720/743 = 0.96904…
			name:    "New York DST March",
			outages: []journal.Outage{outage(down, at(t, ny, "2026-03-08 00:00"), ptr(at(t, ny, "2026-03-09 00:00")))},
			month:   figures.Month{Year: 2026, Month: time.March}, loc: ny, asOf: later,
			ok: true, want: figures.Availability{Unusable: 23 * time.Hour, Length: 743 * time.Hour},
			permille: 969, basisPoints: 9690,
		},
		{
			// Berlin October is 745 h; no outage: exactly 1.
			name:  "Berlin DST October, no outage",
			month: figures.Month{Year: 2026, Month: time.October}, loc: berlin, asOf: later,
			ok: true, want: figures.Availability{Unusable: 0, Length: 745 * time.Hour},
			permille: 1000, basisPoints: 10000,
		},
		{
			// As of Mar 15 12:00 the month so far is 348 h, 132 of them down:
			// 216/348 = 0.62068…
			name:    "current month runs to as-of",
			outages: []journal.Outage{outage(down, at(t, utc, "2026-03-10 00:00"), nil)},
			month:   figures.Month{Year: 2026, Month: time.March}, loc: utc, asOf: at(t, utc, "2026-03-15 12:00"),
			ok: true, want: figures.Availability{Unusable: 132 * time.Hour, Length: 348 * time.Hour},
			permille: 620, basisPoints: 6206,
		},
		{
			// 1 − 1 s / 744 h is 0.99999962…: still below 1000 ‰, floored.
			name:    "one second down is not 100 %",
			outages: []journal.Outage{outage(down, at(t, utc, "2026-03-02 10:00"), ptr(at(t, utc, "2026-03-02 10:00").Add(time.Second)))},
			month:   figures.Month{Year: 2026, Month: time.March}, loc: utc, asOf: later,
			ok: true, want: figures.Availability{Unusable: time.Second, Length: 744 * time.Hour},
			permille: 999, basisPoints: 9999,
		},
		{
			name:  "month after as-of has none",
			month: figures.Month{Year: 2026, Month: time.April}, loc: utc, asOf: at(t, utc, "2026-03-15 12:00"),
			ok: false,
		},
		{
			name:  "month starting at as-of has none yet",
			month: figures.Month{Year: 2026, Month: time.April}, loc: utc, asOf: at(t, utc, "2026-04-01 00:00"),
			ok: false,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := figures.MonthAvailability(tc.outages, tc.month, tc.loc, tc.asOf)
			if ok != tc.ok || got != tc.want {
				t.Fatalf("MonthAvailability = %+v, %v; want %+v, %v", got, ok, tc.want, tc.ok)
			}
			if !ok {
				return
			}
			if p := got.Permille(); p != tc.permille {
				t.Errorf("Permille = %d, want %d", p, tc.permille)
			}
			if bp := got.BasisPoints(); bp != tc.basisPoints {
				t.Errorf("BasisPoints = %d, want %d", bp, tc.basisPoints)
			}
			wantRatio := 1 - tc.want.Unusable.Seconds()/tc.want.Length.Seconds()
			if r := got.Ratio(); math.Abs(r-wantRatio) > 1e-12 {
				t.Errorf("Ratio = %v, want %v", r, wantRatio)
			}
		})
	}
}

func TestWindowAvailabilityOverAYear(t *testing.T) {
	// 365 days × 10000 overflows int64 nanoseconds; 1 h down in 8760 h is 9998 bp (0.999885…).
	utc := time.UTC
	w := figures.Interval{Start: at(t, utc, "2026-01-01 00:00"), End: at(t, utc, "2027-01-01 00:00")}
	os := []journal.Outage{outage(journal.ImpactDown, at(t, utc, "2026-06-01 00:00"), ptr(at(t, utc, "2026-06-01 01:00")))}
	a, ok := figures.WindowAvailability(os, w, at(t, utc, "2030-01-01 00:00"))
	if !ok || a.BasisPoints() != 9998 || a.Permille() != 999 {
		t.Errorf("availability = %+v (%d bp, %d ‰), want 9998 bp, 999 ‰", a, a.BasisPoints(), a.Permille())
	}
}
