package ui

import (
	"time"

	"lapse/app/journal"
)

// formatMoney renders minor units with digit grouping and the code: "1,590 JPY", "9.68 USD".
func formatMoney(minor int64, currency string) string { return journal.FormatMoney(minor, currency) }

// formatTime renders an instant in the user's zone ("2026-03-01 09:30").
func (u *UI) formatTime(t time.Time) string { return t.In(u.loc).Format(timeLayout) }
