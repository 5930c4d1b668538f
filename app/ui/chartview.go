package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/atomicfile"
	"lapse/app/charts"
)

// chartView shows a go-chart drawing and draws it again at its new size
// after a resize settles, so text stays crisp and nothing is stretched.
type chartView struct {
	widget.BaseWidget
	thread uiThread
	render func(w, h int) ([]byte, error) // PNG at w×h pixels
	min    fyne.Size
	img    *canvas.Image

	mu      sync.Mutex
	drawn   fyne.Size // the size the current picture was drawn for
	pending *time.Timer
}

func newChartView(thread uiThread, min fyne.Size, render func(w, h int) ([]byte, error)) *chartView {
	c := &chartView{thread: thread, render: render, min: min, img: &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}}
	c.ExtendBaseWidget(c)
	return c
}

func (c *chartView) MinSize() fyne.Size { return c.min }

func (c *chartView) CreateRenderer() fyne.WidgetRenderer { return &chartRenderer{c: c} }

// draw renders the chart for size s off the UI thread; the first picture
// at once, later ones after the size has been still for a moment.
func (c *chartView) draw(s fyne.Size) {
	if s.Width < 10 || s.Height < 10 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if absDiff(s.Width, c.drawn.Width) < 4 && absDiff(s.Height, c.drawn.Height) < 4 {
		return
	}
	first := c.drawn.IsZero()
	c.drawn = s
	// The canvas is asked here, on the UI thread; the drawing runs on
	// another goroutine and only touches the image on the UI thread.
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil && cv.Scale() > 0 {
		scale = cv.Scale()
	}
	paint := func() {
		pic := c.picture(s, scale)
		c.thread.Do(func() {
			c.img.Image = pic
			c.img.Refresh()
		})
	}
	if first {
		c.thread.Go(paint)
		return
	}
	if c.pending != nil {
		c.pending.Stop()
	}
	c.pending = time.AfterFunc(150*time.Millisecond, paint)
}

// picture draws at the canvas scale, so the chart is sharp on HiDPI screens,
// and at exactly the pixels Fyne gives the image (it rounds up): a picture
// one pixel off is scaled again on every paint.
func (c *chartView) picture(s fyne.Size, scale float32) image.Image {
	data, err := c.render(pixels(s.Width, scale), pixels(s.Height, scale))
	if err != nil {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return img
}

// pixels is the size in pixels Fyne paints a length at.
func pixels(v, scale float32) int { return int(math.Ceil(float64(v * scale))) }

func absDiff(a, b float32) float32 {
	if a > b {
		return a - b
	}
	return b - a
}

type chartRenderer struct{ c *chartView }

func (r *chartRenderer) Layout(s fyne.Size) {
	r.c.img.Resize(s)
	r.c.draw(s)
}
func (r *chartRenderer) MinSize() fyne.Size           { return r.c.min }
func (r *chartRenderer) Refresh()                     { r.c.img.Refresh() }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.img} }
func (r *chartRenderer) Destroy() {
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	if r.c.pending != nil {
		r.c.pending.Stop()
	}
}

// drawFunc draws a chart at w×h pixels in a format.
type drawFunc func(w, h int, f charts.Format, dark bool) ([]byte, error)

// chartBlock is a chart with a "Save chart…" button that writes it as PNG,
// or SVG when the chosen file name ends in .svg.
func (u *session) chartBlock(name string, min fyne.Size, draw drawFunc) fyne.CanvasObject {
	dark := u.darkCharts()
	view := newChartView(u.thread, min, func(w, h int) ([]byte, error) { return draw(w, h, charts.PNG, dark) })
	save := &widget.Button{Text: lang.X("action.save_chart", "Save chart…"), Icon: theme.DocumentSaveIcon(), Importance: widget.LowImportance,
		OnTapped: func() { _ = u.saveChart(name, draw) }}
	// A rounded card of the chart's own background frames it.
	card := canvas.NewRectangle(chartBackground(dark))
	card.CornerRadius = theme.InputRadiusSize() * 2
	framed := container.NewStack(card, container.NewPadded(view))
	return container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), save), nil, nil, framed)
}

// chartExportSize is the size charts are saved at: readable at 1024×400.
var chartExportSize = fyne.NewSize(1024, 400)

func (u *session) saveChart(name string, draw drawFunc) *saveAsDialog {
	d := newSaveAsDialog(u.win, u.thread, u.app.Preferences(), saveAs{
		title: lang.X("action.save_chart", "Save chart…"), name: slug(name) + ".png", replace: true,
		write: func(_ context.Context, path string) error { return writeChart(path, draw) },
		done:  func(path string) { u.showSaved(lang.X("action.save_chart", "Save chart…"), path) },
	})
	d.show()
	return d
}

// writeChart draws the chart in the format the file name asks for and writes it privately.
func writeChart(path string, draw drawFunc) error {
	f := charts.PNG
	if strings.EqualFold(filepath.Ext(path), ".svg") {
		f = charts.SVG
	}
	data, err := draw(int(chartExportSize.Width), int(chartExportSize.Height), f, false) // saved charts are for print: light
	if err != nil {
		return err
	}
	return atomicfile.Write(path, data, 0o600)
}

// darkCharts reports whether charts in the window are drawn dark, as the
// theme shown; saved and exported charts stay light.
func (u *session) darkCharts() bool {
	// The background the window paints decides: the variant the system
	// reports is not always light or dark (the test driver's is neither).
	s := u.app.Settings()
	r, g, b, _ := s.Theme().Color(theme.ColorNameBackground, s.ThemeVariant()).RGBA()
	return 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.5*0xffff
}

// chartBackground is the background the charts draw on (charts.Labels.Dark).
func chartBackground(dark bool) color.Color {
	if dark {
		return color.NRGBA{R: 32, G: 32, B: 35, A: 255}
	}
	return color.White
}
