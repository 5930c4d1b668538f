// Package review loads a service's records from the journal and computes
// the figures of PRODUCT.md for a window: what the Overview, a service's
// Summary, `lapse report` and the exports show, from one code path.
package review

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/verdict"
	"lapse/storage"
)

// Options choose the services, the window and the instant of a review.
type Options struct {
	// ServiceIDs are the services reviewed. Empty: every service that is not
	// archived (the Overview), each with only the records that can change
	// the review's figures, verdicts and reminders (see since); named
	// services come with their whole history, as their Summary says
	// whether they hold any record at all.
	ServiceIDs []int64
	From, To   time.Time      // the window [From, To); zero: the last 12 months to AsOf
	AsOf       time.Time      // the report's instant; an ongoing outage counts up to it
	Location   *time.Location // months are bucketed here; nil: from settings, else time.Local
	// Whole loads every field of the records into ServiceReview.Data and
	// Official (titles, platforms, steps, message texts), as a summary that
	// lists them needs; otherwise they hold only what the figures read
	// (see storage.FigureRows).
	Whole bool
}

// Review is the figures of some services over one window.
type Review struct {
	AsOf     time.Time
	Location *time.Location
	Home     string // home currency of every money figure
	Window   figures.Interval
	Months   []figures.Month
	Services []ServiceReview
	Settings journal.Settings
}

// ServiceReview is one service's figures.
type ServiceReview struct {
	// Data holds lived outages only: official incidents are compared, not
	// counted. Its records are cut to what the figures read unless
	// Options.Whole asked for them whole; in a review of every service,
	// to those that can still count (see Options.ServiceIDs), as is
	// Official.
	Data      figures.ServiceData
	Summary   figures.Summary
	Months    []figures.MonthFigures
	ThisMonth figures.MonthFigures // the month holding AsOf, whatever the window
	Official  []journal.Outage     // incidents the service itself published (imported)
	// OfficialUnusable is the official incidents' unusable time over the
	// window, to set against the lived figure in Summary.Unusable.
	OfficialUnusable time.Duration
}

// Location returns the user's time zone from settings, else the system's.
func Location(s journal.Settings) *time.Location {
	if s.TimeZone != "" {
		if loc, err := time.LoadLocation(s.TimeZone); err == nil {
			return loc
		}
	}
	return SystemLocation()
}

// SystemLocation is the system's zone under its IANA name when it can be
// found ($TZ, /etc/localtime), so reports say "Europe/Berlin", not "Local".
func SystemLocation() *time.Location {
	name := strings.TrimPrefix(os.Getenv("TZ"), ":")
	if name == "" {
		if target, err := os.Readlink("/etc/localtime"); err == nil {
			if i := strings.Index(target, "zoneinfo/"); i >= 0 {
				name = target[i+len("zoneinfo/"):]
			}
		}
	}
	if name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	return time.Local
}

// Percent renders the availability 1 − unusable/length (whole seconds, as
// the JSON document holds them) with two decimals, truncated so that 99.999%
// never reads as 100%.
func Percent(unusable, length int64) string {
	if length <= 0 {
		return "—"
	}
	return basisPoints((length - unusable) * 10000 / length)
}

// AvailabilityText renders an availability exactly (to the nanosecond, so
// half a second down is not 100.00%), or "—" when there is none yet.
func AvailabilityText(a *figures.Availability) string {
	if a == nil || a.Length <= 0 {
		return "—"
	}
	return basisPoints(int64(a.BasisPoints()))
}

func basisPoints(bp int64) string { return fmt.Sprintf("%d.%02d%%", bp/100, bp%100) }

// DefaultWindow is the last 12 calendar months up to asOf: from the 1st of
// the month 11 months before asOf's, to asOf.
func DefaultWindow(asOf time.Time, loc *time.Location) figures.Interval {
	first := figures.MonthOf(asOf, loc).Add(-11)
	return figures.Interval{Start: first.Window(loc).Start, End: asOf}
}

// Build computes a review from the journal.
func Build(ctx context.Context, db *storage.DB, opts Options) (*Review, error) {
	settings, err := db.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	loc := opts.Location
	if loc == nil {
		loc = Location(settings)
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = db.Now()
	}
	window := figures.Interval{Start: opts.From, End: opts.To}
	if opts.From.IsZero() && opts.To.IsZero() {
		window = DefaultWindow(opts.AsOf, loc)
	}
	if window.Start.IsZero() {
		window.Start = DefaultWindow(opts.AsOf, loc).Start
	}
	if window.End.IsZero() {
		window.End = opts.AsOf
	}
	if !window.End.After(window.Start) {
		return nil, journal.Invalid("to", journal.ReasonEndBeforeStart)
	}
	conv, err := figures.NewConverter(settings)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	ids, from := opts.ServiceIDs, time.Time{}
	if len(ids) == 0 {
		from = since(window, opts.AsOf, loc, settings.Thresholds)
		svcs, err := db.Services(ctx, storage.ServiceFilter{})
		if err != nil {
			return nil, fmt.Errorf("review: %w", err)
		}
		for _, s := range svcs {
			ids = append(ids, s.ID)
		}
	}
	r := &Review{AsOf: opts.AsOf, Location: loc, Home: settings.HomeCurrency, Window: window,
		Months: figures.MonthsOverlapping(window, loc), Settings: settings}
	// The month holding as-of is computed with the window's months (one
	// pass over the outages), and is one of them unless the window is elsewhere.
	months, thisMonth := r.Months, slices.Index(r.Months, figures.MonthOf(opts.AsOf, loc))
	if thisMonth < 0 {
		months = append(slices.Clip(months), figures.MonthOf(opts.AsOf, loc))
		thisMonth = len(months) - 1
	}
	rows, err := records(ctx, db, ids, from, opts.Whole)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		data, official := split(row)
		sr := ServiceReview{Data: data, Official: official, OfficialUnusable: figures.UnusableTime(official, window, opts.AsOf)}
		summary, series, err := figures.SummaryAndMonths(data, window, months, loc, opts.AsOf, conv)
		if err != nil {
			return nil, err
		}
		sr.Summary = summary
		sr.Months, sr.ThisMonth = series[:len(r.Months):len(r.Months)], series[thisMonth]
		r.Services = append(r.Services, sr)
	}
	return r, nil
}

// Load reads what one service's figures, verdict and reminders read (see
// storage.FigureRows): the outages the user lived (source "me"), not the
// official incidents.
func Load(ctx context.Context, db *storage.DB, serviceID int64) (figures.ServiceData, error) {
	rows, err := db.FigureRows(ctx, []int64{serviceID}, time.Time{})
	if err != nil {
		return figures.ServiceData{}, fmt.Errorf("load service %d: %w", serviceID, err)
	}
	d, _ := split(rows[0])
	return d, nil
}

// since is the earliest instant a review of window as of asOf reads: the
// window's start, the start of the month holding asOf (ThisMonth) and what
// the verdicts read (Judge, Reminders). A record that ended before it
// changes none of them: outage time, tickets and silences are counted from
// the window on, an ongoing outage or unresolved ticket is still read, and
// a ticket that counts brings its whole thread.
func since(window figures.Interval, asOf time.Time, loc *time.Location, th journal.Thresholds) time.Time {
	s := window.Start
	if m := figures.MonthOf(asOf, loc).Window(loc).Start; m.Before(s) {
		s = m
	}
	if v := verdict.Since(th, asOf, loc); v.Before(s) {
		s = v
	}
	return s
}

// records reads the services' records: whole, or cut to what the figures
// read from since on (zero: all of them).
func records(ctx context.Context, db *storage.DB, ids []int64, since time.Time, whole bool) ([]storage.FigureRows, error) {
	if !whole {
		rows, err := db.FigureRows(ctx, ids, since)
		if err != nil {
			return nil, fmt.Errorf("review: %w", err)
		}
		return rows, nil
	}
	out := make([]storage.FigureRows, len(ids))
	for i, id := range ids {
		if err := wholeRecords(ctx, db, id, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// split sets the official incidents apart from the lived outages, keeping
// both in order; the lived ones stay in r's array rather than a copy of a
// decade of outages.
func split(r storage.FigureRows) (figures.ServiceData, []journal.Outage) {
	d := figures.ServiceData{Service: r.Service, Subscriptions: r.Subscriptions, Tickets: r.Tickets}
	var official []journal.Outage
	lived := r.Outages[:0]
	for _, o := range r.Outages {
		if o.Source == journal.SourceOfficial {
			official = append(official, o)
			continue
		}
		lived = append(lived, o)
	}
	if len(lived) > 0 {
		d.Outages = lived
	}
	return d, official
}

// wholeRecords reads every field of a service's records.
func wholeRecords(ctx context.Context, db *storage.DB, serviceID int64, r *storage.FigureRows) error {
	svc, err := db.Service(ctx, serviceID)
	if err != nil {
		return fmt.Errorf("load service %d: %w", serviceID, err)
	}
	r.Service = *svc
	outs, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &serviceID})
	if err != nil {
		return fmt.Errorf("load outages of %s: %w", svc.Name, err)
	}
	for _, o := range outs {
		r.Outages = append(r.Outages, *o)
	}
	subs, err := db.Subscriptions(ctx, storage.SubscriptionFilter{ServiceID: &serviceID})
	if err != nil {
		return fmt.Errorf("load subscriptions of %s: %w", svc.Name, err)
	}
	for _, s := range subs {
		r.Subscriptions = append(r.Subscriptions, *s)
	}
	tickets, err := db.Tickets(ctx, storage.TicketFilter{ServiceID: &serviceID, WithMessages: true})
	if err != nil {
		return fmt.Errorf("load tickets of %s: %w", svc.Name, err)
	}
	for _, t := range tickets {
		r.Tickets = append(r.Tickets, *t)
	}
	return nil
}
