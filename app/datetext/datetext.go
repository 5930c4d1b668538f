// Package datetext reads the dates and times people type: the full form
// "2024-07-18 09:00", and the forgiving ones — one-digit hours, a date
// alone (its first instant), slashes ("2024/7/18 9:05"), the English short
// form ("7/18/2024 9:05 AM") and the Japanese one ("2024年7月18日 9:05",
// "午後3時"), full-width digits included. Mistakes come back as *Error
// with a Code the UI translates.
package datetext

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"lapse/app/journal"
)

// Layout is the full form Lapse writes into a date-time field, and DateLayout
// the form of a date alone.
const (
	Layout     = "2006-01-02 15:04"
	DateLayout = journal.DateLayout
)

// Form is the full expected form for hints and errors: "YYYY-MM-DD HH:MM",
// or "YYYY-MM-DD" for a date alone.
func Form(withTime bool) string {
	if withTime {
		return "YYYY-MM-DD HH:MM"
	}
	return "YYYY-MM-DD"
}

// Example is t in the full form, in t's location, for a hint beside Form
// ("2024-07-18 09:00").
func Example(t time.Time, withTime bool) string {
	if withTime {
		return t.Format(Layout)
	}
	return t.Format(DateLayout)
}

// Code says what is wrong with a typed date or time.
type Code string

// Codes of Error.
const (
	Empty         Code = "empty"           // nothing typed
	Unreadable    Code = "unreadable"      // no accepted form
	BadYear       Code = "year"            // year 0
	BadMonth      Code = "month"           // month outside 1–12
	BadDay        Code = "day"             // no such day in that month (31 Jun, 30 Feb)
	BadHour       Code = "hour"            // hour outside 0–23, or 1–12 with AM/PM
	BadMinute     Code = "minute"          // minute or second outside 0–59
	TimeNotWanted Code = "time_not_wanted" // a time typed where only a date is asked
	NoSuchTime    Code = "no_such_time"    // the clocks skipped that time in the zone
)

// Error is a date or time that cannot be read, with why.
type Error struct {
	Code  Code
	Input string // what was typed
}

func (e *Error) Error() string {
	what := map[Code]string{
		Empty: "nothing typed", Unreadable: "not a date", BadYear: "no such year", BadMonth: "no such month",
		BadDay: "no such day in that month", BadHour: "no such hour", BadMinute: "no such minute",
		TimeNotWanted: "a date without a time is expected", NoSuchTime: "the clocks skipped that time",
	}[e.Code]
	if what == "" {
		what = string(e.Code)
	}
	return "date " + strconv.Quote(e.Input) + ": " + what
}

// parts is what was read from the text, before it is checked.
type parts struct {
	year, month, day     int
	hasTime              bool
	hour, minute, second int
	meridiem             string // "", "am" or "pm"
}

var (
	// The date comes first: year-month-day with - / or ., the Japanese
	// 年月日, or the English month/day/year.
	isoDate = regexp.MustCompile(`^(\d{4})\s*([-/.])\s*(\d{1,2})\s*([-/.])\s*(\d{1,2})`)
	jaDate  = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	usDate  = regexp.MustCompile(`^(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})`)
	// Then, after a space, a "T" or a comma, an optional Japanese weekday
	// in brackets, and the time: H:MM[:SS] [AM|PM], H AM, or 午前/午後 H時[MM分].
	weekday  = regexp.MustCompile(`^[(（]\s*[日月火水木金土]\s*(曜日?)?\s*[)）]`)
	clock    = regexp.MustCompile(`^(午前|午後)?\s*(\d{1,2})\s*:\s*(\d{1,2})(?:\s*:\s*(\d{1,2}))?\s*(am|pm|a\.m\.|p\.m\.)?$`)
	hourOnly = regexp.MustCompile(`^(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)$`)
	jaClock  = regexp.MustCompile(`^(午前|午後)?\s*(\d{1,2})\s*時\s*(?:(\d{1,2})\s*分|半)?$`)
)

// read splits s into its parts; ok is false when no accepted form matches.
func read(s string) (p parts, ok bool) {
	var rest string
	if m := isoDate.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		p.year, p.month, p.day = atoi(m[1]), atoi(m[3]), atoi(m[5])
		rest = s[len(m[0]):]
	} else if m := jaDate.FindStringSubmatch(s); m != nil {
		p.year, p.month, p.day = atoi(m[1]), atoi(m[2]), atoi(m[3])
		rest = s[len(m[0]):]
	} else if m := usDate.FindStringSubmatch(s); m != nil {
		p.month, p.day, p.year = atoi(m[1]), atoi(m[2]), atoi(m[3])
		rest = s[len(m[0]):]
	} else {
		return p, false
	}
	rest = strings.TrimSpace(rest)
	if w := weekday.FindString(rest); w != "" {
		rest = strings.TrimSpace(rest[len(w):])
	}
	if strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, "t") {
		rest = strings.TrimSpace(rest[1:])
	}
	if rest == "" {
		return p, true
	}
	p.hasTime = true
	switch m := clock.FindStringSubmatch(rest); {
	case m != nil:
		p.hour, p.minute, p.second = atoi(m[2]), atoi(m[3]), atoi(m[4])
		p.meridiem = meridiem(m[1] + m[5])
		return p, !(m[1] != "" && m[5] != "") // 午前 and AM together is no form
	}
	if m := hourOnly.FindStringSubmatch(rest); m != nil {
		p.hour, p.meridiem = atoi(m[1]), meridiem(m[2])
		return p, true
	}
	if m := jaClock.FindStringSubmatch(rest); m != nil {
		p.hour, p.minute, p.meridiem = atoi(m[2]), atoi(m[3]), meridiem(m[1])
		if strings.HasSuffix(rest, "半") {
			p.minute = 30
		}
		return p, true
	}
	return p, false
}

// meridiem reads AM/PM in either language: "am", "pm" or "".
func meridiem(s string) string {
	switch s {
	case "am", "a.m.", "午前":
		return "am"
	case "pm", "p.m.", "午後":
		return "pm"
	}
	return ""
}

// atoi reads a run of ASCII digits the expressions matched ("" is 0).
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// normalize folds full-width digits, colons, slashes and spaces to ASCII,
// lower-cases AM/PM and squeezes spaces.
func normalize(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(width.Fold.String(s)), " "))
}

// check validates p's fields, naming the first one that is wrong.
func (p parts) check() Code {
	switch {
	case p.year < 1:
		return BadYear
	case p.month < 1 || p.month > 12:
		return BadMonth
	case p.day < 1 || p.day > journal.DaysIn(p.year, time.Month(p.month)):
		return BadDay
	case p.meridiem != "" && (p.hour < 1 || p.hour > 12):
		return BadHour
	case p.hour > 23:
		return BadHour
	case p.minute > 59 || p.second > 59:
		return BadMinute
	}
	return ""
}

// Parse reads a date with an optional time in loc. A date alone is the
// first instant of that day (journal.Date.In: where midnight was skipped,
// the day's first instant). A time the clocks skipped is NoSuchTime; a time
// that happened twice (clocks turned back) is its first occurrence.
func Parse(s string, loc *time.Location) (time.Time, error) {
	p, err := parse(s)
	if err != nil {
		return time.Time{}, err
	}
	d := journal.Date{Year: p.year, Month: time.Month(p.month), Day: p.day}
	if !p.hasTime {
		return d.In(loc), nil
	}
	hour := p.hour
	switch {
	case p.meridiem == "am" && hour == 12:
		hour = 0
	case p.meridiem == "pm" && hour < 12:
		hour += 12
	}
	t := time.Date(p.year, time.Month(p.month), p.day, hour, p.minute, p.second, 0, loc)
	same := func(u time.Time) bool { return journal.DateOf(u) == d && u.Hour() == hour && u.Minute() == p.minute }
	if !same(t) {
		return time.Time{}, &Error{Code: NoSuchTime, Input: s}
	}
	// time.Date may answer either occurrence of a repeated time: take the
	// first, earlier by the size of the change (half an hour in Lord Howe).
	if begin, _ := t.ZoneBounds(); !begin.IsZero() {
		_, before := begin.Add(-time.Nanosecond).Zone()
		_, after := t.Zone()
		if u := t.Add(-time.Duration(before-after) * time.Second); before > after && same(u) {
			t = u
		}
	}
	return t, nil
}

// ParseDate reads a calendar date in any of the accepted forms; a time is
// TimeNotWanted.
func ParseDate(s string) (journal.Date, error) {
	p, err := parse(s)
	if err != nil {
		return journal.Date{}, err
	}
	if p.hasTime {
		return journal.Date{}, &Error{Code: TimeNotWanted, Input: s}
	}
	return journal.Date{Year: p.year, Month: time.Month(p.month), Day: p.day}, nil
}

func parse(s string) (parts, error) {
	n := normalize(s)
	if n == "" {
		return parts{}, &Error{Code: Empty, Input: s}
	}
	p, ok := read(n)
	if !ok {
		return p, &Error{Code: Unreadable, Input: s}
	}
	if c := p.check(); c != "" {
		return p, &Error{Code: c, Input: s}
	}
	return p, nil
}
