package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
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
	frame  *chartFrame // drawn around the chart in its picture; nil: none

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
	w, h := pixels(s.Width, scale), pixels(s.Height, scale)
	inset := 0
	if c.frame != nil {
		inset = int(math.Round(float64(c.frame.pad * scale)))
	}
	if w-2*inset < 1 || h-2*inset < 1 {
		return nil
	}
	data, err := c.render(w-2*inset, h-2*inset)
	if err != nil {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil || c.frame == nil {
		return img
	}
	return c.frame.around(img, w, h, inset, c.frame.radius*scale)
}

// chartFrame is a rounded card of the chart's own background around it,
// drawn into the chart's picture off the UI thread: a rounded rectangle
// under the picture would be drawn again, whole, on every paint.
type chartFrame struct {
	background  color.Color
	pad, radius float32
}

// around draws pic inset on a w×h rounded card, its corners antialiased.
func (f *chartFrame) around(pic image.Image, w, h, inset int, radius float32) image.Image {
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	bg := color.NRGBAModel.Convert(f.background).(color.NRGBA)
	r := float64(radius)
	for y := range h {
		for x := range w {
			// The distance past the nearest corner's arc, if in a corner.
			cx := min(max(float64(x)+0.5, r), float64(w)-r)
			cy := min(max(float64(y)+0.5, r), float64(h)-r)
			over := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy) - r
			px := bg
			if over > -0.5 {
				px.A = uint8(float64(bg.A) * math.Max(0, 0.5-over))
			}
			out.SetNRGBA(x, y, px)
		}
	}
	draw.Draw(out, image.Rect(inset, inset, w-inset, h-inset), pic, pic.Bounds().Min, draw.Over)
	return out
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
	pad := theme.Padding()
	view := newChartView(u.thread, min.AddWidthHeight(2*pad, 2*pad), func(w, h int) ([]byte, error) { return draw(w, h, charts.PNG, dark) })
	// A rounded card of the chart's own background frames it.
	view.frame = &chartFrame{background: chartBackground(dark), pad: pad, radius: theme.InputRadiusSize() * 2}
	save := &widget.Button{Text: lang.X("action.save_chart", "Save chart…"), Icon: theme.DocumentSaveIcon(), Importance: widget.LowImportance,
		OnTapped: func() { _ = u.saveChart(name, draw) }}
	return container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), save), nil, nil, view)
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
