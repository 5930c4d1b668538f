package figures

import (
	"fmt"
	"time"

	"lapse/app/journal"
)

// Month is a calendar month, bucketed in the user's time zone.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf is the month of t in loc.
func MonthOf(t time.Time, loc *time.Location) Month {
	y, m, _ := t.In(loc).Date()
	return Month{y, m}
}

// ParseMonth reads "2026-03".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, fmt.Errorf("month %q: want YYYY-MM", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// String renders "2026-03".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, m.Month) }

// Add returns the month n months later (earlier for negative n).
func (m Month) Add(n int) Month {
	t := time.Date(m.Year, m.Month+time.Month(n), 1, 12, 0, 0, 0, time.UTC)
	return Month{t.Year(), t.Month()}
}

// Before reports whether m is earlier than o.
func (m Month) Before(o Month) bool {
	return m.Year < o.Year || (m.Year == o.Year && m.Month < o.Month)
}

// Contains reports whether d falls in m.
func (m Month) Contains(d journal.Date) bool { return d.Year == m.Year && d.Month == m.Month }

// Window is local midnight of the 1st to local midnight of the next 1st in
// loc (journal.Date.In), so a month with a DST change is an hour shorter or
// longer (743 or 745 h).
func (m Month) Window(loc *time.Location) Interval {
	next := m.Add(1)
	return Interval{
		Start: journal.Date{Year: m.Year, Month: m.Month, Day: 1}.In(loc),
		End:   journal.Date{Year: next.Year, Month: next.Month, Day: 1}.In(loc),
	}
}

// MonthRange lists the months from first to last, both included; empty when last is before first.
func MonthRange(first, last Month) []Month {
	var out []Month
	for m := first; !last.Before(m); m = m.Add(1) {
		out = append(out, m)
	}
	return out
}

// MonthsOverlapping lists the months of loc that share time with w.
func MonthsOverlapping(w Interval, loc *time.Location) []Month {
	if w.Empty() {
		return nil
	}
	return MonthRange(MonthOf(w.Start, loc), MonthOf(w.End.Add(-time.Nanosecond), loc))
}
