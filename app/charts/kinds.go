package charts

import (
	"math"

	chart "github.com/wcharczuk/go-chart/v2"
)

// CostDowntime draws one service's monthly unusable hours as bars (left
// axis) against its monthly cost as a line (right axis, in sm.Currency).
// The title defaults to the service name.
func CostDowntime(sm ServiceMonthly, l Labels, w, h int, f Format) ([]byte, error) {
	fr, err := costDowntime(sm, l, w, h, f)
	if err != nil {
		return nil, err
	}
	return fr.render()
}

// costDowntime prepares the CostDowntime frame; without series when there is nothing to draw.
func costDowntime(sm ServiceMonthly, l Labels, w, h int, f Format) (*frame, error) {
	fr, err := newFrame(w, h, f, l)
	if err != nil {
		return nil, err
	}
	if fr.title == "" {
		fr.title = clean(sm.Service)
	}
	n := len(sm.Points)
	labels, hours, cost, official := make([]string, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, p := range sm.Points {
		labels[i], hours[i], cost[i], official[i] = clean(p.Label), plottable(p.UnusableHours), plottable(p.Cost), plottable(p.OfficialHours)
	}
	if !sm.Official {
		official = nil
	}
	if n == 0 || allNaN(hours, cost, official) {
		return fr, nil
	}
	currency := clean(sm.Currency)
	fr.labels, fr.xName = labels, clean(l.XAxis)
	fr.leftName, fr.rightName = withUnit(l.Unusable, l.Hours), withUnit(l.Cost, currency)
	fr.leftColor, fr.rightColor = colorUnusable, fr.pal.cost
	fr.legend = []legendItem{
		{text: clean(l.Unusable), color: colorUnusable, kind: swatchBar},
		{text: clean(l.Cost), color: fr.pal.cost, kind: swatchLine},
	}
	hoursTop := top(hours, official)
	k := intervals(fr.intervals(), hoursTop, top(cost))
	fr.left = zeroScale(hoursTop, k, formatNumber)
	right := zeroScale(top(cost), k, formatNumber)
	fr.right = &right
	if official == nil {
		fr.series = []chart.Series{
			barSeries{name: clean(l.Unusable), axis: leftAxis, values: hours, color: colorUnusable, groups: 1, fr: fr},
			lineSeries{name: clean(l.Cost), axis: rightAxis, values: cost, color: fr.pal.cost, fr: fr},
		}
		return fr, nil
	}
	// The vendor's word beside the user's, never stacked on it.
	fr.legend = append(fr.legend[:1:1], legendItem{text: clean(l.Official), color: colorOfficial, kind: swatchBar}, fr.legend[1])
	fr.series = []chart.Series{
		barSeries{name: clean(l.Unusable), axis: leftAxis, values: hours, color: colorUnusable, group: 0, groups: 2, fr: fr},
		barSeries{name: clean(l.Official), axis: leftAxis, values: official, color: colorOfficial, group: 1, groups: 2, fr: fr},
		lineSeries{name: clean(l.Cost), axis: rightAxis, values: cost, color: fr.pal.cost, fr: fr},
	}
	return fr, nil
}

// Availability draws one service's availability by month, in percent. The
// axis starts at 90% or 1 point below the worst month, whichever is lower.
func Availability(sm ServiceMonthly, l Labels, w, h int, f Format) ([]byte, error) {
	fr, err := availability(sm, l, w, h, f)
	if err != nil {
		return nil, err
	}
	return fr.render()
}

// availability prepares the Availability frame; without series when there is nothing to draw.
func availability(sm ServiceMonthly, l Labels, w, h int, f Format) (*frame, error) {
	fr, err := newFrame(w, h, f, l)
	if err != nil {
		return nil, err
	}
	if fr.title == "" {
		fr.title = clean(sm.Service)
	}
	n := len(sm.Points)
	labels, pct := make([]string, n), make([]float64, n)
	lowest := 100.0
	for i, p := range sm.Points {
		labels[i] = clean(p.Label)
		pct[i] = math.Min(100, plottable(p.Availability)*100)
		if !math.IsNaN(pct[i]) {
			lowest = math.Min(lowest, pct[i])
		}
	}
	if n == 0 || allNaN(pct) {
		return fr, nil
	}
	fr.labels, fr.xName = labels, clean(l.XAxis)
	fr.leftName = withUnit(l.Availability, "%")
	fr.left = percentScale(lowest, fr.intervals())
	fr.series = []chart.Series{
		barSeries{name: clean(l.Availability), axis: leftAxis, values: pct, color: colorAvailability,
			groups: 1, base: fr.left.min, label: availabilityLabel, fr: fr},
	}
	return fr, nil
}

// percentScale returns the availability axis: up to 100%, from 90% or
// 1 point below the lowest month, whichever is lower, on a round step.
func percentScale(lowest float64, n int) scale {
	floor := math.Min(lowest-1, 90)
	step := niceStep((100 - floor) / float64(n))
	if min := 100 - step*float64(n); min >= 0 {
		return stepScale(min, step, n, formatPercent)
	}
	// The axis reaches zero: use the division of 0..100 closest to n.
	best := [2]float64{5, 20}
	for _, c := range [][2]float64{{2, 50}, {4, 25}, {5, 20}, {10, 10}} {
		if math.Abs(c[0]-float64(n)) < math.Abs(best[0]-float64(n)) {
			best = c
		}
	}
	return stepScale(0, best[1], int(best[0]), formatPercent)
}

// availabilityLabel writes a month's availability rounded down to two
// decimals, as the figures print it, so that 99.996% never shows as a
// perfect 100%.
func availabilityLabel(v float64) string {
	if v >= 100 {
		return "100%"
	}
	return formatPercent(math.Floor(v*100+1e-9)/100, 2)
}

// SupportResponse draws, per ticket, the hours to the first response, to
// the first human response and the longest silence, side by side.
func SupportResponse(tickets []TicketPoint, l Labels, w, h int, f Format) ([]byte, error) {
	fr, err := supportResponse(tickets, l, w, h, f)
	if err != nil {
		return nil, err
	}
	return fr.render()
}

// supportResponse prepares the SupportResponse frame; without series when there is nothing to draw.
func supportResponse(tickets []TicketPoint, l Labels, w, h int, f Format) (*frame, error) {
	fr, err := newFrame(w, h, f, l)
	if err != nil {
		return nil, err
	}
	n := len(tickets)
	labels := make([]string, n)
	first, human, silence := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, t := range tickets {
		labels[i] = clean(t.Label)
		first[i], human[i], silence[i] = plottable(t.FirstResponseHours), plottable(t.FirstHumanHours), plottable(t.LongestSilenceHours)
	}
	if n == 0 || allNaN(first, human, silence) {
		return fr, nil
	}
	fr.labels, fr.shorten, fr.xName = labels, true, clean(l.Ticket)
	fr.leftName = withUnit(l.ResponseTime, l.Hours)
	fr.legend = []legendItem{
		{text: clean(l.FirstResponse), color: colorResponse, kind: swatchBar},
		{text: clean(l.FirstHuman), color: colorHuman, kind: swatchBar},
		{text: clean(l.LongestSilence), color: colorSilence, kind: swatchBar},
	}
	fr.left = zeroScale(top(first, human, silence), fr.intervals(), formatNumber)
	fr.series = []chart.Series{
		barSeries{name: clean(l.FirstResponse), axis: leftAxis, values: first, color: colorResponse, group: 0, groups: 3, fr: fr},
		barSeries{name: clean(l.FirstHuman), axis: leftAxis, values: human, color: colorHuman, group: 1, groups: 3, fr: fr},
		barSeries{name: clean(l.LongestSilence), axis: leftAxis, values: silence, color: colorSilence, group: 2, groups: 3, fr: fr},
	}
	return fr, nil
}

// Comparison draws every service side by side: its unusable hours (left
// axis) and its cost in currency (right axis) as a pair of bars.
func Comparison(totals []ServiceTotal, l Labels, currency string, w, h int, f Format) ([]byte, error) {
	fr, err := comparison(totals, l, currency, w, h, f)
	if err != nil {
		return nil, err
	}
	return fr.render()
}

// comparison prepares the Comparison frame; without series when there is nothing to draw.
func comparison(totals []ServiceTotal, l Labels, currency string, w, h int, f Format) (*frame, error) {
	fr, err := newFrame(w, h, f, l)
	if err != nil {
		return nil, err
	}
	n := len(totals)
	labels, hours, cost := make([]string, n), make([]float64, n), make([]float64, n)
	for i, t := range totals {
		labels[i], hours[i], cost[i] = clean(t.Service), plottable(t.UnusableHours), plottable(t.Cost)
	}
	if n == 0 || allNaN(hours, cost) {
		return fr, nil
	}
	currency = clean(currency)
	fr.labels, fr.shorten, fr.xName = labels, true, clean(l.Service)
	fr.leftName, fr.rightName = withUnit(l.Unusable, l.Hours), withUnit(l.Cost, currency)
	fr.leftColor, fr.rightColor = colorUnusable, fr.pal.cost
	fr.legend = []legendItem{
		{text: clean(l.Unusable), color: colorUnusable, kind: swatchBar},
		{text: clean(l.Cost), color: fr.pal.cost, kind: swatchBar},
	}
	k := intervals(fr.intervals(), top(hours), top(cost))
	fr.left = zeroScale(top(hours), k, formatNumber)
	right := zeroScale(top(cost), k, formatNumber)
	fr.right = &right
	fr.series = []chart.Series{
		barSeries{name: clean(l.Unusable), axis: leftAxis, values: hours, color: colorUnusable, group: 0, groups: 2, fr: fr},
		barSeries{name: clean(l.Cost), axis: rightAxis, values: cost, color: fr.pal.cost, group: 1, groups: 2, fr: fr},
	}
	return fr, nil
}
