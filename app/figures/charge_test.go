package figures_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
)

func monthly(t testing.TB, start string, amount int64, currency string) journal.Subscription {
	return journal.Subscription{
		ServiceID: 1, Amount: amount, Currency: currency,
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: date(t, start),
	}
}

// render writes charges as "date amount" lines for readable comparisons.
func render(cs []figures.Charge) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%s %d %s\n", c.Date, c.Amount, c.Currency)
	}
	return b.String()
}

func TestCharges(t *testing.T) {
	withPeriod := func(s journal.Subscription, n int, u journal.PeriodUnit) journal.Subscription {
		s.Period = journal.Period{N: n, Unit: u}
		return s
	}
	priced := monthly(t, "2026-01-01", 1000, "USD")
	priced.Prices = []journal.PriceChange{
		{Effective: date(t, "2026-04-01"), Amount: 1500},
		{Effective: date(t, "2026-02-15"), Amount: 1200},
	}
	endedFrom := func(start, end string) journal.Subscription {
		s := monthly(t, start, 1000, "USD")
		s.End = date(t, end)
		return s
	}
	ended := func(end string) journal.Subscription { return endedFrom("2026-01-01", end) }
	trial := func(end string) journal.Subscription {
		s := monthly(t, "2026-01-01", 1000, "USD")
		s.TrialEnd = date(t, end)
		return s
	}
	tests := []struct {
		name     string
		sub      journal.Subscription
		from, to string
		want     []string // "date amount"
	}{
		{
			// Clamped from the start each time: Feb 28 2027, Feb 29 2028, back to the 31st after.
			name: "Jan 31 monthly over a year and a leap February",
			sub:  monthly(t, "2027-01-31", 2000, "USD"), from: "2027-01-01", to: "2028-03-31",
			want: []string{
				"2027-01-31 2000", "2027-02-28 2000", "2027-03-31 2000", "2027-04-30 2000",
				"2027-05-31 2000", "2027-06-30 2000", "2027-07-31 2000", "2027-08-31 2000",
				"2027-09-30 2000", "2027-10-31 2000", "2027-11-30 2000", "2027-12-31 2000",
				"2028-01-31 2000", "2028-02-29 2000", "2028-03-31 2000",
			},
		},
		{
			// Every 3 months from Nov 30: Feb 28 clamps, May 30 does not drift to 28.
			name: "quarterly from the 30th",
			sub:  withPeriod(monthly(t, "2025-11-30", 900, "EUR"), 3, journal.Months), from: "2025-11-01", to: "2026-12-31",
			want: []string{"2025-11-30 900", "2026-02-28 900", "2026-05-30 900", "2026-08-30 900", "2026-11-30 900"},
		},
		{
			name: "every 2 weeks",
			sub:  withPeriod(monthly(t, "2026-01-07", 500, "USD"), 2, journal.Weeks), from: "2026-01-01", to: "2026-02-18",
			want: []string{"2026-01-07 500", "2026-01-21 500", "2026-02-04 500", "2026-02-18 500"},
		},
		{
			name: "daily across a month end",
			sub:  withPeriod(monthly(t, "2026-02-27", 100, "JPY"), 1, journal.Days), from: "2026-02-27", to: "2026-03-02",
			want: []string{"2026-02-27 100", "2026-02-28 100", "2026-03-01 100", "2026-03-02 100"},
		},
		{
			// Jan 1, 4, 7, 10, 13: only 7 and 10 fall in Jan 5–12.
			name: "every 3 days within a range",
			sub:  withPeriod(monthly(t, "2026-01-01", 100, "JPY"), 3, journal.Days), from: "2026-01-05", to: "2026-01-12",
			want: []string{"2026-01-07 100", "2026-01-10 100"},
		},
		{
			// Feb 29 yearly: Feb 28 in common years, Feb 29 again in 2032.
			name: "yearly from a leap day",
			sub:  withPeriod(monthly(t, "2028-02-29", 12000, "JPY"), 1, journal.Years), from: "2028-01-01", to: "2032-03-01",
			want: []string{"2028-02-29 12000", "2029-02-28 12000", "2030-02-28 12000", "2031-02-28 12000", "2032-02-29 12000"},
		},
		{
			name: "range far from the start",
			sub:  monthly(t, "2020-01-15", 700, "USD"), from: "2026-03-01", to: "2026-05-31",
			want: []string{"2026-03-15 700", "2026-04-15 700", "2026-05-15 700"},
		},
		{
			// 1200 from Feb 15 (mid-period): Feb 1 still 1000, Mar 1 1200; 1500 from Apr 1 applies on Apr 1.
			name: "price changes apply from their date",
			sub:  priced, from: "2026-01-01", to: "2026-04-30",
			want: []string{"2026-01-01 1000", "2026-02-01 1000", "2026-03-01 1200", "2026-04-01 1500"},
		},
		{
			name: "end date cuts charges",
			sub:  ended("2026-03-15"), from: "2026-01-01", to: "2026-12-31",
			want: []string{"2026-01-01 1000", "2026-02-01 1000", "2026-03-01 1000"},
		},
		{
			// The end date closes the last paid period (PRODUCT.md): no charge on it.
			name: "end date on a billing date is not charged",
			sub:  ended("2026-03-01"), from: "2026-01-01", to: "2026-12-31",
			want: []string{"2026-01-01 1000", "2026-02-01 1000"},
		},
		{
			// PRODUCT.md's example: May 10 monthly, ending Aug 10.
			name: "started May 10 ending Aug 10 charges three times",
			sub:  endedFrom("2024-05-10", "2024-08-10"), from: "2024-01-01", to: "2024-12-31",
			want: []string{"2024-05-10 1000", "2024-06-10 1000", "2024-07-10 1000"},
		},
		{
			name: "end date the day after a billing date keeps that charge",
			sub:  ended("2026-03-02"), from: "2026-01-01", to: "2026-12-31",
			want: []string{"2026-01-01 1000", "2026-02-01 1000", "2026-03-01 1000"},
		},
		{
			name: "no end date: bounded by the range",
			sub:  monthly(t, "2026-01-01", 1000, "USD"), from: "2026-01-01", to: "2026-03-31",
			want: []string{"2026-01-01 1000", "2026-02-01 1000", "2026-03-01 1000"},
		},
		{
			// Trial to Jan 15: Jan 1 falls inside it; first charge is Feb 1.
			name: "trial end: first charge is the next billing date",
			sub:  trial("2026-01-15"), from: "2026-01-01", to: "2026-03-31",
			want: []string{"2026-02-01 1000", "2026-03-01 1000"},
		},
		{
			name: "trial ending on a billing date charges that day",
			sub:  trial("2026-02-01"), from: "2026-01-01", to: "2026-03-31",
			want: []string{"2026-02-01 1000", "2026-03-01 1000"},
		},
		{
			name: "range before the start",
			sub:  monthly(t, "2026-01-01", 1000, "USD"), from: "2025-01-01", to: "2025-12-31",
		},
		{
			name: "invalid period yields none",
			sub:  withPeriod(monthly(t, "2026-01-01", 1000, "USD"), 0, journal.Months), from: "2026-01-01", to: "2026-12-31",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := figures.Charges(tc.sub, date(t, tc.from), date(t, tc.to))
			var want strings.Builder
			for _, w := range tc.want {
				want.WriteString(w + " " + tc.sub.Currency + "\n")
			}
			if render(got) != want.String() {
				t.Errorf("Charges =\n%s\nwant\n%s", render(got), want.String())
			}
		})
	}
}

func TestChargePeriod(t *testing.T) {
	// The Feb 28 2027 charge of a Jan 31 plan pays for Feb 28 – Mar 31 (31 days);
	// in Berlin that spans the Mar 28 spring-forward: 31 × 24 − 1 = 743 h.
	berlin := mustLoc(t, "Europe/Berlin")
	cs := figures.Charges(monthly(t, "2027-01-31", 2000, "USD"), date(t, "2027-02-01"), date(t, "2027-02-28"))
	if len(cs) != 1 || cs[0].Until != date(t, "2027-03-31") {
		t.Fatalf("charges = %+v, want one until 2027-03-31", cs)
	}
	if got := cs[0].Period(berlin).Len(); got != 743*time.Hour {
		t.Errorf("period = %v, want 743h", got)
	}
}

func TestNextCharge(t *testing.T) {
	tokyo := mustLoc(t, "Asia/Tokyo")
	ny := mustLoc(t, "America/New_York")
	utc := time.UTC
	withEnd := func(s journal.Subscription, end string) journal.Subscription {
		s.End = date(t, end)
		return s
	}
	withTrial := func(s journal.Subscription, end string) journal.Subscription {
		s.TrialEnd = date(t, end)
		return s
	}
	tests := []struct {
		name string
		sub  journal.Subscription
		asOf time.Time
		loc  *time.Location
		want string // "" for none
	}{
		{"next clamped month end", monthly(t, "2026-01-31", 2000, "USD"), at(t, utc, "2026-03-15 09:00"), tokyo, "2026-03-31"},
		// A charge dated today has been made (cash counts it): the next is a month on.
		{"today is a billing date", monthly(t, "2026-01-31", 2000, "USD"), at(t, tokyo, "2026-03-31 10:00"), tokyo, "2026-04-30"},
		{"the day before a billing date", monthly(t, "2026-01-31", 2000, "USD"), at(t, tokyo, "2026-03-30 23:59"), tokyo, "2026-03-31"},
		// Mar 30 20:00 UTC is Mar 31 in Tokyo (charged today, next: Apr 30) but still Mar 30 in New York.
		{"Tokyo is charged today", monthly(t, "2026-01-31", 2000, "USD"), at(t, utc, "2026-03-30 20:00"), tokyo, "2026-04-30"},
		{"New York is not yet", monthly(t, "2026-01-31", 2000, "USD"), at(t, utc, "2026-03-30 20:00"), ny, "2026-03-31"},
		{"before the start", monthly(t, "2026-05-10", 2000, "USD"), at(t, utc, "2026-03-01 00:00"), utc, "2026-05-10"},
		{"ended", withEnd(monthly(t, "2026-01-01", 1000, "USD"), "2026-03-20"), at(t, utc, "2026-03-25 00:00"), utc, ""},
		{"end after today but before the next date", withEnd(monthly(t, "2026-01-01", 1000, "USD"), "2026-03-31"), at(t, utc, "2026-03-25 00:00"), utc, ""},
		// The end date closes the last paid period: a billing date equal to it is not charged.
		{"end on the next date", withEnd(monthly(t, "2026-01-01", 1000, "USD"), "2026-04-01"), at(t, utc, "2026-03-25 00:00"), utc, ""},
		{"end the day after the next date", withEnd(monthly(t, "2026-01-01", 1000, "USD"), "2026-04-02"), at(t, utc, "2026-03-25 00:00"), utc, "2026-04-01"},
		{"trial still running", withTrial(monthly(t, "2026-01-01", 1000, "USD"), "2026-06-10"), at(t, utc, "2026-03-01 00:00"), utc, "2026-07-01"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := figures.NextCharge(tc.sub, tc.asOf, tc.loc)
			if tc.want == "" {
				if ok {
					t.Errorf("NextCharge = %v, want none", d)
				}
				return
			}
			if !ok || d.String() != tc.want {
				t.Errorf("NextCharge = %v, %v; want %s", d, ok, tc.want)
			}
		})
	}
}
