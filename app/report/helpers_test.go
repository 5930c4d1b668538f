package report

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/words"
	"lapse/storage"
)

// The test journal: a service whose name is a spreadsheet formula, paid
// 20.00 USD a month from 1 Sep 2026 with JPY at home (1 USD = 150 JPY),
// in Asia/Tokyo. In October 2026 (the period): a 3-day unusable outage
// titled with a script tag, a 2-hour degraded one, and an e-mail ticket
// answered by a bot after 2 minutes and by a person after 8 days.
const (
	hostileName    = `=HYPERLINK("http://x","pwn")`
	hostileTitle   = `<script>alert(1)</script>`
	hostileSymptom = `*bold* [link](x)`
	outageLink     = "https://status.example/incident/1"
	website        = "https://hyper.example"
)

var (
	pinned = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tokyo  = mustZone("Asia/Tokyo")
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// fixture is the test journal and the IDs of its services.
type fixture struct {
	db            *storage.DB
	hostile, calm int64 // calm: a plan and nothing else
}

// openJournal is a new journal at the pinned time, in Tokyo with home
// currency home and the given rates.
func openJournal(t *testing.T, home string, rates ...journal.Rate) *storage.DB {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "journal.db"), storage.Options{Now: func() time.Time { return pinned }})
	must(t, err)
	t.Cleanup(func() { db.Close() })
	s, err := db.Settings(ctx)
	must(t, err)
	s.HomeCurrency, s.TimeZone, s.Rates = home, "Asia/Tokyo", rates
	must(t, db.SaveSettings(ctx, s))
	return db
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := openJournal(t, "JPY", journal.Rate{Currency: "USD", Rate: "150", AsOf: journal.Date{Year: 2026, Month: 9, Day: 1}})

	svc := &journal.Service{Name: hostileName, Category: "AI", Website: website}
	must(t, db.CreateService(ctx, svc))
	calm := &journal.Service{Name: "Calm Drive"}
	must(t, db.CreateService(ctx, calm))
	start := journal.Date{Year: 2026, Month: 9, Day: 1}
	for _, id := range []int64{svc.ID, calm.ID} {
		must(t, db.CreateSubscription(ctx, &journal.Subscription{ServiceID: id, Plan: "Plus", Amount: 2000, Currency: "USD",
			Period: journal.Period{N: 1, Unit: journal.Months}, Start: start}))
	}
	down := &journal.Outage{ServiceID: svc.ID, Title: hostileTitle, Start: utc("2026-10-09 15:00"), End: ptr(utc("2026-10-12 15:00")),
		Impact: journal.ImpactDown, Platforms: []string{"Chrome desktop", "Edge desktop"}, StillWorked: "Android app",
		Symptoms: hostileSymptom, Steps: []journal.Step{{Action: "Cleared cache", Result: "No change"}, {Action: "Tried Firefox", Result: "Same loop"}},
		Resolution: "Fixed by support", Source: journal.SourceMe, Link: outageLink}
	must(t, db.CreateOutage(ctx, down))
	must(t, db.CreateOutage(ctx, &journal.Outage{ServiceID: svc.ID, Title: "Slow", Start: utc("2026-10-20 01:00"), End: ptr(utc("2026-10-20 03:00")),
		Impact: journal.ImpactDegraded, Source: journal.SourceMe}))
	tk := &journal.Ticket{ServiceID: svc.ID, OutageID: &down.ID, Subject: "Cannot log in", Channel: journal.ChannelEmail, Reference: "CASE-7",
		OpenedAt: utc("2026-10-10 00:00"), ResolvedAt: ptr(utc("2026-10-19 00:00")), Outcome: journal.OutcomeResolved}
	must(t, db.CreateTicket(ctx, tk))
	for _, m := range []journal.Message{
		{At: utc("2026-10-10 00:00"), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "cannot log in"},
		{At: utc("2026-10-10 00:02"), Direction: journal.Received, Author: journal.AuthorBot, Summary: "@channel Rate your conversation"},
		{At: utc("2026-10-12 00:00"), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "-12.50"},
		{At: utc("2026-10-18 00:00"), Direction: journal.Received, Author: journal.AuthorHuman, From: "Dana", Summary: "+1 fixed now"},
	} {
		m.TicketID = tk.ID
		must(t, db.AddMessage(ctx, &m))
	}
	must(t, db.CreateDecision(ctx, &journal.Decision{ServiceID: svc.ID, Kind: journal.DecisionRefundRequested,
		Date: journal.Date{Year: 2026, Month: 10, Day: 20}, Amount: &journal.Money{Amount: 194, Currency: "USD"}, Note: "asked by e-mail"}))
	return &fixture{db: db, hostile: svc.ID, calm: calm.ID}
}

// october is the summary of service id over October 2026 (Tokyo) as of pinned.
func (f *fixture) october(t *testing.T, id int64, l words.Lang) *Summary {
	t.Helper()
	s, err := Build(context.Background(), f.db, Options{ServiceID: id, From: time.Date(2026, 10, 1, 0, 0, 0, 0, tokyo),
		To: time.Date(2026, 11, 1, 0, 0, 0, 0, tokyo), AsOf: pinned, Lang: l})
	must(t, err)
	return s
}
