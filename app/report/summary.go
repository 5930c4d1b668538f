// Package report writes the "summary before cancelling" of one service over
// a period — key figures, outage and support timelines, charges, verdict,
// monthly chart and a drafted cancellation/refund request — as Markdown,
// self-contained HTML, PDF, CSV and JSON. Everything is gathered once by
// Build; each format only renders the Summary, so all formats say the same.
//
// Every user-entered string is treated as hostile: HTML goes through
// html/template, Markdown escapes it, CSV neutralises formula cells.
package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"lapse/app/charts"
	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/verdict"
	"lapse/app/words"
	"lapse/storage"
)

// Chart size of the monthly cost/downtime chart, in pixels.
const (
	ChartWidth  = 1000
	ChartHeight = 380
)

// Options choose the service, the period and the language of a summary.
type Options struct {
	ServiceID int64
	From, To  time.Time      // the period [From, To); zero: the last 12 months to AsOf
	AsOf      time.Time      // the summary's instant; zero: the journal's clock
	Lang      words.Lang     // language of labels and letter
	Location  *time.Location // the user's zone; nil: from settings
}

// Summary is everything an export shows, gathered from the journal once.
type Summary struct {
	Lang     words.Lang
	Service  journal.Service
	AsOf     time.Time
	Location *time.Location
	Window   figures.Interval // the period, [Start, End)
	Home     string           // home currency of the key figures and months

	Review  *review.Review         // the one-service review the figures come from
	Figures *review.ServiceReview  // Review.Services[0]
	Refund  journal.Money          // paid while unusable, in the plan's currency when all plans share one, else home
	Plans   []journal.Subscription // plans with a charge in the period or running in it
	Charges []Charge               // charges dated in the period and paid by as-of, by date
	Next    *Charge                // the next charge after as-of, if a plan will charge again

	Outages   []journal.Outage // outages overlapping the period, oldest first
	Tickets   []Ticket         // tickets open at some time in the period, oldest first
	Decisions []Decision       // decisions dated from the period's start to as-of

	// Verdict is the service's verdict as of AsOf, with the alternatives
	// the user listed compared. Build always sets it; the formats leave the
	// section out when it is nil.
	Verdict *verdict.Verdict

	Chart []byte // PNG of the monthly cost/downtime chart, ChartWidth × ChartHeight
}

// Charge is one charge of a plan.
type Charge struct {
	figures.Charge
	Plan string
}

// Ticket is a support ticket with its thread and figures.
type Ticket struct {
	journal.Ticket
	Metrics figures.Metrics
	Thread  []Entry // messages up to as-of, in time order
}

// Entry is a message of the support timeline with its gap and the silence
// it ended, as figures.Thread marks it.
type Entry = figures.Mark

// Decision is a decision event with the name of the service switched to.
type Decision struct {
	journal.Decision
	SwitchedTo string
}

// Build gathers the summary of opts.ServiceID over the period.
func Build(ctx context.Context, db *storage.DB, opts Options) (*Summary, error) {
	if opts.AsOf.IsZero() {
		opts.AsOf = db.Now()
	}
	r, err := review.Build(ctx, db, review.Options{ServiceIDs: []int64{opts.ServiceID}, From: opts.From, To: opts.To,
		AsOf: opts.AsOf, Location: opts.Location, Whole: true})
	if err != nil {
		return nil, fmt.Errorf("summary of service %d: %w", opts.ServiceID, err)
	}
	sr := &r.Services[0]
	s := &Summary{Lang: opts.Lang, Service: sr.Data.Service, AsOf: r.AsOf, Location: r.Location, Window: r.Window, Home: r.Home,
		Review: r, Figures: sr}
	if s.Lang != words.JA {
		s.Lang = words.EN
	}
	s.plans(sr.Data.Subscriptions)
	if s.Refund, err = refund(sr, r); err != nil {
		return nil, fmt.Errorf("summary of %s: %w", s.Service.Name, err)
	}
	s.outages(sr.Data.Outages)
	s.tickets(sr.Data.Tickets)
	if s.Decisions, err = decisions(ctx, db, s); err != nil {
		return nil, err
	}
	j, err := r.Judge(ctx, db, sr)
	if err != nil {
		return nil, err
	}
	s.Verdict = &j.Verdict
	labels := review.ChartLabels(s.Lang)
	labels.Title = words.T(s.Lang, "chart.cost_downtime")
	if s.Chart, err = charts.CostDowntime(r.Monthly(sr, s.Lang), labels, ChartWidth, ChartHeight, charts.PNG); err != nil {
		return nil, fmt.Errorf("chart of %s: %w", s.Service.Name, err)
	}
	return s, nil
}

// elapsed is the part of the period that has happened by as-of.
func (s *Summary) elapsed() figures.Interval {
	w := s.Window
	if w.End.After(s.AsOf) {
		w.End = s.AsOf
	}
	return w
}

// FirstDay and LastDay are the period's first and last calendar days in the user's zone.
func (s *Summary) FirstDay() journal.Date { return journal.DateOf(s.Window.Start.In(s.Location)) }

// LastDay is the last calendar day of the period in the user's zone (its end is exclusive).
func (s *Summary) LastDay() journal.Date {
	return journal.DateOf(s.Window.End.Add(-time.Nanosecond).In(s.Location))
}

// plans keeps the subscriptions that charged or ran in the period, lists
// their charges in it and finds the next charge.
func (s *Summary) plans(subs []journal.Subscription) {
	w := s.elapsed()
	from, to := journal.DateOf(w.Start.In(s.Location)), journal.DateOf(w.End.In(s.Location))
	for _, sub := range subs {
		// A plan runs up to local midnight of its end date, the end of its last paid period.
		running := sub.Start.In(s.Location).Before(w.End) && (sub.End.IsZero() || sub.End.In(s.Location).After(w.Start))
		var charged bool
		for _, c := range figures.Charges(sub, from, to) {
			t := c.Date.In(s.Location)
			if !t.Before(w.Start) && t.Before(w.End) && !t.After(s.AsOf) {
				s.Charges = append(s.Charges, Charge{Charge: c, Plan: sub.Plan})
				charged = true
			}
		}
		if !running && !charged {
			continue
		}
		s.Plans = append(s.Plans, sub)
		if c, ok := nextCharge(sub, s.AsOf, s.Location); ok && (s.Next == nil || c.Date.Before(s.Next.Date)) {
			s.Next = &Charge{Charge: c, Plan: sub.Plan}
		}
	}
	slices.SortStableFunc(s.Charges, func(a, b Charge) int { return dateCompare(a.Date, b.Date) })
}

// nextCharge is sub's next charge after asOf's day, with its amount.
func nextCharge(sub journal.Subscription, asOf time.Time, loc *time.Location) (figures.Charge, bool) {
	d, ok := figures.NextCharge(sub, asOf, loc)
	if !ok {
		return figures.Charge{}, false
	}
	c := figures.Charges(sub, d, d)
	if len(c) != 1 {
		return figures.Charge{}, false
	}
	return c[0], true
}

// refund is the paid-while-unusable figure to ask back: exact in the plans'
// own currency when they all share one, else the home-currency figure.
func refund(sr *review.ServiceReview, r *review.Review) (journal.Money, error) {
	home := journal.Money{Amount: sr.Summary.PaidWhileUnusable, Currency: r.Home}
	amounts := figures.PaidWhileUnusable(sr.Data.Subscriptions, sr.Data.Outages, r.Window, r.Location, r.AsOf)
	var code string
	for c, v := range amounts {
		if v.Sign() == 0 {
			continue
		}
		if code != "" {
			return home, nil
		}
		code = c
	}
	if code == "" || code == r.Home {
		return home, nil
	}
	minor, err := figures.RoundHalfEven(amounts[code])
	if err != nil {
		return journal.Money{}, fmt.Errorf("refund estimate: %w", err)
	}
	return journal.Money{Amount: minor, Currency: code}, nil
}

// outages keeps the outages overlapping the period up to as-of (a
// zero-length one placed by its start), oldest first.
func (s *Summary) outages(all []journal.Outage) {
	w := s.elapsed()
	for _, o := range all {
		end := s.AsOf
		if o.End != nil && o.End.Before(end) {
			end = *o.End
		}
		startsIn := !o.Start.Before(w.Start) && o.Start.Before(w.End)
		if startsIn || (o.Start.Before(w.End) && end.After(w.Start)) {
			s.Outages = append(s.Outages, o)
		}
	}
	slices.SortStableFunc(s.Outages, func(a, b journal.Outage) int { return a.Start.Compare(b.Start) })
}

// OutageEnd is when o ended, or as-of while it is ongoing.
func (s *Summary) OutageEnd(o *journal.Outage) time.Time {
	if o.End == nil || o.End.After(s.AsOf) {
		return s.AsOf
	}
	return *o.End
}

// tickets keeps the tickets open at some time in the period, with their
// threads and figures, oldest first.
func (s *Summary) tickets(all []journal.Ticket) {
	w := s.elapsed()
	for _, t := range all {
		if !t.OpenedAt.Before(w.End) || (t.ResolvedAt != nil && t.ResolvedAt.Before(w.Start)) {
			continue
		}
		s.Tickets = append(s.Tickets, Ticket{Ticket: t, Metrics: figures.TicketMetrics(t, s.AsOf), Thread: figures.Thread(t, s.AsOf)})
	}
	slices.SortStableFunc(s.Tickets, func(a, b Ticket) int { return a.OpenedAt.Compare(b.OpenedAt) })
}

// decisions lists the service's decisions dated from the period's first day to as-of.
func decisions(ctx context.Context, db *storage.DB, s *Summary) ([]Decision, error) {
	list, err := db.Decisions(ctx, s.Service.ID)
	if err != nil {
		return nil, fmt.Errorf("summary of %s: %w", s.Service.Name, err)
	}
	first, last := s.FirstDay(), journal.DateOf(s.AsOf.In(s.Location))
	var out []Decision
	for _, d := range list {
		if d.Date.Before(first) || d.Date.After(last) {
			continue
		}
		dd := Decision{Decision: *d}
		if d.SwitchedTo != nil {
			if svc, err := db.Service(ctx, *d.SwitchedTo); err == nil {
				dd.SwitchedTo = svc.Name
			} else if journal.ErrorCode(err) != journal.ENOTFOUND {
				return nil, fmt.Errorf("summary of %s: %w", s.Service.Name, err)
			}
		}
		out = append(out, dd)
	}
	slices.SortStableFunc(out, func(a, b Decision) int { return dateCompare(a.Date, b.Date) })
	return out, nil
}

// dateCompare orders calendar days.
func dateCompare(a, b journal.Date) int {
	switch {
	case a.Before(b):
		return -1
	case b.Before(a):
		return 1
	}
	return 0
}

// Formats are the formats Render writes.
var Formats = []string{"md", "html", "pdf", "csv", "json"}

// Render writes the summary in one of Formats: the CLI and the UI share
// it. CSV is a zip of every table unless table names one of Tables.
func (s *Summary) Render(format, table string) ([]byte, error) {
	if table != "" && format != "csv" {
		return nil, journal.Invalid("table", journal.ReasonInvalidChoice)
	}
	switch format {
	case "md":
		return s.Markdown(), nil
	case "html":
		return s.HTML()
	case "pdf":
		return s.PDF()
	case "json":
		return s.JSON()
	case "csv":
		if table != "" {
			return s.CSV(table)
		}
		return s.CSVZip()
	}
	return nil, journal.Invalid("format", journal.ReasonInvalidChoice)
}
