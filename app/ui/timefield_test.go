package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// The forms a user types are all read, in the user's zone; the field then
// shows what it read in the full form.
func TestOutageStartAcceptsForgivingForms(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang, typed string
		want        time.Time
	}{
		{"en", "2024-07-18 9:00", time.Date(2024, 7, 18, 9, 0, 0, 0, tokyo)},
		{"en", "2024-07-18 09:00", time.Date(2024, 7, 18, 9, 0, 0, 0, tokyo)},
		{"en", "2024-07-18", time.Date(2024, 7, 18, 0, 0, 0, 0, tokyo)},
		{"en", "2024/7/18 9:05", time.Date(2024, 7, 18, 9, 5, 0, 0, tokyo)},
		{"en", "7/18/2024 9:05 AM", time.Date(2024, 7, 18, 9, 5, 0, 0, tokyo)},
		{"en", "7/18/2024 9:05 PM", time.Date(2024, 7, 18, 21, 5, 0, 0, tokyo)},
		{"ja", "2024年7月18日 9:05", time.Date(2024, 7, 18, 9, 5, 0, 0, tokyo)},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			u := newTestUI(t)
			if err := SetLanguage(tc.lang); err != nil {
				t.Fatal(err)
			}
			svc := addService(t, u, "Parley AI")
			u.loc = tokyo
			u.showTab(svc.ID, tabOutages)
			settle(u)
			f := u.service.outages.onAdd()
			f.start.entry.SetText("")
			test.Type(f.start.entry, tc.typed)
			test.Tap(f.save)
			settle(u)
			if e := f.form.errorOf("start"); e != "" {
				t.Fatalf("error %q", e)
			}
			outs := outagesOf(t, u, svc)
			if len(outs) != 1 || !outs[0].Start.Equal(tc.want) {
				t.Fatalf("saved %+v, want start %v", outs, tc.want)
			}
		})
	}
}

// A day whose midnight was skipped (Asunción, 1 Oct 2023: 00:00 → 01:00)
// starts at 01:00; a time the clocks skipped is refused with why.
func TestDateAloneOnADayWithoutMidnight(t *testing.T) {
	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t)
	svc := addService(t, u, "Parley AI")
	u.loc = asuncion
	u.showTab(svc.ID, tabOutages)
	settle(u)
	f := u.service.outages.onAdd()
	f.start.entry.SetText("2023-10-01 00:30")
	test.Tap(f.save)
	settle(u)
	if e := f.form.errorOf("start"); e != "Start: the clocks skipped that time in your time zone — type YYYY-MM-DD HH:MM, e.g. 2024-07-18 09:05" {
		t.Errorf("error = %q", e)
	}
	f.start.entry.SetText("2023-10-01")
	test.Tap(f.save)
	settle(u)
	outs := outagesOf(t, u, svc)
	if want := time.Date(2023, 10, 1, 1, 0, 0, 0, asuncion); len(outs) != 1 || !outs[0].Start.Equal(want) {
		t.Fatalf("saved %+v, want start %v", outs, want)
	}
}

func TestDateErrorsShowTheFullForm(t *testing.T) {
	for _, tc := range []struct{ lang, typed, want string }{
		{"en", "2024-13-01 9:00", "Start: no such month — type YYYY-MM-DD HH:MM, e.g. 2024-07-18 09:05"},
		{"en", "next tuesday", "Start: not a date Lapse can read — type YYYY-MM-DD HH:MM, e.g. 2024-07-18 09:05"},
		{"ja", "2024-02-30", "開始：その月にその日はありません。YYYY-MM-DD HH:MM の形で入力してください（例：2024-07-18 09:05）"},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			u := newTestUI(t)
			if err := SetLanguage(tc.lang); err != nil {
				t.Fatal(err)
			}
			_, f := openOutageForm(t, u)
			f.start.entry.SetText(tc.typed)
			test.Tap(f.save)
			settle(u)
			if e := f.form.errorOf("start"); e != tc.want {
				t.Errorf("error = %q, want %q", e, tc.want)
			}
		})
	}
}

// The hint shows the full form with the time, and the zone is beside the field.
func TestTimeFieldShowsFormAndZone(t *testing.T) {
	u := newTestUI(t)
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	svc := addService(t, u, "Parley AI")
	u.loc = tokyo
	u.showTab(svc.ID, tabOutages)
	settle(u)
	f := u.service.outages.onAdd()
	f.start.entry.SetText("")
	if f.start.entry.PlaceHolder != "YYYY-MM-DD HH:MM" {
		t.Errorf("hint = %q", f.start.entry.PlaceHolder)
	}
	var texts []string
	walkFields(f.start.entry.ActionItem, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			texts = append(texts, l.Text)
		}
	})
	if strings.Join(texts, " ") != "Asia/Tokyo" {
		t.Errorf("beside the start field: %q, want the zone Asia/Tokyo", texts)
	}
}

// The calendar jumps by year and to a typed year, keeping the time typed.
func TestCalendarJumpsByYear(t *testing.T) {
	u := newTestUI(t)
	_, f := openOutageForm(t, u)
	f.start.entry.SetText("2026-11-25 14:30")
	f.start.onPick()
	years := f.start.popup.Content.(*fyne.Container).Objects[1].(*fyne.Container) // Border: center, top
	var year *keyEntry
	var back *widget.Button
	walkFields(years, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *keyEntry:
			year = w
		case *widget.Button:
			if back == nil {
				back = w
			}
		}
	})
	test.Tap(back)
	if year.Text != "2025" || monthShown(t, f) != "November 2025" {
		t.Fatalf("after one year back: %q, %q", year.Text, monthShown(t, f))
	}
	year.SetText("2024")
	year.OnSubmitted(year.Text)
	if monthShown(t, f) != "November 2024" {
		t.Fatalf("after typing 2024: %q", monthShown(t, f))
	}
	test.Tap(dayButton(t, f, "18"))
	if f.start.entry.Text != "2024-11-18 14:30" {
		t.Errorf("picked %q, want 2024-11-18 14:30", f.start.entry.Text)
	}
}

func monthShown(t *testing.T, f *outageForm) string {
	t.Helper()
	var text string
	cal := f.start.calendar.Objects[0]
	walkRendered(cal, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && text == "" && strings.Contains(l.Text, "20") {
			text = l.Text
		}
	})
	return text
}

func dayButton(t *testing.T, f *outageForm, day string) *widget.Button {
	t.Helper()
	var b *widget.Button
	cal := f.start.calendar.Objects[0]
	walkRendered(cal, func(o fyne.CanvasObject) {
		if w, ok := o.(*widget.Button); ok && w.Text == day && b == nil {
			b = w
		}
	})
	if b == nil {
		t.Fatalf("no day %s in the calendar", day)
	}
	return b
}

// walkRendered visits o and what its renderers draw.
func walkRendered(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walkRendered(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			walkRendered(c, visit)
		}
	}
}

// After a message is added, the composer keeps the time typed, so a thread
// entered after the fact goes on from there.
func TestComposerKeepsTheLastTimeEntered(t *testing.T) {
	u, tab := newSupportUI(t)
	u.loc = time.UTC
	tk := addTicket(t, u, tab, time.Date(2024, 7, 5, 9, 0, 0, 0, time.UTC), nil, msg{0, journal.AuthorMe, "Cannot log in"})
	th := openThread(t, tab, tk)
	th.composer.at.entry.SetText("2024-07-06 10:15")
	test.Type(th.composer.summary, "A human replied")
	test.Tap(th.addBtn)
	settle(u)
	if tab.thread != th {
		t.Fatal("adding a message replaced the thread on screen")
	}
	if got := th.composer.at.entry.Text; got != "2024-07-06 10:15" {
		t.Errorf("composer time after adding = %q, want the time just entered", got)
	}
	if th.composer.summary.Text != "" {
		t.Errorf("summary not cleared: %q", th.composer.summary.Text)
	}
	// Ctrl+Enter in the body adds the message, Enter in the summary too.
	c := u.win.Canvas()
	th.composer.at.entry.SetText("2024-07-06 11:00")
	test.Type(th.composer.summary, "Rate your conversation")
	c.Focus(th.composer.body)
	press(t, c, fyne.KeyReturn, fyne.KeyModifierControl)
	settle(u)
	if ms := storedMessages(t, u, tk.ID); len(ms) != 3 || ms[2].Summary != "Rate your conversation" {
		t.Fatalf("messages = %+v, want the third added by Ctrl+Enter", ms)
	}
	// A window shortcut still works from a field outside any dialog.
	press(t, c, fyne.KeyF, fyne.KeyModifierControl)
	if c.Focused() != u.toolbar.search {
		t.Errorf("Ctrl+F from the composer focused %T, want the search box", c.Focused())
	}
}
