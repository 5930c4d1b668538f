package figures_test

import (
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
)

// utcAt reads an RFC 3339 instant.
func utcAt(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Where clocks jump from 00:00 to 01:00 (PRODUCT.md: local midnight of such
// a day is its first instant), months and billing periods begin at 01:00.
func TestMonthWindowMidnightInAGap(t *testing.T) {
	tests := []struct {
		name       string
		zone       string
		month      figures.Month
		start, end string // RFC 3339, UTC
		want       time.Duration
	}{
		// Sep 1 00:00 -04 to Oct 1 01:00 -03 (the jump): 30 × 24 h.
		{"Asuncion September 2023", "America/Asuncion", figures.Month{Year: 2023, Month: time.September},
			"2023-09-01T04:00:00Z", "2023-10-01T04:00:00Z", 720 * time.Hour},
		// Oct 1 01:00 -03 to Nov 1 00:00 -03: 31 × 24 − 1 h.
		{"Asuncion October 2023", "America/Asuncion", figures.Month{Year: 2023, Month: time.October},
			"2023-10-01T04:00:00Z", "2023-11-01T03:00:00Z", 743 * time.Hour},
		// The jump is on Sep 3, inside the month: 30 × 24 − 1 h.
		{"Santiago September 2023", "America/Santiago", figures.Month{Year: 2023, Month: time.September},
			"2023-09-01T04:00:00Z", "2023-10-01T03:00:00Z", 719 * time.Hour},
		{"Havana March 2023", "America/Havana", figures.Month{Year: 2023, Month: time.March},
			"2023-03-01T05:00:00Z", "2023-04-01T04:00:00Z", 743 * time.Hour},
		{"Cairo April 2023", "Africa/Cairo", figures.Month{Year: 2023, Month: time.April},
			"2023-03-31T22:00:00Z", "2023-04-30T21:00:00Z", 719 * time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := tc.month.Window(mustLoc(t, tc.zone))
			if !w.Start.Equal(utcAt(t, tc.start)) || !w.End.Equal(utcAt(t, tc.end)) {
				t.Errorf("window = %s – %s, want %s – %s", w.Start.UTC().Format(time.RFC3339), w.End.UTC().Format(time.RFC3339), tc.start, tc.end)
			}
			if got := w.Len(); got != tc.want {
				t.Errorf("len = %v, want %v", got, tc.want)
			}
		})
	}
}

// An outage from 30 Sep 23:00 to 24:00 in Asuncion (24:00 being Oct 1 01:00,
// the first instant of October) is September's hour, not October's.
func TestOutageBeforeAMissingMidnight(t *testing.T) {
	asuncion := mustLoc(t, "America/Asuncion")
	later := utcAt(t, "2024-01-01T00:00:00Z")
	end := utcAt(t, "2023-10-01T04:00:00Z")
	outages := []journal.Outage{outage(journal.ImpactDown, at(t, asuncion, "2023-09-30 23:00"), &end)}
	sep, oct := figures.Month{Year: 2023, Month: time.September}, figures.Month{Year: 2023, Month: time.October}
	if got := figures.UnusableTime(outages, sep.Window(asuncion), later); got != time.Hour {
		t.Errorf("September unusable = %v, want 1h", got)
	}
	if got := figures.UnusableTime(outages, oct.Window(asuncion), later); got != 0 {
		t.Errorf("October unusable = %v, want 0", got)
	}
	a, ok := figures.MonthAvailability(outages, sep, asuncion, later)
	if !ok || a.Unusable != time.Hour || a.Length != 720*time.Hour {
		t.Errorf("September availability = %+v, %v; want 1h of 720h", a, ok)
	}
}

// Billing dates on a day whose midnight is missing: the period begins at the
// day's first instant, so the cash cut-off and the accrual follow it.
func TestBillingDateOnAMissingMidnight(t *testing.T) {
	later := utcAt(t, "2024-06-01T00:00:00Z")
	tests := []struct {
		name          string
		zone          string
		start, billed string // plan start; the billing date on the jump day
		begins        string // RFC 3339 first instant of the billing date
		period        time.Duration
	}{
		// Sep 3 01:00 -03 to Oct 3 00:00 -03: 30 × 24 − 1 h.
		{"Santiago", "America/Santiago", "2023-08-03", "2023-09-03", "2023-09-03T04:00:00Z", 719 * time.Hour},
		// Oct 1 01:00 -03 to Nov 1 00:00 -03.
		{"Asuncion", "America/Asuncion", "2023-09-01", "2023-10-01", "2023-10-01T04:00:00Z", 743 * time.Hour},
		// Mar 12 01:00 CDT to Apr 12 00:00 CDT.
		{"Havana", "America/Havana", "2023-02-12", "2023-03-12", "2023-03-12T05:00:00Z", 743 * time.Hour},
		// Apr 28 01:00 +03 to May 28 00:00 +03.
		{"Cairo", "Africa/Cairo", "2023-03-28", "2023-04-28", "2023-04-27T22:00:00Z", 719 * time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			loc := mustLoc(t, tc.zone)
			sub := monthly(t, tc.start, 7190, "USD")
			cs := figures.Charges(sub, date(t, tc.billed), date(t, tc.billed))
			if len(cs) != 1 {
				t.Fatalf("charges on %s = %v", tc.billed, render(cs))
			}
			begins := utcAt(t, tc.begins)
			p := cs[0].Period(loc)
			if !p.Start.Equal(begins) || p.Len() != tc.period {
				t.Errorf("period = %s for %v, want from %s for %v", p.Start.UTC().Format(time.RFC3339), p.Len(), tc.begins, tc.period)
			}
			// The previous period ends where this one begins: nothing is paid twice or not at all.
			prev := figures.Charges(sub, date(t, tc.start), date(t, tc.start))
			if len(prev) != 1 || !prev[0].Period(loc).End.Equal(begins) {
				t.Errorf("previous period = %+v, want it to end at %s", prev, tc.begins)
			}
			// Cash cut-off: the charge is dated in a window starting at the day's first instant,
			// not in the one ending there.
			subs := []journal.Subscription{sub}
			before := figures.Interval{Start: begins.Add(-24 * time.Hour), End: begins}
			after := figures.Interval{Start: begins, End: begins.Add(24 * time.Hour)}
			checkAmounts(t, figures.CashCost(subs, before, loc, later), map[string]string{})
			checkAmounts(t, figures.CashCost(subs, after, loc, later), map[string]string{"USD": "7190"})
			// The whole period accrues exactly one charge.
			checkAmounts(t, figures.AccruedCost(subs, p, loc, later), map[string]string{"USD": "7190"})
		})
	}
}
