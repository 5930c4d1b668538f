package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/words"
)

// viewState is the period the screens show and the moment they judge as
// of: one for the Overview, a service's Summary and Export, kept across
// screens and runs.
type viewState struct {
	choice   int          // one of the period choices
	from, to journal.Date // the custom period's first and last day
	asOf     *time.Time   // a moment the user picked; nil: review.JudgementMoment
}

// Preference keys of the view state.
const (
	prefPeriod = "view.period"
	prefFrom   = "view.from"
	prefTo     = "view.to"
	prefAsOf   = "view.as_of"
)

// period is the chosen window [start, end) in the user's zone; the end is
// "now" for windows that reach the present.
func (u *session) period() figures.Interval { return u.periodAt(u.now()) }

// periodAt is the chosen window as it stands at the instant now.
func (u *session) periodAt(now time.Time) figures.Interval { return u.view.periodAt(now, u.loc) }

// periodAt is the view's period at now in loc.
func (v viewState) periodAt(now time.Time, loc *time.Location) figures.Interval {
	this := figures.MonthOf(now, loc)
	year := time.Date(now.In(loc).Year(), 1, 1, 0, 0, 0, 0, loc)
	switch v.choice {
	case period3:
		return figures.Interval{Start: this.Add(-2).Window(loc).Start, End: now}
	case period6:
		return figures.Interval{Start: this.Add(-5).Window(loc).Start, End: now}
	case periodThisYear:
		return figures.Interval{Start: year, End: now}
	case periodLastYear:
		return figures.Interval{Start: year.AddDate(-1, 0, 0), End: year}
	case periodCustom:
		if !v.from.IsZero() && !v.to.Before(v.from) {
			return figures.Interval{Start: v.from.In(loc), End: v.to.AddDays(1).In(loc)}
		}
	}
	return figures.Interval{Start: this.Add(-11).Window(loc).Start, End: now}
}

// judgedAsOf is the moment the verdicts are judged as of: the one the user
// picked, else the period's end when it is past, else now.
func (u *session) judgedAsOf() time.Time {
	_, asOf, _ := u.judgement()
	return asOf
}

// judgement is the period, the moment of judgement and now from one
// reading of the clock, so that a period reaching the present is judged
// as of exactly the instant that counts as now.
func (u *session) judgement() (w figures.Interval, asOf, now time.Time) {
	now = u.now()
	w, asOf = u.view.judgement(now, u.loc)
	return w, asOf, now
}

// judgement is the view's period at now in loc and the moment it is judged as of.
func (v viewState) judgement(now time.Time, loc *time.Location) (w figures.Interval, asOf time.Time) {
	w = v.periodAt(now, loc)
	if v.asOf != nil {
		return w, *v.asOf
	}
	return w, review.JudgementMoment(w, now)
}

// setPeriod chooses a preset period, or a custom one from..to (both days
// included), and remembers it.
func (u *session) setPeriod(choice int, from, to journal.Date) {
	u.view.choice = choice
	if choice == periodCustom {
		u.view.from, u.view.to = from, to
	}
	u.saveView()
}

// setAsOf picks the moment of judgement; nil goes back to the period's.
func (u *session) setAsOf(t *time.Time) {
	u.view.asOf = t
	u.saveView()
}

func (u *session) saveView() {
	p := u.app.Preferences()
	p.SetInt(prefPeriod, u.view.choice)
	p.SetString(prefFrom, dateOrEmpty(u.view.from))
	p.SetString(prefTo, dateOrEmpty(u.view.to))
	asOf := ""
	if u.view.asOf != nil {
		asOf = u.view.asOf.UTC().Format(time.RFC3339)
	}
	p.SetString(prefAsOf, asOf)
}

// restoreView reads the view state remembered by the last run; what cannot
// be read falls back to the last 12 months judged as of now.
func (u *session) restoreView() { u.view = readView(u.app.Preferences()) }

// readView is the view state the preferences remember.
func readView(p fyne.Preferences) viewState {
	v := viewState{choice: p.IntWithFallback(prefPeriod, period12)}
	if v.choice < period3 || v.choice > periodCustom {
		v.choice = period12
	}
	if v.choice == periodCustom {
		from, err1 := journal.ParseDate(p.String(prefFrom))
		to, err2 := journal.ParseDate(p.String(prefTo))
		if err1 != nil || err2 != nil || to.Before(from) {
			v.choice = period12
		} else {
			v.from, v.to = from, to
		}
	}
	if t, err := time.Parse(time.RFC3339, p.String(prefAsOf)); err == nil {
		v.asOf = &t
	}
	return v
}

func dateOrEmpty(d journal.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// longDate renders "30 Jul 2024" or "2024年7月30日".
func longDate(d journal.Date, l words.Lang) string {
	if l == words.JA {
		return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%d %s %d", d.Day, d.Month.String()[:3], d.Year)
}

// longDateTime renders an instant in the user's zone: "30 Jul 2024 12:00",
// "2024年7月30日 12:00".
func (u *session) longDateTime(t time.Time) string {
	t = t.In(u.loc)
	return longDate(journal.DateOf(t), u.lang()) + " " + t.Format("15:04")
}

// periodText describes a window by its first and last day: "1 Jul 2024 – 31 Aug 2024".
func (u *session) periodText(w figures.Interval) string {
	l := u.lang()
	last := journal.DateOf(w.End.Add(-time.Nanosecond).In(u.loc))
	return longDate(journal.DateOf(w.Start.In(u.loc)), l) + " – " + longDate(last, l)
}
