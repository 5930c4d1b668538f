package ui

import "fyne.io/fyne/v2"

// columns lays out a list row's cells by relative weights, so every row of
// a list has the same height and its cells line up like a table.
type columns []float32

func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range c {
		total += w
	}
	pad := float32(8)
	avail := size.Width - pad*float32(len(c)-1)
	x := float32(0)
	for i, o := range objs {
		if i >= len(c) {
			break
		}
		w := avail * c[i] / total
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + pad
	}
}

func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		if m := o.MinSize().Height; m > h {
			h = m
		}
	}
	return fyne.NewSize(float32(len(c))*40, h)
}
