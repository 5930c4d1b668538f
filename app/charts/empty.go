package charts

import (
	"bytes"
	"fmt"
	"math"

	chart "github.com/wcharczuk/go-chart/v2"
)

// sizeEmpty is the point size of the empty-state sentence.
const sizeEmpty = 12.0

// EmptyState draws the picture shown instead of a chart with nothing to
// draw: a light background, a faint empty grid and text centred.
func EmptyState(text string, w, h int, f Format) ([]byte, error) {
	return emptyState("", clean(text), w, h, f, lightPalette)
}

// emptyState draws the empty state, with the chart's title at the top
// when there is one so the user still knows which chart is empty.
func emptyState(title, text string, w, h int, f Format, pal palette) ([]byte, error) {
	if err := checkRequest(w, h, f); err != nil {
		return nil, err
	}
	ft, err := japaneseFont()
	if err != nil {
		return nil, err
	}
	s := scaleFor(w, h)
	dpi := chart.DefaultDPI * s
	ts := newTypeset(ft, dpi)
	px := func(v float64) int { return int(math.Round(v * s)) }

	r, err := provider(f)(w, h)
	if err != nil {
		return nil, fmt.Errorf("draw empty state: %w", err)
	}
	r.SetDPI(dpi)
	fillRect(r, 0, 0, w, h, pal.emptyBg)

	pad := px(margin)
	top := pad
	if title != "" {
		title = ts.fit(title, sizeTitle, w-2*pad)
		drawText(r, ft, title, (w-ts.width(title, sizeTitle))/2, top+baseline(ts.height(sizeTitle)), sizeTitle, pal.muted)
		top += ts.height(sizeTitle) + px(10)
	}

	// A faint, empty grid says "chart" without showing any data.
	gridTop, gridBottom := top+px(10), h-pad-px(10)
	left, right := pad+px(30), w-pad-px(30)
	const lines = 4
	for i := 0; i <= lines && gridBottom > gridTop; i++ {
		y := gridBottom - (gridBottom-gridTop)*i/lines
		drawLine(r, left, y, right, y, pal.emptyLine, s)
	}

	lineH := ts.height(sizeEmpty)
	spacing := px(6)
	wrapped := ts.wrap(text, sizeEmpty, max(1, w-2*pad-px(40)))
	blockW := 0
	for _, l := range wrapped {
		blockW = max(blockW, ts.width(l, sizeEmpty))
	}
	blockH := len(wrapped)*lineH + (len(wrapped)-1)*spacing
	y := (gridTop+gridBottom)/2 - blockH/2
	if len(wrapped) > 0 {
		// Clear the grid behind the sentence so it reads cleanly.
		fillRect(r, (w-blockW)/2-px(16), y-px(10), (w+blockW)/2+px(16), y+blockH+px(10), pal.emptyBg)
	}
	for _, l := range wrapped {
		drawText(r, ft, l, (w-ts.width(l, sizeEmpty))/2, y+baseline(lineH), sizeEmpty, pal.muted)
		y += lineH + spacing
	}

	var buf bytes.Buffer
	if err := r.Save(&buf); err != nil {
		return nil, fmt.Errorf("draw empty state: %w", err)
	}
	return buf.Bytes(), nil
}
