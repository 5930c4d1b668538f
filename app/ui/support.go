package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// supportTab lists a service's tickets and opens one as a thread.
type supportTab struct {
	ui  *UI
	svc *journal.Service
}

func newSupportTab(u *UI, svc *journal.Service) *supportTab { return &supportTab{ui: u, svc: svc} }

func (t *supportTab) build() fyne.CanvasObject { return widget.NewLabel("") }
