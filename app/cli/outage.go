package cli

import (
	"context"
	"fmt"

	"lapse/app/journal"
	"strings"
	"time"
)

func init() {
	register("down", "start an outage now: lapse down SERVICE [note]", runDown)
	register("back", "end the ongoing outage of a service now: lapse back SERVICE", runBack)
}

func runDown(ctx context.Context, env Env, args []string) error {
	fs, dbFlag := newFlags("down", env)
	wait := waitFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"which service? lapse down SERVICE [note]"}
	}
	db, err := openJournal(ctx, env, *dbFlag, *wait)
	if err != nil {
		return err
	}
	defer db.Close()
	svc, err := findService(ctx, db, pos[0])
	if err != nil {
		return err
	}
	o, err := db.StartOutage(ctx, svc.ID, strings.Join(pos[1:], " "))
	if journal.ErrorCode(err) == journal.ECONFLICT && o != nil {
		return fmt.Errorf("%s is already down since %s (outage %d): `lapse back %q` ends it",
			svc.Name, o.Start.Local().Format("2006-01-02 15:04"), o.ID, svc.Name)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s is down since %s (outage %d). `lapse back %q` when it is back.\n",
		svc.Name, o.Start.Local().Format("2006-01-02 15:04"), o.ID, svc.Name)
	return nil
}

func runBack(ctx context.Context, env Env, args []string) error {
	fs, dbFlag := newFlags("back", env)
	wait := waitFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"which service? lapse back SERVICE"}
	}
	db, err := openJournal(ctx, env, *dbFlag, *wait)
	if err != nil {
		return err
	}
	defer db.Close()
	svc, err := findService(ctx, db, pos[0])
	if err != nil {
		return err
	}
	ongoing, err := db.OngoingOutage(ctx, svc.ID)
	if journal.ErrorCode(err) == journal.ENOTFOUND {
		return fmt.Errorf("%s has no ongoing outage", svc.Name)
	}
	if err != nil {
		return err
	}
	o, err := db.EndOutage(ctx, ongoing.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s is back at %s after %s.\n", svc.Name, o.End.Local().Format("2006-01-02 15:04"),
		o.End.Sub(o.Start).Round(time.Minute))
	return nil
}
