package ui

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/storage"
)

// commonCurrencies are offered first; any ISO 4217 code can be typed.
var commonCurrencies = []string{"USD", "EUR", "JPY", "GBP", "CHF", "CAD", "AUD", "CNY", "KRW", "INR", "SEK", "NZD", "SGD", "HKD", "BRL"}

// commonZones are offered in the time-zone field; any IANA name can be typed.
var commonZones = []string{"Asia/Tokyo", "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York", "America/Chicago",
	"America/Los_Angeles", "Australia/Sydney", "Asia/Seoul", "Asia/Singapore", "UTC"}

// settingsDialog edits the settings the numbers and screens depend on.
type settingsDialog struct {
	ses      *session
	form     *fieldForm
	language *keySelect
	home     *keySelectEntry
	zone     *keySelectEntry
	reminder *keyEntry
	poll     *keyEntry // status page checks, in minutes
	rates    *fyne.Container
	keys     *formKeys // the dialog's, for rate rows added once it is shown
	tray     *widget.Check
	theme    *keySelect           // System, Light, Dark: themeChoices
	limits   map[string]*keyEntry // threshold field → entry
	save     *widget.Button
	dlg      dialog.Dialog
}

var languageCodes = []string{"", "en", "ja"}

func (u *session) openSettings() *settingsDialog {
	s := &settingsDialog{ses: u, form: newFieldForm()}
	cur := u.settings
	s.language = newKeySelect([]string{lang.X("settings.lang_system", "System"), "English", "日本語"}, nil)
	for i, c := range languageCodes {
		if c == cur.Language {
			s.language.SetSelectedIndex(i)
		}
	}
	s.theme = newKeySelect([]string{lang.X("settings.theme_system", "As the system"), lang.X("settings.theme_light", "Light"), lang.X("settings.theme_dark", "Dark")}, nil)
	s.theme.SetSelectedIndex(max(0, slices.Index(themeChoices, u.app.Preferences().String(prefTheme))))
	s.home = newKeySelectEntry(commonCurrencies)
	s.home.SetText(cur.HomeCurrency)
	s.zone = newKeySelectEntry(commonZones)
	s.zone.PlaceHolder = lang.X("settings.zone_system", "System: {{.Zone}}", map[string]any{"Zone": review.SystemLocation().String()})
	s.zone.SetText(cur.TimeZone)
	s.reminder = multi(false, "")
	s.reminder.ExtendBaseWidget(s.reminder)
	s.reminder.SetText(strconv.Itoa(cur.ReminderDays))
	s.rates = container.NewVBox()
	for _, r := range cur.Rates {
		s.addRate(r)
	}
	addRate := &widget.Button{Text: lang.X("action.add_rate", "Add a rate"), Icon: theme.ContentAddIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.addRate(journal.Rate{}) }}
	rateHint := &widget.Label{Text: lang.X("settings.rate_hint", "One unit of the currency is worth this many units of the home currency, e.g. 1 USD = 150 JPY."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}

	s.form.add("language", lang.X("field.language", "Language"), s.language)
	s.form.add("theme", lang.X("settings.theme", "Theme"), s.theme)
	s.form.add("home_currency", lang.X("field.home_currency", "Home currency"), s.home)
	s.form.add("rate", lang.X("settings.rates", "Exchange rates"), container.NewVBox(rateHint, s.rates, container.NewHBox(addRate)))
	s.form.add("time_zone", lang.X("field.time_zone", "Time zone"), s.zone)
	s.form.add("reminder_days", lang.X("settings.reminder_days", "Remind me of renewals (days before)"), s.reminder)
	s.poll = pollEntry(cur)
	s.form.add("status_poll_minutes", lang.X("settings.status_poll", "Check status pages every (minutes)"), s.poll)
	s.tray = widget.NewCheck(lang.X("settings.keep_in_tray", "Keep Lapse in the system tray when the window closes"), nil)
	s.tray.SetChecked(cur.KeepInTray)
	s.form.add("keep_in_tray", lang.X("settings.tray", "Tray"), s.tray)
	s.addThresholds(cur.Thresholds)
	openOther := &widget.Button{Text: lang.X("action.open_journal", "Open another journal…"), Icon: theme.FolderOpenIcon(), OnTapped: s.onOpenJournal}
	newJournal := &widget.Button{Text: lang.X("action.new_journal", "New journal…"), Icon: theme.DocumentCreateIcon(), OnTapped: func() { s.onNewJournal() }}
	backups := &widget.Button{Text: lang.X("action.backups", "Backups…"), Icon: theme.StorageIcon(), OnTapped: func() { u.openBackups() }}
	s.form.add("journal", lang.X("settings.journal", "Journal"), container.NewVBox(
		&widget.Label{Text: u.db.Path(), Wrapping: fyne.TextWrapBreak, Importance: widget.LowImportance}, container.NewHBox(openOther, newJournal, backups)))

	s.save = &widget.Button{Text: lang.X("action.save", "Save"), Importance: widget.HighImportance, OnTapped: s.onSave}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { s.dlg.Hide() }}
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, s.save), nil, nil,
		container.NewVScroll(s.form.content()))
	s.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.settings", "Settings"), content, u.win)
	s.dlg.Resize(fyne.NewSize(760, 640))
	s.dlg.Show()
	s.keys = u.bindKeys(s.dlg, content, s.onSave)
	return s
}

// addRate appends an editable rate row: currency, rate, and the day it was set.
func (s *settingsDialog) addRate(r journal.Rate) {
	cur := newKeySelectEntry(commonCurrencies)
	// The placeholders repeat the help text's example, 1 USD = 150 JPY.
	cur.PlaceHolder = "USD"
	cur.SetText(r.Currency)
	val := newKeyEntry(false, "150")
	val.SetText(r.Rate)
	asOf := &widget.Label{Text: r.AsOf.String(), Importance: widget.LowImportance}
	var row *fyne.Container
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { s.rates.Remove(row) }}
	row = container.NewBorder(nil, nil, nil, container.NewHBox(asOf, remove), container.NewGridWithColumns(2, cur, val))
	s.rates.Add(row)
	s.keys.bind(row)
}

// settings reads the form into a Settings value.
func (s *settingsDialog) settings() (journal.Settings, error) {
	out := s.ses.settings
	if i := s.language.SelectedIndex(); i >= 0 {
		out.Language = languageCodes[i]
	}
	out.HomeCurrency = strings.ToUpper(strings.TrimSpace(s.home.Text))
	out.TimeZone = strings.TrimSpace(s.zone.Text)
	days, err := strconv.Atoi(strings.TrimSpace(s.reminder.Text))
	if err != nil {
		return out, journal.Invalid("reminder_days", journal.ReasonInvalidNumber)
	}
	out.ReminderDays = days
	if out.StatusPollMinutes, err = pollMinutes(s.poll.Text); err != nil {
		return out, err
	}
	out.KeepInTray = s.tray.Checked
	if out.Thresholds, err = s.thresholds(); err != nil {
		return out, err
	}
	today := journal.DateOf(s.ses.now().In(s.ses.loc))
	old := map[string]journal.Rate{}
	for _, r := range s.ses.settings.Rates {
		old[r.Currency] = r
	}
	out.Rates = nil
	seen := map[string]bool{}
	for _, o := range s.rates.Objects {
		row := o.(*fyne.Container)
		grid := row.Objects[0].(*fyne.Container)
		code := strings.ToUpper(strings.TrimSpace(grid.Objects[0].(*keySelectEntry).Text))
		val := strings.TrimSpace(grid.Objects[1].(*keyEntry).Text)
		if code == "" && val == "" {
			continue
		}
		if seen[code] {
			return out, journal.Invalid("currency", journal.ReasonDuplicate)
		}
		seen[code] = true
		r := journal.Rate{Currency: code, Rate: val, AsOf: today}
		if prev, ok := old[code]; ok && prev.Rate == val {
			r.AsOf = prev.AsOf // unchanged: keep the day it was set
		}
		out.Rates = append(out.Rates, r)
	}
	if home := s.ses.settings.HomeCurrency; out.HomeCurrency != home && journal.ValidCurrency(out.HomeCurrency) {
		var err error
		if out.Rates, err = restateKept(out.Rates, s.ses.settings.Rates, home, out.HomeCurrency, today); err != nil {
			return out, err
		}
	}
	return out, out.Validate()
}

// restateKept handles a change of home currency. Rates are worth-in-home, so
// a rate left as it was ("1 EUR = 1.08", in the old home USD) must not be read
// in the new one (1.08 JPY): those are restated through the old rate of the
// new home; rates typed now are already in the new home. The old home gets a
// rate too, unless one was typed.
func restateKept(rates, old []journal.Rate, oldHome, newHome string, today journal.Date) ([]journal.Rate, error) {
	was := map[string]string{}
	for _, r := range old {
		was[r.Currency] = r.Rate
	}
	typed := map[string]bool{}
	var kept []journal.Rate
	for _, r := range rates {
		if was[r.Currency] == r.Rate && r.Currency != newHome {
			kept = append(kept, r)
		} else {
			typed[r.Currency] = true
		}
	}
	if len(kept) == 0 {
		return rates, nil
	}
	restated, err := journal.RebaseRates(old, oldHome, newHome, today)
	if err != nil {
		return nil, err
	}
	by := map[string]journal.Rate{}
	for _, r := range restated {
		by[r.Currency] = r
	}
	var out []journal.Rate
	for _, r := range rates {
		if typed[r.Currency] {
			if r.Currency != newHome {
				out = append(out, r)
			}
			continue
		}
		out = append(out, by[r.Currency])
	}
	if !typed[oldHome] {
		out = append(out, by[oldHome])
	}
	return out, nil
}

func (s *settingsDialog) onSave() {
	next, err := s.settings()
	if err != nil {
		// Rate rows are one field for errors: show the error under the rates.
		if fe := journal.FieldError(err); fe != nil && fe.Field == "currency" {
			err = &journal.Error{Code: fe.Code, Field: "rate", Reason: fe.Reason}
		}
		s.form.show(err)
		return
	}
	db := s.ses.db
	s.ses.submit(s.save, func(ctx context.Context) error { return db.SaveSettings(ctx, next) }, func(err error) {
		if !s.form.show(err) {
			s.saved(next)
		}
	})
}

// saved closes the dialog and applies what changed.
func (s *settingsDialog) saved(next journal.Settings) {
	s.dlg.Hide()
	langChanged := next.Language != s.ses.settings.Language
	s.ses.settings = next
	// The theme is this computer's choice, not the journal's.
	prefs := s.ses.app.Preferences()
	themeChanged := themeChoices[s.theme.SelectedIndex()] != prefs.String(prefTheme)
	prefs.SetString(prefTheme, themeChoices[s.theme.SelectedIndex()])
	if langChanged || themeChanged {
		if err := SetLanguage(next.Language); err != nil {
			s.ses.showError(err)
		}
		s.ses.rebuild()
		return
	}
	s.ses.refresh()
}

// thresholdFields are the verdict rules' settings in display order, with
// their English labels (translated through field.<name>).
var thresholdFields = []string{"window_days", "watch_unusable_hours", "switch_unusable_hours", "cancel_unusable_hours",
	"min_availability", "bad_months_to_switch", "paid_unusable_percent", "silence_days", "waiting_ticket_days"}

func thresholdValues(t journal.Thresholds) map[string]string {
	return map[string]string{
		"window_days": strconv.Itoa(t.WindowDays), "watch_unusable_hours": strconv.Itoa(t.WatchUnusableHours),
		"switch_unusable_hours": strconv.Itoa(t.SwitchUnusableHours), "cancel_unusable_hours": strconv.Itoa(t.CancelUnusableHours),
		// Availability is set in percent with one decimal and kept in permille.
		"min_availability":     strconv.Itoa(t.MinAvailabilityPermille/10) + "." + strconv.Itoa(t.MinAvailabilityPermille%10),
		"bad_months_to_switch": strconv.Itoa(t.BadMonthsToSwitch), "paid_unusable_percent": strconv.Itoa(t.PaidUnusablePercent),
		"silence_days": strconv.Itoa(t.SilenceDays), "waiting_ticket_days": strconv.Itoa(t.WaitingTicketDays),
	}
}

// addThresholds adds the verdict rules' fields and a reset button.
func (s *settingsDialog) addThresholds(t journal.Thresholds) {
	s.limits = map[string]*keyEntry{}
	vals := thresholdValues(t)
	heading := &widget.Label{Text: lang.X("settings.rules", "Verdict rules"), TextStyle: fyne.TextStyle{Bold: true}}
	reset := &widget.Button{Text: lang.X("action.reset_defaults", "Reset to defaults"), Importance: widget.LowImportance, OnTapped: s.onResetThresholds}
	s.form.grid.Add(heading)
	s.form.grid.Add(container.NewHBox(reset))
	for _, f := range thresholdFields {
		e := multi(false, "")
		e.SetText(vals[f])
		s.limits[f] = e
		s.form.add(f, fieldLabel(f), e)
	}
}

func (s *settingsDialog) onResetThresholds() {
	for f, v := range thresholdValues(journal.DefaultThresholds()) {
		s.limits[f].SetText(v)
	}
}

// thresholds reads the rules' fields; a field that is not a number is named.
func (s *settingsDialog) thresholds() (journal.Thresholds, error) {
	num := func(f string) (int, error) {
		v, err := strconv.Atoi(strings.TrimSpace(s.limits[f].Text))
		if err != nil {
			return 0, journal.Invalid(f, journal.ReasonInvalidNumber)
		}
		return v, nil
	}
	var t journal.Thresholds
	ints := map[string]*int{"window_days": &t.WindowDays, "watch_unusable_hours": &t.WatchUnusableHours,
		"switch_unusable_hours": &t.SwitchUnusableHours, "cancel_unusable_hours": &t.CancelUnusableHours,
		"bad_months_to_switch": &t.BadMonthsToSwitch, "paid_unusable_percent": &t.PaidUnusablePercent,
		"silence_days": &t.SilenceDays, "waiting_ticket_days": &t.WaitingTicketDays}
	for _, f := range thresholdFields {
		if p, ok := ints[f]; ok {
			v, err := num(f)
			if err != nil {
				return t, err
			}
			*p = v
		}
	}
	pm, ok := parsePermille(s.limits["min_availability"].Text)
	if !ok {
		return t, journal.Invalid("min_availability", journal.ReasonInvalidNumber)
	}
	t.MinAvailabilityPermille = pm
	return t, nil
}

// parsePermille reads a percentage with at most one decimal ("99", "99.5")
// as permille (990, 995).
func parsePermille(s string) (int, bool) {
	whole, frac, _ := strings.Cut(strings.TrimSuffix(strings.TrimSpace(s), "%"), ".")
	// Digits only: Atoi takes a sign ("-0.5" was read as 0.5 %) and a huge
	// number overflowed when multiplied by ten.
	if whole == "" || len(whole) > 6 || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return 0, false
	}
	w, err := strconv.Atoi(whole)
	if err != nil || len(frac) > 1 {
		return 0, false
	}
	f := 0
	if frac != "" {
		if f, err = strconv.Atoi(frac); err != nil {
			return 0, false
		}
	}
	return w*10 + f, true
}

// onOpenJournal switches to another journal file.
func (s *settingsDialog) onOpenJournal() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.ses.showError(err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		s.dlg.Hide()
		s.ses.switchJournal(r.URI().Path())
	}, s.ses.win)
	d.SetFilter(storageExtensions)
	d.Show()
}

// onNewJournal creates an empty journal in a new file and switches to it.
// An existing file is refused, never opened for writing: "New journal"
// onto a journal's name must not touch it.
func (s *settingsDialog) onNewJournal() *saveAsDialog {
	now := s.ses.now
	d := newSaveAsDialog(s.ses.win, s.ses.thread, s.ses.app.Preferences(), saveAs{
		title: lang.X("action.new_journal", "New journal…"), name: "journal.db",
		write: func(ctx context.Context, path string) error {
			// Open creates a missing file exclusively; one that appeared
			// since the name was checked is refused like any existing file.
			if _, err := os.Lstat(path); err == nil {
				return fmt.Errorf("new journal %s: %w", path, os.ErrExist)
			}
			db, err := storage.Open(ctx, path, storage.Options{Now: now})
			if err != nil {
				return err
			}
			return db.Close()
		},
		done: func(path string) {
			s.dlg.Hide()
			s.ses.switchJournal(path)
		},
	})
	d.show()
	return d
}

// storageExtensions filters the open dialog to journal files.
var storageExtensions = fynestorage.NewExtensionFileFilter([]string{".db", ".lapse", ".sqlite"})
