package charts

import (
	"math"
	"strconv"
	"strings"

	chart "github.com/wcharczuk/go-chart/v2"
)

// scale is a value axis: a fixed range and its labelled ticks. Fixing both
// ourselves avoids go-chart's range errors on one point or all zeros, and
// gives round tick values instead of go-chart's evenly divided ones.
type scale struct {
	min, max float64
	ticks    []chart.Tick
}

// niceStep returns the smallest round step (1, 2, 2.5 or 5 times a power
// of ten) at least raw. 2.5 is kept to tens and up so that axes of whole
// amounts (yen, hours) never show a fractional label.
func niceStep(raw float64) float64 {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	exp := math.Floor(math.Log10(raw))
	pow := math.Pow(10, exp)
	f := raw / pow
	const tolerance = 1e-9
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m == 2.5 && exp < 1 {
			continue
		}
		if f <= m*(1+tolerance) {
			return m * pow
		}
	}
	return 10 * pow
}

// headroom keeps the highest bar or dot a little below the top of the
// canvas instead of touching it.
const headroom = 1.04

// zeroScale returns the axis 0..step×n covering top, labelled by format.
// An axis with nothing above zero gets the nominal range 0..1.
func zeroScale(top float64, n int, format func(float64, int) string) scale {
	reach := 1.0
	if top > 0 {
		reach = top * headroom
	}
	step := niceStep(reach / float64(n))
	return stepScale(0, step, n, format)
}

// stepScale returns the axis from min in n steps of step.
func stepScale(min, step float64, n int, format func(float64, int) string) scale {
	d := decimals(step)
	s := scale{min: min, max: min + step*float64(n)}
	for i := 0; i <= n; i++ {
		v := min + step*float64(i)
		s.ticks = append(s.ticks, chart.Tick{Value: v, Label: format(v, d)})
	}
	return s
}

// intervals chooses one number of tick intervals for axes whose highest
// values are tops, so that two axes share their grid lines, wasting as
// little height as possible. The preferred count comes from the pixels
// available.
func intervals(preferred int, tops ...float64) int {
	best, bestWaste := preferred, math.Inf(1)
	for n := max(2, preferred-1); n <= preferred+1; n++ {
		waste := 0.0
		for _, top := range tops {
			reach := 1.0
			if top > 0 {
				reach = top * headroom
			}
			waste = math.Max(waste, niceStep(reach/float64(n))*float64(n)/reach)
		}
		if waste < bestWaste-1e-9 {
			best, bestWaste = n, waste
		}
	}
	return best
}

// decimals returns how many decimals show step exactly (at most 9).
func decimals(step float64) int {
	for d := 0; d < 9; d++ {
		p := step * math.Pow(10, float64(d))
		if math.Abs(p-math.Round(p)) < 1e-6*math.Max(1, p) {
			return d
		}
	}
	return 9
}

// formatNumber writes v with d decimals and thousands separators.
func formatNumber(v float64, d int) string {
	s := strconv.FormatFloat(v, 'f', d, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// formatPercent writes v (already in percent) with d decimals and a % sign.
func formatPercent(v float64, d int) string {
	return formatNumber(v, d) + "%"
}

// valueRange is a fixed go-chart range that also provides its ticks. The
// ticks are given through the range rather than YAxis.Ticks because
// go-chart derives the secondary axis' range from the primary's ticks.
type valueRange struct {
	chart.ContinuousRange
	ticks []chart.Tick
}

func newValueRange(s scale) *valueRange {
	return &valueRange{ContinuousRange: chart.ContinuousRange{Min: s.min, Max: s.max}, ticks: s.ticks}
}

// GetTicks implements chart.TicksProvider.
func (vr *valueRange) GetTicks(chart.Renderer, chart.Style, chart.ValueFormatter) []chart.Tick {
	return vr.ticks
}

// bandRange is the category axis: one band per month, ticket or service,
// centred on its index. go-chart gets no ticks from it: its raster
// renderer measures text by ink, so labels with descenders ("Sep") would
// sit lower than others, and an empty label measures as garbage. The
// frame draws the labels itself (see labelTicks).
type bandRange struct {
	chart.ContinuousRange
	labels   []string
	shorten  bool // names may be shortened before being thinned; months are never cut
	ts       *typeset
	fontSize float64
	gap      float64 // minimum pixels between two labels
}

func newBandRange(labels []string, shorten bool, ts *typeset, fontSize, gap float64) *bandRange {
	return &bandRange{
		ContinuousRange: chart.ContinuousRange{Min: -0.5, Max: float64(len(labels)) - 0.5},
		labels:          labels,
		shorten:         shorten,
		ts:              ts,
		fontSize:        fontSize,
		gap:             gap,
	}
}

// GetTicks implements chart.TicksProvider, so that go-chart does not
// invent numeric ticks of its own.
func (br *bandRange) GetTicks(chart.Renderer, chart.Style, chart.ValueFormatter) []chart.Tick {
	return nil
}

// labelTicks returns the labels to draw across width pixels: every k-th
// one when they would otherwise collide (months), shortened with an
// ellipsis first when they are names.
func (br *bandRange) labelTicks(width int) []chart.Tick {
	n := len(br.labels)
	if n == 0 || width <= 0 {
		return nil
	}
	band := float64(width) / float64(n)
	widest := 0
	for _, l := range br.labels {
		widest = max(widest, br.ts.width(l, br.fontSize))
	}
	need := float64(widest)
	if br.shorten {
		need = math.Min(need, float64(br.ts.width("MM"+ellipsis, br.fontSize)))
	}
	every := 1
	for every < n && float64(every)*band-br.gap < need {
		every++
	}
	room := int(float64(every)*band - br.gap)
	var ticks []chart.Tick
	for i := 0; i < n; i += every {
		ticks = append(ticks, chart.Tick{Value: float64(i), Label: br.ts.fit(br.labels[i], br.fontSize, room)})
	}
	return ticks
}
