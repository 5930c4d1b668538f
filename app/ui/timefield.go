package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// Layouts for typing times and dates; shown in the user's time zone.
const (
	timeLayout = "2006-01-02 15:04"
	dayLayout  = journal.DateLayout
)

// timeField is an entry for a local date and time ("2026-03-01 09:30") with a
// calendar button; optional fields accept an empty text as "none".
type timeField struct {
	entry    *widget.Entry
	loc      *time.Location
	optional bool
	dateOnly bool
	now      func() time.Time
	popup    *widget.PopUp
}

func newTimeField(loc *time.Location, now func() time.Time, optional bool) *timeField {
	f := &timeField{loc: loc, now: now, optional: optional}
	f.entry = &widget.Entry{PlaceHolder: timeLayout}
	f.entry.ActionItem = &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: f.onPick}
	f.entry.ExtendBaseWidget(f.entry)
	return f
}

func newDateField(loc *time.Location, now func() time.Time, optional bool) *timeField {
	f := newTimeField(loc, now, optional)
	f.dateOnly = true
	f.entry.PlaceHolder = dayLayout
	return f
}

func (f *timeField) layout() string {
	if f.dateOnly {
		return dayLayout
	}
	return timeLayout
}

// set shows t (nil: empty) in the user's zone.
func (f *timeField) set(t *time.Time) {
	if t == nil {
		f.entry.SetText("")
		return
	}
	f.entry.SetText(t.In(f.loc).Format(f.layout()))
}

// setDate shows a calendar date.
func (f *timeField) setDate(d journal.Date) {
	f.entry.SetText(d.String())
}

// value parses the text; nil with no error means empty (only when optional).
// field names the field for the error.
func (f *timeField) value(field string) (*time.Time, error) {
	s := strings.TrimSpace(f.entry.Text)
	if s == "" {
		if f.optional {
			return nil, nil
		}
		return nil, journal.Invalid(field, journal.ReasonRequired)
	}
	t, err := time.ParseInLocation(f.layout(), s, f.loc)
	if err != nil && !f.dateOnly {
		// A date alone means midnight.
		t, err = time.ParseInLocation(dayLayout, s, f.loc)
	}
	if err != nil {
		return nil, journal.Invalid(field, journal.ReasonInvalidDate)
	}
	u := t.UTC()
	return &u, nil
}

// date parses the text as a calendar date.
func (f *timeField) date(field string) (journal.Date, error) {
	t, err := f.value(field)
	if err != nil || t == nil {
		return journal.Date{}, err
	}
	return journal.DateOf(t.In(f.loc)), nil
}

// onPick opens a calendar under the field; picking a day keeps the time typed.
func (f *timeField) onPick() {
	c := fyne.CurrentApp().Driver().CanvasForObject(f.entry)
	if c == nil {
		return
	}
	current := f.now().In(f.loc)
	if t, err := f.value("x"); err == nil && t != nil {
		current = t.In(f.loc)
	}
	cal := widget.NewCalendar(current, func(day time.Time) {
		picked := time.Date(day.Year(), day.Month(), day.Day(), current.Hour(), current.Minute(), 0, 0, f.loc)
		f.entry.SetText(picked.Format(f.layout()))
		f.popup.Hide()
	})
	nowText := lang.X("action.now", "Now")
	if f.dateOnly {
		nowText = lang.X("action.today", "Today")
	}
	now := &widget.Button{Text: nowText, OnTapped: func() {
		f.entry.SetText(f.now().In(f.loc).Format(f.layout()))
		f.popup.Hide()
	}}
	f.popup = widget.NewPopUp(container.NewBorder(nil, now, nil, nil, cal), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.entry)
	f.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, f.entry.Size().Height)))
}
