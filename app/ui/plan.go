package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// planTab shows a service's subscriptions, price history and decisions.
type planTab struct {
	ui  *UI
	svc *journal.Service
}

func newPlanTab(u *UI, svc *journal.Service) *planTab { return &planTab{ui: u, svc: svc} }

func (t *planTab) build() fyne.CanvasObject { return widget.NewLabel("") }
