// Package importer reads what other tools hold into Lapse's journal:
// subscriptions from CSV or a Wallos export, official incidents from an
// Atlassian Statuspage incidents.json (a file or an https URL), and support
// e-mails (.eml or mbox) into a ticket's thread.
//
// Every import is two steps. Parse reads the source into a Plan without
// touching the journal; its Preview says what would be written, for the user
// to confirm. Apply writes the plan in one transaction: all of it, or, on the
// first problem, nothing. Errors name the source, the row or JSON path, and
// the field (`subs.csv row 7, column "price": ...`).
package importer

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/width"

	"lapse/app/journal"
	"lapse/storage"
)

// Size limits: far beyond any real source, small enough that a wrong file
// cannot exhaust memory. Mail is larger because an mbox carries attachments.
const (
	MaxSize     = 10 << 20
	MaxMailSize = 64 << 20
)

// PreviewRows is how many items a Preview lists.
const PreviewRows = 10

// Plan is an import read and checked, ready to write.
type Plan interface {
	// Len is how many items Apply would write or update.
	Len() int
	// Preview says what Apply would write.
	Preview() Preview
	// Apply writes the plan in one transaction, all or nothing.
	Apply(ctx context.Context, db *storage.DB) (Result, error)
}

// Preview is what an import would write, for the user to confirm first.
type Preview struct {
	Source   string     // the file or URL read
	Summary  string     // one line: what would be created or updated
	Columns  []string   // the headings of Rows
	Rows     [][]string // the first PreviewRows items, one row each
	More     int        // items not listed in Rows
	Warnings []Warning  // what the user should know before saying yes
}

// Warning codes a UI words in its own language, with the Values each names.
const (
	WarnEncoding      = "encoding"       // Encoding: the text encoding the file was read in
	WarnColumnIgnored = "column_ignored" // Column: a column no field uses
	WarnColumnChosen  = "column_chosen"  // Column, Other: two columns for one field, Column used
)

// Warning is something the user should know before saying yes. Text says
// it in English (the command line prints it); a warning with a Code can be
// worded from the code and its Values instead.
type Warning struct {
	Code   string
	Values map[string]string
	Text   string
}

func (w Warning) String() string { return w.Text }

// note is a warning without a code: Text is all there is.
func note(format string, args ...any) Warning { return Warning{Text: fmt.Sprintf(format, args...)} }

// problems is every problem found in a source, each at its place, so one
// run names them all instead of one per try.
type problems []*Error

// maxProblems is how many problems an error lists; the rest are counted.
const maxProblems = 50

func (ps problems) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(ps))
	for i, p := range ps {
		if i == maxProblems {
			fmt.Fprintf(&b, "\n  ... and %d more", len(ps)-maxProblems)
			break
		}
		b.WriteString("\n  ")
		if p.Place != "" {
			b.WriteString(p.Place + ": ")
		}
		b.WriteString(p.Err.Error())
	}
	return b.String()
}

func (ps problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// err is nil without problems, the one problem, or all of them under the source.
func (ps problems) err(source string) error {
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return ps[0]
	}
	return &Error{Source: source, Err: ps}
}

// String renders the preview as plain text, for the command line.
func (p Preview) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", p.Source, p.Summary)
	if len(p.Rows) > 0 {
		widths := make([]int, len(p.Columns))
		for i, c := range p.Columns {
			widths[i] = textWidth(c)
		}
		for _, r := range p.Rows {
			for i, c := range r {
				widths[i] = max(widths[i], textWidth(c))
			}
		}
		line := func(cells []string) {
			b.WriteString(" ")
			for i, c := range cells {
				b.WriteString(" ")
				b.WriteString(c)
				if i < len(cells)-1 {
					b.WriteString(strings.Repeat(" ", widths[i]-textWidth(c)+1))
				}
			}
			b.WriteString("\n")
		}
		line(p.Columns)
		for _, r := range p.Rows {
			line(r)
		}
		if p.More > 0 {
			fmt.Fprintf(&b, "  ... and %d more\n", p.More)
		}
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(&b, "Warning: %s\n", w.Text)
	}
	return b.String()
}

// Result is what Apply wrote.
type Result struct {
	storage.ImportResult
	Noun string // what was imported, singular: "subscription", "incident", "message"
}

// String says what was written, in a line.
func (r Result) String() string {
	parts := []string{plural(r.Created, r.Noun) + " added"}
	if r.Updated > 0 {
		parts = append(parts, fmt.Sprintf("%d updated", r.Updated))
	}
	if r.Skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d already in the journal", r.Skipped))
	}
	s := strings.Join(parts, ", ")
	if n := len(r.NewServices); n > 0 {
		label := "; new service: "
		if n > 1 {
			label = "; new services: "
		}
		s += label + strings.Join(r.NewServices, ", ")
	}
	return s
}

// Error is a problem with an import's source, naming the file or URL, the
// place in it (a row and column, a JSON path, a message and header) and why.
type Error struct {
	Source string // the file or URL
	Place  string // `row 7, column "price"`, `[3].Price`, `message 2, header "Date"`; empty for the whole source
	Err    error
}

func (e *Error) Error() string {
	if e.Place == "" {
		return e.Source + ": " + e.Err.Error()
	}
	return e.Source + " " + e.Place + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// invalid is a problem with a value that no journal reason names.
func invalid(format string, args ...any) error {
	return journal.Errorf(journal.EINVALID, format, args...)
}

// invalidValue marks a plain error about a value as EINVALID.
func invalidValue(err error) error {
	return &journal.Error{Code: journal.EINVALID, Err: err}
}

// tooLarge is the refusal of a source over limit bytes.
func tooLarge(limit int64) error {
	return invalid("it is larger than %s, more than Lapse imports from one source", sizeText(limit))
}

// sizeText is a size in MiB, or bytes under one MiB.
func sizeText(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// ReadFile reads an import source, refusing one larger than limit bytes
// before reading it; errors name the file. Only a regular file is opened:
// opening a FIFO would wait for a writer forever, and a device never ends.
func ReadFile(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(path, fi, limit); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The name may have been replaced since Stat: check what was opened.
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(path, fi, limit); err != nil {
		return nil, err
	}
	data, err := readLimited(f, limit)
	if err != nil {
		return nil, &Error{Source: path, Err: err}
	}
	return data, nil
}

// regular refuses anything but a regular file of at most limit bytes.
func regular(path string, fi os.FileInfo, limit int64) error {
	switch m := fi.Mode(); {
	case m.IsDir():
		return &Error{Source: path, Err: invalid("it is a folder, not a file")}
	case m&os.ModeNamedPipe != 0:
		return &Error{Source: path, Err: invalid("it is a named pipe (FIFO), not a file: save what it carries to a file and import that")}
	case !m.IsRegular():
		return &Error{Source: path, Err: invalid("it is not a regular file (a device or socket)")}
	case fi.Size() > limit:
		return &Error{Source: path, Err: invalid("it is %s, larger than the %s Lapse imports from one source",
			sizeText(fi.Size()), sizeText(limit))}
	}
	return nil
}

// readLimited reads r to the end, failing once it passes limit bytes: the
// limit holds even when a size given up front was wrong.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(limit)
	}
	return data, nil
}

// nameKey folds a service name the way storage matches names, so a preview
// knows which services already exist.
func nameKey(name string) string {
	return cases.Fold().String(strings.TrimSpace(name))
}

// plural is "1 subscription", "2 subscriptions".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// clip shortens s to at most n runes, ending with "…" when cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// textWidth is how many terminal columns s takes: CJK characters take two.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}
