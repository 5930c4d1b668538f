package figures

import (
	"fmt"
	"time"

	"lapse/app/journal"
)

// ServiceData is everything recorded about one service that its figures use.
// All outages, subscriptions and tickets given are counted as the service's.
type ServiceData struct {
	Service       journal.Service
	Outages       []journal.Outage
	Subscriptions []journal.Subscription
	Tickets       []journal.Ticket
}

// MonthFigures are a service's figures for one calendar month, as of an instant.
type MonthFigures struct {
	Month             Month
	Unusable          time.Duration
	Impaired          time.Duration
	Availability      *Availability // nil for a month not begun by as-of
	Cash              int64         // home minor units, rounded once for the month
	Accrued           int64         // home minor units, rounded once for the month
	PaidWhileUnusable int64         // home minor units, rounded once for the month
}

// MonthlySeries computes the figures of each month in loc, as of asOf, with
// money converted by conv. It fails on a missing exchange rate (or an amount
// beyond int64).
func MonthlySeries(d ServiceData, months []Month, loc *time.Location, asOf time.Time, conv Converter) ([]MonthFigures, error) {
	down, all := outageUnions(d.Outages, asOf)
	return monthlySeries(d, down, all, months, loc, asOf, conv)
}

// SummaryAndMonths is Summarize over window and MonthlySeries over months
// from one pass over the outages, which dominates the cost of a long history.
func SummaryAndMonths(d ServiceData, window Interval, months []Month, loc *time.Location, asOf time.Time, conv Converter) (Summary, []MonthFigures, error) {
	down, all := outageUnions(d.Outages, asOf)
	s, err := summarize(d, down, all, window, loc, asOf, conv)
	if err != nil {
		return Summary{}, nil, err
	}
	ms, err := monthlySeries(d, down, all, months, loc, asOf, conv)
	return s, ms, err
}

func monthlySeries(d ServiceData, down, all []Interval, months []Month, loc *time.Location, asOf time.Time, conv Converter) ([]MonthFigures, error) {
	out := make([]MonthFigures, 0, len(months))
	for _, m := range months {
		w := m.Window(loc)
		f := MonthFigures{Month: m, Unusable: overlapLen(down, w), Impaired: overlapLen(all, w)}
		if a, ok := availability(down, w, asOf); ok {
			f.Availability = &a
		}
		var err error
		if f.Cash, f.Accrued, f.PaidWhileUnusable, err = money(d.Subscriptions, down, w, loc, asOf, conv); err != nil {
			return nil, fmt.Errorf("figures of %s for %s: %w", d.Service.Name, m, err)
		}
		out = append(out, f)
	}
	return out, nil
}

// money is cash, accrued and paid-while-unusable over w in home minor units.
func money(subs []journal.Subscription, down []Interval, w Interval, loc *time.Location, asOf time.Time, conv Converter) (cash, accrued, paid int64, err error) {
	if cash, err = conv.Convert(CashCost(subs, w, loc, asOf)); err != nil {
		return 0, 0, 0, fmt.Errorf("cash cost: %w", err)
	}
	if accrued, err = conv.Convert(AccruedCost(subs, w, loc, asOf)); err != nil {
		return 0, 0, 0, fmt.Errorf("accrued cost: %w", err)
	}
	if paid, err = conv.Convert(paidWhileUnusable(subs, down, w, loc, asOf)); err != nil {
		return 0, 0, 0, fmt.Errorf("paid while unusable: %w", err)
	}
	return cash, accrued, paid, nil
}

// TicketResponse names the ticket a response figure comes from.
type TicketResponse struct {
	TicketID int64
	Response
}

// TicketSilence names the ticket a silence comes from.
type TicketSilence struct {
	TicketID int64
	Silence
}

// Summary holds a service's figures over an arbitrary window, as of an instant.
type Summary struct {
	Window            Interval
	Unusable          time.Duration
	Impaired          time.Duration
	Availability      *Availability // nil when the window has not begun by as-of
	Cash              int64         // home minor units: charges dated in the window and paid by as-of
	Accrued           int64         // home minor units
	PaidWhileUnusable int64         // home minor units
	Outages           int           // outages of any impact overlapping the window
	Tickets           int           // tickets open at some time in the window
	// WorstFirstResponse is the slowest first response among those tickets.
	WorstFirstResponse *TicketResponse
	// WorstFirstHumanResponse is the slowest first human reply among them: a
	// quick bot answer can hide a long wait for a person.
	WorstFirstHumanResponse *TicketResponse
	// LongestSilence is the longest silence among those tickets, measured whole.
	LongestSilence *TicketSilence
}

// Summarize computes the figures of d over window in loc, as of asOf. Money
// is rounded once per figure. A ticket counts when it was open at some time
// in the window; its silences are measured whole, not clipped to the window.
func Summarize(d ServiceData, window Interval, loc *time.Location, asOf time.Time, conv Converter) (Summary, error) {
	down, all := outageUnions(d.Outages, asOf)
	return summarize(d, down, all, window, loc, asOf, conv)
}

func summarize(d ServiceData, down, all []Interval, window Interval, loc *time.Location, asOf time.Time, conv Converter) (Summary, error) {
	s := Summary{
		Window:   window,
		Unusable: overlapLen(down, window),
		Impaired: overlapLen(all, window),
	}
	if a, ok := availability(down, window, asOf); ok {
		s.Availability = &a
	}
	var err error
	if s.Cash, s.Accrued, s.PaidWhileUnusable, err = money(d.Subscriptions, down, window, loc, asOf, conv); err != nil {
		return Summary{}, fmt.Errorf("summary of %s: %w", d.Service.Name, err)
	}

	w := until(window, asOf)
	if w.Empty() {
		return s, nil // nothing of the window has happened by asOf
	}
	for i := range d.Outages {
		span := outageSpan(&d.Outages[i], asOf)
		// A zero-length outage has no time to overlap with; its start places it.
		startsIn := !span.Start.Before(w.Start) && span.Start.Before(w.End)
		if startsIn || span.Overlaps(w) {
			s.Outages++
		}
	}
	for i := range d.Tickets {
		t := &d.Tickets[i]
		if !t.OpenedAt.Before(w.End) || (t.ResolvedAt != nil && t.ResolvedAt.Before(w.Start)) {
			continue
		}
		s.Tickets++
		m := TicketMetrics(*t, asOf)
		if r := m.FirstResponse; r != nil && (s.WorstFirstResponse == nil || r.After > s.WorstFirstResponse.After) {
			s.WorstFirstResponse = &TicketResponse{t.ID, *r}
		}
		if r := m.FirstHumanResponse; r != nil && (s.WorstFirstHumanResponse == nil || r.After > s.WorstFirstHumanResponse.After) {
			s.WorstFirstHumanResponse = &TicketResponse{t.ID, *r}
		}
		if l := m.LongestSilence; l != nil && (s.LongestSilence == nil || l.Length() > s.LongestSilence.Length()) {
			s.LongestSilence = &TicketSilence{t.ID, *l}
		}
	}
	return s, nil
}
