package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/words"
)

func init() {
	register("report", "print the figures: lapse report [--service NAME] [--from DATE --to DATE] [--as-of TIME] [--json]", runReport)
}

func runReport(ctx context.Context, env Env, args []string) error {
	fs, dbFlag := newFlags("report", env)
	service := fs.String("service", "", "only this service (name, any case); adds its months")
	from := fs.String("from", "", "first day of the window, YYYY-MM-DD (default: 12 months back)")
	to := fs.String("to", "", "last day of the window, YYYY-MM-DD, included (default: as of)")
	asOf := fs.String("as-of", "", "the report's instant: RFC 3339 or YYYY-MM-DD HH:MM in your time zone (default: now)")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	// A mistake in the dates is told before the journal is looked for; they
	// are read again in the journal's time zone.
	if _, _, _, err := parseWindow(*asOf, *from, *to, time.UTC, env.Now()); err != nil {
		return err
	}
	db, err := readJournal(ctx, env, *dbFlag)
	if err != nil {
		return err
	}
	defer db.Close()
	settings, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	loc := review.Location(settings)
	opts := review.Options{Location: loc, AsOf: env.Now()}
	if opts.AsOf, opts.From, opts.To, err = parseWindow(*asOf, *from, *to, loc, opts.AsOf); err != nil {
		return err
	}
	if *service != "" {
		svc, err := findService(ctx, db, *service)
		if err != nil {
			return err
		}
		opts.ServiceIDs = []int64{svc.ID}
	}
	r, err := review.Build(ctx, db, opts)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r.Document())
	}
	return printReport(env, r, *service != "")
}

// parseWindow reads --as-of (default: now), --from and --to (days in loc,
// --to included, so the window ends at the midnight after it); unset
// bounds stay zero for the caller's default.
func parseWindow(asOf, from, to string, loc *time.Location, now time.Time) (at, start, end time.Time, err error) {
	at = now
	if asOf != "" {
		if at, err = parseInstant(asOf, loc); err != nil {
			return at, start, end, usageError{fmt.Sprintf("--as-of %q: want RFC 3339 or YYYY-MM-DD HH:MM", asOf)}
		}
	}
	if from != "" {
		d, err := journal.ParseDate(from)
		if err != nil {
			return at, start, end, usageError{"--from: " + err.Error()}
		}
		start = d.In(loc)
	}
	if to != "" {
		d, err := journal.ParseDate(to)
		if err != nil {
			return at, start, end, usageError{"--to: " + err.Error()}
		}
		end = d.AddDays(1).In(loc)
	}
	return at, start, end, nil
}

// parseInstant reads RFC 3339, or a local "YYYY-MM-DD HH:MM" / "YYYY-MM-DD".
func parseInstant(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a time: %q", s)
}

func printReport(env Env, r *review.Review, months bool) error {
	d := r.Document()
	fmt.Fprintf(env.Stdout, "Lapse report %s to %s, as of %s (%s); money in %s\n\n",
		d.From.In(r.Location).Format("2006-01-02 15:04"), d.To.In(r.Location).Format("2006-01-02 15:04"),
		d.AsOf.In(r.Location).Format("2006-01-02 15:04"), d.TimeZone, d.Currency)
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "Service\tUnusable\tImpaired\tAvailability\tPaid\tAccrued\tPaid while unusable\tOutages\tTickets\t")
	for _, s := range d.Services {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t\n", s.Name, dur(s.Figures.UnusableSeconds), dur(s.Figures.ImpairedSeconds),
			avail(s.Figures.Availability), s.Figures.Cash.Text, s.Figures.Accrued.Text, s.Figures.PaidWhileUnusable.Text, s.Outages, s.Tickets)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if !months || len(d.Services) != 1 {
		return nil
	}
	s := d.Services[0]
	fmt.Fprintf(env.Stdout, "\n%s by month\n", s.Name)
	w = tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "Month\tUnusable\tImpaired\tAvailability\tPaid\tAccrued\tPaid while unusable\t")
	for _, m := range s.Months {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", m.Month, dur(m.UnusableSeconds), dur(m.ImpairedSeconds), avail(m.Availability),
			m.Cash.Text, m.Accrued.Text, m.PaidWhileUnusable.Text)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if s.LongestSilenceSeconds != nil {
		fmt.Fprintf(env.Stdout, "\nLongest silence from support: %s\n", words.Duration(time.Duration(*s.LongestSilenceSeconds)*time.Second, words.EN))
	}
	return nil
}

func dur(sec int64) string {
	if sec == 0 {
		return "0"
	}
	return words.Duration(time.Duration(sec)*time.Second, words.EN)
}

func avail(a *review.AvailabilityDoc) string {
	if a == nil {
		return "—"
	}
	return review.Percent(a.UnusableSeconds, a.LengthSeconds)
}
