// Package charts draws Lapse's charts with go-chart as PNG or SVG bytes:
// downtime against cost, availability, support response times and all
// services side by side. Every drawing uses the bundled Japanese-capable
// font, and any input — empty, a single point, all zeros, NaN — gives a
// picture, never an error or a panic.
package charts

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math"
	"regexp"

	chart "github.com/wcharczuk/go-chart/v2"
)

// Format is the image format a chart is encoded in.
type Format int

// The formats a chart can be encoded in.
const (
	PNG Format = iota
	SVG
)

// String returns the format's usual file extension without the dot.
func (f Format) String() string {
	switch f {
	case PNG:
		return "png"
	case SVG:
		return "svg"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Labels holds every user-facing text of a chart, already translated.
// Empty fields are simply not drawn.
type Labels struct {
	Title          string // chart title
	XAxis          string // name of the month axis, e.g. "Month" / "月"
	Unusable       string // measure name, e.g. "Unusable time" / "利用不可時間"
	Official       string // measure name, e.g. "Status page: major outage" / "ステータスページ: 重大な停止"
	Cost           string // measure name, e.g. "Cost" / "費用"; the currency is appended
	Availability   string // measure name, e.g. "Availability" / "可用性"
	FirstResponse  string // e.g. "First response" / "初回応答"
	FirstHuman     string // e.g. "First human response" / "初回の人間による応答"
	LongestSilence string // e.g. "Longest silence" / "最長の無応答"
	Empty          string // empty-state sentence, e.g. "No data yet" / "データがありません"
	Hours          string // unit of time axes, e.g. "hours" / "時間"
	ResponseTime   string // name of the support chart's value axis, e.g. "Response time" / "応答時間"
	Ticket         string // name of the support chart's category axis, e.g. "Ticket" / "問い合わせ"
	Service        string // name of the comparison chart's category axis, e.g. "Service" / "サービス"

	// Dark draws on a dark background, for a window in a dark theme;
	// exports and print leave it false.
	Dark bool
}

// MonthPoint is one month of one service.
type MonthPoint struct {
	Label         string  // month label shown on the X axis
	UnusableHours float64 // unusable time in hours
	Cost          float64 // cost in the home currency, major units (display only)
	Availability  float64 // 0..1; NaN means no data
	OfficialHours float64 // the time the status page marked as a major outage, in hours; NaN: none
}

// ServiceMonthly is the monthly series of one service.
type ServiceMonthly struct {
	Service  string
	Currency string // ISO 4217 code of Cost, shown on the cost axis
	Points   []MonthPoint
	Official bool // the service has official incidents: OfficialHours is drawn beside UnusableHours
}

// TicketPoint holds the response metrics of one support ticket in hours;
// NaN means the metric does not exist (e.g. no human ever replied).
type TicketPoint struct {
	Label               string
	FirstResponseHours  float64
	FirstHumanHours     float64
	LongestSilenceHours float64
}

// ServiceTotal is one service's totals over the compared window.
type ServiceTotal struct {
	Service       string
	UnusableHours float64
	Cost          float64 // home currency, major units
}

// maxPlottable bounds the values drawn: beyond it a value is treated like
// NaN, so that axis arithmetic can never overflow to infinity.
const maxPlottable = 1e12

// plottable returns v cleaned for drawing: NaN when it cannot be drawn,
// zero when negative (hours and costs are never below zero; a stray
// negative draws as nothing rather than below the axis).
func plottable(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > maxPlottable {
		return math.NaN()
	}
	return math.Max(v, 0)
}

// checkRequest rejects the only requests that cannot give a picture.
func checkRequest(w, h int, f Format) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("chart size %d×%d: width and height must be positive", w, h)
	}
	if f != PNG && f != SVG {
		return fmt.Errorf("chart format %d: unknown", int(f))
	}
	return nil
}

// renderOrEmpty renders c; if go-chart still refuses or panics on some
// input we did not foresee, the user gets the empty state instead of a
// broken screen.
func renderOrEmpty(c chart.Chart, f Format, title, empty string, pal palette) ([]byte, error) {
	b, err := renderChart(c, f)
	if err != nil {
		return emptyState(title, empty, c.Width, c.Height, f, pal)
	}
	return b, nil
}

// renderChart renders c, turning a panic inside go-chart (archived, so it
// will not be fixed there) into an error.
func renderChart(c chart.Chart, f Format) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("render chart: panic: %v", p)
		}
	}()
	var buf bytes.Buffer
	if err := c.Render(provider(f), &buf); err != nil {
		return nil, fmt.Errorf("render chart: %w", err)
	}
	return buf.Bytes(), nil
}

// provider returns go-chart's renderer for f.
func provider(f Format) chart.RendererProvider {
	if f == SVG {
		return svgProvider
	}
	return chart.PNG
}

// svgFontFamily names the font in SVG documents. SVG does not embed the
// font, so Japanese-capable fallbacks follow the bundled one.
const svgFontFamily = "font-family:'IPAexGothic','IPAex Gothic','Hiragino Sans','Yu Gothic','Noto Sans CJK JP',sans-serif"

// svgProvider wraps go-chart's SVG renderer to mend what it writes.
func svgProvider(w, h int) (chart.Renderer, error) {
	r, err := chart.SVG(w, h)
	if err != nil {
		return nil, err
	}
	return svgRenderer{Renderer: r, w: w, h: h}, nil
}

// svgRenderer fixes three things in go-chart's SVG: text is written
// unescaped (a service called "A&B" makes invalid XML), the font family is
// IPAex's Japanese name mangled to "IPAex????", and the document has no
// intrinsic size.
type svgRenderer struct {
	chart.Renderer
	w, h int
}

// Text draws body escaped for XML; measuring still sees the text as the
// user wrote it.
func (r svgRenderer) Text(body string, x, y int) {
	r.Renderer.Text(html.EscapeString(body), x, y)
}

// Save writes the mended document.
func (r svgRenderer) Save(w io.Writer) error {
	var buf bytes.Buffer
	if err := r.Renderer.Save(&buf); err != nil {
		return err
	}
	out := mangledFamily.ReplaceAll(buf.Bytes(), []byte(svgFontFamily))
	size := fmt.Sprintf(`width="%d" height="%d" viewBox=`, r.w, r.h)
	out = bytes.Replace(out, []byte("viewBox="), []byte(size), 1)
	_, err := w.Write(out)
	return err
}

// mangledFamily matches the font-family go-chart writes.
var mangledFamily = regexp.MustCompile(`font-family:'[^']*',sans-serif`)
