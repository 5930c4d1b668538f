package ui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tableRow is one row of a table: its cells, and how many columns each
// spans (nil: one each).
type tableRow struct {
	cells []fyne.CanvasObject
	spans []int
}

// table lays out rows of cells in columns sized to their content: every
// column but the first is as wide as its widest single-column cell, so
// figures are never cut; the first takes the room left, at least minFirst
// and its widest word, and its cells wrap. Cells that span columns, and wrapping labels, take
// the width they are given. Its MinSize is what the figures need, so in a
// scroll the table scrolls rather than overlap.
type table struct {
	cols     int
	minFirst float32
	rows     []tableRow
	wraps    map[fyne.CanvasObject]bool // cells that fit the width given (headings, names)
}

// tablePad is the room between columns beyond the cells' own: labels and
// links carry their inner padding on both sides, enough between figures.
const tablePad = float32(0)

func newTable(cols int, minFirst float32) *table {
	return &table{cols: cols, minFirst: minFirst, wraps: map[fyne.CanvasObject]bool{}}
}

// add appends a row; wrapping marks cells that wrap to their column.
func (t *table) add(spans []int, cells []fyne.CanvasObject, wrapping ...fyne.CanvasObject) {
	t.rows = append(t.rows, tableRow{cells: cells, spans: spans})
	for _, c := range wrapping {
		t.wraps[c] = true
	}
}

// objects lists every cell, for the container.
func (t *table) objects() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, r := range t.rows {
		out = append(out, r.cells...)
	}
	return out
}

func (r tableRow) span(i int) int {
	if r.spans == nil {
		return 1
	}
	return r.spans[i]
}

// widths returns the columns' widths for a table width.
func (t *table) widths(total float32) []float32 {
	w := make([]float32, t.cols)
	first := t.minFirst
	for _, r := range t.rows {
		if len(r.cells) > 0 && r.span(0) == 1 && t.wraps[r.cells[0]] {
			first = max(first, widestWord(r.cells[0]))
		}
		col := 0
		for i, c := range r.cells {
			if n := r.span(i); n == 1 && col > 0 && c.Visible() {
				if t.wraps[c] {
					w[col] = max(w[col], widestWord(c))
				} else {
					w[col] = max(w[col], c.MinSize().Width)
				}
			}
			col += r.span(i)
		}
	}
	rest := total - tablePad*float32(t.cols-1)
	for _, x := range w[1:] {
		rest -= x
	}
	w[0] = max(rest, first)
	return w
}

func (t *table) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	w := t.widths(size.Width)
	y := float32(0)
	for _, r := range t.rows {
		x, col := float32(0), 0
		var h float32
		for i, c := range r.cells {
			cw := -tablePad
			for k := col; k < col+r.span(i); k++ {
				cw += w[k] + tablePad
			}
			c.Move(fyne.NewPos(x, y))
			c.Resize(fyne.NewSize(cw, c.MinSize().Height))
			h = max(h, c.MinSize().Height) // a wrapped cell's height at its width
			x += cw + tablePad
			col += r.span(i)
		}
		for _, c := range r.cells {
			c.Resize(fyne.NewSize(c.Size().Width, h))
		}
		y += h
	}
}

func (t *table) MinSize([]fyne.CanvasObject) fyne.Size {
	w := t.widths(0)
	width := tablePad * float32(t.cols-1)
	for _, x := range w {
		width += x
	}
	var height float32
	for _, r := range t.rows {
		var h float32
		for _, c := range r.cells {
			h = max(h, c.MinSize().Height)
		}
		height += h
	}
	return fyne.NewSize(width, height)
}

// widestWord is the width a wrapping label needs so that it breaks only
// between words: its widest word. Japanese, written without spaces, may
// break anywhere, so four of its letters are enough.
func widestWord(o fyne.CanvasObject) float32 {
	var text string
	var style fyne.TextStyle
	switch v := o.(type) {
	case *widget.Label:
		text, style = v.Text, v.TextStyle
	case *widget.Hyperlink:
		text, style = v.Text, v.TextStyle
	case *fyne.Container: // e.g. an icon beside a name
		var w float32
		for _, c := range v.Objects {
			switch {
			case !c.Visible():
				continue
			case wrapping(c):
				w += widestWord(c)
			default:
				w += c.MinSize().Width
			}
			w += theme.Padding()
		}
		return w
	default:
		return 0
	}
	size := theme.TextSize()
	var w float32
	for _, word := range strings.Fields(text) {
		if r := []rune(word); len(r) > 4 && strings.ContainsFunc(word, func(c rune) bool { return unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana) }) {
			word = string(r[:4])
		}
		w = max(w, fyne.MeasureText(word, size, style).Width)
	}
	return w + 2*theme.InnerPadding()
}

func wrapping(o fyne.CanvasObject) bool {
	switch o.(type) {
	case *widget.Label, *widget.Hyperlink:
		return true
	}
	return false
}
