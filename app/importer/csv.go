package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/width"

	"lapse/app/journal"
	"lapse/app/textpos"
)

// csvColumn is a field a CSV column can fill, with the header names that
// mean it (compared lower case, with spaces and dashes as underscores).
type csvColumn struct {
	field    string // the canonical name; also the journal field it fills
	required bool
	aliases  []string
}

var csvColumns = []csvColumn{
	{"name", true, []string{"service", "name", "service_name", "provider", "subscription", "subscription_name",
		"サービス", "サービス名"}},
	{"plan", false, []string{"plan", "plan_name", "tier", "プラン", "プラン名"}},
	{"price", true, []string{"price", "amount", "cost", "料金", "金額", "価格"}},
	{"currency", true, []string{"currency", "currency_code", "通貨"}},
	{"period", true, []string{"period", "cycle", "billing", "billing_period", "billing_cycle", "frequency", "interval",
		"schedule", "payment_cycle", "billing_frequency", "renewal_period", "recurrence", "周期", "支払周期", "請求周期",
		"更新周期"}},
	{"start", true, []string{"start", "start_date", "started", "since", "first_payment", "first_payment_date",
		"subscribed", "開始日", "契約日"}},
	{"end", false, []string{"end", "end_date", "cancelled", "canceled", "cancel_date", "cancellation_date", "ended",
		"終了日", "解約日"}},
	{"trial_end", false, []string{"trial_end", "trial", "trial_end_date", "トライアル終了日"}},
	{"payment_note", false, []string{"payment_note", "payment", "payment_method", "paid_with", "note", "notes",
		"支払方法", "メモ"}},
	{"category", false, []string{"category", "カテゴリ", "カテゴリー"}},
	{"website", false, []string{"website", "url", "site", "link", "ウェブサイト"}},
}

// headerKey folds a header cell for matching: "Start Date" is "start_date".
func headerKey(h string) string {
	h = strings.ToLower(strings.TrimSpace(width.Fold.String(h)))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

// ParseCSV reads subscriptions from a CSV file with a header row. Header
// names are matched ignoring case and common aliases (see docs/IMPORTS.md),
// and a Wallos CSV export is read as Wallos means it; the delimiter (comma,
// semicolon or tab) is taken from the header row; the text is UTF-8 with or
// without a byte-order mark, or Shift_JIS (CP932) as Japanese Excel saves
// it. services are the journal's services, so the preview can say which
// ones would be created. Every problem of the file is reported at once,
// each naming the row (the line number a spreadsheet shows, the header
// being row 1) and the column.
func ParseCSV(source string, data []byte, services []*journal.Service) (*SubscriptionPlan, error) {
	if int64(len(data)) > MaxSize {
		return nil, &Error{Source: source, Err: tooLarge(MaxSize)}
	}
	text, encoding, err := csvText(data)
	if err != nil {
		return nil, &Error{Source: source, Err: err}
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delimiter(text)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, &Error{Source: source, Err: invalid("it is empty: a header row naming the columns is needed")}
	}
	if err != nil {
		return nil, csvError(source, err)
	}
	rows := func(each func(place string, rec []string) problems) error {
		var probs problems
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				// encoding/csv cannot go on after a broken quote.
				probs = append(probs, csvError(source, err))
				break
			}
			if blank(rec) {
				continue
			}
			line, _ := r.FieldPos(0)
			place := fmt.Sprintf("row %d", line)
			if len(rec) != len(header) {
				probs = append(probs, &Error{Source: source, Place: place,
					Err: invalid("it has %d cells but the header row has %d", len(rec), len(header))})
				continue
			}
			probs = append(probs, each(place, rec)...)
		}
		return probs.err(source)
	}
	var warnings []Warning
	if encoding != "" {
		warnings = append(warnings, Warning{Code: WarnEncoding, Values: map[string]string{"Encoding": encoding},
			Text: "the file is not UTF-8: it was read as " + encoding})
	}
	var plan *SubscriptionPlan
	if isWallosCSV(header) {
		plan, err = wallosCSV(source, header, services, rows)
	} else {
		plan, err = genericCSV(source, header, services, rows)
	}
	if err != nil {
		return nil, err
	}
	plan.warnings = append(warnings, plan.warnings...)
	return plan, nil
}

// genericCSV reads rows whose columns are named by csvColumns.
func genericCSV(source string, header []string, services []*journal.Service,
	rows func(func(string, []string) problems) error) (*SubscriptionPlan, error) {
	cols, notes, err := mapColumns(header)
	if err != nil {
		return nil, &Error{Source: source, Place: "row 1", Err: err}
	}
	names := map[string]string{}
	for field, i := range cols {
		names[field] = strings.TrimSpace(header[i])
	}
	names["period_unit"] = names["period"]
	b := newSubscriptionBuilder(source, services, names, columnPlace)
	b.plan.warnings = notes
	err = rows(func(place string, rec []string) problems {
		svc, sub, errs := csvRow(rec, cols)
		var probs problems
		for _, ce := range errs {
			probs = append(probs, &Error{Source: source, Place: columnPlace(place, names[ce.field]), Err: ce.err})
		}
		if len(probs) == 0 {
			if err := b.add(place, svc, sub); err != nil {
				probs = append(probs, err)
			}
		}
		return probs
	})
	if err != nil {
		return nil, err
	}
	if len(b.plan.items) == 0 {
		return nil, &Error{Source: source, Err: invalid("it has a header row but no subscriptions")}
	}
	return b.plan, nil
}

// columnPlace names a cell: `row 7, column "Price"`.
func columnPlace(place, column string) string { return fmt.Sprintf("%s, column %q", place, column) }

// csvText returns the file as UTF-8 without a byte-order mark and the
// encoding it was read in when that was not UTF-8: Japanese Excel saves CSV
// in Shift_JIS as Windows extends it (CP932), without a byte-order mark.
func csvText(file []byte) (string, string, error) {
	data := bytes.TrimPrefix(file, []byte("\uFEFF"))
	if utf8.Valid(data) {
		return string(data), "", nil
	}
	// x/text's ShiftJIS is the WHATWG Shift_JIS, that is CP932 with its
	// NEC and IBM extensions (①, ㈱, 髙).
	sjis, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	if err == nil && utf8.Valid(sjis) && !bytes.ContainsRune(sjis, utf8.RuneError) {
		return string(sjis), "Shift_JIS (CP932)", nil
	}
	return "", "", invalid("it is not UTF-8 text (nor Shift_JIS): %s is not UTF-8; save it as \"CSV UTF-8\"", textpos.BadByte(file))
}

// delimiter picks the comma, semicolon or tab, whichever the header row
// (outside quotes) has most of; a tie is the comma.
func delimiter(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range text {
		if c == '"' {
			quoted = !quoted
		}
		if !quoted && (c == '\n' || c == '\r') {
			break
		}
		if !quoted {
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// mapColumns finds the column of each field in the header row. When two
// columns could feed one field, the one whose name comes first among the
// field's aliases is used ("Payment Method" before "Notes") and a warning
// says so; columns no field uses are warned about too. Every required
// column that is missing is named in one error.
func mapColumns(header []string) (map[string]int, []Warning, error) {
	type alias struct {
		field string
		rank  int
	}
	byAlias := map[string]alias{}
	for _, c := range csvColumns {
		for i, a := range c.aliases {
			byAlias[a] = alias{c.field, i}
		}
	}
	cols := map[string]int{}
	rank := map[string]int{}
	var warnings []Warning
	ignore := func(i int) {
		if h := strings.TrimSpace(header[i]); h != "" {
			warnings = append(warnings, Warning{Code: WarnColumnIgnored, Values: map[string]string{"Column": h},
				Text: fmt.Sprintf("column %q is not imported", h)})
		}
	}
	chosen := func(used, other int, field string) {
		u, o := strings.TrimSpace(header[used]), strings.TrimSpace(header[other])
		warnings = append(warnings, Warning{Code: WarnColumnChosen, Values: map[string]string{"Column": u, "Other": o},
			Text: fmt.Sprintf("columns %q and %q could both give the %s: %q is used, %q is not imported", u, o,
				fieldText(field), u, o)})
	}
	for i, h := range header {
		a, ok := byAlias[headerKey(h)]
		if !ok {
			ignore(i)
			continue
		}
		j, dup := cols[a.field]
		switch {
		case !dup:
			cols[a.field], rank[a.field] = i, a.rank
		case a.rank < rank[a.field]:
			chosen(i, j, a.field)
			cols[a.field], rank[a.field] = i, a.rank
		default:
			chosen(j, i, a.field)
		}
	}
	var missing []string
	for _, c := range csvColumns {
		if _, ok := cols[c.field]; c.required && !ok {
			missing = append(missing, fmt.Sprintf("no %s column: name one %q (or %s)", fieldText(c.field), c.aliases[0],
				strings.Join(quoteAll(c.aliases[1:min(3, len(c.aliases))]), ", ")))
		}
	}
	if len(missing) > 0 {
		return nil, nil, invalid("%s", strings.Join(missing, "; "))
	}
	return cols, warnings, nil
}

// fieldText names a field in a message.
func fieldText(field string) string {
	switch field {
	case "name":
		return "service"
	case "trial_end":
		return "trial end"
	case "payment_note":
		return "payment note"
	}
	return field
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvError places an error of encoding/csv at its row.
func csvError(source string, err error) *Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{Source: source, Place: fmt.Sprintf("row %d", pe.StartLine), Err: invalid("%v", pe.Err)}
	}
	return &Error{Source: source, Err: err}
}

// cellError is a problem with one cell, by the field its column fills.
type cellError struct {
	field string
	err   error
}

// csvRow reads one data row, with a problem for each cell that has one.
func csvRow(rec []string, cols map[string]int) (journal.Service, journal.Subscription, []cellError) {
	cell := func(field string) string {
		if i, ok := cols[field]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var errs []cellError
	fail := func(field string, err error) { errs = append(errs, cellError{field, err}) }
	svc := journal.Service{Name: cell("name"), Category: cell("category"), Website: cell("website")}
	sub := journal.Subscription{Plan: cell("plan"), PaymentNote: cell("payment_note")}
	sub.Currency = strings.ToUpper(width.Fold.String(cell("currency")))
	switch {
	case sub.Currency == "":
		fail("currency", journal.Invalid("currency", journal.ReasonRequired))
	case !journal.ValidCurrency(sub.Currency):
		fail("currency", journal.Invalid("currency", journal.ReasonUnknownCurrency))
	default:
		amount, err := parsePrice(cell("price"), sub.Currency)
		if err != nil {
			fail("price", err)
		}
		sub.Amount = amount
	}
	var err error
	if sub.Period, err = parsePeriod(cell("period")); err != nil {
		fail("period", err)
	}
	for _, d := range []struct {
		field    string
		to       *journal.Date
		required bool
	}{{"start", &sub.Start, true}, {"end", &sub.End, false}, {"trial_end", &sub.TrialEnd, false}} {
		v := cell(d.field)
		if v == "" && !d.required {
			continue
		}
		if *d.to, err = parseDay(v); err != nil {
			fail(d.field, err)
		}
	}
	return svc, sub, errs
}

// parsePrice reads a price in a currency's minor units; journal.ParseAmount
// understands both decimal marks ("9,99", "1.234,50", "1,200").
func parsePrice(s, currency string) (int64, error) {
	if strings.TrimSpace(s) == "" {
		return 0, journal.Invalid("price", journal.ReasonRequired)
	}
	amount, err := journal.ParseAmount(s, currency)
	if err != nil {
		return 0, invalidValue(err)
	}
	return amount, nil
}

var (
	periodWords = map[string]journal.Period{
		"daily": every(1, journal.Days), "day": every(1, journal.Days),
		"weekly": every(1, journal.Weeks), "week": every(1, journal.Weeks),
		"biweekly": every(2, journal.Weeks), "fortnightly": every(2, journal.Weeks),
		"monthly": every(1, journal.Months), "month": every(1, journal.Months),
		"bimonthly": every(2, journal.Months), "quarterly": every(3, journal.Months),
		"semiannual": every(6, journal.Months), "semiannually": every(6, journal.Months), "half-yearly": every(6, journal.Months),
		"yearly": every(1, journal.Years), "year": every(1, journal.Years), "annual": every(1, journal.Years), "annually": every(1, journal.Years),
		"毎日": every(1, journal.Days), "日": every(1, journal.Days), "日額": every(1, journal.Days),
		"毎週": every(1, journal.Weeks), "週": every(1, journal.Weeks),
		"毎月": every(1, journal.Months), "月": every(1, journal.Months), "月額": every(1, journal.Months), "月払い": every(1, journal.Months),
		"四半期": every(3, journal.Months), "半年": every(6, journal.Months),
		"毎年": every(1, journal.Years), "年": every(1, journal.Years), "年額": every(1, journal.Years), "年払い": every(1, journal.Years),
	}
	periodUnits = map[string]journal.PeriodUnit{
		"d": journal.Days, "day": journal.Days, "days": journal.Days,
		"w": journal.Weeks, "wk": journal.Weeks, "week": journal.Weeks, "weeks": journal.Weeks,
		"m": journal.Months, "mo": journal.Months, "mon": journal.Months, "month": journal.Months, "months": journal.Months,
		"y": journal.Years, "yr": journal.Years, "yrs": journal.Years, "year": journal.Years, "years": journal.Years,
		"日": journal.Days, "日間": journal.Days, "週": journal.Weeks, "週間": journal.Weeks,
		"ヶ月": journal.Months, "か月": journal.Months, "カ月": journal.Months, "ヵ月": journal.Months, "ケ月": journal.Months,
		"箇月": journal.Months, "月": journal.Months, "年": journal.Years,
	}
	periodPattern = regexp.MustCompile(`^(?:every|per|each)?\s*(\d*)\s*([^\d\s]+?)(?:ごと|毎)?$`)
)

// every is a period of n units.
func every(n int, u journal.PeriodUnit) journal.Period { return journal.Period{N: n, Unit: u} }

// parsePeriod reads a billing period: "monthly", "yearly", "1 month",
// "every 3 months", "14 days", "quarterly", "毎月", "3ヶ月", "1年".
func parsePeriod(s string) (journal.Period, error) {
	key := strings.Join(strings.Fields(strings.ToLower(width.Fold.String(s))), " ")
	if key == "" {
		return journal.Period{}, journal.Invalid("period", journal.ReasonRequired)
	}
	if p, ok := periodWords[strings.TrimPrefix(key, "every ")]; ok {
		return p, nil
	}
	if m := periodPattern.FindStringSubmatch(key); m != nil {
		if unit, ok := periodUnits[m[2]]; ok {
			n := 1
			if m[1] != "" {
				var err error
				if n, err = strconv.Atoi(m[1]); err != nil || n <= 0 || n > 1000 {
					return journal.Period{}, invalid("%q: the number of %ss must be from 1 to 1000", s, unit)
				}
			}
			return journal.Period{N: n, Unit: unit}, nil
		}
	}
	return journal.Period{}, invalid(`%q is not a billing period: write e.g. "monthly", "yearly", "every 3 months" or "14 days"`, s)
}

var datePatterns = []*regexp.Regexp{
	regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`),
	regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})$`),
	regexp.MustCompile(`^(\d{4})\.(\d{1,2})\.(\d{1,2})$`),
	regexp.MustCompile(`^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日$`),
}

// parseDay reads a calendar day written year first: 2026-01-31, 2026/1/31,
// 2026.01.31, 2026年1月31日, or an RFC 3339 time (its date as written).
// Day-first and month-first dates are refused: 01/02/2026 could be either.
func parseDay(s string) (journal.Date, error) {
	s = strings.TrimSpace(width.Fold.String(s))
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return journal.DateOf(t), nil
	}
	for _, p := range datePatterns {
		m := p.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= journal.DaysIn(y, time.Month(mo)) {
			return journal.Date{Year: y, Month: time.Month(mo), Day: d}, nil
		}
		break
	}
	return journal.Date{}, invalid("%q is not a date: write it as YYYY-MM-DD, like 2026-01-31", s)
}
