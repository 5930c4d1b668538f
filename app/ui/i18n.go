package ui

import (
	"errors"
	"fmt"
	"os"

	"fyne.io/fyne/v2/lang"

	"lapse/app/datetext"
	"lapse/app/journal"
	"lapse/assets"
)

// systemLocaleEnv remembers the locale variables Lapse started with, so that
// choosing "System" after "日本語" in Settings restores them.
var systemLocaleEnv = map[string]string{}

func init() {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		systemLocaleEnv[k] = os.Getenv(k)
	}
}

// SetLanguage loads the translations and picks the language: "en", "ja", or
// "" for the system's. Fyne 2.7.1 has no call to choose the language: it
// picks it from the locale variables each time translations are added
// (lang.updateLocalizer reads them through go-locale), so an explicit choice
// is written there. This is the one place Lapse changes its environment;
// an error (a variable refused, a translation file that does not load) is
// returned for the caller to show.
func SetLanguage(code string) error {
	var errs []error
	set := func(k, v string) {
		if err := os.Setenv(k, v); err != nil {
			errs = append(errs, fmt.Errorf("set %s: %w", k, err))
		}
	}
	for k, v := range systemLocaleEnv {
		set(k, v)
	}
	switch code {
	case "ja":
		set("LANGUAGE", "ja")
		set("LC_ALL", "ja_JP.UTF-8")
	case "en":
		set("LANGUAGE", "en")
		set("LC_ALL", "en_US.UTF-8")
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		errs = append(errs, fmt.Errorf("load translations: %w", err))
	}
	if len(errs) > 0 {
		return fmt.Errorf("choose language %q: %w", code, errors.Join(errs...))
	}
	return nil
}

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
