// Package cli holds Lapse's subcommands (`lapse down`, `lapse check`, ...),
// one small file each, calling the same functions as the desktop UI.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"lapse/app/journal"
	"lapse/app/paths"
	"lapse/storage"
)

// Env is what a command needs from the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	Now            func() time.Time
}

type command struct {
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, env Env, args []string) error) {
	commands[name] = command{summary: summary, run: run}
}

// IsCommand reports whether name is a subcommand.
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "help" || name == "-h" || name == "--help"
}

// exitError carries an exit code other than 1.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

// Run runs the subcommand args[0] and returns the process exit code.
func Run(ctx context.Context, env Env, args []string) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "lapse: unknown command %q\n", args[0])
		usage(env.Stderr)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(env.Stderr, "lapse %s: %s\n", args[0], err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if errors.As(err, new(usageError)) {
		return 2
	}
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: lapse [--db PATH]            open the desktop app")
	fmt.Fprintln(w, "       lapse COMMAND [flags] [args]  run a command")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nThe journal is --db PATH, else $%s, else the default location.\n", paths.EnvDB)
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// parse parses flags that may stand before, between or after positional args.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlags(name string, env Env) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("lapse "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", "", "journal file (default: $"+paths.EnvDB+" or the default location)")
	return fs, db
}

// waitFlag is the --wait flag of the commands that write.
func waitFlag(fs *flag.FlagSet) *time.Duration {
	return fs.Duration("wait", storage.DefaultWait, "how long a write waits for another Lapse that is writing (an import, a restore)")
}

// openJournal opens (creating if needed) the journal named by the flag, for
// a command that writes to it; a write waits up to wait for another's.
func openJournal(ctx context.Context, env Env, dbFlag string, wait time.Duration) (*storage.DB, error) {
	path, err := paths.Resolve(dbFlag)
	if err != nil {
		return nil, err
	}
	return storage.Open(ctx, path, storage.Options{Now: env.Now, Wait: wait})
}

// readJournal opens the journal named by the flag for a command that only
// reads it: it never creates, migrates or locks one.
func readJournal(ctx context.Context, env Env, dbFlag string) (*storage.DB, error) {
	path, err := paths.Resolve(dbFlag)
	if err != nil {
		return nil, err
	}
	return storage.Open(ctx, path, storage.Options{Now: env.Now, ReadOnly: true})
}

// findService finds a service by name, ignoring case; unknown names list the known ones.
func findService(ctx context.Context, db *storage.DB, name string) (*journal.Service, error) {
	svc, err := db.ServiceByName(ctx, name)
	if err == nil {
		return svc, nil
	}
	if journal.ErrorCode(err) != journal.ENOTFOUND {
		return nil, err
	}
	all, lerr := db.Services(ctx, storage.ServiceFilter{IncludeArchived: true})
	if lerr != nil {
		return nil, lerr
	}
	known := make([]string, len(all))
	for i, s := range all {
		known[i] = s.Name
	}
	if len(known) == 0 {
		return nil, fmt.Errorf("no service named %q: the journal has no services yet", name)
	}
	return nil, fmt.Errorf("no service named %q (known: %s)", name, strings.Join(known, ", "))
}
