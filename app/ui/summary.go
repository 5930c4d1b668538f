package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// summaryTab shows a service's details and, with the figures, its charts.
type summaryTab struct {
	ui  *UI
	svc *journal.Service
}

func newSummaryTab(u *UI, svc *journal.Service) *summaryTab { return &summaryTab{ui: u, svc: svc} }

func (t *summaryTab) build() fyne.CanvasObject {
	svc := t.svc
	details := container.New(layout.NewFormLayout())
	addRow := func(label, value string) {
		if value == "" {
			return
		}
		details.Add(&widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}})
		details.Add(&widget.Label{Text: value, Wrapping: fyne.TextWrapWord})
	}
	addRow(lang.X("field.website", "Website"), svc.Website)
	addRow(lang.X("field.status_page", "Status page"), svc.StatusPage)
	addRow(lang.X("field.notes", "Notes"), svc.Notes)
	return container.NewVScroll(container.NewPadded(details))
}
