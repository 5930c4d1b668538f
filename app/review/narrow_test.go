package review_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"lapse/app/demo"
	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/review"
	"lapse/storage"
)

// demoJournal is the small demo journal with what the demo lacks and the
// figures must handle: official incidents, records in the trash, a ticket
// without messages, a ticket waiting for a human, an outage open for days.
func demoJournal(t *testing.T) *storage.DB {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), storage.Options{Now: func() time.Time { return asOf }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Fill(ctx, db, demo.Small, "en", asOf); err != nil {
		t.Fatal(err)
	}
	svcs, err := db.Services(ctx, storage.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	svc := svcs[0].ID
	day := func(n int) time.Time { return asOf.AddDate(0, 0, -n) }
	end := func(n int) *time.Time { v := day(n).Add(3 * time.Hour); return &v }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []journal.Outage{
		{ServiceID: svc, Start: day(40), End: end(40), Impact: journal.ImpactDown, Source: journal.SourceOfficial, ExternalID: "inc-1", Title: "API errors"},
		{ServiceID: svc, Start: day(3), Impact: journal.ImpactPartial, Source: journal.SourceMe, Title: "Uploads fail", Platforms: []string{"iOS"}},
	} {
		must(db.CreateOutage(ctx, &o))
	}
	gone := &journal.Outage{ServiceID: svc, Start: day(20), End: end(20), Impact: journal.ImpactDown, Source: journal.SourceMe}
	must(db.CreateOutage(ctx, gone))
	_, err = db.DeleteOutage(ctx, gone.ID)
	must(err)

	silent := &journal.Ticket{ServiceID: svc, Subject: "No answer", Channel: journal.ChannelForm, Reference: "77", OpenedAt: day(30)}
	must(db.CreateTicket(ctx, silent))
	must(db.AddMessage(ctx, &journal.Message{TicketID: silent.ID, At: day(30), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "Help"}))
	bot := &journal.Message{TicketID: silent.ID, At: day(29), Direction: journal.Received, Author: journal.AuthorHuman, Summary: "Looking"}
	must(db.AddMessage(ctx, bot))
	_, err = db.DeleteMessage(ctx, bot.ID) // the human reply was entered by mistake: the ticket waits
	must(err)
	must(db.CreateTicket(ctx, &journal.Ticket{ServiceID: svc, Subject: "Empty", Channel: journal.ChannelPhone, OpenedAt: day(10)}))
	trashed := &journal.Ticket{ServiceID: svc, Subject: "Trashed", Channel: journal.ChannelEmail, OpenedAt: day(12)}
	must(db.CreateTicket(ctx, trashed))
	must(db.AddMessage(ctx, &journal.Message{TicketID: trashed.ID, At: day(12), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "Hi"}))
	_, err = db.DeleteTicket(ctx, trashed.ID)
	must(err)

	// History before every window the tests use, which the Overview leaves
	// unread, beside records that began before it and still count: an
	// outage across the window's start, one open for two years, a ticket
	// resolved inside the window and one never resolved.
	at := func(n int) *time.Time { v := day(n); return &v }
	for _, o := range []journal.Outage{
		{ServiceID: svc, Start: day(1100), End: at(1099), Impact: journal.ImpactDown, Source: journal.SourceMe, Title: "Long ago"},
		{ServiceID: svc, Start: day(800), End: at(800), Impact: journal.ImpactDown, Source: journal.SourceOfficial, ExternalID: "inc-0", Title: "Old incident"},
		{ServiceID: svc, Start: day(420), End: at(300), Impact: journal.ImpactDegraded, Source: journal.SourceMe, Title: "Across the start"},
		{ServiceID: svcs[1].ID, Start: day(730), Impact: journal.ImpactPartial, Source: journal.SourceMe, Title: "Open for two years"},
	} {
		must(db.CreateOutage(ctx, &o))
	}
	for _, tk := range []struct {
		opened, resolved int // days before as-of; resolved 0: never
		replies          []int
	}{
		{opened: 1000, resolved: 990, replies: []int{999}},
		{opened: 600, resolved: 20, replies: []int{500, 30}},
		{opened: 900, replies: []int{850}},
	} {
		ticket := &journal.Ticket{ServiceID: svc, Subject: fmt.Sprintf("Opened %d days ago", tk.opened), Channel: journal.ChannelEmail, OpenedAt: day(tk.opened)}
		if tk.resolved > 0 {
			ticket.ResolvedAt, ticket.Outcome = at(tk.resolved), journal.OutcomeResolved
		}
		must(db.CreateTicket(ctx, ticket))
		must(db.AddMessage(ctx, &journal.Message{TicketID: ticket.ID, At: day(tk.opened), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "Help"}))
		for _, n := range tk.replies {
			must(db.AddMessage(ctx, &journal.Message{TicketID: ticket.ID, At: day(n), Direction: journal.Received, Author: journal.AuthorHuman, Summary: "Reply"}))
		}
	}
	return db
}

// TestNarrowReadsGiveTheSameFigures builds every figure, verdict and
// reminder from the narrow rows and from whole records, over the default
// window and over a longer one, and asserts they are the same.
func TestNarrowReadsGiveTheSameFigures(t *testing.T) {
	ctx := context.Background()
	db := demoJournal(t)
	for _, opts := range []review.Options{
		{AsOf: asOf, Location: time.UTC},
		{AsOf: asOf, From: asOf.AddDate(-2, 0, 0), To: asOf.AddDate(0, 1, 0), Location: time.FixedZone("JST", 9*3600)},
		{AsOf: asOf, From: asOf.AddDate(-1, -3, 0), To: asOf.AddDate(0, -3, 0), Location: time.UTC}, // as-of's month outside
		{AsOf: asOf, From: asOf.AddDate(0, 0, -3), To: asOf, Location: time.UTC},                    // the verdicts read further back
	} {
		narrow, err := review.Build(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.Whole = true
		whole, err := review.Build(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		got, want := jsonOf(t, narrow.Document()), jsonOf(t, whole.Document())
		if got != want {
			t.Errorf("Document() from narrow rows:\n%s\nfrom whole records:\n%s", got, want)
		}
		if len(narrow.Services) != 4 {
			t.Fatalf("%d services, want the demo's 4", len(narrow.Services))
		}
		for i := range narrow.Services {
			n, w := &narrow.Services[i], &whole.Services[i]
			conv, err := figures.NewConverter(whole.Settings)
			if err != nil {
				t.Fatal(err)
			}
			cur, err := figures.MonthlySeries(w.Data, []figures.Month{figures.MonthOf(asOf, opts.Location)}, opts.Location, asOf, conv)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(n.ThisMonth, cur[0]) {
				t.Errorf("%s: this month %+v, want %+v", w.Data.Service.Name, n.ThisMonth, cur[0])
			}
			// The lists may differ (the Overview leaves out what ended before
			// its window), what they add up to may not.
			if got, want := fmt.Sprint(narrow.Official(n), narrow.OfficialByMonth(n), n.OfficialUnusable), fmt.Sprint(whole.Official(w), whole.OfficialByMonth(w), w.OfficialUnusable); got != want {
				t.Errorf("%s: official %s, want %s", w.Data.Service.Name, got, want)
			}
			// %v, not JSON or DeepEqual: a missing response is NaN.
			if got, want := fmt.Sprintf("%v", narrow.Tickets(n)), fmt.Sprintf("%v", whole.Tickets(w)); got != want {
				t.Errorf("%s: ticket chart %s, want %s", w.Data.Service.Name, got, want)
			}
			jn, err := narrow.Judge(ctx, db, n)
			if err != nil {
				t.Fatal(err)
			}
			jw, err := whole.Judge(ctx, db, w)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(jn, jw) {
				t.Errorf("%s: verdict %+v, want %+v", w.Data.Service.Name, jn, jw)
			}
		}
		rn, err := narrow.Reminders(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		rw, err := whole.Reminders(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rn, rw) {
			t.Errorf("reminders %+v, want %+v", rn, rw)
		}
		kinds := map[string]bool{}
		for _, r := range rn {
			kinds[string(r.Kind)] = true
		}
		if !kinds["ticket_waiting"] || !kinds["outage_open"] {
			t.Errorf("reminder kinds %v: the test journal should remind of a waiting ticket and an open outage", kinds)
		}
		all, err := review.Reminders(ctx, db, asOf, opts.Location)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(all, rw) {
			t.Errorf("review.Reminders %+v, want %+v", all, rw)
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
