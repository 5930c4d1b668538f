package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"lapse/app/journal"
	"lapse/app/words"
)

// utf8BOM opens every CSV file.
const utf8BOM = "\uFEFF"

// Tables are the CSV tables of a summary, in the order CSVZip writes them.
var Tables = []string{"figures", "months", "charges", "outages", "messages"}

// CSV renders one table of the summary (one of Tables) as CSV with a
// header row. Headers are English snake_case names, stable for scripts;
// times are RFC 3339 in the user's zone, durations whole seconds beside
// their text, amounts plain decimals in minor-unit precision beside their
// currency. Every cell passes through safeCell, and shows bidirectional
// controls as their codes ("<U+202E>"). The file starts with a UTF-8 byte
// order mark and ends its lines with CRLF (RFC 4180): Excel, which opens a
// double-clicked CSV without a mark in the system's code page (CP932 in
// Japan), then reads it as UTF-8.
func (s *Summary) CSV(name string) ([]byte, error) {
	rows, err := s.table(name)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	for _, r := range rows {
		for i := range r {
			r[i] = safeCell(words.ShowBidi(r[i]))
		}
		if err := w.Write(r); err != nil {
			return nil, fmt.Errorf("write CSV table %s: %w", name, err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("write CSV table %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// CSVZip renders every table as NAME.csv in one zip archive.
func (s *Summary) CSVZip() ([]byte, error) {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, name := range Tables {
		data, err := s.CSV(name)
		if err != nil {
			return nil, err
		}
		// A fixed time keeps the archive the same for the same summary.
		f, err := z.CreateHeader(&zip.FileHeader{Name: name + ".csv", Method: zip.Deflate, Modified: s.AsOf.UTC()})
		if err != nil {
			return nil, fmt.Errorf("zip CSV table %s: %w", name, err)
		}
		if _, err := f.Write(data); err != nil {
			return nil, fmt.Errorf("zip CSV table %s: %w", name, err)
		}
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("zip CSV tables: %w", err)
	}
	return b.Bytes(), nil
}

// table returns the rows of one table, header first.
func (s *Summary) table(name string) ([][]string, error) {
	switch name {
	case "figures":
		return s.figuresRows(), nil
	case "months":
		return s.monthRows(), nil
	case "charges":
		return s.chargeRows(), nil
	case "outages":
		return s.outageRows(), nil
	case "messages":
		return s.messageRows(), nil
	}
	return nil, journal.Errorf(journal.EINVALID, "no CSV table %q (tables: %s)", name, strings.Join(Tables, ", "))
}

// csvTime is t in the user's zone as RFC 3339.
func (s *Summary) csvTime(t time.Time) string { return t.In(s.Location).Format(time.RFC3339) }

func secs(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }

func (s *Summary) figuresRows() [][]string {
	sum := s.Figures.Summary
	home := func(v int64) string { return journal.FormatAmount(v, s.Home) }
	rows := [][]string{{"figure", "value", "unit", "text"},
		{"service", oneLine(s.Service.Name), "", ""},
		{"from", s.csvTime(s.Window.Start), "", s.date(s.Window.Start)},
		{"to", s.csvTime(s.Window.End), "", s.date(s.Window.End)},
		{"as_of", s.csvTime(s.AsOf), "", s.dateTime(s.AsOf)},
		{"paid", home(sum.Cash), s.Home, s.homeMoney(sum.Cash)},
		{"accrued_cost", home(sum.Accrued), s.Home, s.homeMoney(sum.Accrued)},
		{"unusable", secs(sum.Unusable), "seconds", s.dur(sum.Unusable)},
		{"impaired", secs(sum.Impaired), "seconds", s.dur(sum.Impaired)},
	}
	if a := sum.Availability; a != nil {
		rows = append(rows, []string{"availability", strconv.FormatFloat(a.Ratio(), 'f', 6, 64), "ratio", availability(a)})
	}
	rows = append(rows,
		[]string{"paid_while_unusable", home(sum.PaidWhileUnusable), s.Home, s.homeMoney(sum.PaidWhileUnusable)},
		[]string{"refund_estimate", journal.FormatAmount(s.Refund.Amount, s.Refund.Currency), s.Refund.Currency, moneyText(s.Refund)},
		[]string{"outages", strconv.Itoa(sum.Outages), "count", ""},
		[]string{"tickets", strconv.Itoa(sum.Tickets), "count", ""})
	if w := sum.WorstFirstResponse; w != nil {
		rows = append(rows, []string{"slowest_first_response", secs(w.After), "seconds", s.dur(w.After)})
	}
	if l := sum.LongestSilence; l != nil {
		rows = append(rows, []string{"longest_silence", secs(l.Length()), "seconds", s.dur(l.Length())})
	}
	if v := s.Verdict; v != nil {
		rows = append(rows, []string{"verdict", string(v.Kind), "", v.Text(s.Lang)})
		for _, r := range v.Reasons {
			rows = append(rows, []string{"verdict_reason", string(r.Code), "", r.Text(s.Lang)})
		}
	}
	return rows
}

func (s *Summary) monthRows() [][]string {
	rows := [][]string{{"month", "unusable_seconds", "impaired_seconds", "availability", "paid", "accrued_cost", "paid_while_unusable", "currency"}}
	for _, m := range s.Figures.Months {
		a := ""
		if m.Availability != nil {
			a = strconv.FormatFloat(m.Availability.Ratio(), 'f', 6, 64)
		}
		rows = append(rows, []string{m.Month.String(), secs(m.Unusable), secs(m.Impaired), a,
			journal.FormatAmount(m.Cash, s.Home), journal.FormatAmount(m.Accrued, s.Home), journal.FormatAmount(m.PaidWhileUnusable, s.Home), s.Home})
	}
	return rows
}

func (s *Summary) chargeRows() [][]string {
	rows := [][]string{{"date", "plan", "amount", "currency", "pays_until"}}
	for _, c := range s.Charges {
		rows = append(rows, []string{c.Date.String(), c.Plan, journal.FormatAmount(c.Amount, c.Currency), c.Currency, c.Until.String()})
	}
	return rows
}

func (s *Summary) outageRows() [][]string {
	rows := [][]string{{"id", "start", "end", "duration_seconds", "duration", "impact", "title", "platforms", "still_worked", "symptoms",
		"steps", "resolution", "source", "link"}}
	for i := range s.Outages {
		o := &s.Outages[i]
		end := ""
		if o.End != nil && !o.End.After(s.AsOf) {
			end = s.csvTime(*o.End)
		}
		d := s.OutageEnd(o).Sub(o.Start)
		var steps []string
		for _, st := range o.Steps {
			steps = append(steps, stepText(st, s.Lang))
		}
		rows = append(rows, []string{strconv.FormatInt(o.ID, 10), s.csvTime(o.Start), end, secs(d), s.dur(d), string(o.Impact), o.Title,
			strings.Join(o.Platforms, "; "), o.StillWorked, o.Symptoms, strings.Join(steps, "; "), o.Resolution, string(o.Source), o.Link})
	}
	return rows
}

func (s *Summary) messageRows() [][]string {
	rows := [][]string{{"ticket_id", "reference", "subject", "at", "direction", "author", "from", "gap_seconds", "ends_silence_seconds",
		"summary", "body"}}
	for _, t := range s.Tickets {
		for i, e := range t.Thread {
			gap, ended := "", ""
			if i > 0 {
				gap = secs(e.Gap)
			}
			if e.EndsSilence > 0 {
				ended = secs(e.EndsSilence)
			}
			rows = append(rows, []string{strconv.FormatInt(t.ID, 10), t.Reference, t.Subject, s.csvTime(e.At), string(e.Direction),
				string(e.Author), e.From, gap, ended, e.Summary, e.Body})
		}
	}
	return rows
}

// plainNumber is a number a spreadsheet reads as a value, never a formula.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (or, for tab and CR, hide one behind white space), with
// their full-width forms, which Japanese spreadsheets also accept.
var formulaStarts = []rune{'=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'}

// safeCell neutralises a cell a spreadsheet would run as a formula by
// prefixing a single quote; plain numbers such as -12.50 stay numbers.
func safeCell(c string) string {
	first, _ := utf8.DecodeRuneInString(c)
	if slices.Contains(formulaStarts, first) && !plainNumber.MatchString(c) {
		return "'" + c
	}
	return c
}
