package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/datetext"
	"lapse/app/journal"
)

// How Lapse writes a local date and time, and a date alone.
const (
	timeLayout = datetext.Layout
	dayLayout  = datetext.DateLayout
)

// timeField is an entry for a local date and time with a calendar button and
// the user's time zone beside it. It reads every form datetext accepts
// ("2024-07-18 9:00", "2024/7/18 9:05", "7/18/2024 9:05 AM",
// "2024年7月18日 9:05", a date alone = its first instant) and writes the full
// form; optional fields accept an empty text as "none".
type timeField struct {
	entry    *keyEntry
	loc      *time.Location
	optional bool
	dateOnly bool
	now      func() time.Time
	popup    *widget.PopUp
	calendar *fyne.Container // the popup's calendar, rebuilt to jump months and years
}

func newTimeField(loc *time.Location, now func() time.Time, optional bool) *timeField {
	f := &timeField{loc: loc, now: now, optional: optional}
	f.entry = newKeyEntry(false, datetext.Form(true))
	zone := &widget.Label{Text: zoneName(loc), Importance: widget.LowImportance}
	pick := &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: f.onPick}
	f.entry.ActionItem = container.NewHBox(zone, pick)
	return f
}

func newDateField(loc *time.Location, now func() time.Time, optional bool) *timeField {
	f := &timeField{loc: loc, now: now, optional: optional, dateOnly: true}
	f.entry = newKeyEntry(false, datetext.Form(false))
	f.entry.ActionItem = &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: f.onPick}
	return f
}

// zoneName is the zone shown beside a date-time field ("Asia/Tokyo").
func zoneName(loc *time.Location) string {
	if loc == nil || loc.String() == "" {
		return "UTC"
	}
	return loc.String()
}

// set shows t (nil: empty) in the user's zone.
func (f *timeField) set(t *time.Time) {
	if t == nil {
		f.entry.SetText("")
		return
	}
	f.entry.SetText(datetext.Example(t.In(f.loc), !f.dateOnly))
}

// setDate shows a calendar date.
func (f *timeField) setDate(d journal.Date) {
	f.entry.SetText(d.String())
}

// value parses the text; nil with no error means empty (only when optional).
// field names the field for the error, which carries datetext's reason.
func (f *timeField) value(field string) (*time.Time, error) {
	s := strings.TrimSpace(f.entry.Text)
	if s == "" {
		if f.optional {
			return nil, nil
		}
		return nil, journal.Invalid(field, journal.ReasonRequired)
	}
	var t time.Time
	var err error
	if f.dateOnly {
		var d journal.Date
		if d, err = datetext.ParseDate(s); err == nil {
			t = d.In(f.loc)
		}
	} else {
		t, err = datetext.Parse(s, f.loc)
	}
	if err != nil {
		return nil, &journal.Error{Code: journal.EINVALID, Field: field, Reason: journal.ReasonInvalidDate, Err: &dateEntryError{err: err, withTime: !f.dateOnly}}
	}
	u := t.UTC()
	return &u, nil
}

// dateEntryError is what a date field could not read, with whether a time
// was expected, so the message shows the full form to type.
type dateEntryError struct {
	err      error
	withTime bool
}

func (e *dateEntryError) Error() string { return e.err.Error() }
func (e *dateEntryError) Unwrap() error { return e.err }

// dateErrorText says what is wrong with a typed date and the full form expected:
// "Start: no such month — type YYYY-MM-DD HH:MM, e.g. 2024-07-18 09:05".
func dateErrorText(field string, e *dateEntryError, de *datetext.Error) string {
	what := lang.X("date_error."+string(de.Code), dateErrorFallback[de.Code])
	form := datetext.Form(e.withTime)
	example := "2024-07-18"
	if e.withTime {
		example = "2024-07-18 09:05"
	}
	return lang.X("date_error.message", "{{.Field}}: {{.What}} — type {{.Form}}, e.g. {{.Example}}",
		map[string]any{"Field": fieldLabel(field), "What": what, "Form": form, "Example": example})
}

var dateErrorFallback = map[datetext.Code]string{
	datetext.Empty:         "nothing typed",
	datetext.Unreadable:    "not a date Lapse can read",
	datetext.BadYear:       "no such year",
	datetext.BadMonth:      "no such month",
	datetext.BadDay:        "no such day in that month",
	datetext.BadHour:       "no such hour",
	datetext.BadMinute:     "no such minute",
	datetext.TimeNotWanted: "a date without a time is asked here",
	datetext.NoSuchTime:    "the clocks skipped that time in your time zone",
}

// date parses the text as a calendar date.
func (f *timeField) date(field string) (journal.Date, error) {
	t, err := f.value(field)
	if err != nil || t == nil {
		return journal.Date{}, err
	}
	return journal.DateOf(t.In(f.loc)), nil
}

// onPick opens a calendar under the field; picking a day keeps the time
// typed. Buttons and a year box jump by month and by year.
func (f *timeField) onPick() {
	c := fyne.CurrentApp().Driver().CanvasForObject(f.entry)
	if c == nil {
		return
	}
	current := f.now().In(f.loc)
	if t, err := f.value("x"); err == nil && t != nil {
		current = t.In(f.loc)
	}
	nowText := lang.X("action.now", "Now")
	if f.dateOnly {
		nowText = lang.X("action.today", "Today")
	}
	now := &widget.Button{Text: nowText, OnTapped: func() {
		f.set(ptr(f.now()))
		f.popup.Hide()
	}}
	f.calendar = container.NewStack()
	year := newKeyEntry(false, "YYYY")
	show := func(t time.Time) {
		year.SetText(strconv.Itoa(t.Year()))
		f.calendar.Objects = []fyne.CanvasObject{widget.NewCalendar(t, func(day time.Time) {
			picked := time.Date(day.Year(), day.Month(), day.Day(), current.Hour(), current.Minute(), 0, 0, f.loc)
			if f.dateOnly {
				f.setDate(journal.DateOf(day))
			} else {
				f.set(&picked)
			}
			f.popup.Hide()
		})}
		f.calendar.Refresh()
		current = t
	}
	shown := func() time.Time { return current }
	year.OnSubmitted = func(s string) {
		if y, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && y >= 1 && y <= 9999 {
			show(addYears(shown(), y-shown().Year()))
		}
	}
	prevYear := &widget.Button{Icon: theme.MediaFastRewindIcon(), Importance: widget.LowImportance, OnTapped: func() { show(addYears(shown(), -1)) }}
	nextYear := &widget.Button{Icon: theme.MediaFastForwardIcon(), Importance: widget.LowImportance, OnTapped: func() { show(addYears(shown(), 1)) }}
	show(current)
	years := container.NewBorder(nil, nil, prevYear, nextYear, year)
	f.popup = widget.NewPopUp(container.NewBorder(years, now, nil, nil, f.calendar), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.entry)
	f.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, f.entry.Size().Height)))
}

// addYears moves t by n years, keeping the day inside the month (29 Feb → 28 Feb).
func addYears(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	if last := time.Date(y+n, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); d > last {
		d = last
	}
	return time.Date(y+n, m, d, t.Hour(), t.Minute(), 0, 0, t.Location())
}

func ptr[T any](v T) *T { return &v }
