package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"lapse/app/paths"
	"lapse/storage"
)

func init() {
	register("check", "check a journal read-only: schema version, counts, integrity", runCheck)
}

func runCheck(ctx context.Context, env Env, args []string) error {
	fs, dbFlag := newFlags("check", env)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	path, err := paths.Resolve(*dbFlag)
	if err != nil {
		return err
	}
	h, err := storage.Inspect(ctx, path)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	c := h.Counts
	fmt.Fprintf(w, "Journal:\t%s\n", h.Path)
	fmt.Fprintf(w, "Schema version:\t%d\n", h.SchemaVersion)
	fmt.Fprintf(w, "Quick check:\t%s\n", h.QuickCheck)
	for _, row := range []struct {
		name string
		n    int
	}{
		{"Services", c.Services}, {"Subscriptions", c.Subscriptions}, {"Price changes", c.PriceChanges},
		{"Outages", c.Outages}, {"Tickets", c.Tickets}, {"Messages", c.Messages},
		{"Decisions", c.Decisions}, {"In the trash", c.Trash},
	} {
		fmt.Fprintf(w, "%s:\t%d\n", row.name, row.n)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if h.QuickCheck != "ok" {
		return &exitError{code: 1, err: fmt.Errorf("%s is damaged: quick_check says %q", h.Path, h.QuickCheck)}
	}
	return nil
}
