package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"lapse/app/backup"
	"lapse/app/paths"
	"lapse/storage"
)

func init() {
	register("backup", "write the whole journal to a JSON backup: lapse backup -o FILE [--force]", runBackup)
	register("import", "import into the journal: lapse import --backup FILE [--replace]", runImport)
}

func runBackup(ctx context.Context, env Env, args []string) error {
	fs, dbFlag := newFlags("backup", env)
	out := fs.String("o", "", "the backup file to write (- for standard output)")
	force := fs.Bool("force", false, "replace the file if it exists")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usageError{fmt.Sprintf("unexpected %q: the file goes after -o", pos[0])}
	}
	if *out == "" {
		return usageError{"where to? lapse backup -o FILE"}
	}
	path, err := paths.Resolve(*dbFlag)
	if err != nil {
		return err
	}
	// Backing up must not create an empty journal where there was none.
	if err := mustExist(path); err != nil {
		return err
	}
	if *out != "-" && !*force {
		if _, err := os.Lstat(*out); err == nil {
			return fmt.Errorf("%s already exists: pass --force to replace it", *out)
		}
	}
	db, err := openJournal(ctx, env, path)
	if err != nil {
		return err
	}
	defer db.Close()
	if *out == "-" {
		data, _, err := backup.Export(ctx, db)
		if err != nil {
			return err
		}
		_, err = env.Stdout.Write(data)
		return err
	}
	s, err := backup.ExportFile(ctx, db, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Backed up %s to %s\n", describe(s), *out)
	return nil
}

// mustExist refuses a journal path with no file behind it.
func mustExist(path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("journal %s does not exist", path)
	} else if err != nil {
		return err
	}
	return nil
}

// importKind is one source `lapse import` reads, chosen by its flag.
type importKind struct {
	flag, usage string
	// run imports file into the journal named by dbFlag, which it opens
	// only once file is known to be good; nil while the kind is not supported yet.
	run func(ctx context.Context, env Env, dbFlag, file string, opts importOptions) error
}

// importOptions are the flags every kind may read.
type importOptions struct {
	replace bool
}

// importKinds lists the sources, one flag each; exactly one is given.
var importKinds = []importKind{
	{flag: "backup", usage: "a Lapse JSON backup to restore, all or nothing", run: importBackup},
	{flag: "csv", usage: "subscriptions from a CSV file"},
	{flag: "wallos", usage: "a Wallos JSON export"},
	{flag: "statuspage", usage: "official incidents from a Statuspage incidents.json"},
	{flag: "eml", usage: "a support e-mail (.eml or mbox) into a ticket's thread"},
}

func runImport(ctx context.Context, env Env, args []string) error {
	fs, dbFlag := newFlags("import", env)
	files := make([]*string, len(importKinds))
	for i, k := range importKinds {
		files[i] = fs.String(k.flag, "", k.usage)
	}
	var opts importOptions
	fs.BoolVar(&opts.replace, "replace", false,
		"--backup into a journal that is not empty: replace everything in it (its file is backed up first)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usageError{fmt.Sprintf("unexpected %q: name the file with a flag, like --backup FILE", pos[0])}
	}
	var chosen []int
	for i, f := range files {
		if *f != "" {
			chosen = append(chosen, i)
		}
	}
	if len(chosen) != 1 {
		flags := make([]string, len(importKinds))
		for i, k := range importKinds {
			flags[i] = "--" + k.flag
		}
		return usageError{"import what? give exactly one of " + strings.Join(flags, ", ")}
	}
	kind, file := importKinds[chosen[0]], *files[chosen[0]]
	if kind.run == nil {
		return usageError{fmt.Sprintf("--%s: not yet supported", kind.flag)}
	}
	return kind.run(ctx, env, *dbFlag, file, opts)
}

func importBackup(ctx context.Context, env Env, dbFlag, file string, opts importOptions) error {
	s, err := backup.Read(file)
	if err != nil {
		return fmt.Errorf("%w. Nothing was changed", err)
	}
	db, err := openJournal(ctx, env, dbFlag)
	if err != nil {
		return err
	}
	defer db.Close()
	saved, err := backup.Restore(ctx, db, s, opts.replace)
	if errors.Is(err, storage.ErrNotEmpty) {
		return fmt.Errorf("import %s: %w. Nothing was changed. Pass --replace to replace everything in %s with the backup "+
			"(the journal file is backed up first)", file, storage.ErrNotEmpty, db.Path())
	}
	if err != nil {
		return fmt.Errorf("import %s: %w. Nothing was changed", file, err)
	}
	if saved != "" {
		fmt.Fprintf(env.Stdout, "The journal as it was is saved in %s\n", saved)
	}
	fmt.Fprintf(env.Stdout, "Restored %s from %s into %s\n", describe(s), file, db.Path())
	return nil
}

// describe counts what a snapshot holds, in a line.
func describe(s *storage.Snapshot) string {
	counts := []struct {
		n    int
		name string
	}{
		{len(s.Services), "service"}, {len(s.Subscriptions), "subscription"}, {len(s.Outages), "outage"},
		{len(s.Tickets), "ticket"}, {len(s.Messages), "message"}, {len(s.Decisions), "decision"},
		{len(s.Trash), "trash item"},
	}
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%d %s", c.n, c.name)
		if c.n != 1 {
			parts[i] += "s"
		}
	}
	return strings.Join(parts, ", ")
}
