package charts

import (
	"math"

	"github.com/golang/freetype/truetype"
	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Font sizes in points; pixels follow the DPI, which grows with the image.
const (
	sizeTitle = 13.0
	sizeText  = 10.0
	sizeSmall = 9.0
)

// palette is the colours of a chart's frame: light for print and for a
// light window, dark for a window in a dark theme. The series keep their
// colours, but for cost, whose dark blue would vanish on a dark background.
type palette struct {
	bg, text, muted, axis, axisLight, grid, emptyBg, emptyLine, cost drawing.Color
}

var (
	lightPalette = palette{
		bg:        drawing.Color{R: 255, G: 255, B: 255, A: 255},
		text:      drawing.Color{R: 51, G: 51, B: 51, A: 255},
		muted:     drawing.Color{R: 102, G: 102, B: 102, A: 255},
		axis:      drawing.Color{R: 150, G: 150, B: 150, A: 255},
		axisLight: drawing.Color{R: 210, G: 210, B: 210, A: 255},
		grid:      drawing.Color{R: 232, G: 232, B: 232, A: 255},
		emptyBg:   drawing.Color{R: 246, G: 247, B: 249, A: 255},
		emptyLine: drawing.Color{R: 225, G: 228, B: 232, A: 255},
		cost:      drawing.Color{R: 46, G: 74, B: 125, A: 255},
	}
	darkPalette = palette{
		bg:        drawing.Color{R: 32, G: 32, B: 35, A: 255},
		text:      drawing.Color{R: 228, G: 228, B: 230, A: 255},
		muted:     drawing.Color{R: 168, G: 168, B: 172, A: 255},
		axis:      drawing.Color{R: 120, G: 120, B: 126, A: 255},
		axisLight: drawing.Color{R: 84, G: 84, B: 90, A: 255},
		grid:      drawing.Color{R: 52, G: 52, B: 58, A: 255},
		emptyBg:   drawing.Color{R: 32, G: 32, B: 35, A: 255},
		emptyLine: drawing.Color{R: 58, G: 58, B: 64, A: 255},
		cost:      drawing.Color{R: 110, G: 150, B: 214, A: 255},
	}
)

func paletteFor(dark bool) palette {
	if dark {
		return darkPalette
	}
	return lightPalette
}

// colorOnBar is the text written inside a bar, whatever the palette.
var colorOnBar = drawing.Color{R: 255, G: 255, B: 255, A: 255}

var (
	colorUnusable     = drawing.Color{R: 209, G: 73, B: 91, A: 255}
	colorOfficial     = drawing.Color{R: 160, G: 160, B: 168, A: 255} // the vendor's word: quieter than the user's
	colorAvailability = drawing.Color{R: 58, G: 158, B: 111, A: 255}
	colorResponse     = drawing.Color{R: 76, G: 120, B: 168, A: 255}
	colorHuman        = drawing.Color{R: 242, G: 142, B: 43, A: 255}
	colorSilence      = drawing.Color{R: 209, G: 73, B: 91, A: 255}
)

// go-chart draws its "primary" Y axis on the right and its "secondary" on
// the left; these names say where the axis is.
const (
	leftAxis  = chart.YAxisSecondary
	rightAxis = chart.YAxisPrimary
)

// swatch is how a legend entry shows its series.
type swatch int

const (
	swatchBar swatch = iota
	swatchLine
)

// legendItem is one entry of the legend.
type legendItem struct {
	text  string
	color drawing.Color
	kind  swatch
}

// frame is what every chart shares: size, font, title, legend, axis names
// and the category axis; it lays them out and assembles the go-chart Chart.
type frame struct {
	w, h   int
	format Format
	font   *truetype.Font
	pal    palette
	ts     *typeset
	scale  float64 // 1 at 1024×400; pixel sizes and the DPI grow with it
	dpi    float64

	title   string
	empty   string
	legend  []legendItem
	xName   string
	labels  []string
	shorten bool // labels are names that may be shortened (not months)

	leftName, rightName string
	// leftColor and rightColor, when set, colour the axis names like their
	// series, so a two-axis chart says which marks each axis measures.
	leftColor, rightColor drawing.Color

	left   scale
	right  *scale // nil: no right axis
	series []chart.Series
}

// newFrame checks the request and prepares a frame of w×h pixels.
func newFrame(w, h int, f Format, l Labels) (*frame, error) {
	if err := checkRequest(w, h, f); err != nil {
		return nil, err
	}
	ft, err := japaneseFont()
	if err != nil {
		return nil, err
	}
	s := scaleFor(w, h)
	dpi := chart.DefaultDPI * s
	return &frame{
		w: w, h: h, format: f, font: ft, pal: paletteFor(l.Dark), ts: newTypeset(ft, dpi), scale: s, dpi: dpi,
		title: clean(l.Title), empty: clean(l.Empty),
	}, nil
}

// scaleFor returns how much larger than 1024×400 a w×h picture is, within
// limits that keep text legible on small pictures and sane on huge ones.
func scaleFor(w, h int) float64 {
	return math.Max(0.75, math.Min(3, math.Min(float64(w)/1024, float64(h)/400)))
}

// margin is the blank border around a picture and labelGap the least
// room between two category labels, in pixels at 1024×400.
const (
	margin   = 14
	labelGap = 14
)

// px converts a length at 1024×400 to this frame's pixels.
func (fr *frame) px(v float64) int {
	return int(math.Round(v * fr.scale))
}

// layout is where the frame's texts go above the canvas.
type layout struct {
	titleTop  int
	legendTop int
	legend    [][]legendItem // rows
	namesTop  int
	canvasTop int // top padding of the chart: the canvas starts below
}

// layout places the title, the legend rows and the axis names from the top.
func (fr *frame) layout() layout {
	var lay layout
	y := fr.px(margin)
	if fr.title != "" {
		lay.titleTop = y
		y += fr.ts.height(sizeTitle) + fr.px(10)
	}
	lay.legend = fr.legendRows()
	if len(lay.legend) > 0 {
		lay.legendTop = y
		y += len(lay.legend)*fr.legendRowHeight() + fr.px(4)
	}
	if fr.leftName != "" || fr.rightName != "" {
		lay.namesTop = y
		y += fr.ts.height(sizeText) + fr.px(4)
	}
	lay.canvasTop = y
	return lay
}

// below returns the room under the canvas: the category labels, then the
// category axis name.
func (fr *frame) below() int {
	b := fr.px(margin) + fr.px(8) + fr.ts.height(sizeText)
	if fr.xName != "" {
		b += fr.ts.height(sizeText) + fr.px(6)
	}
	return b
}

// intervals returns the preferred number of tick intervals: one every
// fifty pixels or so of canvas height.
func (fr *frame) intervals() int {
	canvas := float64(fr.h - fr.layout().canvasTop - fr.below())
	return max(2, min(8, int(math.Round(canvas/(50*fr.scale)))))
}

// legendRowHeight is the height of one row of the legend.
func (fr *frame) legendRowHeight() int {
	return fr.ts.height(sizeText) + fr.px(8)
}

// legendItemWidth is the width of one legend entry: swatch, gap, text.
func (fr *frame) legendItemWidth(it legendItem) int {
	return fr.px(18) + fr.px(6) + fr.ts.width(it.text, sizeText)
}

// legendRows places the legend entries in centred rows that fit the width.
func (fr *frame) legendRows() [][]legendItem {
	room := fr.w - 2*fr.px(margin)
	var rows [][]legendItem
	var row []legendItem
	used := 0
	for _, it := range fr.legend {
		if it.text == "" {
			continue
		}
		w := fr.legendItemWidth(it)
		if len(row) > 0 && used+fr.px(24)+w > room {
			rows = append(rows, row)
			row, used = nil, 0
		}
		if len(row) > 0 {
			used += fr.px(24)
		}
		row = append(row, it)
		used += w
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// drawTitle writes the title centred, shortened to the width.
func (fr *frame) drawTitle(r chart.Renderer, top int) {
	pad := fr.px(margin)
	title := fr.ts.fit(fr.title, sizeTitle, fr.w-2*pad)
	x := (fr.w - fr.ts.width(title, sizeTitle)) / 2
	drawText(r, fr.font, title, x, top+baseline(fr.ts.height(sizeTitle)), sizeTitle, fr.pal.text)
}

// drawLegend draws the legend rows, each centred.
func (fr *frame) drawLegend(r chart.Renderer, lay layout) {
	h := fr.ts.height(sizeText)
	for i, row := range lay.legend {
		total := 0
		for j, it := range row {
			if j > 0 {
				total += fr.px(24)
			}
			total += fr.legendItemWidth(it)
		}
		x := (fr.w - total) / 2
		top := lay.legendTop + i*fr.legendRowHeight()
		mid := top + h/2
		for _, it := range row {
			sw := fr.px(18)
			switch it.kind {
			case swatchBar:
				half := fr.px(5)
				fillRect(r, x+sw/2-half, mid-half, x+sw/2+half, mid+half, it.color)
			case swatchLine:
				drawLine(r, x, mid, x+sw, mid, it.color, 2.5*fr.scale)
				drawDot(r, x+sw/2, mid, 4*fr.scale, fr.pal.bg, it.color, 2*fr.scale)
			}
			text := x + sw + fr.px(6)
			drawText(r, fr.font, it.text, text, top+baseline(h), sizeText, fr.pal.text)
			x = text + fr.ts.width(it.text, sizeText) + fr.px(24)
		}
	}
}

// drawAxisNames writes the Y axis names horizontally above their axes,
// which reads better than rotated text, above all in Japanese.
func (fr *frame) drawAxisNames(r chart.Renderer, top int) {
	pad := fr.px(margin)
	room := fr.w - 2*pad
	if fr.leftName != "" && fr.rightName != "" {
		room = (room - fr.px(20)) / 2
	}
	y := top + baseline(fr.ts.height(sizeText))
	left := fr.ts.fit(fr.leftName, sizeText, room)
	drawText(r, fr.font, left, pad, y, sizeText, fr.orMuted(fr.leftColor))
	right := fr.ts.fit(fr.rightName, sizeText, room)
	drawText(r, fr.font, right, fr.w-pad-fr.ts.width(right, sizeText), y, sizeText, fr.orMuted(fr.rightColor))
}

// orMuted returns c, or the muted text colour when c is unset.
func (fr *frame) orMuted(c drawing.Color) drawing.Color {
	if c.IsZero() {
		return fr.pal.muted
	}
	return c
}

// drawXLabels writes the category labels under the canvas, all on one
// baseline, with a tick mark at each labelled band.
func (fr *frame) drawXLabels(r chart.Renderer, canvas chart.Box, band *bandRange) {
	h := fr.ts.height(sizeText)
	pad := fr.px(margin)
	for _, t := range band.labelTicks(canvas.Width()) {
		x := canvas.Left + band.Translate(t.Value)
		drawLine(r, x, canvas.Bottom, x, canvas.Bottom+fr.px(4), fr.pal.axis, fr.scale)
		w := fr.ts.width(t.Label, sizeText)
		left := max(pad, min(fr.w-pad-w, x-w/2))
		drawText(r, fr.font, t.Label, left, canvas.Bottom+fr.px(8)+baseline(h), sizeText, fr.pal.text)
	}
}

// drawXName writes the category axis name centred under the canvas, in
// the room reserved below the tick labels (go-chart's own placement uses
// fixed 10-pixel margins that crowd it on large pictures).
func (fr *frame) drawXName(r chart.Renderer, canvas chart.Box) {
	h := fr.ts.height(sizeText)
	name := fr.ts.fit(fr.xName, sizeText, fr.w-2*fr.px(margin))
	x := (canvas.Left+canvas.Right)/2 - fr.ts.width(name, sizeText)/2
	y := fr.h - fr.px(margin) - h + baseline(h)
	drawText(r, fr.font, name, x, y, sizeText, fr.pal.muted)
}

// yAxis returns a visible value axis; grid draws its horizontal lines
// (only one axis does, the other's ticks fall on the same lines).
func (fr *frame) yAxis(s scale, grid bool) chart.YAxis {
	ya := chart.YAxis{
		Style:          chart.Style{StrokeColor: fr.pal.axisLight, StrokeWidth: fr.scale, FontColor: fr.pal.muted, FontSize: sizeText},
		Range:          newValueRange(s),
		Zero:           chart.GridLine{Style: chart.Hidden()},
		GridMajorStyle: chart.Style{Hidden: !grid, StrokeColor: fr.pal.grid, StrokeWidth: fr.scale},
		GridMinorStyle: chart.Hidden(),
	}
	if grid {
		for _, t := range s.ticks[1:] {
			ya.GridLines = append(ya.GridLines, chart.GridLine{Value: t.Value, Style: ya.GridMajorStyle})
		}
	}
	return ya
}

// chart assembles the go-chart Chart.
func (fr *frame) chart() chart.Chart {
	lay := fr.layout()
	pad := fr.px(margin)
	band := newBandRange(fr.labels, fr.shorten, fr.ts, sizeText, labelGap*fr.scale)
	c := chart.Chart{
		Width:  fr.w,
		Height: fr.h,
		DPI:    fr.dpi,
		Font:   fr.font,
		Background: chart.Style{
			FillColor: fr.pal.bg,
			Padding:   chart.Box{Top: lay.canvasTop, Left: pad, Right: pad, Bottom: fr.below(), IsSet: true},
		},
		Canvas: chart.Style{FillColor: fr.pal.bg},
		XAxis: chart.XAxis{
			Style:          chart.Style{StrokeColor: fr.pal.axis, StrokeWidth: fr.scale},
			Range:          band,
			GridMajorStyle: chart.Hidden(),
			GridMinorStyle: chart.Hidden(),
		},
		YAxisSecondary: fr.yAxis(fr.left, true),
		YAxis:          chart.YAxis{Style: chart.Hidden(), Range: &chart.ContinuousRange{Min: 0, Max: 1}},
		Series:         fr.series,
	}
	if fr.right != nil {
		c.YAxis = fr.yAxis(*fr.right, false)
	}
	c.Elements = []chart.Renderable{func(r chart.Renderer, canvas chart.Box, _ chart.Style) {
		if fr.title != "" {
			fr.drawTitle(r, lay.titleTop)
		}
		fr.drawLegend(r, lay)
		if fr.leftName != "" || fr.rightName != "" {
			fr.drawAxisNames(r, lay.namesTop)
		}
		fr.drawXLabels(r, canvas, band)
		if fr.xName != "" {
			fr.drawXName(r, canvas)
		}
	}}
	return c
}

// render draws the chart, or the empty state when there is no series or
// go-chart fails anyway.
func (fr *frame) render() ([]byte, error) {
	if len(fr.series) == 0 {
		return emptyState(fr.title, fr.empty, fr.w, fr.h, fr.format, fr.pal)
	}
	return renderOrEmpty(fr.chart(), fr.format, fr.title, fr.empty, fr.pal)
}

// withUnit returns "name (unit)", or whichever of the two is set.
func withUnit(name, unit string) string {
	name, unit = clean(name), clean(unit)
	switch {
	case name == "":
		return unit
	case unit == "":
		return name
	}
	return name + " (" + unit + ")"
}

// allNaN reports whether no value can be drawn.
func allNaN(values ...[]float64) bool {
	for _, vs := range values {
		for _, v := range vs {
			if !math.IsNaN(v) {
				return false
			}
		}
	}
	return true
}

// top returns the highest drawable value, 0 when there is none.
func top(values ...[]float64) float64 {
	m := 0.0
	for _, vs := range values {
		for _, v := range vs {
			if !math.IsNaN(v) {
				m = math.Max(m, v)
			}
		}
	}
	return m
}
