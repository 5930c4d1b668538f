package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"lapse/app/backup"
	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/app/paths"
	"lapse/storage"
)

func init() {
	register("backup", "write the whole journal to a JSON backup: lapse backup -o FILE [--force]", runBackup)
	register("import", "import into the journal: lapse import --backup FILE [--replace], or --csv, --wallos, "+
		"--statuspage, --eml, --mbox FILE [--yes]", runImport)
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
	if *out != "-" && !*force {
		if _, err := os.Lstat(*out); err == nil {
			return fmt.Errorf("%s already exists: pass --force to replace it", *out)
		}
	}
	db, err := readJournal(ctx, env, *dbFlag)
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
	manyFiles   bool // more files may follow as arguments
	// run imports file into the journal named by dbFlag, which it opens
	// only once file is known to be good.
	run func(ctx context.Context, env Env, dbFlag, file string, opts importOptions) error
}

// importOptions are the flags every kind may read.
type importOptions struct {
	replace bool
	yes     bool     // write the import; without it, only preview it
	service string   // --statuspage: the service the incidents are of
	ticket  int64    // --eml, --mbox: the ticket the messages go to
	me      listFlag // --eml, --mbox: addresses of mine besides the settings' ones
	symbols listFlag // --wallos: SYMBOL=CODE for price symbols
	more    []string // the files after the flag's one, for kinds with manyFiles
	wait    time.Duration
	mbox    bool // --mbox: every file is an mbox, never read as one e-mail
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// importKinds lists the sources, one flag each; exactly one is given.
var importKinds = []importKind{
	{flag: "backup", usage: "a Lapse JSON backup to restore, all or nothing", run: importBackup},
	{flag: "csv", usage: "subscriptions from a CSV file with a header row", run: importCSV},
	{flag: "wallos", usage: "subscriptions from a Wallos JSON export", run: importWallos},
	{flag: "statuspage", usage: "official incidents of --service from a Statuspage incidents.json file or https URL",
		run: importStatuspage},
	{flag: "eml", usage: "support e-mails (.eml, several may follow) into the thread of --ticket", manyFiles: true,
		run: importMail},
	{flag: "mbox", usage: "an mbox of support e-mails into the thread of --ticket", manyFiles: true, run: importMbox},
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
	fs.BoolVar(&opts.yes, "yes", false, "write the import (--csv, --wallos, --statuspage, --eml, --mbox); "+
		"without it, only show what would be imported")
	fs.StringVar(&opts.service, "service", "", "--statuspage: the service the incidents are of")
	fs.Int64Var(&opts.ticket, "ticket", 0, "--eml, --mbox: the ID of the ticket the messages go to")
	fs.Var(&opts.me, "me", "--eml, --mbox: an address of yours besides those in the settings (repeatable)")
	fs.DurationVar(&opts.wait, "wait", storage.DefaultWait, "how long the import waits for another Lapse that is writing")
	fs.Var(&opts.symbols, "currency-symbol", "--wallos: the currency of a price symbol, like '$=CAD' (repeatable)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	var chosen []int
	for i, f := range files {
		if *f != "" {
			chosen = append(chosen, i)
		}
	}
	if len(pos) > 0 && (len(chosen) != 1 || !importKinds[chosen[0]].manyFiles) {
		return usageError{fmt.Sprintf("unexpected %q: name the file with a flag, like --backup FILE", pos[0])}
	}
	if len(chosen) != 1 {
		flags := make([]string, len(importKinds))
		for i, k := range importKinds {
			flags[i] = "--" + k.flag
		}
		return usageError{"import what? give exactly one of " + strings.Join(flags, ", ")}
	}
	opts.more = pos
	kind, file := importKinds[chosen[0]], *files[chosen[0]]
	return kind.run(ctx, env, *dbFlag, file, opts)
}

func importBackup(ctx context.Context, env Env, dbFlag, file string, opts importOptions) error {
	s, err := backup.Read(file)
	if err != nil {
		return fmt.Errorf("%w. Nothing was changed", err)
	}
	db, err := openJournal(ctx, env, dbFlag, opts.wait)
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

func importCSV(ctx context.Context, env Env, dbFlag, file string, opts importOptions) error {
	return importSubscriptions(ctx, env, dbFlag, file, opts, func(data []byte, services []*journal.Service) (importer.Plan, error) {
		return importer.ParseCSV(file, data, services)
	})
}

func importWallos(ctx context.Context, env Env, dbFlag, file string, opts importOptions) error {
	wo := importer.WallosOptions{Symbols: map[string]string{}}
	for _, s := range opts.symbols {
		symbol, code, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(symbol) == "" {
			return usageError{fmt.Sprintf("--currency-symbol %q: write SYMBOL=CODE, like '$=CAD'", s)}
		}
		wo.Symbols[strings.TrimSpace(symbol)] = strings.ToUpper(strings.TrimSpace(code))
	}
	return importSubscriptions(ctx, env, dbFlag, file, opts, func(data []byte, services []*journal.Service) (importer.Plan, error) {
		return importer.ParseWallos(file, data, services, wo)
	})
}

// importSubscriptions runs a subscription import. The file is read and
// checked before the journal is opened, so a broken file never creates one;
// it is read again against the journal's services for the preview.
func importSubscriptions(ctx context.Context, env Env, dbFlag, file string, opts importOptions,
	parse func(data []byte, services []*journal.Service) (importer.Plan, error)) error {
	data, err := importer.ReadFile(file, importer.MaxSize)
	if err != nil {
		return nothingChanged(err)
	}
	if _, err := parse(data, nil); err != nil {
		return nothingChanged(err)
	}
	db, err := openJournal(ctx, env, dbFlag, opts.wait)
	if err != nil {
		return err
	}
	defer db.Close()
	services, err := db.Services(ctx, storage.ServiceFilter{IncludeArchived: true})
	if err != nil {
		return err
	}
	plan, err := parse(data, services)
	if err != nil {
		return nothingChanged(err)
	}
	return applyImport(ctx, env, db, plan, opts)
}

func importStatuspage(ctx context.Context, env Env, dbFlag, source string, opts importOptions) error {
	if opts.service == "" {
		return usageError{"which service are the incidents of? add --service NAME"}
	}
	path, err := paths.Resolve(dbFlag)
	if err != nil {
		return err
	}
	if err := mustExist(path); err != nil {
		return err
	}
	var data []byte
	if strings.Contains(source, "://") {
		data, err = importer.Fetcher{}.Fetch(ctx, source)
	} else {
		data, err = importer.ReadFile(source, importer.MaxSize)
	}
	if err != nil {
		return nothingChanged(err)
	}
	db, err := openJournal(ctx, env, path, opts.wait)
	if err != nil {
		return err
	}
	defer db.Close()
	svc, err := findService(ctx, db, opts.service)
	if err != nil {
		return err
	}
	known, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID})
	if err != nil {
		return err
	}
	plan, err := importer.ParseStatuspage(source, data, svc, known)
	if err != nil {
		return nothingChanged(err)
	}
	return applyImport(ctx, env, db, plan, opts)
}

// importMbox is importMail with every file read as an mbox.
func importMbox(ctx context.Context, env Env, dbFlag, file string, opts importOptions) error {
	opts.mbox = true
	return importMail(ctx, env, dbFlag, file, opts)
}

func importMail(ctx context.Context, env Env, dbFlag, file string, opts importOptions) error {
	if opts.ticket == 0 {
		return usageError{"which ticket do the messages go to? add --ticket ID"}
	}
	path, err := paths.Resolve(dbFlag)
	if err != nil {
		return err
	}
	if err := mustExist(path); err != nil {
		return err
	}
	var files []importer.MailFile
	for _, name := range append([]string{file}, opts.more...) {
		data, err := importer.ReadFile(name, importer.MaxMailSize)
		if err != nil {
			return nothingChanged(err)
		}
		files = append(files, importer.MailFile{Name: name, Data: data, Mbox: opts.mbox})
	}
	db, err := openJournal(ctx, env, path, opts.wait)
	if err != nil {
		return err
	}
	defer db.Close()
	ticket, err := db.Ticket(ctx, opts.ticket)
	if err != nil {
		return err
	}
	settings, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	mine := append(append([]string(nil), settings.MyAddresses...), opts.me...)
	if len(mine) == 0 {
		fmt.Fprintln(env.Stdout, "Warning: no address of yours is set (Settings, or --me ADDRESS): "+
			"every message is taken as received")
	}
	plan, err := importer.ParseMail(files, ticket, mine)
	if err != nil {
		return nothingChanged(err)
	}
	return applyImport(ctx, env, db, plan, opts)
}

// applyImport shows what a plan would write and, with --yes, writes it.
func applyImport(ctx context.Context, env Env, db *storage.DB, plan importer.Plan, opts importOptions) error {
	fmt.Fprint(env.Stdout, plan.Preview())
	if !opts.yes {
		fmt.Fprintln(env.Stdout, "Dry run: nothing written. Pass --yes to import.")
		return nil
	}
	res, err := plan.Apply(ctx, db)
	if err != nil {
		return nothingChanged(err)
	}
	fmt.Fprintf(env.Stdout, "Imported into %s: %s\n", db.Path(), res)
	return nil
}

// nothingChanged tells the user a failed import left the journal as it was.
func nothingChanged(err error) error {
	return fmt.Errorf("%w. Nothing was changed", err)
}
