package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/statuswatch"
)

func init() {
	register("watch", "poll the services' status pages, printing what changed: lapse watch [--once]", runWatch)
}

func runWatch(ctx context.Context, env Env, args []string) error {
	fs, dbFlag := newFlags("watch", env)
	once := fs.Bool("once", false, "poll every page that is due once and exit (for cron); exit 1 if one failed")
	wait := waitFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"lapse watch takes no arguments"}
	}
	db, err := openJournal(ctx, env, *dbFlag, *wait)
	if err != nil {
		return err
	}
	defer db.Close()
	settings, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	loc := review.Location(settings)
	w := &statuswatch.Watcher{DB: db, Fetcher: importer.Fetcher{}, Now: env.Now}
	watched, err := w.Watched(ctx)
	if err != nil {
		return err
	}
	if len(watched) == 0 {
		fmt.Fprintln(env.Stdout, "No service has a status page to watch: give one its status page address first.")
		return nil
	}
	if *once {
		reports, err := w.PollAll(ctx)
		if err != nil {
			return err
		}
		failed, fetched := 0, 0
		for _, r := range reports {
			printWatchReport(env.Stdout, r, loc)
			if r.Err != nil {
				failed++
			}
			if r.Fetched {
				fetched++
			}
		}
		fmt.Fprintf(env.Stdout, "Checked %d of %d status pages", fetched, len(reports))
		if waiting := len(reports) - fetched; waiting > 0 {
			fmt.Fprintf(env.Stdout, " (%d not due yet)", waiting)
		}
		fmt.Fprintln(env.Stdout, ".")
		if failed > 0 {
			return &exitError{code: 1, err: fmt.Errorf("%d of %d status pages could not be read", failed, len(reports))}
		}
		return nil
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	fmt.Fprintf(env.Stdout, "Watching %d status pages every %s; Ctrl+C stops.\n", len(watched),
		statuswatch.Interval(settings))
	w.Observe = func(r statuswatch.Report) { printWatchReport(env.Stdout, r, loc) }
	if err := w.Run(ctx); ctx.Err() == nil {
		return err
	}
	return nil
}

// printWatchReport says in a few lines what one poll changed or why it
// failed; a page not due, or that did not change, says nothing.
func printWatchReport(out io.Writer, r statuswatch.Report, loc *time.Location) {
	at := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04") }
	name := r.Service.Name
	switch {
	case !r.Fetched && r.Err != nil:
		fmt.Fprintf(out, "%s: %v\n", name, r.Err)
		return
	case r.Err != nil:
		fmt.Fprintf(out, "%s: failed (%d in a row), next try %s: %v\n", name, r.Failures, at(r.NextAt), r.Err)
		return
	case !r.Fetched || r.NotModified || r.New+r.Changed == 0:
		return
	}
	fmt.Fprintf(out, "%s: %d new, %d changed (%s %s)\n", name, r.New, r.Changed, r.Kind, r.Source)
	for _, e := range r.Events {
		inc := e.Incident
		switch e.Kind {
		case statuswatch.EventReported:
			state := "going on since " + at(inc.Start)
			if e.State == statuswatch.Unknown {
				state = "posted " + at(inc.Start) + "; the page does not say whether it is over"
			}
			fmt.Fprintf(out, "  reports %q, %s. Affected? `lapse down %q`\n", inc.Title, state, name)
		case statuswatch.EventBack:
			fmt.Fprintf(out, "  resolved %q at %s; your outage since %s is still open. It's back? `lapse back %q`\n",
				inc.Title, at(*inc.End), at(e.Lived.Start), name)
		case statuswatch.EventResolved:
			fmt.Fprintf(out, "  resolved %q at %s\n", inc.Title, at(endOf(inc)))
		case statuswatch.EventLeft:
			fmt.Fprintf(out, "  stopped listing %q without saying it ended; Lapse ends it at %s, its last check before\n",
				inc.Title, at(endOf(inc)))
			if e.Lived != nil {
				fmt.Fprintf(out, "    your outage since %s is still open. It's back? `lapse back %q`\n", at(e.Lived.Start), name)
			}
		}
		if inc.Link != "" {
			fmt.Fprintf(out, "    %s\n", inc.Link)
		}
	}
}

func endOf(o journal.Outage) time.Time {
	if o.End != nil {
		return *o.End
	}
	return o.Start
}
