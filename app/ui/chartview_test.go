package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lapse/app/charts"
)

// TestChartRedrawsAfterResize resizes a chart and waits for the redraw that
// a timer does off the UI thread; run with -race it checks that path.
func TestChartRedrawsAfterResize(t *testing.T) {
	test.NewTempApp(t)
	calls := make(chan fyne.Size, 4)
	c := newChartView(&queueThread{}, fyne.NewSize(200, 100), func(w, h int) ([]byte, error) {
		calls <- fyne.NewSize(float32(w), float32(h))
		return charts.EmptyState("x", w, h, charts.PNG)
	})
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 200))
	var first fyne.Size
	select {
	case first = <-calls:
	case <-time.After(3 * time.Second):
		t.Fatal("the chart was never drawn")
	}
	w.Resize(fyne.NewSize(640, 300))
	select {
	case got := <-calls:
		if got.Width <= first.Width {
			t.Errorf("redrawn at %v after growing from %v", got, first)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("the chart was not redrawn after a resize")
	}
}

// TestChartFrameIsDrawnIntoThePicture checks the rounded card a chart block
// draws around its chart: the chart inset by the padding, the card's colour
// around it, and corners rounded off to transparent.
func TestChartFrameIsDrawnIntoThePicture(t *testing.T) {
	test.NewTempApp(t)
	red := color.NRGBA{R: 255, A: 255}
	var drawnAt image.Point
	c := newChartView(&queueThread{}, fyne.NewSize(100, 60), func(w, h int) ([]byte, error) {
		drawnAt = image.Pt(w, h)
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		draw.Draw(img, img.Bounds(), image.NewUniform(red), image.Point{}, draw.Src)
		var b bytes.Buffer
		err := png.Encode(&b, img)
		return b.Bytes(), err
	})
	bg := color.NRGBA{R: 32, G: 32, B: 35, A: 255}
	c.frame = &chartFrame{background: bg, pad: 4, radius: 10}
	pic := c.picture(fyne.NewSize(100, 60), 2) // a HiDPI screen: twice the pixels
	if got := pic.Bounds().Size(); got != image.Pt(200, 120) {
		t.Fatalf("picture is %v pixels, want 200×120", got)
	}
	if drawnAt != image.Pt(184, 104) {
		t.Errorf("chart drawn at %v pixels, want 184×104 (the picture less 8 pixels of padding a side)", drawnAt)
	}
	at := func(x, y int) color.NRGBA { return color.NRGBAModel.Convert(pic.At(x, y)).(color.NRGBA) }
	for _, p := range []struct {
		x, y int
		want color.NRGBA
		what string
	}{{0, 0, color.NRGBA{}, "a rounded-off corner"}, {199, 119, color.NRGBA{}, "a rounded-off corner"},
		{100, 3, bg, "the padding above the chart"}, {3, 60, bg, "the padding left of the chart"},
		{8, 8, red, "the chart's first pixel"}, {191, 111, red, "the chart's last pixel"}} {
		got := at(p.x, p.y)
		if p.want.A == 0 && got.A == 0 {
			continue // transparent, whatever its colour
		}
		if got != p.want {
			t.Errorf("pixel (%d, %d), %s, = %v, want %v", p.x, p.y, p.what, got, p.want)
		}
	}
}
