package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"lapse/app/datetext"
	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/report"
	"lapse/app/review"
	"lapse/app/words"
	"lapse/storage"
)

func init() {
	register("report", "print the figures and verdicts: lapse report [--service NAME] [--from DATE --to DATE] [--as-of TIME] [--json]", runReport)
}

func runReport(ctx context.Context, env Env, args []string) error {
	fs, dbFlag := newFlags("report", env)
	service := fs.String("service", "", "only this service (name, any case); adds its months")
	from := fs.String("from", "", "first day of the window, YYYY-MM-DD (default: 12 months back)")
	to := fs.String("to", "", "last day of the window, YYYY-MM-DD, included (default: as of)")
	asOf := fs.String("as-of", "", "the report's instant: RFC 3339 or YYYY-MM-DD HH:MM in your time zone (default: the end of --to when it is past, else now)")
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
	verdicts, err := judgeAll(ctx, db, r)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(reportDoc{Doc: r.Document(), Verdicts: verdicts})
	}
	if err := printReport(env, r, *service != ""); err != nil {
		return err
	}
	return printVerdicts(env, verdicts)
}

// reportDoc is what `lapse report --json` prints: the figures and each
// service's verdict as of the report's instant.
type reportDoc struct {
	review.Doc
	Verdicts []serviceVerdict `json:"verdicts"`
}

type serviceVerdict struct {
	Service string `json:"service"`
	report.VerdictDoc
}

// judgeAll judges every service of r as of r.AsOf.
func judgeAll(ctx context.Context, db *storage.DB, r *review.Review) ([]serviceVerdict, error) {
	out := []serviceVerdict{}
	for i := range r.Services {
		sr := &r.Services[i]
		j, err := r.Judge(ctx, db, sr)
		if err != nil {
			return nil, err
		}
		out = append(out, serviceVerdict{Service: sr.Data.Service.Name, VerdictDoc: report.NewVerdictDoc(j.Verdict, r.AsOf, r.Location, words.EN)})
	}
	return out, nil
}

// printVerdicts writes each service's verdict with its reasons.
func printVerdicts(env Env, vs []serviceVerdict) error {
	for _, v := range vs {
		first, rest := utf8.DecodeRuneInString(v.Text)
		if _, err := fmt.Fprintf(env.Stdout, "\n%s: %s%s\n", v.Service, strings.ToUpper(string(first)), v.Text[rest:]); err != nil {
			return err
		}
		for _, r := range v.Reasons {
			fmt.Fprintf(env.Stdout, "  - %s\n", r.Text)
		}
		fmt.Fprintf(env.Stdout, "  (%s)\n", v.AsOfText)
	}
	return nil
}

// parseWindow reads --as-of, --from and --to (days in loc, --to included,
// so the window ends at the midnight after it); unset bounds stay zero for
// the caller's default. Without --as-of a period that ends in the past is
// judged as of its end (review.JudgementMoment), else as of now.
func parseWindow(asOf, from, to string, loc *time.Location, now time.Time) (at, start, end time.Time, err error) {
	at = now
	if asOf != "" {
		if at, err = parseInstant(asOf, loc); err != nil {
			return at, start, end, usageError{fmt.Sprintf("--as-of: %v (want RFC 3339 or YYYY-MM-DD HH:MM)", err)}
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
	if asOf == "" {
		at = review.JudgementMoment(figures.Interval{Start: start, End: end}, now)
	}
	return at, start, end, nil
}

// parseInstant reads RFC 3339, or a local date and time as the date fields
// read it (datetext: "YYYY-MM-DD HH:MM"; a day alone is its first instant; a
// time the clocks skipped is refused, not moved an hour).
func parseInstant(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return datetext.Parse(s, loc)
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
	printOfficial(env.Stdout, r)
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
	if err := printOfficialMonths(env.Stdout, s); err != nil {
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
