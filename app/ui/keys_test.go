package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// press sends a key the way the desktop driver does (fyne's driver/glfw
// window.go, processKeyPressed): Tab and Shift+Tab move the focus unless the
// focused widget accepts tabs; a key with Ctrl is a shortcut, for the focused
// widget if it takes shortcuts, else the window's; any other key goes to the
// focused widget, else to the window.
func press(t *testing.T, c fyne.Canvas, key fyne.KeyName, mod fyne.KeyModifier) {
	t.Helper()
	focused := c.Focused()
	if key == fyne.KeyTab && mod&^fyne.KeyModifierShift == 0 {
		if tb, ok := focused.(fyne.Tabbable); ok && tb.AcceptsTab() {
			focused.TypedKey(&fyne.KeyEvent{Name: key})
			return
		}
		if mod == 0 {
			c.FocusNext()
		} else {
			c.FocusPrevious()
		}
		return
	}
	if mod&fyne.KeyModifierControl != 0 {
		var s fyne.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		if key == fyne.KeyZ && mod == fyne.KeyModifierControl {
			s = &fyne.ShortcutUndo{} // as the driver sends it
		}
		if sc, ok := focused.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
			return
		}
		c.(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(s)
		return
	}
	if focused != nil {
		focused.TypedKey(&fyne.KeyEvent{Name: key})
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(&fyne.KeyEvent{Name: key})
	}
}

// dialogShown says whether a dialog (any overlay) is on the window.
func dialogShown(u *UI) bool { return u.win.Canvas().Overlays().Top() != nil }

func openOutageForm(t *testing.T, u *UI) (*journal.Service, *outageForm) {
	t.Helper()
	u.loc = time.UTC
	svc := addService(t, u, "Streamly")
	u.showTab(svc.ID, tabOutages)
	settle(u)
	f := u.service.outages.onAdd()
	if !dialogShown(u) {
		t.Fatal("the outage form did not open")
	}
	return svc, f
}

func TestEscapeCancelsAFormFromAnyField(t *testing.T) {
	for _, tc := range []struct {
		name  string
		focus func(f *outageForm) fyne.Focusable
	}{
		{"single-line field", func(f *outageForm) fyne.Focusable { return f.title }},
		{"date-time field", func(f *outageForm) fyne.Focusable { return f.start.entry }},
		{"multi-line field", func(f *outageForm) fyne.Focusable { return f.symptoms }},
		{"select", func(f *outageForm) fyne.Focusable { return f.impact }},
		{"nothing", func(f *outageForm) fyne.Focusable { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := newTestUI(t)
			svc, f := openOutageForm(t, u)
			c := u.win.Canvas()
			c.Unfocus()
			if w := tc.focus(f); w != nil {
				c.Focus(w)
			}
			test.Type(f.title, "typed, then given up")
			if w := tc.focus(f); w != nil {
				c.Focus(w)
			} else {
				c.Unfocus()
			}
			press(t, c, fyne.KeyEscape, 0)
			if dialogShown(u) {
				t.Fatal("Escape left the form open")
			}
			if n := len(outagesOf(t, u, svc)); n != 0 {
				t.Errorf("%d outages saved by Escape, want 0", n)
			}
		})
	}
}

func TestEnterSubmitsAFormFromSingleLineFieldsAndSelects(t *testing.T) {
	for _, tc := range []struct {
		name  string
		focus func(f *outageForm) fyne.Focusable
	}{
		{"title", func(f *outageForm) fyne.Focusable { return f.title }},
		{"start", func(f *outageForm) fyne.Focusable { return f.start.entry }},
		{"link", func(f *outageForm) fyne.Focusable { return f.link }},
		{"impact select", func(f *outageForm) fyne.Focusable { return f.impact }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := newTestUI(t)
			svc, f := openOutageForm(t, u)
			f.title.SetText("login loop")
			f.start.entry.SetText("2026-11-24 9:00")
			c := u.win.Canvas()
			c.Focus(tc.focus(f))
			press(t, c, fyne.KeyReturn, 0)
			settle(u)
			if dialogShown(u) {
				t.Fatal("Enter left the form open")
			}
			outs := outagesOf(t, u, svc)
			if len(outs) != 1 || outs[0].Title != "login loop" || !outs[0].Start.Equal(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)) {
				t.Fatalf("saved %+v, want one outage 'login loop' from 2026-11-24 09:00", outs)
			}
		})
	}
}

func TestEnterInAMultiLineFieldAddsALineAndCtrlEnterSubmits(t *testing.T) {
	u := newTestUI(t)
	svc, f := openOutageForm(t, u)
	f.title.SetText("login loop")
	c := u.win.Canvas()
	c.Focus(f.symptoms)
	test.Type(f.symptoms, "first")
	press(t, c, fyne.KeyReturn, 0)
	test.Type(f.symptoms, "second")
	if !dialogShown(u) {
		t.Fatal("Enter in a multi-line field closed the form")
	}
	if f.symptoms.Text != "first\nsecond" {
		t.Errorf("symptoms = %q, want two lines", f.symptoms.Text)
	}
	press(t, c, fyne.KeyReturn, fyne.KeyModifierControl)
	settle(u)
	if dialogShown(u) {
		t.Fatal("Ctrl+Enter left the form open")
	}
	outs := outagesOf(t, u, svc)
	if len(outs) != 1 || outs[0].Symptoms != "first\nsecond" {
		t.Fatalf("saved %+v, want one outage with both lines", outs)
	}
}

func TestTabLeavesAMultiLineField(t *testing.T) {
	u := newTestUI(t)
	_, f := openOutageForm(t, u)
	c := u.win.Canvas()
	c.Focus(f.symptoms)
	test.Type(f.symptoms, "text")
	press(t, c, fyne.KeyTab, 0)
	if c.Focused() == f.symptoms {
		t.Fatal("Tab stayed in the multi-line field")
	}
	if f.symptoms.Text != "text" {
		t.Errorf("symptoms = %q: Tab was typed into it", f.symptoms.Text)
	}
	press(t, c, fyne.KeyTab, fyne.KeyModifierShift)
	if c.Focused() != f.symptoms {
		t.Errorf("Shift+Tab went to %T, want back to the symptoms", c.Focused())
	}
	press(t, c, fyne.KeyTab, fyne.KeyModifierShift)
	if c.Focused() == f.symptoms {
		t.Error("Shift+Tab stayed in the multi-line field")
	}
}

func TestEscapeClosesConfirmationsAndTheHelp(t *testing.T) {
	u := newTestUI(t)
	u.openHelp()
	if !dialogShown(u) {
		t.Fatal("F1 help did not open")
	}
	press(t, u.win.Canvas(), fyne.KeyEscape, 0)
	if dialogShown(u) {
		t.Fatal("Escape left the help open")
	}
}

func TestDownNowFromAServiceIsOneKeystrokeAndEnter(t *testing.T) {
	u := newTestUI(t)
	addService(t, u, "Other")
	svc := addService(t, u, "Parley AI")
	u.show(svc.ID)
	settle(u)
	c := u.win.Canvas()
	press(t, c, fyne.KeyD, fyne.KeyModifierControl)
	if !dialogShown(u) {
		t.Fatal("Ctrl+D did not open Down now")
	}
	press(t, c, fyne.KeyReturn, 0)
	settle(u)
	if dialogShown(u) {
		t.Fatal("Enter left Down now open")
	}
	if outs := outagesOf(t, u, svc); len(outs) != 1 || outs[0].End != nil {
		t.Fatalf("outages of Parley AI = %+v, want one going on", outs)
	}
}

func TestDownNowFromTheOverviewChoosesTheLastServiceDown(t *testing.T) {
	u := newTestUI(t)
	older := addService(t, u, "Another")
	last := addService(t, u, "Parley AI")
	addService(t, u, "Zeta")
	if _, err := u.db.StartOutage(u.ctx, older.ID, "down since an hour, already logged"); err != nil {
		t.Fatal(err)
	}
	for _, o := range []journal.Outage{
		{ServiceID: older.ID, Start: fixedNow.Add(-72 * time.Hour)},
		{ServiceID: last.ID, Start: fixedNow.Add(-48 * time.Hour)},
	} {
		end := o.Start.Add(time.Hour)
		o.End, o.Impact, o.Source = &end, journal.ImpactDown, journal.SourceMe
		if err := u.db.CreateOutage(u.ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	u.reload()
	settle(u)
	u.show(0)
	settle(u)
	d := u.openDownNow()
	settle(u)
	if d.service.Selected != "Parley AI" {
		t.Errorf("chosen %q, want Parley AI (the most recent outage)", d.service.Selected)
	}
	if !d.why.Visible() || d.why.Text != "Parley AI is chosen: its outage of "+u.formatTime(fixedNow.Add(-48*time.Hour))+" is the most recent." {
		t.Errorf("says %q (shown %v)", d.why.Text, d.why.Visible())
	}
	press(t, u.win.Canvas(), fyne.KeyReturn, 0)
	settle(u)
	if outs := outagesOf(t, u, last); len(outs) != 2 {
		t.Errorf("Parley AI has %d outages, want the new one too", len(outs))
	}
}

// F1 lists the shortcuts; each one listed does what it says, with nothing
// focused and from a field, and Escape closes what it opened.
func TestEveryShortcutInTheHelpWorks(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Parley AI")
	gone := addService(t, u, "Gone")
	u.show(svc.ID)
	settle(u)
	c := u.win.Canvas()
	press(t, c, fyne.KeyF1, 0)
	if !dialogShown(u) {
		t.Fatal("F1 showed nothing")
	}
	var listed []string
	walkRendered(c.Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.TextStyle.Monospace {
			listed = append(listed, l.Text)
		}
	})
	want := []string{"Ctrl+D", "Ctrl+F", "Ctrl+N", "Ctrl+E", "Ctrl+I", "Ctrl+,", "Ctrl+Shift+T", "Ctrl+Z", "F1", "Enter", "Ctrl+Enter", "Esc", "Tab / Shift+Tab"}
	if !slices.Equal(listed, want) {
		t.Fatalf("F1 lists %q, want %q", listed, want)
	}
	press(t, c, fyne.KeyEscape, 0)
	if dialogShown(u) {
		t.Fatal("Escape left the help open")
	}

	opens := []struct {
		key  fyne.KeyName
		mod  fyne.KeyModifier
		what string
	}{
		{fyne.KeyD, fyne.KeyModifierControl, "Down now"},
		{fyne.KeyN, fyne.KeyModifierControl, "Add a service"},
		{fyne.KeyE, fyne.KeyModifierControl, "Export"},
		{fyne.KeyI, fyne.KeyModifierControl, "Import"},
		{fyne.KeyComma, fyne.KeyModifierControl, "Settings"},
		{fyne.KeyT, fyne.KeyModifierControl | fyne.KeyModifierShift, "Trash"},
		{fyne.KeyF1, 0, "Keyboard shortcuts"},
	}
	for _, o := range opens {
		c.Unfocus()
		press(t, c, o.key, o.mod)
		if !dialogShown(u) {
			t.Errorf("%s did not open", o.what)
			continue
		}
		press(t, c, fyne.KeyEscape, 0)
		if dialogShown(u) {
			t.Errorf("Escape left %s open (focus on %T)", o.what, c.Focused())
			c.Overlays().Top().Hide()
		}
	}

	c.Unfocus()
	press(t, c, fyne.KeyF, fyne.KeyModifierControl)
	if c.Focused() != u.toolbar.search {
		t.Errorf("Ctrl+F focused %T, want the search box", c.Focused())
	}

	trashID, err := u.db.DeleteService(u.ctx, gone.ID)
	if err != nil {
		t.Fatal(err)
	}
	u.reload()
	settle(u)
	u.offerUndo("Gone moved to the trash.", trashID, nil)
	c.Unfocus()
	press(t, c, fyne.KeyZ, fyne.KeyModifierControl)
	settle(u)
	if !slices.Contains(sidebarNames(t, u), "Gone") {
		t.Errorf("Ctrl+Z did not restore the deleted service: %q", sidebarNames(t, u))
	}
}

// Inside a field, Ctrl with the arrows still moves by word, and Ctrl+Z
// undoes typing, not the last delete.
func TestFieldsKeepTheirOwnShortcuts(t *testing.T) {
	u := newTestUI(t)
	_, f := openOutageForm(t, u)
	c := u.win.Canvas()
	c.Focus(f.title)
	test.Type(f.title, "hello world")
	press(t, c, fyne.KeyLeft, fyne.KeyModifierControl)
	if f.title.CursorColumn != 6 {
		t.Errorf("Ctrl+Left put the cursor at %d, want 6 (start of the word)", f.title.CursorColumn)
	}
	press(t, c, fyne.KeyZ, fyne.KeyModifierControl)
	if f.title.Text == "hello world" {
		t.Errorf("Ctrl+Z did not undo the typing")
	}
	if !dialogShown(u) {
		t.Error("the form closed")
	}
}

// Escape and Enter work in the other dialogs' fields too.
func TestEscapeAndEnterInTheSettingsFields(t *testing.T) {
	u := newTestUI(t)
	s := u.openSettings()
	c := u.win.Canvas()
	c.Focus(s.zone)
	press(t, c, fyne.KeyEscape, 0)
	if dialogShown(u) {
		t.Fatal("Escape in the time zone field left Settings open")
	}
	s = u.openSettings()
	s.zone.SetText("Asia/Tokyo")
	c.Focus(s.reminder)
	press(t, c, fyne.KeyReturn, 0)
	settle(u)
	if dialogShown(u) {
		t.Fatal("Enter in the reminder field left Settings open")
	}
	if u.settings.TimeZone != "Asia/Tokyo" {
		t.Errorf("time zone = %q after Enter, want Asia/Tokyo saved", u.settings.TimeZone)
	}
}

// Rows added after a form opened (a troubleshooting step, an exchange rate)
// take the form's keys like the fields it opened with.
func TestKeysInRowsAddedAfterTheFormOpened(t *testing.T) {
	u := newTestUI(t)
	svc, f := openOutageForm(t, u)
	f.title.SetText("login loop")
	f.start.entry.SetText("2026-11-24 9:00")
	f.steps.addRow(journal.Step{})
	row := f.steps.rows.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
	c := u.win.Canvas()
	c.Focus(row.Objects[0].(*keyEntry))
	test.Type(row.Objects[0].(*keyEntry), "Cleared the cache")
	c.Focus(row.Objects[1].(*keyEntry))
	test.Type(row.Objects[1].(*keyEntry), "no change")
	press(t, c, fyne.KeyReturn, 0)
	settle(u)
	if dialogShown(u) {
		t.Fatal("Enter in a step added to the form left it open")
	}
	outs := outagesOf(t, u, svc)
	if len(outs) != 1 || len(outs[0].Steps) != 1 || outs[0].Steps[0] != (journal.Step{Action: "Cleared the cache", Result: "no change"}) {
		t.Fatalf("saved %+v, want one outage with the step typed", outs)
	}

	f = u.service.outages.onAdd()
	f.steps.addRow(journal.Step{})
	row = f.steps.rows.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
	c.Focus(row.Objects[0].(*keyEntry))
	press(t, c, fyne.KeyEscape, 0)
	if dialogShown(u) {
		t.Fatal("Escape in a step added to the form left it open")
	}

	s := u.openSettings()
	s.addRate(journal.Rate{})
	rate := s.rates.Objects[len(s.rates.Objects)-1].(*fyne.Container).Objects[0].(*fyne.Container)
	for _, field := range []fyne.Focusable{rate.Objects[0].(*keySelectEntry), rate.Objects[1].(*keyEntry)} {
		c.Focus(field)
		press(t, c, fyne.KeyEscape, 0)
		if dialogShown(u) {
			t.Fatal("Escape in a rate row added to Settings left it open")
		}
		s = u.openSettings()
		s.addRate(journal.Rate{})
		rate = s.rates.Objects[len(s.rates.Objects)-1].(*fyne.Container).Objects[0].(*fyne.Container)
	}
	retype(rate.Objects[0].(*keySelectEntry), "EUR")
	c.Focus(rate.Objects[1].(*keyEntry))
	retype(rate.Objects[1].(*keyEntry), "160")
	press(t, c, fyne.KeyReturn, 0)
	settle(u)
	if dialogShown(u) {
		t.Fatal("Enter in a rate row added to Settings left it open")
	}
	var eur string
	for _, r := range u.settings.Rates {
		if r.Currency == "EUR" {
			eur = r.Rate
		}
	}
	if eur != "160" {
		t.Errorf("EUR rate = %q after Enter, want 160 saved (rates %+v)", eur, u.settings.Rates)
	}
}

// Enter in the period's custom dates applies them; the Judge as of dialog
// judges on Enter and closes on Escape like every dialog.
func TestEnterAppliesThePeriodAndJudgesAsOf(t *testing.T) {
	u := newTestUI(t)
	svc := reminderJournal(t, u)
	u.showTab(svc.ID, tabSummary)
	settle(u)
	c := u.win.Canvas()
	p := u.service.summary.period
	p.choice.SetSelectedIndex(periodCustom)
	retype(p.from.entry, "2026-10-01")
	c.Focus(p.to.entry)
	retype(p.to.entry, "2026-10-31")
	press(t, c, fyne.KeyReturn, 0)
	settle(u)
	if shown := texts(c.Content()); !slices.Contains(shown, "Verdict as of 1 Nov 2026 00:00, last 30 days") {
		t.Errorf("Enter in To did not apply the dates: %q", shown)
	}

	d := p.openAsOf()
	retype(d.entry, "2026-10-15 9:30")
	press(t, c, fyne.KeyEscape, 0)
	settle(u)
	if dialogShown(u) {
		t.Fatal("Escape left Judge as of open")
	}
	if shown := texts(c.Content()); !slices.Contains(shown, "Verdict as of 1 Nov 2026 00:00, last 30 days") {
		t.Errorf("Escape judged as of the moment typed: %q", shown)
	}
	d = p.openAsOf()
	retype(d.entry, "2026-10-15 9:30")
	press(t, c, fyne.KeyReturn, 0)
	settle(u)
	if dialogShown(u) {
		t.Fatal("Enter left Judge as of open")
	}
	if shown := texts(c.Content()); !slices.Contains(shown, "Verdict as of 15 Oct 2026 09:30, last 30 days") {
		t.Errorf("Enter did not judge as of the moment typed: %q", shown)
	}
}

// The service form's category (a field with suggestions) takes the keys too.
func TestEscapeAndEnterInTheServiceCategory(t *testing.T) {
	u := newTestUI(t)
	c := u.win.Canvas()
	f := newServiceForm(u.session, nil)
	f.open()
	test.Type(f.name, "Streamly")
	c.Focus(f.category)
	press(t, c, fyne.KeyEscape, 0)
	if dialogShown(u) {
		t.Fatal("Escape in the category left the service form open")
	}
	if len(u.services) != 0 {
		t.Fatalf("Escape saved %d services", len(u.services))
	}
	f = newServiceForm(u.session, nil)
	f.open()
	test.Type(f.name, "Streamly")
	c.Focus(f.category)
	test.Type(f.category, "Video")
	press(t, c, fyne.KeyReturn, 0)
	settle(u)
	if dialogShown(u) {
		t.Fatal("Enter in the category left the service form open")
	}
	if len(u.services) != 1 || u.services[0].Category != "Video" {
		t.Errorf("services after Enter: %+v, want Streamly in Video", u.services)
	}
}
