package ui

import (
	"bytes"
	"image"
	"image/png"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// chartView shows a go-chart drawing and draws it again at its new size
// after a resize settles, so text stays crisp and nothing is stretched.
type chartView struct {
	widget.BaseWidget
	render func(w, h int) ([]byte, error) // PNG at w×h pixels
	min    fyne.Size
	img    *canvas.Image

	mu      sync.Mutex
	drawn   fyne.Size // the size the current picture was drawn for
	pending *time.Timer
}

func newChartView(min fyne.Size, render func(w, h int) ([]byte, error)) *chartView {
	c := &chartView{render: render, min: min, img: &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}}
	c.ExtendBaseWidget(c)
	return c
}

func (c *chartView) MinSize() fyne.Size { return c.min }

func (c *chartView) CreateRenderer() fyne.WidgetRenderer { return &chartRenderer{c: c} }

// draw renders the chart for size s; the first picture is drawn at once,
// later ones after the size has been still for a moment.
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
	if first {
		c.img.Image = c.picture(s)
		return
	}
	if c.pending != nil {
		c.pending.Stop()
	}
	c.pending = time.AfterFunc(150*time.Millisecond, func() {
		pic := c.picture(s)
		fyne.Do(func() {
			c.img.Image = pic
			c.img.Refresh()
		})
	})
}

// picture draws at the canvas scale, so the chart is sharp on HiDPI screens.
func (c *chartView) picture(s fyne.Size) image.Image {
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil && cv.Scale() > 0 {
		scale = cv.Scale()
	}
	data, err := c.render(int(s.Width*scale), int(s.Height*scale))
	if err != nil {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return img
}

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
func (r *chartRenderer) Destroy()                     {}
