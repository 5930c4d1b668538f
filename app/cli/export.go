package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"lapse/app/atomicfile"
	"lapse/app/journal"
	"lapse/app/report"
	"lapse/app/review"
	"lapse/app/words"
)

func init() {
	register("export", "write a summary before cancelling (--format md|html|pdf|csv|json), its drafted letter alone (--format letter, .txt or .md) or the renewals calendar (--format ics): lapse export --service NAME -o FILE", runExport)
}

// exportFormats are the formats of `lapse export`, by the extension they imply.
var exportFormats = map[string]string{".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
	".csv": "csv", ".zip": "csv", ".json": "json", ".ics": "ics", ".txt": "letter"}

func runExport(ctx context.Context, env Env, args []string) error {
	flags, dbFlag := newFlags("export", env)
	service := flags.String("service", "", "the service to summarise (name, any case)")
	from := flags.String("from", "", "first day of the period, YYYY-MM-DD (default: 12 months back)")
	to := flags.String("to", "", "last day of the period, YYYY-MM-DD, included (default: as of)")
	asOf := flags.String("as-of", "", "the summary's instant: RFC 3339 or YYYY-MM-DD HH:MM in your time zone (default: the end of --to when it is past, else now)")
	format := flags.String("format", "", "md, html, pdf, csv, json, letter or ics (default: from the file's extension)")
	table := flags.String("table", "", "with --format csv: write only this table ("+strings.Join(report.Tables, ", ")+") instead of a zip of all")
	lng := flags.String("lang", "en", "language of the summary and the drafted letter: en or ja")
	out := flags.String("o", "", "the file to write (- for standard output, with --format)")
	force := flags.Bool("force", false, "replace the file if it exists")
	if pos, err := parse(flags, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usageError{fmt.Sprintf("unexpected %q: name the service with --service", pos[0])}
	}
	if *out == "" {
		return usageError{"where to? lapse export --service NAME -o FILE"}
	}
	if *lng != "en" && *lng != "ja" {
		return usageError{fmt.Sprintf("--lang %q: want en or ja", *lng)}
	}
	kind := *format
	if kind == "" {
		kind = exportFormats[strings.ToLower(filepath.Ext(*out))]
		if kind == "" {
			return usageError{fmt.Sprintf("which format? pass --format md|html|pdf|csv|json (%s has no known extension)", *out)}
		}
	}
	if kind != "ics" && *service == "" {
		return usageError{"which service? lapse export --service NAME -o FILE"}
	}
	if kind != "ics" && kind != "letter" && !slices.Contains(report.Formats, kind) {
		return usageError{fmt.Sprintf("--format %q: want one of %s, letter or ics", kind, strings.Join(report.Formats, ", "))}
	}
	if *table != "" && kind != "csv" {
		return usageError{"--table goes with --format csv"}
	}
	if *table != "" && !slices.Contains(report.Tables, *table) {
		return usageError{fmt.Sprintf("--table %q: want one of %s", *table, strings.Join(report.Tables, ", "))}
	}
	// A .csv file holds one table, a .zip all of them: the name says which.
	switch ext := strings.ToLower(filepath.Ext(*out)); {
	case kind == "csv" && *table == "" && ext == ".csv":
		return usageError{fmt.Sprintf("%s holds one table: pass --table %s, or name a .zip file for all of them", *out, strings.Join(report.Tables, "|"))}
	case kind == "csv" && *table != "" && ext == ".zip":
		return usageError{fmt.Sprintf("--table %s writes one CSV file, not a zip: name it .csv", *table)}
	}
	if *out != "-" && !*force {
		if _, err := os.Lstat(*out); err == nil {
			return fmt.Errorf("%s already exists: pass --force to replace it", *out)
		}
	}
	if _, _, _, err := parseWindow(*asOf, *from, *to, time.UTC, env.Now()); err != nil {
		return err
	}
	db, err := readJournal(ctx, env, *dbFlag)
	if err != nil {
		return err
	}
	defer db.Close()
	var svc *journal.Service
	if *service != "" {
		if svc, err = findService(ctx, db, *service); err != nil {
			return err
		}
	}
	settings, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	loc := review.Location(settings)
	opts := report.Options{Lang: words.Parse(*lng), Location: loc, AsOf: env.Now()}
	if opts.AsOf, opts.From, opts.To, err = parseWindow(*asOf, *from, *to, loc, opts.AsOf); err != nil {
		return err
	}
	if kind == "ics" {
		var ids []int64
		if svc != nil {
			ids = []int64{svc.ID}
		}
		data, err := review.Calendar(ctx, db, ids, opts.AsOf, loc, opts.Lang)
		if err != nil {
			return err
		}
		if toStdout, err := writeOut(env, *out, data); err != nil || toStdout {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote the renewals calendar to %s\n", *out)
		return nil
	}
	opts.ServiceID = svc.ID
	s, err := report.Build(ctx, db, opts)
	if err != nil {
		return err
	}
	if kind == "letter" {
		// The letter alone: Markdown when the file says so, else text.
		data := s.LetterText()
		if ext := strings.ToLower(filepath.Ext(*out)); ext == ".md" || ext == ".markdown" {
			data = s.LetterMarkdown()
		}
		if err := atomicfile.Write(*out, data, 0o600); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote the drafted letter for %s (%s – %s) to %s\n", svc.Name, s.FirstDay(), s.LastDay(), *out)
		return nil
	}
	data, err := s.Render(kind, *table)
	if err != nil {
		return err
	}
	if toStdout, err := writeOut(env, *out, data); err != nil || toStdout {
		return err
	}
	what := kind
	if kind == "csv" && *table == "" {
		what = "csv (zip)"
	}
	fmt.Fprintf(env.Stdout, "Wrote the %s summary of %s (%s – %s) to %s\n", what, svc.Name, s.FirstDay(), s.LastDay(), *out)
	return nil
}

// writeOut writes an export to the file out, atomically and private, or to
// standard output when out is "-", like `lapse backup -o -`.
func writeOut(env Env, out string, data []byte) (toStdout bool, err error) {
	if out == "-" {
		_, err = env.Stdout.Write(data)
		return true, err
	}
	return false, atomicfile.Write(out, data, 0o600)
}
