package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// hugeGeneration changes whenever the huge sample's content changes, so a
// cached file from an older generator is not reused.
const hugeGeneration = 1

// hugeServices is ten times the large sample's four services.
const hugeServices = 40

// EnsureHuge returns a journal ten times the large sample in dir — 40
// services over the same decade with the same outage and ticket rates
// (about 440,000 outages, 49,000 tickets, 196,000 messages), as of
// LargeEpoch — writing it the first time in one transaction and reusing
// it afterwards. It is for the benchmarks' cost-growth check, not for people.
func EnsureHuge(dir string) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("lapse-huge-v%d-g%d.db", storage.SchemaVersion, hugeGeneration))
	return ensure(path, func(ctx context.Context, db *storage.DB) error {
		if err := db.Load(ctx, hugeSnapshot(LargeEpoch)); err != nil {
			return fmt.Errorf("huge sample journal: %w", err)
		}
		return nil
	})
}

// hugeSnapshot is the huge sample as of now: each service gets one of the
// large sample's four plans, 90 outages a month and a ticket every three
// days with the large sample's four-message thread.
func hugeSnapshot(now time.Time) *storage.Snapshot {
	n := english
	now = now.UTC().Truncate(time.Second)
	today := journal.DateOf(now)
	start := today.AddMonthsClamped(-12*10 - 2)
	from := start.In(time.UTC)
	rnd := rand.New(rand.NewPCG(7, 11))
	s := &storage.Snapshot{Settings: journal.DefaultSettings()}
	s.Settings.HomeCurrency = n.home
	for _, r := range n.rates {
		r.AsOf = today
		s.Settings.Rates = append(s.Settings.Rates, r)
	}
	plans := []journal.Subscription{
		{Plan: "Plus", Amount: 2000, Currency: "USD", Period: journal.Period{N: 1, Unit: journal.Months}, Start: start.AddDays(5)},
		{Plan: "Pro", Amount: 1800, Currency: "USD", Period: journal.Period{N: 1, Unit: journal.Months}, Start: today.AddMonthsClamped(-1)},
		{Plan: "Standard", Amount: 1490, Currency: "JPY", Period: journal.Period{N: 1, Unit: journal.Months}, Start: start.AddDays(9),
			Prices: []journal.PriceChange{{Effective: today.AddMonthsClamped(-5), Amount: 1590}}},
		{Plan: "2 TB", Amount: 9999, Currency: "USD", Period: journal.Period{N: 1, Unit: journal.Years}, Start: start.AddDays(20)},
	}
	var priceID, ticketID, messageID int64
	for i := range hugeServices {
		svc := journal.Service{ID: int64(i + 1), Name: fmt.Sprintf("Service %02d", i+1), Category: n.catAI,
			CreatedAt: now, UpdatedAt: now}
		if i%4 == 0 {
			svc.Alternatives = []int64{int64(i + 2)} // like Parley AI and Quill Assistant
		}
		s.Services = append(s.Services, storage.Record[journal.Service]{Value: svc})
		sub := plans[i%len(plans)]
		sub.ID, sub.ServiceID, sub.CreatedAt, sub.UpdatedAt = svc.ID, svc.ID, now, now
		sub.Prices = append([]journal.PriceChange(nil), sub.Prices...)
		for j := range sub.Prices {
			priceID++
			sub.Prices[j].ID = priceID
		}
		s.Subscriptions = append(s.Subscriptions, storage.Record[journal.Subscription]{Value: sub})
	}
	for _, svc := range s.Services {
		for t := from; t.Before(now.AddDate(0, 0, -3)); t = t.AddDate(0, 1, 0) {
			for range 90 {
				st := t.Add(time.Duration(rnd.IntN(28*24*60)) * time.Minute)
				e := st.Add(time.Duration(15+rnd.IntN(6*60)) * time.Minute)
				impact, title := journal.ImpactDown, n.shortTitles[rnd.IntN(len(n.shortTitles))]
				if rnd.IntN(4) == 0 {
					impact, title = journal.ImpactDegraded, n.slowTitle
				}
				s.Outages = append(s.Outages, storage.Record[journal.Outage]{Value: journal.Outage{
					ID: int64(len(s.Outages) + 1), ServiceID: svc.Value.ID, Title: title, Start: st, End: &e, Impact: impact,
					Source: journal.SourceMe, CreatedAt: now, UpdatedAt: now}})
			}
		}
	}
	for _, svc := range s.Services {
		for t := from; t.Before(now.AddDate(0, 0, -30)); t = t.AddDate(0, 0, 3) {
			opened := t.Add(time.Duration(rnd.IntN(14*24)) * time.Hour)
			resolved := opened.Add(time.Duration(24+rnd.IntN(10*24)) * time.Hour)
			ticketID++
			s.Tickets = append(s.Tickets, storage.Record[journal.Ticket]{Value: journal.Ticket{ID: ticketID, ServiceID: svc.Value.ID,
				Subject: n.shortTitles[rnd.IntN(len(n.shortTitles))], Channel: journal.ChannelEmail, OpenedAt: opened,
				ResolvedAt: &resolved, Outcome: journal.OutcomeResolved, CreatedAt: now, UpdatedAt: now}})
			for i, m := range []journal.Message{
				{At: opened, Direction: journal.Sent, Author: journal.AuthorMe, Summary: n.messages[0]},
				{At: opened.Add(2 * time.Minute), Direction: journal.Received, Author: journal.AuthorBot, Summary: n.messages[2]},
				{At: opened.Add(20 * time.Hour), Direction: journal.Sent, Author: journal.AuthorMe, Summary: n.messages[3]},
				{At: resolved, Direction: journal.Received, Author: journal.AuthorHuman, Summary: n.messages[4]},
			} {
				messageID++
				m.ID, m.TicketID, m.CreatedAt, m.UpdatedAt = messageID, ticketID, now, now
				m.Body = fmt.Sprintf("message %d of ticket %d", i+1, ticketID)
				s.Messages = append(s.Messages, storage.Record[journal.Message]{Value: m})
			}
		}
	}
	return s
}
