package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestCardBackgroundIsOneRoundedFill draws a card of a translucent colour
// (the sent messages' selection colour) and checks what the window shows:
// one even fill, no seam where its pieces meet, the corners rounded off to
// the background.
func TestCardBackgroundIsOneRoundedFill(t *testing.T) {
	test.NewTempApp(t)
	fill := theme.Color(theme.ColorNameSelection)
	if _, _, _, a := fill.RGBA(); a == 0xffff {
		t.Fatal("the selection colour is opaque: this test wants a translucent one")
	}
	card := cardBackground(fill)
	w := test.NewTempWindow(t, container.NewWithoutLayout(card))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(200, 100))
	card.Move(fyne.NewPos(10, 10))
	card.Resize(fyne.NewSize(120, 50)) // 10…130 × 10…60
	img := w.Canvas().Capture()
	at := func(x, y int) color.NRGBA { return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) }
	bg := color.NRGBAModel.Convert(theme.Color(theme.ColorNameBackground)).(color.NRGBA)
	want := at(70, 35)
	if want == bg {
		t.Fatalf("the card's middle shows the background %v", bg)
	}
	near := func(a, b color.NRGBA) bool {
		d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
		return d(a.R, b.R) <= 2 && d(a.G, b.G) <= 2 && d(a.B, b.B) <= 2 && d(a.A, b.A) <= 2
	}
	// Every pixel away from the corners is the same fill: no seam, no darker overlap.
	r := int(theme.InputRadiusSize())
	for y := 10; y < 60; y++ {
		for x := 10; x < 130; x++ {
			inCorner := (x < 10+r || x >= 130-r) && (y < 10+r || y >= 60-r)
			if !inCorner && !near(at(x, y), want) {
				t.Fatalf("pixel (%d, %d) = %v, want the card's fill %v", x, y, at(x, y), want)
			}
		}
	}
	for _, p := range [][2]int{{10, 10}, {129, 10}, {10, 59}, {129, 59}} {
		if got := at(p[0], p[1]); !near(got, bg) {
			t.Errorf("corner pixel %v = %v, want the background %v (rounded off)", p, got, bg)
		}
	}
}
