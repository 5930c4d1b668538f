package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"lapse/app/journal"
)

func TestFigureRows(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	a, b := MustCreateService(t, db, "Parley"), MustCreateService(t, db, "Boxdrive")
	day := func(n int) time.Time { return testNow.AddDate(0, 0, -n) }
	old := MustCreateOutage(t, db, a.ID, "Old", day(9), time.Hour)
	recent := MustCreateOutage(t, db, a.ID, "Recent", day(2), time.Hour)
	open := &journal.Outage{ServiceID: a.ID, Title: "Still down", Start: day(1), Impact: journal.ImpactDegraded,
		Source: journal.SourceOfficial, ExternalID: "x", Platforms: []string{"Web"}}
	if err := db.CreateOutage(ctx, open); err != nil {
		t.Fatal(err)
	}
	first, second := MustCreateTicket(t, db, a.ID, "First", day(8)), MustCreateTicket(t, db, a.ID, "Second", day(4))
	MustCreateTicket(t, db, a.ID, "Silent", day(3))
	m1 := MustAddMessage(t, db, first.ID, "hello", day(8))
	reply := &journal.Message{TicketID: first.ID, At: day(7), Direction: journal.Received, Author: journal.AuthorHuman, Summary: "hi", Body: "long"}
	if err := db.AddMessage(ctx, reply); err != nil {
		t.Fatal(err)
	}
	m3 := MustAddMessage(t, db, second.ID, "again", day(4))
	gone := MustAddMessage(t, db, second.ID, "typo", day(4).Add(time.Minute))
	if _, err := db.DeleteMessage(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	MustCreateOutage(t, db, b.ID, "Other service", day(5), time.Hour)

	rows, err := db.FigureRows(ctx, []int64{a.ID, b.ID}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Service.Name != "Parley" || rows[1].Service.Name != "Boxdrive" {
		t.Fatalf("rows %+v, want Parley then Boxdrive", rows)
	}
	r := rows[0]
	var outs []string
	for _, o := range r.Outages {
		outs = append(outs, fmt.Sprintf("%d %s %s %s %v %q %d", o.ID, o.Start.Format(time.DateOnly), o.Impact, o.Source, o.End != nil, o.Title, len(o.Platforms)))
	}
	want := []string{
		fmt.Sprintf("%d %s degraded official false \"Still down\" 0", open.ID, day(1).Format(time.DateOnly)),
		fmt.Sprintf("%d %s down me true \"\" 0", recent.ID, day(2).Format(time.DateOnly)),
		fmt.Sprintf("%d %s down me true \"\" 0", old.ID, day(9).Format(time.DateOnly)),
	}
	if fmt.Sprint(outs) != fmt.Sprint(want) {
		t.Errorf("outages\n%v\nwant (newest first, title only while open, no platforms)\n%v", outs, want)
	}
	var threads []string
	for _, tk := range r.Tickets {
		s := tk.Subject + ":"
		for _, m := range tk.Messages {
			s += fmt.Sprintf(" %d/%d %s %s %q%q", m.ID, m.TicketID, m.Direction, m.Author, m.Summary, m.Body)
		}
		threads = append(threads, s)
	}
	wantThreads := []string{
		"Silent:",
		fmt.Sprintf(`Second: %d/%d sent me """"`, m3.ID, second.ID),
		fmt.Sprintf(`First: %d/%d sent me """" %d/%d received human """"`, m1.ID, first.ID, reply.ID, first.ID),
	}
	if fmt.Sprint(threads) != fmt.Sprint(wantThreads) {
		t.Errorf("tickets\n%q\nwant (newest first, messages in time order without texts, trash left out)\n%q", threads, wantThreads)
	}
	if len(rows[1].Outages) != 1 || len(rows[1].Tickets) != 0 {
		t.Errorf("Boxdrive: %d outages, %d tickets, want 1 and 0", len(rows[1].Outages), len(rows[1].Tickets))
	}

	if _, err := db.DeleteService(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	_, err = db.FigureRows(ctx, []int64{a.ID, b.ID}, time.Time{})
	assertCode(t, err, journal.ENOTFOUND)
}

func TestFigureRowsSince(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	a := MustCreateService(t, db, "Parley")
	day := func(n int) time.Time { return testNow.AddDate(0, 0, -n) }
	since := day(30)
	MustCreateOutage(t, db, a.ID, "Ended before", day(40), time.Hour)
	MustCreateOutage(t, db, a.ID, "Ends at since", day(31), 24*time.Hour)
	MustCreateOutage(t, db, a.ID, "Across since", day(35), 10*24*time.Hour)
	MustCreateOutage(t, db, a.ID, "After", day(2), time.Hour)
	open := &journal.Outage{ServiceID: a.ID, Title: "Open since long", Start: day(90), Impact: journal.ImpactDown, Source: journal.SourceMe}
	if err := db.CreateOutage(ctx, open); err != nil {
		t.Fatal(err)
	}
	for _, tk := range []struct {
		subject          string
		opened, resolved int // days ago; resolved 0: never
	}{
		{"Resolved before", 60, 31},
		{"Resolved after", 60, 29},
		{"Never resolved", 60, 0},
		{"Opened after", 10, 0},
	} {
		ticket := &journal.Ticket{ServiceID: a.ID, Subject: tk.subject, Channel: journal.ChannelEmail, OpenedAt: day(tk.opened)}
		if tk.resolved > 0 {
			r := day(tk.resolved)
			ticket.ResolvedAt, ticket.Outcome = &r, journal.OutcomeResolved
		}
		if err := db.CreateTicket(ctx, ticket); err != nil {
			t.Fatal(err)
		}
		MustAddMessage(t, db, ticket.ID, "first of "+tk.subject, day(tk.opened))
		MustAddMessage(t, db, ticket.ID, "near the end of "+tk.subject, day(tk.opened).Add(20*24*time.Hour))
	}

	rows, err := db.FigureRows(ctx, []int64{a.ID}, since)
	if err != nil {
		t.Fatal(err)
	}
	var outs []string
	for _, o := range rows[0].Outages {
		outs = append(outs, o.Start.Format(time.DateOnly))
	}
	want := []string{day(2).Format(time.DateOnly), day(31).Format(time.DateOnly), day(35).Format(time.DateOnly), day(90).Format(time.DateOnly)}
	if fmt.Sprint(outs) != fmt.Sprint(want) {
		t.Errorf("outages starting %v, want %v: those that end at or after since, or have not ended", outs, want)
	}
	var tickets []string
	for _, tk := range rows[0].Tickets {
		tickets = append(tickets, fmt.Sprintf("%s %d", tk.Subject, len(tk.Messages)))
	}
	// Each with its whole thread, messages before since included.
	wantTickets := []string{"Opened after 2", "Never resolved 2", "Resolved after 2"}
	if fmt.Sprint(tickets) != fmt.Sprint(wantTickets) {
		t.Errorf("tickets %q, want %q", tickets, wantTickets)
	}
}
