package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lapse/app/datetext"
)

// asOfDialog lets the user judge as of a moment of their choice, or go back
// to the period's own moment (its end when past, else now).
type asOfDialog struct {
	picker  *periodPicker
	entry   *keyEntry
	problem *widget.Label
	judge   *widget.Button
	auto    *widget.Button
	dlg     dialog.Dialog
}

func (p *periodPicker) openAsOf() *asOfDialog {
	u := p.ses
	d := &asOfDialog{picker: p}
	d.entry = newKeyEntry(false, datetext.Form(true))
	d.entry.SetText(datetext.Example(u.judgedAsOf().In(u.loc), true))
	d.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	d.problem.Hide()
	hint := &widget.Label{Text: lang.X("asof.hint", "The verdict, its reasons, the alternatives and \"cancel before\" use only what was known at this moment. Time zone: {{.Zone}}.",
		map[string]any{"Zone": u.loc.String()}), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	d.judge = &widget.Button{Text: lang.X("asof.judge", "Judge as of this moment"), Importance: widget.HighImportance, OnTapped: d.onJudge}
	d.auto = &widget.Button{Text: lang.X("asof.auto", "As of the period's end, or now"), OnTapped: func() {
		u.setAsOf(nil)
		d.dlg.Hide()
		p.changed()
	}}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { d.dlg.Hide() }}
	content := container.NewVBox(d.entry, d.problem, hint, container.NewHBox(d.auto, layout.NewSpacer(), cancel, d.judge))
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("asof.title", "Judge as of"), content, u.win)
	d.dlg.Resize(fyne.NewSize(560, 240))
	d.dlg.Show()
	u.bindKeys(d.dlg, content, d.onJudge)
	u.win.Canvas().Focus(d.entry)
	return d
}

// onJudge judges as of the moment typed, or says how to type it.
func (d *asOfDialog) onJudge() {
	u := d.picker.ses
	t, err := datetext.Parse(d.entry.Text, u.loc)
	if err != nil {
		d.problem.SetText(lang.X("asof.unreadable", "Lapse cannot read \"{{.Text}}\" as a date and time: type it as {{.Form}}, for example {{.Example}}.",
			map[string]any{"Text": d.entry.Text, "Form": datetext.Form(true), "Example": datetext.Example(u.now().In(u.loc), true)}))
		d.problem.Show()
		return
	}
	if t.After(u.now()) {
		d.problem.SetText(lang.X("asof.future", "That moment is still to come: pick one up to now."))
		d.problem.Show()
		return
	}
	t = t.UTC().Truncate(time.Minute)
	u.setAsOf(&t)
	d.dlg.Hide()
	d.picker.changed()
}
