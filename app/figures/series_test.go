package figures_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
)

// tokyoService: a 20.00 USD monthly plan from Jan 10 converted into JPY at
// 150 per USD (1.5 JPY per cent), a down outage across Feb/Mar, a degraded
// one in March and a down outage ongoing since Apr 20, as of Apr 25 00:00 Tokyo.
func tokyoService(t testing.TB) (figures.ServiceData, *time.Location, time.Time, figures.Converter) {
	tokyo := mustLoc(t, "Asia/Tokyo")
	d := figures.ServiceData{
		Service:       journal.Service{ID: 1, Name: "Chat"},
		Subscriptions: []journal.Subscription{monthly(t, "2026-01-10", 2000, "USD")},
		Outages: []journal.Outage{
			outage(journal.ImpactDown, at(t, tokyo, "2026-02-28 20:00"), ptr(at(t, tokyo, "2026-03-01 04:00"))),
			outage(journal.ImpactDegraded, at(t, tokyo, "2026-03-05 10:00"), ptr(at(t, tokyo, "2026-03-05 13:00"))),
			outage(journal.ImpactDown, at(t, tokyo, "2026-04-20 00:00"), nil),
		},
		Tickets: []journal.Ticket{
			{ // resolved before the summary window: not counted
				ID: 1, OpenedAt: at(t, tokyo, "2026-01-05 10:00"), ResolvedAt: ptr(at(t, tokyo, "2026-01-20 10:00")),
				Messages: []journal.Message{
					msg(1, at(t, tokyo, "2026-01-05 10:00"), 0, journal.Sent, journal.AuthorMe),
					msg(2, at(t, tokyo, "2026-01-05 10:00"), 14*day, journal.Received, journal.AuthorHuman),
				},
			},
			{ // answered by a human after 24 h
				ID: 2, OpenedAt: at(t, tokyo, "2026-03-05 10:00"), ResolvedAt: ptr(at(t, tokyo, "2026-03-08 10:00")),
				Messages: []journal.Message{
					msg(3, at(t, tokyo, "2026-03-05 10:00"), 0, journal.Sent, journal.AuthorMe),
					msg(4, at(t, tokyo, "2026-03-05 10:00"), day, journal.Received, journal.AuthorHuman),
				},
			},
			{ // only a bot so far: silent from Apr 20 10:00 to as-of, 4 d 14 h
				ID: 3, OpenedAt: at(t, tokyo, "2026-04-20 10:00"),
				Messages: []journal.Message{
					msg(5, at(t, tokyo, "2026-04-20 10:00"), 0, journal.Sent, journal.AuthorMe),
					msg(6, at(t, tokyo, "2026-04-20 10:00"), 5*time.Minute, journal.Received, journal.AuthorBot),
				},
			},
		},
	}
	conv := figures.Converter{Home: "JPY", Rates: map[string]*big.Rat{"USD": big.NewRat(150, 1)}}
	return d, tokyo, at(t, tokyo, "2026-04-25 00:00"), conv
}

func TestMonthlySeries(t *testing.T) {
	d, tokyo, asOf, conv := tokyoService(t)
	months := figures.MonthRange(figures.Month{Year: 2026, Month: time.January}, figures.Month{Year: 2026, Month: time.May})
	got, err := figures.MonthlySeries(d, months, tokyo, asOf, conv)
	if err != nil {
		t.Fatal(err)
	}
	avail := func(u, l time.Duration) *figures.Availability { return &figures.Availability{Unusable: u, Length: l} }
	want := []figures.MonthFigures{
		{
			// Jan 10 charge: 22 of its 31 days in January: 2000 × 22/31 × 1.5 = 2129.03 → 2129.
			Month: months[0], Availability: avail(0, 744*time.Hour),
			Cash: 3000, Accrued: 2129,
		},
		{
			// 4 h down (Feb 28 20:00–24:00). Accrued: 2000 × 9/31 + 2000 × 19/28 cents
			// × 1.5 = 630750/217 = 2906.68 → 2907. Paid: 2000 × 4/672 × 1.5 = 17.86 → 18.
			Month: months[1], Unusable: 4 * time.Hour, Impaired: 4 * time.Hour, Availability: avail(4*time.Hour, 672*time.Hour),
			Cash: 3000, Accrued: 2907, PaidWhileUnusable: 18,
		},
		{
			// 4 h down + 3 h degraded. Accrued: 2000 × 9/28 + 2000 × 22/31 cents
			// × 1.5 = 671250/217 = 3093.32 → 3093. Paid: 4 h of the Feb 10 period again → 18.
			Month: months[2], Unusable: 4 * time.Hour, Impaired: 7 * time.Hour, Availability: avail(4*time.Hour, 744*time.Hour),
			Cash: 3000, Accrued: 3093, PaidWhileUnusable: 18,
		},
		{
			// To as-of (24 days = 576 h), 120 h down. Accrued: 2000 × 9/31 + 2000 × 15/30
			// cents × 1.5 = 73500/31 = 2370.97 → 2371. Paid: 2000 × 5/30 × 1.5 = 500.
			Month: months[3], Unusable: 120 * time.Hour, Impaired: 120 * time.Hour, Availability: avail(120*time.Hour, 576*time.Hour),
			Cash: 3000, Accrued: 2371, PaidWhileUnusable: 500,
		},
		{Month: months[4]}, // after as-of: nothing, no availability
	}
	if len(got) != len(want) {
		t.Fatalf("%d months, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		t.Run(w.Month.String(), func(t *testing.T) {
			if (g.Availability == nil) != (w.Availability == nil) || (g.Availability != nil && *g.Availability != *w.Availability) {
				t.Errorf("availability = %+v, want %+v", g.Availability, w.Availability)
			}
			g.Availability, w.Availability = nil, nil
			if g != w {
				t.Errorf("figures = %+v\nwant      %+v", g, w)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	d, tokyo, asOf, conv := tokyoService(t)
	window := figures.Interval{Start: at(t, tokyo, "2026-02-01 00:00"), End: at(t, tokyo, "2026-05-01 00:00")}
	s, err := figures.Summarize(d, window, tokyo, asOf, conv)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"unusable", s.Unusable, 128 * time.Hour}, // 8 h + 120 h
		{"impaired", s.Impaired, 131 * time.Hour}, // + 3 h degraded
		{"availability", *s.Availability, figures.Availability{Unusable: 128 * time.Hour, Length: 1992 * time.Hour}}, // Feb 1 – Apr 25: 83 days
		{"cash", s.Cash, int64(9000)},                            // Feb 10, Mar 10, Apr 10: 3 × 3000
		{"accrued", s.Accrued, int64(8371)},                      // (2000 × 9/31 + 5000 cents) × 1.5 = 259500/31 = 8370.97
		{"paid while unusable", s.PaidWhileUnusable, int64(536)}, // 2000 × 8/672 × 1.5 + 500 = 535.71, rounded once
		{"outages", s.Outages, 3},
		{"tickets", s.Tickets, 2},
		{"worst first response ticket", s.WorstFirstResponse.TicketID, int64(2)},
		{"worst first response", s.WorstFirstResponse.After, 24 * time.Hour},
		// Ticket 3's only reply is a bot's: it has no human reply to be slowest.
		{"worst first human reply ticket", s.WorstFirstHumanResponse.TicketID, int64(2)},
		{"worst first human reply", s.WorstFirstHumanResponse.After, 24 * time.Hour},
		{"longest silence ticket", s.LongestSilence.TicketID, int64(3)},
		{"longest silence", s.LongestSilence.Length(), 4*day + 14*time.Hour},
		{"longest silence running", s.LongestSilence.Running, true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestSummarizeWindowAfterAsOf(t *testing.T) {
	d, tokyo, asOf, conv := tokyoService(t)
	window := figures.Month{Year: 2026, Month: time.June}.Window(tokyo)
	s, err := figures.Summarize(d, window, tokyo, asOf, conv)
	if err != nil {
		t.Fatal(err)
	}
	if s.Availability != nil || s.Unusable != 0 || s.Cash != 0 || s.Accrued != 0 || s.Outages != 0 || s.Tickets != 0 {
		t.Errorf("summary of a future window = %+v, want empty", s)
	}
}

func TestMonthlySeriesMissingRate(t *testing.T) {
	d, tokyo, asOf, conv := tokyoService(t)
	d.Subscriptions = append(d.Subscriptions, monthly(t, "2026-03-01", 500, "GBP"))
	months := figures.MonthRange(figures.Month{Year: 2026, Month: time.February}, figures.Month{Year: 2026, Month: time.March})
	_, err := figures.MonthlySeries(d, months, tokyo, asOf, conv)
	var missing *figures.MissingRateError
	if !errors.As(err, &missing) || missing.Currency != "GBP" {
		t.Fatalf("err = %v, want a missing GBP rate", err)
	}
	if journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("code = %s, want invalid", journal.ErrorCode(err))
	}
}

// TestMonthsAddUp checks on random data that the monthly figures agree with
// the window ones: durations and exact money are additive over months.
func TestMonthsAddUp(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	d, asOf := randomService(t, rand.New(rand.NewPCG(1, 2)), 2000, 3, berlin)
	months := figures.MonthRange(figures.Month{Year: 2016, Month: time.January}, figures.MonthOf(asOf, berlin))
	conv := figures.Converter{Home: "EUR", Rates: map[string]*big.Rat{"USD": big.NewRat(92, 100), "JPY": big.NewRat(62, 10000)}}
	series, err := figures.MonthlySeries(d, months, berlin, asOf, conv)
	if err != nil {
		t.Fatal(err)
	}
	whole := figures.Interval{Start: months[0].Window(berlin).Start, End: months[len(months)-1].Window(berlin).End}
	var unusable, impaired time.Duration
	accrued := figures.Amounts{}
	for _, f := range series {
		unusable += f.Unusable
		impaired += f.Impaired
		w := f.Month.Window(berlin)
		if got := figures.UnusableTime(d.Outages, w, asOf); got != f.Unusable {
			t.Fatalf("%s: UnusableTime = %v, series %v", f.Month, got, f.Unusable)
		}
		for code, v := range figures.AccruedCost(d.Subscriptions, w, berlin, asOf) {
			if accrued[code] == nil {
				accrued[code] = new(big.Rat)
			}
			accrued[code].Add(accrued[code], v)
		}
	}
	if want := figures.UnusableTime(d.Outages, whole, asOf); unusable != want {
		t.Errorf("Σ monthly unusable = %v, window %v", unusable, want)
	}
	if want := figures.ImpairedTime(d.Outages, whole, asOf); impaired != want {
		t.Errorf("Σ monthly impaired = %v, window %v", impaired, want)
	}
	for code, want := range figures.AccruedCost(d.Subscriptions, whole, berlin, asOf) {
		if accrued[code].Cmp(want) != 0 {
			t.Errorf("Σ monthly accrued %s = %s, window %s", code, accrued[code].RatString(), want.RatString())
		}
	}
}

// randomService makes n outages over ten years from 2016 and subs plans in
// USD and JPY with a mix of periods; as-of is mid-2025.
func randomService(t testing.TB, r *rand.Rand, n, subs int, loc *time.Location) (figures.ServiceData, time.Time) {
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, loc)
	span := int64(10 * 365 * day)
	impacts := []journal.Impact{journal.ImpactDown, journal.ImpactDown, journal.ImpactDegraded, journal.ImpactPartial}
	d := figures.ServiceData{Service: journal.Service{ID: 1, Name: "Bench"}}
	for i := range n {
		s := start.Add(time.Duration(r.Int64N(span)))
		o := outage(impacts[i%len(impacts)], s, ptr(s.Add(time.Duration(r.Int64N(int64(6*time.Hour))))))
		if i%500 == 0 {
			o.End = nil
		}
		d.Outages = append(d.Outages, o)
	}
	periods := []journal.Period{{N: 1, Unit: journal.Months}, {N: 1, Unit: journal.Years}, {N: 1, Unit: journal.Weeks}, {N: 3, Unit: journal.Days}}
	currencies := []string{"USD", "JPY"}
	for i := range subs {
		s := monthly(t, "2016-01-31", int64(1000+r.IntN(3000)), currencies[i%2])
		s.Period = periods[i%len(periods)]
		s.Prices = []journal.PriceChange{{Effective: date(t, "2020-06-15"), Amount: s.Amount + 200}}
		d.Subscriptions = append(d.Subscriptions, s)
	}
	for i := range 200 {
		opened := start.Add(time.Duration(r.Int64N(span)))
		d.Tickets = append(d.Tickets, journal.Ticket{ID: int64(i + 1), OpenedAt: opened, Messages: []journal.Message{
			msg(1, opened, 0, journal.Sent, journal.AuthorMe),
			msg(2, opened, time.Duration(r.Int64N(int64(3*day))), journal.Received, journal.AuthorBot),
			msg(3, opened, time.Duration(r.Int64N(int64(9*day))), journal.Received, journal.AuthorHuman),
		}})
	}
	return d, time.Date(2025, 7, 15, 12, 0, 0, 0, loc)
}

func BenchmarkMonthlySeries(b *testing.B) {
	berlin := mustLoc(b, "Europe/Berlin")
	d, asOf := randomService(b, rand.New(rand.NewPCG(3, 4)), 20000, 4, berlin)
	months := figures.MonthRange(figures.Month{Year: 2016, Month: time.January}, figures.Month{Year: 2025, Month: time.December})
	conv := figures.Converter{Home: "EUR", Rates: map[string]*big.Rat{"USD": big.NewRat(92, 100), "JPY": big.NewRat(62, 10000)}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := figures.MonthlySeries(d, months, berlin, asOf, conv); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSummaryAndMonthsIsSummarizeAndMonthlySeries(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	d, asOf := randomService(t, rand.New(rand.NewPCG(5, 6)), 3000, 3, berlin)
	months := figures.MonthRange(figures.Month{Year: 2024, Month: time.August}, figures.MonthOf(asOf, berlin))
	window := figures.Interval{Start: months[0].Window(berlin).Start, End: asOf}
	conv := figures.Converter{Home: "EUR", Rates: map[string]*big.Rat{"USD": big.NewRat(92, 100), "JPY": big.NewRat(62, 10000)}}
	sum, series, err := figures.SummaryAndMonths(d, window, months, berlin, asOf, conv)
	if err != nil {
		t.Fatal(err)
	}
	wantSum, err := figures.Summarize(d, window, berlin, asOf, conv)
	if err != nil {
		t.Fatal(err)
	}
	wantSeries, err := figures.MonthlySeries(d, months, berlin, asOf, conv)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sum, wantSum) {
		t.Errorf("summary %+v, want %+v", sum, wantSum)
	}
	if !reflect.DeepEqual(series, wantSeries) {
		t.Errorf("months %+v, want %+v", series, wantSeries)
	}
	if sum.Unusable == 0 || len(series) != len(months) {
		t.Fatalf("unusable %v over %d months: the sample should have downtime in every window", sum.Unusable, len(series))
	}
}
