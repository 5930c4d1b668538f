package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"lapse/app/datetext"
	"lapse/app/journal"
	"lapse/assets"
	"lapse/storage"
)

// catalogues are Lapse's translation files by language.
var catalogues = map[string]string{"en": "translations/en.json", "ja": "translations/ja.json"}

// SetLanguage loads the translations and picks the language: "en", "ja", or
// "" for the system's. Fyne 2.7.1 has no call to choose the language: each
// time translations are added it matches the system's locales (through
// go-locale) against the languages it holds. So the chosen catalogue is also
// loaded under the system's own locale, which that match then lands on,
// whatever the system speaks and on every OS (Windows and macOS read the
// locale from the system, not from variables), without touching the
// environment. Loading each catalogue under its own language first undoes
// an earlier choice. An error (a translation file that does not load) is
// returned for the caller to show.
func SetLanguage(code string) error {
	system := lang.SystemLocale()
	if _, ok := catalogues[code]; !ok {
		code = "en"
		if systemJapanese() {
			code = "ja"
		}
	}
	var errs []error
	load := func(language string, l fyne.Locale) {
		data, err := assets.Translations.ReadFile(catalogues[language])
		if err == nil {
			err = lang.AddTranslationsForLocale(data, l)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("load the %s translations: %w", language, err))
		}
	}
	load("en", "en")
	load("ja", "ja")
	load(code, system)
	if len(errs) > 0 {
		return fmt.Errorf("choose language %q: %w", code, errors.Join(errs...))
	}
	return nil
}

// systemJapanese reports whether the system speaks Japanese: the language
// of a journal that does not choose one.
func systemJapanese() bool { return strings.HasPrefix(lang.SystemLocale().String(), "ja") }

// IsJapanese reports whether the UI currently speaks Japanese.
func IsJapanese() bool {
	return lang.X("meta.lang", "en") == "ja"
}

// fieldLabel is the translated name of a field that validation can name.
func fieldLabel(field string) string {
	if f, ok := fieldFallback[field]; ok {
		return lang.X("field."+field, f)
	}
	return field
}

// fieldFallback lists every field a journal.Error can name, with its English label.
var fieldFallback = map[string]string{
	"name":                  "Name",
	"category":              "Category",
	"website":               "Website",
	"status_page":           "Status page",
	"notes":                 "Notes",
	"alternatives":          "Alternatives",
	"service":               "Service",
	"plan":                  "Plan",
	"price":                 "Price",
	"currency":              "Currency",
	"period":                "Billing period",
	"period_unit":           "Period unit",
	"start":                 "Start",
	"end":                   "End",
	"trial_end":             "Trial end",
	"payment_note":          "Payment note",
	"reminder_days":         "Reminder days",
	"status_poll_minutes":   "Status page checks (minutes)",
	"effective":             "Effective from",
	"title":                 "Title",
	"impact":                "Impact",
	"source":                "Source",
	"platforms":             "Platforms",
	"steps":                 "Troubleshooting steps",
	"still_worked":          "What still worked",
	"symptoms":              "Symptoms",
	"resolution":            "Resolution",
	"link":                  "Link",
	"channel":               "Channel",
	"opened":                "Opened",
	"resolved":              "Closed at",
	"outcome":               "Outcome",
	"subject":               "Subject",
	"reference":             "Reference",
	"time":                  "Time",
	"direction":             "Direction",
	"author":                "Author",
	"summary":               "Summary",
	"from":                  "From",
	"body":                  "Body",
	"kind":                  "Kind",
	"date":                  "Date",
	"amount":                "Amount",
	"switched_to":           "Switched to",
	"note":                  "Note",
	"home_currency":         "Home currency",
	"time_zone":             "Time zone",
	"language":              "Language",
	"rate":                  "Rate",
	"window_days":           "Window (days)",
	"watch_unusable_hours":  "Watch after unusable hours",
	"switch_unusable_hours": "Consider switching after unusable hours",
	"cancel_unusable_hours": "Cancel after unusable hours",
	"bad_months_to_switch":  "Bad months before switching",
	"silence_days":          "Days without a human reply",
	"waiting_ticket_days":   "Days a ticket may wait",
	"min_availability":      "Minimum availability",
	"paid_unusable_percent": "Paid while unusable (%)",
	"outage":                "Outage",
	"to":                    "To",
	"size":                  "Size",
	"ticket":                "Ticket",
	"archived":              "Archived",
}

// errorText renders an error for the user, in their language. A field error
// reads "Name is required"; other domain errors show their message.
func errorText(err error) string {
	var busy *storage.BusyError
	if errors.As(err, &busy) {
		return lang.X("error.journal_busy", "Nothing was saved: another Lapse (an import, a watch) kept this journal busy for over {{.Seconds}} s. Try again in a moment.",
			map[string]any{"Seconds": int(busy.Waited.Round(time.Second).Seconds())})
	}
	var readOnly *storage.ReadOnlyError
	if errors.As(err, &readOnly) {
		// Why comes from the system (permission denied, a disk error): shown as it is.
		return lang.X("error.journal_read_only", "Lapse cannot change this journal ({{.Path}}): {{.Why}}",
			map[string]any{"Path": readOnly.Path, "Why": readOnly.Why})
	}
	var e *journal.Error
	if !errors.As(err, &e) {
		return lang.X("error.unexpected", "Something went wrong: {{.Err}}", map[string]any{"Err": err.Error()})
	}
	var typed *dateEntryError
	var date *datetext.Error
	if errors.As(err, &typed) && errors.As(err, &date) {
		return dateErrorText(e.Field, typed, date)
	}
	if e.Reason != "" {
		return lang.X("error."+string(e.Reason), "{{.Field}} "+journal.ReasonText(e.Reason), map[string]any{"Field": fieldLabel(e.Field)})
	}
	return e.Error()
}
