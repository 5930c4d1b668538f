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

// layoutTree lays o and the containers in it out again at their sizes,
// after what they hold grew, without refreshing every widget as a
// Container's Refresh does.
func layoutTree(o fyne.CanvasObject) {
	c, ok := o.(*fyne.Container)
	if !ok {
		return
	}
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
	for _, sub := range c.Objects {
		layoutTree(sub)
	}
	canvas.Refresh(c)
}
