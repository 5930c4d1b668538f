// Command lapse is a desktop journal of the online services you pay for:
// outages, support contacts and subscriptions, charted downtime against cost.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"lapse/app/cli"
	"lapse/app/earlylog"
	"lapse/app/paths"
	"lapse/app/ui"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		attachConsole()
		earlylog.Release(os.Stderr, false)
		os.Exit(cli.Run(context.Background(), cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}, args))
	}
	earlylog.Release(os.Stderr, true)
	fs := flag.NewFlagSet("lapse", flag.ExitOnError)
	db := fs.String("db", "", "journal file (default: $"+paths.EnvDB+" or "+defaultPath()+")")
	fs.Parse(args)
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "lapse: unknown command %q (try lapse help)\n", fs.Arg(0))
		os.Exit(2)
	}
	path, err := paths.Resolve(*db)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lapse:", err)
		os.Exit(1)
	}
	ui.Run(fyneapp.NewWithID(ui.AppID), path)
}

func defaultPath() string {
	p, err := paths.DefaultJournal()
	if err != nil {
		return "?"
	}
	return p
}
