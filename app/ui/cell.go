package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// textCell is one line of text that ends in "…" when it does not fit, laid
// out like a truncating Label (same padding, colours and height). Lists fill
// their rows with it: a Label with Truncation shapes its text twice on every
// change, a textCell measures it once (measures are cached) and cuts it only
// when it does not fit.
type textCell struct {
	widget.BaseWidget
	text       string
	importance widget.Importance
	style      fyne.TextStyle
	sizeName   fyne.ThemeSizeName // "": the text size
}

func newTextCell(text string, imp widget.Importance) *textCell {
	return newStyledCell(text, imp, fyne.TextStyle{}, "")
}

// newStyledCell is a cell in a style and a theme size, e.g. a bold figure
// in the sub-heading size.
func newStyledCell(text string, imp widget.Importance, style fyne.TextStyle, size fyne.ThemeSizeName) *textCell {
	c := &textCell{text: text, importance: imp, style: style, sizeName: size}
	c.ExtendBaseWidget(c)
	return c
}

// textSize is the size the cell's text is drawn at.
func (c *textCell) textSize() float32 {
	if c.sizeName == "" {
		return theme.SizeForWidget(theme.SizeNameText, c)
	}
	return theme.SizeForWidget(c.sizeName, c)
}

// set changes the text and its importance, redrawing only on a change.
func (c *textCell) set(text string, imp widget.Importance) {
	if text == c.text && imp == c.importance {
		return
	}
	c.text, c.importance = text, imp
	c.Refresh()
}

func (c *textCell) CreateRenderer() fyne.WidgetRenderer {
	r := &textCellRenderer{cell: c, text: &canvas.Text{}}
	r.apply()
	return r
}

type textCellRenderer struct {
	cell *textCell
	text *canvas.Text
	fit  float32 // the width the shown text was cut for
}

// apply copies the cell's state to the text, as a Label colours its
// importance.
func (r *textCellRenderer) apply() {
	c := r.cell
	r.text.Color = theme.ColorForWidget(importanceColor(c.importance), c)
	r.text.TextSize = c.textSize()
	r.text.TextStyle = c.style
	r.fit = -1
}

func importanceColor(imp widget.Importance) fyne.ThemeColorName {
	switch imp {
	case widget.LowImportance:
		return theme.ColorNameDisabled
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	}
	return theme.ColorNameForeground
}

func (r *textCellRenderer) Layout(size fyne.Size) {
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, r.cell)
	width := size.Width - 2*pad
	if width != r.fit {
		r.text.Text = ellipsize(r.cell.text, width, r.text.TextSize, r.text.TextStyle)
		r.fit = width
	}
	r.text.Move(fyne.NewPos(pad, pad))
	r.text.Resize(fyne.NewSize(width, r.text.MinSize().Height))
}

// MinSize is a truncating Label's: room for one letter and "…", one line
// high.
func (r *textCellRenderer) MinSize() fyne.Size {
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, r.cell)
	size := theme.SizeForWidget(theme.SizeNameText, r.cell)
	m := fyne.MeasureText("M", size, fyne.TextStyle{})
	e := fyne.MeasureText("…", size, fyne.TextStyle{})
	line := fyne.MeasureText("M", r.cell.textSize(), r.cell.style)
	return fyne.NewSize(m.Width+e.Width, line.Height+2*pad)
}

func (r *textCellRenderer) Refresh() {
	r.apply()
	r.Layout(r.cell.Size())
	r.text.Refresh()
}

func (r *textCellRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.text} }
func (r *textCellRenderer) Destroy()                     {}

// ellipsize cuts s to the longest start that fits width with "…" after it;
// s itself when it fits.
func ellipsize(s string, width, size float32, style fyne.TextStyle) string {
	if s == "" || fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes)-1 // the longest start known to fit, the shortest known not to
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return "…"
	}
	return string(runes[:lo]) + "…"
}
