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

// periodPicker chooses the session's period and shows, and lets the user
// pick, the moment the verdicts are judged as of. Every screen's picker
// shows the same choice: it is the session's.
type periodPicker struct {
	ses       *session
	choice    *widget.Select
	from, to  *timeField
	apply     *widget.Button
	problem   *widget.Label // why the custom dates cannot be used
	customBox *fyne.Container
	asOf      *widget.Label // "Verdict as of 30 Jul 2024 12:00"
	pickAsOf  *widget.Button
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
	// The custom dates get a line of their own, and the problem one below
	// them: side by side they do not fit an 800-pixel window.
	p.customBox = container.NewVBox(container.NewHBox(
		widget.NewLabel(lang.X("period.from", "From")), container.NewGridWrap(fyne.NewSize(150, 36), p.from.entry),
		widget.NewLabel(lang.X("period.to", "To")), container.NewGridWrap(fyne.NewSize(150, 36), p.to.entry), p.apply), p.problem)
	p.customBox.Hide()
	p.asOf = &widget.Label{Importance: widget.LowImportance}
	p.pickAsOf = &widget.Button{Text: lang.X("asof.pick", "Judge as of…"), Importance: widget.LowImportance, OnTapped: func() { p.openAsOf() }}
	if v := u.view; v.choice == periodCustom {
		p.from.setDate(v.from)
		p.to.setDate(v.to)
	}
	p.choice.SetSelectedIndex(u.view.choice)
	p.showAsOf()
	p.onChange = onChange // only user choices from here on
	return p
}

// field is the picker as a form field: no label of its own, no Apply (the
// dates are read when the form is used), custom dates below the choice.
func (p *periodPicker) field() fyne.CanvasObject {
	p.apply.Hide()
	return container.NewVBox(p.choice, p.customBox, container.NewHBox(p.asOf, p.pickAsOf))
}

// build is the picker as a screen's bar: the period and the moment of
// judgement on one line, the custom dates below; Enter in a date applies.
func (p *periodPicker) build() fyne.CanvasObject {
	p.from.entry.OnSubmitted = func(string) { p.onApply() }
	p.to.entry.OnSubmitted = func(string) { p.onApply() }
	return container.NewVBox(
		container.NewHBox(widget.NewLabel(lang.X("period.label", "Period")), container.NewGridWrap(fyne.NewSize(190, p.choice.MinSize().Height), p.choice),
			p.asOf, p.pickAsOf),
		p.customBox)
}

// showAsOf says which moment the verdicts are judged as of.
func (p *periodPicker) showAsOf() {
	p.asOf.SetText(lang.X("asof.label", "Verdict as of {{.When}}", map[string]any{"When": p.ses.longDateTime(p.ses.judgedAsOf())}))
}

func (p *periodPicker) onChoice() {
	if p.choice.SelectedIndex() == periodCustom {
		if p.from.entry.Text == "" {
			w := p.ses.period()
			p.from.setDate(journal.DateOf(w.Start.In(p.ses.loc)))
			p.to.setDate(journal.DateOf(w.End.Add(-time.Nanosecond).In(p.ses.loc)))
		}
		p.customBox.Show()
		return
	}
	p.customBox.Hide()
	p.ses.setPeriod(p.choice.SelectedIndex(), journal.Date{}, journal.Date{})
	p.changed()
}

func (p *periodPicker) changed() {
	p.showAsOf()
	if p.onChange != nil {
		p.onChange()
	}
}

// onApply uses the custom dates, or says why it cannot; the figures shown
// never silently cover another period than the one asked for.
func (p *periodPicker) onApply() {
	if err := p.commit(); err != nil {
		p.problem.SetText(errorText(err))
		p.problem.Show()
		return
	}
	p.problem.Hide()
	p.changed()
}

// commit makes the picker's choice the session's; custom dates are
// checked first: both valid, "to" not before "from".
func (p *periodPicker) commit() error {
	if p.choice.SelectedIndex() != periodCustom {
		p.ses.setPeriod(p.choice.SelectedIndex(), journal.Date{}, journal.Date{})
		return nil
	}
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
	p.ses.setPeriod(periodCustom, from, to)
	return nil
}

// window is the session's period.
func (p *periodPicker) window() figures.Interval { return p.ses.period() }
