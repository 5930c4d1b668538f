package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// replaceObjects shows objs in box in place of what it held, laid out at
// box's size. Unlike box.Refresh it does not refresh every widget under
// box: new widgets draw their state when first drawn, and a Label refreshed
// shapes its text again.
func replaceObjects(box *fyne.Container, objs ...fyne.CanvasObject) {
	box.Objects = objs
	if box.Layout != nil {
		box.Layout.Layout(objs, box.Size())
	}
	canvas.Refresh(box)
}
