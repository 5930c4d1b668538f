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
)

// csvColumn is a field a CSV column can fill, with the header names that
// mean it (compared lower case, with spaces and dashes as underscores).
type csvColumn struct {
	field    string // the canonical name; also the journal field it fills
	required bool
	aliases  []string
}

var csvColumns = []csvColumn{
	{"name", true, []string{"service", "name", "service_name", "provider", "サービス", "サービス名"}},
	{"plan", false, []string{"plan", "plan_name", "tier", "プラン", "プラン名"}},
	{"price", true, []string{"price", "amount", "cost", "料金", "金額", "価格"}},
	{"currency", true, []string{"currency", "currency_code", "通貨"}},
	{"period", true, []string{"period", "cycle", "billing", "billing_period", "billing_cycle", "frequency", "interval",
		"周期", "支払周期", "請求周期"}},
	{"start", true, []string{"start", "start_date", "started", "since", "開始日"}},
	{"end", false, []string{"end", "end_date", "cancelled", "canceled", "cancel_date", "cancellation_date", "ended",
		"終了日", "解約日"}},
	{"trial_end", false, []string{"trial_end", "trial", "trial_end_date", "トライアル終了日"}},
	{"payment_note", false, []string{"payment_note", "payment", "payment_method", "paid_with", "note", "notes",
		"支払方法", "メモ"}},
	{"category", false, []string{"category", "カテゴリ", "カテゴリー"}},
	{"website", false, []string{"website", "url", "site", "ウェブサイト"}},
}

// headerKey folds a header cell for matching: "Start Date" is "start_date".
func headerKey(h string) string {
	h = strings.ToLower(strings.TrimSpace(width.Fold.String(h)))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

// ParseCSV reads subscriptions from a CSV file with a header row. Header
// names are matched ignoring case and common aliases (see docs/IMPORTS.md);
// the delimiter (comma, semicolon or tab) is taken from the header row; the
// text is UTF-8 with or without a byte-order mark, or Shift_JIS as Japanese
// spreadsheets save it. services are the journal's services, so the preview
// can say which ones would be created. A problem names the row (the line
// number a spreadsheet shows, the header being row 1) and the column.
func ParseCSV(source string, data []byte, services []*journal.Service) (*SubscriptionPlan, error) {
	if int64(len(data)) > MaxSize {
		return nil, &Error{Source: source, Err: tooLarge(MaxSize)}
	}
	text, warning, err := csvText(data)
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
	cols, ignored, err := mapColumns(header)
	if err != nil {
		return nil, &Error{Source: source, Place: "row 1", Err: err}
	}
	names := map[string]string{}
	for field, i := range cols {
		names[field] = strings.TrimSpace(header[i])
	}
	names["period_unit"] = names["period"]
	b := newSubscriptionBuilder(source, services, names, func(place, field string) string {
		return fmt.Sprintf("%s, column %q", place, field)
	})
	if warning != "" {
		b.plan.warnings = append(b.plan.warnings, warning)
	}
	for _, i := range ignored {
		b.plan.warnings = append(b.plan.warnings, fmt.Sprintf("column %q is not imported", strings.TrimSpace(header[i])))
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(source, err)
		}
		if blank(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		place := fmt.Sprintf("row %d", line)
		if len(rec) != len(header) {
			return nil, &Error{Source: source, Place: place,
				Err: invalid("it has %d cells but the header row has %d", len(rec), len(header))}
		}
		svc, sub, ce := csvRow(rec, cols)
		if ce != nil {
			return nil, &Error{Source: source, Place: b.plan.placeField(place, names[ce.field]), Err: ce.err}
		}
		if err := b.add(place, svc, sub); err != nil {
			return nil, err
		}
	}
	if len(b.plan.items) == 0 {
		return nil, &Error{Source: source, Err: invalid("it has a header row but no subscriptions")}
	}
	return b.plan, nil
}

// csvText returns the file as UTF-8 without a byte-order mark, reading
// Shift_JIS when the bytes are not UTF-8, with a warning saying so.
func csvText(file []byte) (string, string, error) {
	data := bytes.TrimPrefix(file, []byte("\uFEFF"))
	if utf8.Valid(data) {
		return string(data), "", nil
	}
	sjis, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	if err == nil && utf8.Valid(sjis) && !bytes.ContainsRune(sjis, utf8.RuneError) {
		return string(sjis), "the file is not UTF-8: it was read as Shift_JIS", nil
	}
	return "", "", invalid("it is not UTF-8 text (nor Shift_JIS): %s is not UTF-8; save it as \"CSV UTF-8\"", badByte(file))
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

// mapColumns finds the column of each field in the header row and the
// columns no field uses.
func mapColumns(header []string) (map[string]int, []int, error) {
	byAlias := map[string]string{}
	for _, c := range csvColumns {
		for _, a := range c.aliases {
			byAlias[a] = c.field
		}
	}
	cols := map[string]int{}
	var ignored []int
	for i, h := range header {
		field, ok := byAlias[headerKey(h)]
		if !ok {
			if strings.TrimSpace(h) != "" {
				ignored = append(ignored, i)
			}
			continue
		}
		if j, dup := cols[field]; dup {
			return nil, nil, invalid("columns %q and %q both give the %s", strings.TrimSpace(header[j]),
				strings.TrimSpace(h), fieldText(field))
		}
		cols[field] = i
	}
	for _, c := range csvColumns {
		if _, ok := cols[c.field]; c.required && !ok {
			return nil, nil, invalid("no %s column: name one %q (or %s)", fieldText(c.field), c.aliases[0],
				strings.Join(quoteAll(c.aliases[1:min(3, len(c.aliases))]), ", "))
		}
	}
	return cols, ignored, nil
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
func csvError(source string, err error) error {
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

// csvRow reads one data row.
func csvRow(rec []string, cols map[string]int) (journal.Service, journal.Subscription, *cellError) {
	cell := func(field string) string {
		if i, ok := cols[field]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	svc := journal.Service{Name: cell("name"), Category: cell("category"), Website: cell("website")}
	sub := journal.Subscription{Plan: cell("plan"), PaymentNote: cell("payment_note")}
	sub.Currency = strings.ToUpper(width.Fold.String(cell("currency")))
	if sub.Currency == "" {
		return svc, sub, &cellError{"currency", journal.Invalid("currency", journal.ReasonRequired)}
	}
	if !journal.ValidCurrency(sub.Currency) {
		return svc, sub, &cellError{"currency", journal.Invalid("currency", journal.ReasonUnknownCurrency)}
	}
	amount, err := parsePrice(cell("price"), sub.Currency)
	if err != nil {
		return svc, sub, &cellError{"price", err}
	}
	sub.Amount = amount
	if sub.Period, err = parsePeriod(cell("period")); err != nil {
		return svc, sub, &cellError{"period", err}
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
			return svc, sub, &cellError{d.field, err}
		}
	}
	return svc, sub, nil
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
