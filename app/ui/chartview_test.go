package ui

import (
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
