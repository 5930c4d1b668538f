package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// cardBackground is a rounded card of an opaque colour, drawn as three
// plain bands and four corner discs. It looks like a Rectangle with a
// CornerRadius, but the software painter (screenshots, the test driver)
// rasterises a rounded Rectangle whole, corners and middle, on every frame
// even where it is scrolled out of sight, and fills plain bands directly.
// The pieces overlap by a point, which an opaque colour hides, so no seam
// shows at fractional scales.
func cardBackground(fill color.Color) fyne.CanvasObject {
	fill = opaque(fill)
	objs := make([]fyne.CanvasObject, 0, 7)
	for range 3 {
		objs = append(objs, canvas.NewRectangle(fill))
	}
	for range 4 {
		objs = append(objs, canvas.NewCircle(fill))
	}
	return &fyne.Container{Layout: cardLayout{radius: theme.InputRadiusSize()}, Objects: objs}
}

// opaque is c as seen on the window's background: a translucent colour
// (the selection's) blended over it, so overlapping pieces show no seam.
func opaque(c color.Color) color.Color {
	r, g, b, a := c.RGBA()
	if a == 0xffff {
		return c
	}
	br, bg, bb, _ := theme.Color(theme.ColorNameBackground).RGBA()
	mix := func(f, back uint32) uint8 { return uint8((f + back*(0xffff-a)/0xffff) >> 8) }
	return color.NRGBA{R: mix(r, br), G: mix(g, bg), B: mix(b, bb), A: 0xff}
}

type cardLayout struct{ radius float32 }

func (l cardLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w, h := size.Width, size.Height
	r := min(l.radius, w/2, h/2)
	// The middle band is full width; the top and bottom bands stop short of
	// the corners and reach a point into the middle one.
	objs[0].Move(fyne.NewPos(0, r))
	objs[0].Resize(fyne.NewSize(w, h-2*r))
	objs[1].Move(fyne.NewPos(r, 0))
	objs[1].Resize(fyne.NewSize(w-2*r, r+1))
	objs[2].Move(fyne.NewPos(r, h-r-1))
	objs[2].Resize(fyne.NewSize(w-2*r, r+1))
	for i, at := range []fyne.Position{{X: 0, Y: 0}, {X: w - 2*r, Y: 0}, {X: 0, Y: h - 2*r}, {X: w - 2*r, Y: h - 2*r}} {
		objs[3+i].Move(at)
		objs[3+i].Resize(fyne.NewSquareSize(2 * r))
	}
}

func (cardLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }
