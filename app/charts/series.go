package charts

import (
	"math"

	"github.com/golang/freetype/truetype"
	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// barSeries draws real filled bars on a band axis, optionally one of
// several side by side in each band. go-chart's BarChart cannot share a
// canvas with a line, and its HistogramSeries needs at least two points.
type barSeries struct {
	name   string
	axis   chart.YAxisType
	values []float64 // NaN: no bar
	color  drawing.Color
	group  int     // position of this series within a band
	groups int     // series side by side in each band
	base   float64 // value the bars grow from: the bottom of the axis
	// label, when set, writes each bar's value on or above it where it fits.
	label func(float64) string
	fr    *frame
}

// GetName implements chart.Series.
func (bs barSeries) GetName() string { return bs.name }

// GetYAxis implements chart.Series.
func (bs barSeries) GetYAxis() chart.YAxisType { return bs.axis }

// GetStyle implements chart.Series.
func (bs barSeries) GetStyle() chart.Style { return chart.Style{} }

// Validate implements chart.Series.
func (bs barSeries) Validate() error { return nil }

// Render implements chart.Series.
func (bs barSeries) Render(r chart.Renderer, box chart.Box, xr, yr chart.Range, _ chart.Style) {
	n := len(bs.values)
	if n == 0 || bs.groups < 1 {
		return
	}
	s := bs.fr.scale
	band := float64(box.Width()) / float64(n)
	group := math.Min(band*0.72, 56*s*float64(bs.groups))
	bar := group / float64(bs.groups)
	inset := 0.0
	if bs.groups > 1 {
		inset = math.Min(2*s, bar*0.12)
	}
	bottom := box.Bottom - yr.Translate(bs.base)
	for i, v := range bs.values {
		if math.IsNaN(v) {
			continue
		}
		v = math.Max(v, bs.base)
		center := float64(box.Left + xr.Translate(float64(i)))
		left := int(math.Round(center - group/2 + float64(bs.group)*bar + inset))
		right := max(left+1, int(math.Round(center-group/2+float64(bs.group+1)*bar-inset)))
		top := box.Bottom - yr.Translate(v)
		if v > bs.base && bottom-top < 2 {
			top = bottom - 2 // a small but real value stays visible
		}
		if top < bottom {
			fillRect(r, left, top, right, bottom, bs.color)
		}
		if bs.label != nil {
			bs.drawLabel(r, bs.label(v), left, right, top, bottom, band)
		}
	}
}

// drawLabel writes a bar's value inside its top when the bar is tall
// enough, above it otherwise, and not at all when it would spill into the
// neighbouring band.
func (bs barSeries) drawLabel(r chart.Renderer, text string, left, right, top, bottom int, band float64) {
	fr := bs.fr
	w := fr.ts.width(text, sizeSmall)
	if float64(w) > band-4*fr.scale {
		return
	}
	h := fr.ts.height(sizeSmall)
	x := (left+right)/2 - w/2
	pad := int(4 * fr.scale)
	if bottom-top >= h+2*pad {
		drawText(r, fr.font, text, x, top+pad+baseline(h), sizeSmall, colorOnBar)
		return
	}
	drawText(r, fr.font, text, x, top-pad, sizeSmall, fr.pal.text)
}

// lineSeries draws a line with a dot on every point; NaN breaks the line,
// so a month without data is a gap rather than a fake zero.
type lineSeries struct {
	name   string
	axis   chart.YAxisType
	values []float64
	color  drawing.Color
	fr     *frame
}

// GetName implements chart.Series.
func (ls lineSeries) GetName() string { return ls.name }

// GetYAxis implements chart.Series.
func (ls lineSeries) GetYAxis() chart.YAxisType { return ls.axis }

// GetStyle implements chart.Series.
func (ls lineSeries) GetStyle() chart.Style { return chart.Style{} }

// Validate implements chart.Series.
func (ls lineSeries) Validate() error { return nil }

// Render implements chart.Series.
func (ls lineSeries) Render(r chart.Renderer, box chart.Box, xr, yr chart.Range, _ chart.Style) {
	s := ls.fr.scale
	type point struct{ x, y int }
	var run []point
	var dots []point
	flush := func() {
		if len(run) > 1 {
			r.ResetStyle()
			r.SetStrokeColor(ls.color)
			r.SetStrokeWidth(2.5 * s)
			r.MoveTo(run[0].x, run[0].y)
			for _, p := range run[1:] {
				r.LineTo(p.x, p.y)
			}
			r.Stroke()
		}
		run = run[:0]
	}
	for i, v := range ls.values {
		if math.IsNaN(v) {
			flush()
			continue
		}
		p := point{box.Left + xr.Translate(float64(i)), box.Bottom - yr.Translate(v)}
		run = append(run, p)
		dots = append(dots, p)
	}
	flush()
	for _, p := range dots {
		drawDot(r, p.x, p.y, 4*s, ls.fr.pal.bg, ls.color, 2*s)
	}
}

// fillRect fills a rectangle without outline.
func fillRect(r chart.Renderer, left, top, right, bottom int, c drawing.Color) {
	r.ResetStyle()
	r.SetFillColor(c)
	r.MoveTo(left, top)
	r.LineTo(right, top)
	r.LineTo(right, bottom)
	r.LineTo(left, bottom)
	r.Close()
	r.Fill()
}

// drawDot draws a disc of the background colour ringed with c, as a polygon so PNG and SVG
// look the same (the two renderers treat Circle differently).
func drawDot(r chart.Renderer, x, y int, radius float64, bg, c drawing.Color, ring float64) {
	const sides = 16
	r.ResetStyle()
	r.SetFillColor(bg)
	r.SetStrokeColor(c)
	r.SetStrokeWidth(ring)
	for i := 0; i < sides; i++ {
		a := 2 * math.Pi * float64(i) / sides
		px := x + int(math.Round(radius*math.Cos(a)))
		py := y + int(math.Round(radius*math.Sin(a)))
		if i == 0 {
			r.MoveTo(px, py)
		} else {
			r.LineTo(px, py)
		}
	}
	r.Close()
	r.FillStroke()
}

// drawLine strokes a straight line.
func drawLine(r chart.Renderer, x0, y0, x1, y1 int, c drawing.Color, width float64) {
	r.ResetStyle()
	r.SetStrokeColor(c)
	r.SetStrokeWidth(width)
	r.MoveTo(x0, y0)
	r.LineTo(x1, y1)
	r.Stroke()
}

// drawText writes text with its baseline at y.
func drawText(r chart.Renderer, f *truetype.Font, text string, x, y int, size float64, c drawing.Color) {
	if text == "" {
		return
	}
	r.ResetStyle()
	r.SetFont(f)
	r.SetFontSize(size)
	r.SetFontColor(c)
	r.Text(text, x, y)
}

// baseline returns the distance from the top of a line of text of height h
// to its baseline.
func baseline(h int) int {
	return int(float64(h)*0.86 + 0.5)
}
