package ui

import "time"

// formatTime renders an instant in the user's zone ("2026-03-01 09:30").
func (u *session) formatTime(t time.Time) string { return t.In(u.loc).Format(timeLayout) }
