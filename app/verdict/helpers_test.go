package verdict_test

import (
	"math/big"
	"testing"
	"time"
	_ "time/tzdata" // the zone rules the tests pin, whatever the machine has installed

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/verdict"
)

const (
	day    = 24 * time.Hour
	minute = time.Minute
)

var tokyo = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		panic(err)
	}
	return loc
}()

// at reads "2006-01-02 15:04" as Tokyo time.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, tokyo)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func date(t testing.TB, s string) journal.Date {
	t.Helper()
	d, err := journal.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

// down is a `down` outage of length d from start.
func down(start time.Time, d time.Duration) journal.Outage {
	return journal.Outage{ID: 1, Impact: journal.ImpactDown, Start: start, End: ptr(start.Add(d)), Source: journal.SourceMe}
}

// sub is a subscription billed every n units from start.
func sub(t testing.TB, id int64, start string, n int, unit journal.PeriodUnit, amount int64, currency string) journal.Subscription {
	return journal.Subscription{ID: id, Plan: "Pro", Amount: amount, Currency: currency,
		Period: journal.Period{N: n, Unit: unit}, Start: date(t, start)}
}

// msg is a message at a time.
func msg(id int64, when time.Time, dir journal.Direction, author journal.AuthorKind) journal.Message {
	return journal.Message{ID: id, At: when, Direction: dir, Author: author}
}

func service(id int64, name string) figures.ServiceData {
	return figures.ServiceData{Service: journal.Service{ID: id, Name: name}}
}

// usd converts USD and JPY (150 JPY per USD) into USD.
var usd = figures.Converter{Home: "USD", Rates: map[string]*big.Rat{"JPY": big.NewRat(1, 150)}}

// asOf is the instant most verdict tests look from: the window is
// 2026-07-21 00:00 to 2026-08-20 00:00 Tokyo, the last completed months June and July.
func asOf(t testing.TB) time.Time { return at(t, "2026-08-20 00:00") }

// isolated are thresholds where only the rule under test can fire.
func isolated(f func(*journal.Thresholds)) journal.Thresholds {
	th := journal.Thresholds{
		WindowDays: 30, WatchUnusableHours: 10000, SwitchUnusableHours: 10000, CancelUnusableHours: 10000,
		MinAvailabilityPermille: 1, BadMonthsToSwitch: 2, PaidUnusablePercent: 100, SilenceDays: 1000,
		WaitingTicketDays: 1000,
	}
	f(&th)
	return th
}

// codes lists reasons as "code/level", in order.
func codes(rs []verdict.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r.Code) + "/" + string(r.Level)
	}
	return out
}
