package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/verdict"
	"lapse/app/words"
)

// verdictCard shows a service's verdict, the reasons that fired, the days
// left before the next charge, and its alternatives side by side.
type verdictCard struct {
	ses     *session
	j       *review.Judgement
	asOf    time.Time // the moment judged as of
	kind    *widget.Label
	reasons []*widget.Label
}

var verdictImportance = map[verdict.Kind]widget.Importance{
	verdict.Keep: widget.SuccessImportance, verdict.Watch: widget.WarningImportance,
	verdict.ConsiderSwitching: widget.WarningImportance, verdict.CancelBefore: widget.DangerImportance,
	// Nothing is left to decide: told apart from every call to act.
	verdict.Ended: widget.HighImportance,
}

func newVerdictCard(u *session, j *review.Judgement, asOf time.Time) *verdictCard {
	return &verdictCard{ses: u, j: j, asOf: asOf}
}

func (c *verdictCard) build() fyne.CanvasObject {
	l := c.ses.lang()
	v := c.j.Verdict
	c.kind = &widget.Label{Text: capitalize(v.Text(l)), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText,
		Importance: verdictImportance[v.Kind]}
	// The verdict reads its own window, not the period picked above it: say so.
	title := &widget.Label{Text: lang.X("verdict.title_as_of", "Verdict as of {{.When}}, last {{.Days}} days",
		map[string]any{"When": c.ses.longDateTime(c.asOf), "Days": c.ses.settings.Thresholds.WindowDays}), Importance: widget.LowImportance}
	head := container.NewHBox(c.kind)
	if v.NextCharge != nil {
		head.Add(layout.NewSpacer())
		data := map[string]any{"Date": longDate(*v.NextCharge, l), "Days": v.DaysLeft}
		text := lang.X("verdict.next_charge", "next charge {{.Date}}, in {{.Days}} days", data)
		switch v.DaysLeft {
		case 0:
			text = lang.X("verdict.next_charge_today", "next charge today, {{.Date}}", data)
		case 1:
			text = lang.X("verdict.next_charge_tomorrow", "next charge tomorrow, {{.Date}}", data)
		}
		head.Add(&widget.Label{Text: text})
	}
	box := container.NewVBox(title, head)
	if len(v.Reasons) == 0 {
		box.Add(&widget.Label{Text: lang.X("verdict.no_reasons", "No rule fired in the last {{.Days}} days: the service has been reliable.",
			map[string]any{"Days": c.ses.settings.Thresholds.WindowDays}), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord})
	}
	for _, r := range v.Reasons {
		lbl := &widget.Label{Text: "• " + r.Text(l), Wrapping: fyne.TextWrapWord}
		c.reasons = append(c.reasons, lbl)
		box.Add(lbl)
	}
	if len(c.j.Alternatives) > 0 {
		box.Add(widget.NewSeparator())
		box.Add(c.alternatives(l))
	}
	return container.NewStack(cardBackground(theme.Color(theme.ColorNameInputBackground)), container.NewPadded(box))
}

var altColumns = columns{2.8, 1.3, 1.4, 1.5, 1.5}

// alternatives compares the service with the ones it could switch to.
func (c *verdictCard) alternatives(l words.Lang) fyne.CanvasObject {
	rows := container.NewVBox(
		&widget.Label{Text: lang.X("verdict.alternatives", "Alternatives over the same {{.Days}} days", map[string]any{"Days": c.ses.settings.Thresholds.WindowDays}),
			Importance: widget.LowImportance},
		container.New(altColumns, heading(lang.X("col.service", "Service")), heading(lang.X("col.unusable", "Unusable")),
			heading(lang.X("col.availability", "Availability")), heading(lang.X("col.cost", "Cost")), heading(lang.X("col.first_response", "First response"))))
	for _, a := range c.j.Alternatives {
		name := a.Name
		imp := widget.MediumImportance
		if a.Self {
			name = lang.X("verdict.this_service", "{{.Name}} (this service)", map[string]any{"Name": a.Name})
		} else if a.Better {
			name = lang.X("verdict.better", "{{.Name}} (better)", map[string]any{"Name": a.Name})
			imp = widget.SuccessImportance
		}
		resp := "—"
		if a.WorstFirstResponse != nil {
			resp = words.Short(a.WorstFirstResponse.After, l)
		}
		cell := func(s string) *textCell { return newTextCell(s, widget.MediumImportance) }
		rows.Add(container.New(altColumns, newTextCell(name, imp),
			cell(shortOrZero(a.Unusable, l)), cell(availabilityText(a.Availability)), cell(journal.FormatMoney(a.Accrued, a.Currency)), cell(resp)))
	}
	return rows
}

// capitalize upper-cases the first letter of an English verdict ("keep" → "Keep").
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
