package ui

import (
	"strconv"
	"strings"
	"time"

	"lapse/app/journal"
	"lapse/app/statuswatch"
)

// pollEntry edits how often the status pages are checked, in whole minutes;
// the default shows as its number, so the field always says what happens.
func pollEntry(cur journal.Settings) *keyEntry {
	e := multi(false, "")
	e.SetText(strconv.Itoa(int(statuswatch.Interval(cur) / time.Minute)))
	return e
}

// pollMinutes reads the poll interval: a whole number of minutes, at least
// one (statuswatch never polls more often than once a minute).
func pollMinutes(text string) (int, error) {
	m, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil {
		return 0, journal.Invalid("status_poll_minutes", journal.ReasonInvalidNumber)
	}
	if m < int(statuswatch.MinInterval/time.Minute) {
		return 0, journal.Invalid("status_poll_minutes", journal.ReasonNotPositive)
	}
	return m, nil
}
