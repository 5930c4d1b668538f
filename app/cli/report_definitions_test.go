package cli

import (
	"context"
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata" // the zone rules the test pins, whatever the machine has installed

	"lapse/app/journal"
)

// In Asuncion clocks jumped from 00:00 to 01:00 on 1 October 2023: September
// ends at that first instant of October and lasts 30 × 24 = 720 hours, and an
// outage from 30 Sep 23:00 to 24:00 local is September's.
func TestReportMonthEndingAtAMissingMidnight(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, path)
	ctx := context.Background()
	svc := mustService(t, db, "Parley AI")
	s, err := db.Settings(ctx)
	must(t, err)
	s.HomeCurrency, s.TimeZone = "USD", "America/Asuncion"
	must(t, db.SaveSettings(ctx, s))
	start, end := time.Date(2023, 10, 1, 3, 0, 0, 0, time.UTC), time.Date(2023, 10, 1, 4, 0, 0, 0, time.UTC)
	must(t, db.CreateOutage(ctx, &journal.Outage{ServiceID: svc.ID, Start: start, End: &end, Impact: journal.ImpactDown, Source: journal.SourceMe}))
	db.Close()

	// --as-of 2023-10-01 is that day's first instant too: September is whole by then.
	for _, asOf := range []string{"2023-11-15T12:00:00Z", "2023-10-01"} {
		doc := reportJSON(t, "--db", path, "--as-of", asOf, "--from", "2023-09-01", "--to", "2023-09-30")
		if got, want := doc.To.Sub(doc.From), 720*time.Hour; got != want {
			t.Errorf("window %s – %s = %v, want %v", doc.From, doc.To, got, want)
		}
		if want := time.Date(2023, 10, 1, 4, 0, 0, 0, time.UTC); !doc.To.Equal(want) {
			t.Errorf("window ends %s, want %s (Oct 1 01:00 -03)", doc.To, want)
		}
		if len(doc.Services) != 1 || len(doc.Services[0].Months) != 1 {
			t.Fatalf("services/months: %+v", doc.Services)
		}
		m := doc.Services[0].Months[0]
		if m.Month != "2023-09" || m.Availability == nil || m.Availability.LengthSeconds != 720*3600 {
			t.Errorf("month = %+v, want 2023-09 of 720 h", m)
		}
		if m.UnusableSeconds != 3600 || doc.Services[0].Figures.UnusableSeconds != 3600 {
			t.Errorf("unusable: month %d s, window %d s; want 3600 in both", m.UnusableSeconds, doc.Services[0].Figures.UnusableSeconds)
		}
	}
}

// Messages at the same minute keep the order they were recorded in: a reply
// recorded after my message at 09:00 answered in 0 seconds, and my second
// message at 09:00 is a follow-up, not a response.
func TestReportSameMinuteMessages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, path)
	ctx := context.Background()
	svc := mustService(t, db, "Parley AI")
	s, err := db.Settings(ctx)
	must(t, err)
	s.HomeCurrency, s.TimeZone = "USD", "UTC"
	must(t, db.SaveSettings(ctx, s))
	nine := time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC)
	tk := &journal.Ticket{ServiceID: svc.ID, Channel: journal.ChannelEmail, OpenedAt: nine}
	must(t, db.CreateTicket(ctx, tk))
	for _, m := range []journal.Message{
		{At: nine, Direction: journal.Sent, Author: journal.AuthorMe, Summary: "cannot log in"},
		{At: nine, Direction: journal.Sent, Author: journal.AuthorMe, Summary: "also: no invoices"},
		{At: nine, Direction: journal.Received, Author: journal.AuthorHuman, Summary: "looking into it"},
	} {
		m.TicketID = tk.ID
		must(t, db.AddMessage(ctx, &m))
	}
	db.Close()

	doc := reportJSON(t, "--db", path, "--as-of", "2026-10-20T00:00:00Z", "--from", "2026-10-01", "--to", "2026-10-31")
	if len(doc.Services) != 1 {
		t.Fatalf("%d services", len(doc.Services))
	}
	sd := doc.Services[0]
	if sd.WorstFirstResponseSeconds == nil || *sd.WorstFirstResponseSeconds != 0 {
		t.Errorf("worst first response = %v, want 0 s", sd.WorstFirstResponseSeconds)
	}
	if sd.LongestSilenceSeconds == nil || *sd.LongestSilenceSeconds != 0 {
		t.Errorf("longest silence = %v, want 0 s", sd.LongestSilenceSeconds)
	}
}
