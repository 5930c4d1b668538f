package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"lapse/app/figures"
	"lapse/app/journal"
)

// periodPicker chooses the window a screen's figures cover.
type periodPicker struct {
	ses       *session
	choice    *widget.Select
	from, to  *timeField
	apply     *widget.Button
	problem   *widget.Label // why the custom dates cannot be used
	customBox *fyne.Container
	onChange  func()
}

// Period choices, in the order shown.
const (
	period3 = iota
	period6
	period12
	periodThisYear
	periodLastYear
	periodCustom
)

func newPeriodPicker(u *session, onChange func()) *periodPicker {
	p := &periodPicker{ses: u}
	p.from = newDateField(u.loc, u.now, false)
	p.to = newDateField(u.loc, u.now, false)
	p.apply = &widget.Button{Text: lang.X("action.apply", "Apply"), OnTapped: p.onApply}
	p.choice = widget.NewSelect([]string{
		lang.X("period.last3", "Last 3 months"), lang.X("period.last6", "Last 6 months"), lang.X("period.last12", "Last 12 months"),
		lang.X("period.this_year", "This year"), lang.X("period.last_year", "Last year"), lang.X("period.custom", "Custom…"),
	}, func(string) { p.onChoice() })
	p.problem = &widget.Label{Importance: widget.DangerImportance}
	p.problem.Hide()
	p.customBox = container.NewHBox(
		widget.NewLabel(lang.X("period.from", "From")), container.NewGridWrap(fyne.NewSize(150, 36), p.from.entry),
		widget.NewLabel(lang.X("period.to", "To")), container.NewGridWrap(fyne.NewSize(150, 36), p.to.entry), p.apply, p.problem)
	p.customBox.Hide()
	p.choice.SetSelectedIndex(u.periodChoice)
	if u.periodChoice == periodCustom {
		p.customBox.Hide() // the custom dates of another screen are not kept
		p.choice.SetSelectedIndex(period12)
	}
	p.onChange = onChange // only user choices from here on
	return p
}

// field is the picker as a form field: no label of its own, no Apply (the
// dates are read when the form is used), custom dates below the choice.
func (p *periodPicker) field() fyne.CanvasObject {
	p.apply.Hide()
	return container.NewVBox(p.choice, p.customBox)
}

func (p *periodPicker) build() fyne.CanvasObject {
	return container.NewHBox(widget.NewLabel(lang.X("period.label", "Period")), container.NewGridWrap(fyne.NewSize(190, p.choice.MinSize().Height), p.choice), p.customBox)
}

func (p *periodPicker) onChoice() {
	p.ses.periodChoice = p.choice.SelectedIndex()
	if p.choice.SelectedIndex() == periodCustom {
		w := p.window()
		if p.from.entry.Text == "" {
			p.from.setDate(journal.DateOf(w.Start.In(p.ses.loc)))
			p.to.setDate(journal.DateOf(w.End.Add(-time.Nanosecond).In(p.ses.loc)))
		}
		p.customBox.Show()
		return
	}
	p.customBox.Hide()
	if p.onChange != nil {
		p.onChange()
	}
}

// onApply uses the custom dates, or says why it cannot; the figures shown
// never silently cover another period than the one asked for.
func (p *periodPicker) onApply() {
	if err := p.customError(); err != nil {
		p.problem.SetText(errorText(err))
		p.problem.Show()
		return
	}
	p.problem.Hide()
	if p.onChange != nil {
		p.onChange()
	}
}

// customError checks the custom dates: both valid, "to" not before "from".
func (p *periodPicker) customError() error {
	from, err := p.from.date("from")
	if err != nil {
		return err
	}
	to, err := p.to.date("to")
	if err != nil {
		return err
	}
	if to.Before(from) {
		return journal.Invalid("to", journal.ReasonEndBeforeStart)
	}
	return nil
}

// window is the chosen window [start, end) in the user's zone; the end is
// "now" for windows that reach the present.
func (p *periodPicker) window() figures.Interval {
	now := p.ses.now()
	loc := p.ses.loc
	this := figures.MonthOf(now, loc)
	year := time.Date(now.In(loc).Year(), 1, 1, 0, 0, 0, 0, loc)
	switch p.choice.SelectedIndex() {
	case period3:
		return figures.Interval{Start: this.Add(-2).Window(loc).Start, End: now}
	case period6:
		return figures.Interval{Start: this.Add(-5).Window(loc).Start, End: now}
	case periodThisYear:
		return figures.Interval{Start: year, End: now}
	case periodLastYear:
		return figures.Interval{Start: year.AddDate(-1, 0, 0), End: year}
	case periodCustom:
		from, err1 := p.from.date("from")
		to, err2 := p.to.date("to")
		if err1 == nil && err2 == nil && !to.Before(from) {
			return figures.Interval{Start: from.In(loc), End: to.AddDays(1).In(loc)}
		}
	}
	return figures.Interval{Start: this.Add(-11).Window(loc).Start, End: now}
}
