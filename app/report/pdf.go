package report

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	"github.com/golang/freetype/truetype"

	"lapse/assets"
)

// Page geometry of the PDF, in millimetres (A4).
const (
	pdfMargin  = 15.0
	pdfBottom  = 16.0 // room below the text for the footer
	pdfFont    = "IPAexGothic"
	pdfPad     = 1.4 // cell padding
	pdfLineGap = 1.25
	// pdfKeepWithHeading is the room a heading needs below it not to end a page.
	pdfKeepWithHeading = 34.0
	// pdfHeaderWidth is how wide a table header may grow before it wraps.
	pdfHeaderWidth = 26.0
)

// Colours of the PDF, as in the HTML summary.
var (
	pdfInk    = [3]int{29, 35, 48}
	pdfMuted  = [3]int{91, 100, 116}
	pdfHead   = [3]int{39, 50, 74}
	pdfAccent = [3]int{180, 35, 42}
	pdfLine   = [3]int{205, 210, 218}
	pdfSoft   = [3]int{242, 244, 248}
)

var (
	glyphsOnce sync.Once
	glyphs     *truetype.Font
	glyphsErr  error
)

// pdfGlyphs is the bundled font, parsed once, to know which characters it can draw.
func pdfGlyphs() (*truetype.Font, error) {
	glyphsOnce.Do(func() {
		glyphs, glyphsErr = truetype.Parse(assets.JapaneseFont)
		if glyphsErr != nil {
			glyphsErr = fmt.Errorf("parse PDF font: %w", glyphsErr)
		}
	})
	return glyphs, glyphsErr
}

// pdfDoc draws the outline onto A4 pages with the bundled Japanese font.
type pdfDoc struct {
	f      *fpdf.Fpdf
	glyphs *truetype.Font
	width  float64 // text width between the margins
	bottom float64 // lowest y text may reach
	chart  string  // registered name of the chart image
}

// PDF renders the summary as an A4 PDF in the bundled IPAex Gothic font
// (embedded, subset), so that Japanese prints anywhere: figures and
// charges as tables, the chart as an image, the letter last. Lines never
// split across pages, rows only when taller than a page; a heading never
// ends a page.
func (s *Summary) PDF() ([]byte, error) {
	font, err := pdfGlyphs()
	if err != nil {
		return nil, err
	}
	f := newPDF()
	// Dated as of the summary, so the same summary gives the same file.
	f.SetCreationDate(s.AsOf)
	f.SetModificationDate(s.AsOf)
	o := s.outline()
	d := &pdfDoc{f: f, glyphs: font, width: 210 - 2*pdfMargin}
	_, h := f.GetPageSize()
	d.bottom = h - pdfBottom - 4
	f.SetTitle(d.clean(o.Title), true)
	f.SetCreator("Lapse", true)
	f.SetLang(string(s.Lang))
	f.SetFooterFunc(func() {
		f.SetY(h - pdfBottom + 4)
		d.font(8, pdfMuted)
		f.CellFormat(d.width/2, 4, d.clean(o.Footer), "", 0, "L", false, 0, "")
		f.CellFormat(d.width/2, 4, d.clean(s.tf("report.page", f.PageNo(), "{nb}")), "", 0, "R", false, 0, "")
	})
	if len(s.Chart) > 0 {
		d.chart = "chart"
		f.RegisterImageOptionsReader(d.chart, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(s.Chart))
	}
	f.AddPage()
	d.header(&o)
	for i := range o.Sections {
		d.section(&o.Sections[i], 2)
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		return nil, fmt.Errorf("render PDF summary: %w", err)
	}
	return b.Bytes(), nil
}

// newPDF is an empty A4 document with the bundled font; pages break
// where pdfDoc decides, not on their own.
func newPDF() *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.AddUTF8FontFromBytes(pdfFont, "", assets.JapaneseFont)
	f.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	f.SetAutoPageBreak(false, pdfBottom)
	f.SetCellMargin(pdfPad)
	f.AliasNbPages("{nb}")
	return f
}

// font selects the bundled font at size points in colour c.
func (d *pdfDoc) font(size float64, c [3]int) {
	d.f.SetFont(pdfFont, "", size)
	d.f.SetTextColor(c[0], c[1], c[2])
}

// lineHeight is the height of a text line at the current size, in mm.
func (d *pdfDoc) lineHeight() float64 {
	pt, _ := d.f.GetFontSize()
	return pt * 0.3528 * pdfLineGap
}

// clean makes s drawable: one line, and any character the font lacks
// replaced by "?" (fpdf would otherwise fail on it).
func (d *pdfDoc) clean(s string) string {
	s = oneLine(s)
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF || (r != ' ' && d.glyphs.Index(r) == 0) {
			return '?'
		}
		return r
	}, s)
}

// cleanLines is clean for text that keeps its line breaks (the letter).
func (d *pdfDoc) cleanLines(s string) []string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = d.clean(l)
	}
	return lines
}

// wrap breaks s into lines no wider than w at the current font, keeping
// its line breaks: after a space, or next to a Japanese character (never
// before closing or after opening punctuation), and inside a word only when
// it alone is too wide — then still never before closing punctuation.
func (d *pdfDoc) wrap(s string, w float64) []string {
	if strings.Contains(s, "\n") {
		var lines []string
		for _, part := range strings.Split(s, "\n") {
			lines = append(lines, d.wrap(part, w)...)
		}
		return lines
	}
	runes := []rune(d.clean(s))
	if len(runes) == 0 {
		return []string{""}
	}
	var lines []string
	start, brk := 0, -1 // brk: where the next line may start, after start
	width := 0.0
	for i := 0; i < len(runes); i++ {
		r, prev := runes[i], rune(0)
		if i > 0 {
			prev = runes[i-1]
		}
		if i > start && canBreak(prev, r) {
			brk = i
		}
		cw := d.f.GetStringWidth(string(r))
		if width+cw > w && i > start {
			cut := i
			if brk > start {
				cut = brk
			}
			// A forced cut moves back rather than start a line with 、。」
			// or end one with 「（ (kinsoku by pushing characters down).
			for c := cut; c > start+1 && !legalCut(runes, c); c-- {
				if legalCut(runes, c-1) {
					cut = c - 1
					break
				}
			}
			lines = append(lines, strings.TrimRight(string(runes[start:cut]), " "))
			for cut < len(runes) && runes[cut] == ' ' {
				cut++
			}
			start, brk, width = cut, -1, 0
			i = cut - 1
			continue
		}
		width += cw
	}
	if start < len(runes) {
		lines = append(lines, string(runes[start:]))
	}
	return lines
}

// Japanese line-breaking rules (kinsoku): characters that may not start a
// line, and characters that may not end one.
const (
	noLineStart = "、。，．・：；？！ー）」』】〕〉》ゃゅょっぁぃぅぇぉャュョッァィゥェォ,.:;!?)]"
	noLineEnd   = "（「『【〔〈《([¥$"
)

// legalCut reports whether a line may begin at runes[i] by the rules of
// kinsoku alone (a cut inside a word is the caller's last resort).
func legalCut(runes []rune, i int) bool {
	return !strings.ContainsRune(noLineStart, runes[i]) && !strings.ContainsRune(noLineEnd, runes[i-1])
}

// canBreak reports whether a line may break between prev and r.
func canBreak(prev, r rune) bool {
	return (prev == ' ' || wide(r) || wide(prev)) && !strings.ContainsRune(noLineStart, r) && !strings.ContainsRune(noLineEnd, prev)
}

// chunks splits s where lines may break: the pieces a wrapped line never splits.
func chunks(s string) []string {
	var out []string
	runes := []rune(s)
	start := 0
	for i := 1; i < len(runes); i++ {
		if canBreak(runes[i-1], runes[i]) {
			out = append(out, strings.TrimSpace(string(runes[start:i])))
			start = i
		}
	}
	return append(out, string(runes[start:]))
}

// wide reports whether r is written without spaces around it (CJK), so a
// line may break before or after it.
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// need starts a new page unless h millimetres fit below the current line.
func (d *pdfDoc) need(h float64) {
	if d.f.GetY()+h > d.bottom {
		d.f.AddPage()
	}
}

// text writes wrapped paragraph lines at the left margin.
func (d *pdfDoc) text(s string, size float64, c [3]int, indent float64) {
	d.font(size, c)
	lh := d.lineHeight()
	for _, line := range d.wrap(s, d.width-indent-2*pdfPad) {
		d.need(lh)
		d.f.SetX(pdfMargin + indent)
		d.f.CellFormat(d.width-indent, lh, line, "", 1, "L", false, 0, "")
	}
}

// header writes the title, the period and the meta lines (label, value).
func (d *pdfDoc) header(o *outline) {
	d.text(o.Title, 17, pdfHead, 0)
	d.text(o.Subtitle, 11, pdfMuted, 0)
	d.f.Ln(1)
	const label = 32.0 // width of the label column
	d.font(9, pdfMuted)
	lh := d.lineHeight()
	for _, p := range o.Meta {
		d.f.SetX(pdfMargin)
		d.f.CellFormat(label, lh, d.clean(p.Label), "", 0, "L", false, 0, "")
		for i, l := range d.wrap(p.Value, d.width-label-2*pdfPad) {
			if i > 0 {
				d.f.SetX(pdfMargin + label)
			}
			d.f.CellFormat(d.width-label, lh, l, "", 1, "L", false, 0, "")
		}
	}
}

// section writes a section and its sub-sections; level 2 headings are ruled.
func (d *pdfDoc) section(sec *section, level int) {
	f := d.f
	size := 13.0
	if level > 2 {
		size = 10.5
	}
	// Keep the heading with what follows: room for a table's header and
	// first rows, or a few lines.
	gap := 3.0
	if level == 2 {
		gap = 5
	}
	keep := pdfKeepWithHeading
	if sec.Letter != "" {
		// A letter that fits on one page is not split over two.
		if h := d.letterHeight(sec.Letter) + 20; h < d.bottom-pdfMargin {
			keep = h
		}
	}
	d.need(gap + size*0.3528*pdfLineGap + keep)
	f.Ln(gap)
	d.text(sec.Title, size, pdfHead, 0)
	if level == 2 {
		y := f.GetY()
		f.SetDrawColor(pdfHead[0], pdfHead[1], pdfHead[2])
		f.SetLineWidth(0.5)
		f.Line(pdfMargin, y, pdfMargin+d.width, y)
		f.Ln(2)
	}
	if sec.Lead != "" {
		d.text(sec.Lead, 13, pdfAccent, 0)
		f.Ln(1)
	}
	for _, p := range sec.Intro {
		d.text(p, 9.5, pdfInk, 0)
		f.Ln(1)
	}
	if len(sec.Pairs) > 0 {
		d.pairs(sec.Pairs)
	}
	if sec.Chart && d.chart != "" {
		h := d.width * float64(ChartHeight) / float64(ChartWidth)
		d.need(h + 2)
		f.ImageOptions(d.chart, pdfMargin, f.GetY(), d.width, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		f.SetY(f.GetY() + h + 3)
	}
	if sec.Table != nil {
		d.table(sec.Table)
	}
	for _, b := range sec.Bullets {
		d.bullet(b)
	}
	if len(sec.Bullets) > 0 {
		f.Ln(1)
	}
	if sec.Letter != "" {
		d.letter(sec.Letter)
	}
	if sec.Note != "" {
		d.text(sec.Note, 8.5, pdfMuted, 0)
		f.Ln(1)
	}
	for i := range sec.Subs {
		d.section(&sec.Subs[i], level+1)
	}
}

// bullet writes one list item with a hanging indent.
func (d *pdfDoc) bullet(s string) {
	d.font(9.5, pdfInk)
	lh := d.lineHeight()
	for i, line := range d.wrap(s, d.width-6-2*pdfPad) {
		d.need(lh)
		d.f.SetX(pdfMargin + 1)
		mark := ""
		if i == 0 {
			mark = "•"
		}
		d.f.CellFormat(5, lh, d.clean(mark), "", 0, "L", false, 0, "")
		d.f.CellFormat(d.width-6, lh, line, "", 1, "L", false, 0, "")
	}
}

// pairs draws label/value pairs as a two-column table.
func (d *pdfDoc) pairs(ps []pair) {
	t := &table{Wide: 1}
	for _, p := range ps {
		v := p.Value
		for _, it := range p.List {
			v += "\n• " + it
		}
		t.Rows = append(t.Rows, []string{p.Label, strings.TrimPrefix(v, "\n")})
	}
	d.font(9, pdfInk)
	label := 0.0
	for _, p := range ps {
		label = max(label, d.f.GetStringWidth(d.clean(p.Label))+2*pdfPad+1)
	}
	label = min(label, d.width*0.45)
	d.grid(t, []float64{label, d.width - label}, true)
	d.f.Ln(2)
}

// table draws a table with its header repeated on each page it spans.
func (d *pdfDoc) table(t *table) {
	d.font(8.5, pdfInk)
	d.grid(t, d.columns(t), false)
	d.f.Ln(2)
}

// columns shares the text width among the columns. Each column's natural
// width is its widest cell, or its header's. When they
// all fit, the spare goes to the Wide column; otherwise the columns kept
// on one line keep their width and the others share the rest: narrow ones
// keep theirs, the wide ones split what is left evenly.
func (d *pdfDoc) columns(t *table) []float64 {
	n := len(t.Head)
	natural := make([]float64, n)
	measure := func(cells []string) {
		for i, c := range cells {
			if i < n {
				natural[i] = max(natural[i], d.f.GetStringWidth(d.clean(c))+2*pdfPad+0.5)
			}
		}
	}
	// A header up to pdfHeaderWidth wide stays on one line; a longer one
	// may wrap, down to its widest unbreakable piece.
	for i, h := range t.Head {
		natural[i] = min(d.f.GetStringWidth(d.clean(h)), pdfHeaderWidth)
		for _, c := range chunks(d.clean(h)) {
			natural[i] = max(natural[i], d.f.GetStringWidth(c))
		}
		natural[i] += 2*pdfPad + 0.5
	}
	for _, r := range t.Rows {
		measure(r)
	}
	measure(t.Foot)
	total := 0.0
	for _, w := range natural {
		total += w
	}
	widths := make([]float64, n)
	if total <= d.width {
		copy(widths, natural)
		spare := d.width - total
		if t.Wide >= 0 && t.Wide < n {
			widths[t.Wide] += spare
		} else {
			for i := range widths {
				widths[i] += spare / float64(n)
			}
		}
		return widths
	}
	left, open := d.width, 0
	done := make([]bool, n)
	for i, w := range natural {
		if t.kept(i) {
			widths[i], done[i] = w, true
			left -= w
		} else {
			open++
		}
	}
	// Kept columns wider than the page still leave the others room to wrap in.
	left = max(left, 12*float64(open))
	for changed := open > 0; changed; {
		changed = false
		share := left / float64(open)
		for i, w := range natural {
			if !done[i] && w <= share {
				widths[i], done[i] = w, true
				left -= w
				open--
				changed = true
			}
		}
		changed = changed && open > 0
	}
	for i := range widths {
		if !done[i] {
			widths[i] = left / float64(open)
		}
	}
	return widths
}

// grid draws rows of wrapped cells; pairs have a shaded label column,
// tables a shaded header row repeated after each page break.
func (d *pdfDoc) grid(t *table, widths []float64, pairs bool) {
	f := d.f
	f.SetDrawColor(pdfLine[0], pdfLine[1], pdfLine[2])
	f.SetLineWidth(0.2)
	f.SetFillColor(pdfSoft[0], pdfSoft[1], pdfSoft[2])
	size, _ := f.GetFontSize()
	g := &gridRun{d: d, t: t, widths: widths, size: size, pairs: pairs}
	// The header goes with the first rows: a table never starts with a
	// header and a row or two at the foot of a page. A long row counts
	// only its first lines, as it may continue on the next page.
	first := g.head().height()
	for _, r := range t.Rows[:min(len(t.Rows), 3)] {
		first += min(g.cells(r, false, pairs).height(), 3*d.lineHeight()+2*pdfPad)
	}
	d.need(first)
	head := g.head()
	g.slice(head, 0, head.n)
	for _, r := range t.Rows {
		g.draw(g.cells(r, false, pairs))
	}
	if t.Foot != nil {
		g.draw(g.cells(t.Foot, true, false))
	}
}

// gridRun is one table being drawn: its columns and its header row.
type gridRun struct {
	d      *pdfDoc
	t      *table
	widths []float64
	size   float64
	pairs  bool
}

// gridRow is a row's cells wrapped to their columns, and how to shade them.
type gridRow struct {
	lines  [][]string // per column
	n      int        // lines of the tallest cell
	lh     float64
	header bool // a header or footer: shaded, in the heading colour
	pair   bool // a label and value: the label shaded
}

// height is the height of the whole row.
func (r *gridRow) height() float64 {
	if r.n == 0 {
		return 0
	}
	return float64(r.n)*r.lh + 2*pdfPad
}

// head is the header row, empty for pairs and tables without one.
func (g *gridRun) head() *gridRow {
	if g.pairs || g.t.Head == nil {
		return &gridRow{}
	}
	return g.cells(g.t.Head, true, false)
}

// cells wraps a row's cells to their columns.
func (g *gridRun) cells(cells []string, header, pair bool) *gridRow {
	g.d.font(g.size, pdfInk)
	r := &gridRow{lines: make([][]string, len(g.widths)), n: 1, lh: g.d.lineHeight(), header: header, pair: pair}
	for i, w := range g.widths {
		c := ""
		if i < len(cells) {
			c = cells[i]
		}
		r.lines[i] = g.d.wrap(c, w-2*pdfPad)
		r.n = max(r.n, len(r.lines[i]))
	}
	return r
}

// draw draws a row where it fits: on this page, else whole on the next
// (after the header again). A row taller than a page is split between
// lines over as many pages as it needs, so no text runs off a page.
func (g *gridRun) draw(r *gridRow) {
	d, f := g.d, g.d.f
	if r.n == 0 {
		return
	}
	if f.GetY()+r.height() <= d.bottom {
		g.slice(r, 0, r.n)
		return
	}
	head := g.head()
	newPage := func() {
		f.AddPage()
		g.slice(head, 0, head.n)
	}
	if room := d.bottom - pdfMargin - head.height(); r.height() <= room || r.header {
		newPage()
		g.slice(r, 0, r.n)
		return
	}
	fresh := false
	for from := 0; from < r.n; {
		fit := int((d.bottom - f.GetY() - 2*pdfPad) / r.lh)
		// Start a split row on this page only when a few lines fit; a fresh
		// page takes at least one line whatever its header left, so a
		// header taller than a page cannot turn pages for ever.
		if fit < min(3, r.n-from) && !fresh {
			newPage()
			fresh = true
			continue
		}
		fit, fresh = max(fit, 1), false
		to := min(r.n, from+fit)
		g.slice(r, from, to)
		from = to
	}
}

// slice draws lines [from, to) of a row's cells as one boxed strip.
func (g *gridRun) slice(r *gridRow, from, to int) {
	d, f := g.d, g.d.f
	if to <= from {
		return
	}
	h := float64(to-from)*r.lh + 2*pdfPad
	x, y := pdfMargin, f.GetY()
	color := pdfInk
	if r.header {
		color = pdfHead
	}
	for i, w := range g.widths {
		label := r.pair && i == 0
		style := "D"
		if r.header || label {
			style = "FD"
		}
		f.Rect(x, y, w, h, style)
		d.font(g.size, color)
		if label {
			d.font(g.size, pdfHead)
		}
		align := "L"
		if g.t.right(i) {
			align = "R"
		}
		lines := r.lines[i]
		for j := from; j < min(to, len(lines)); j++ {
			f.SetXY(x, y+pdfPad+float64(j-from)*r.lh)
			f.CellFormat(w, r.lh, lines[j], "", 0, align, false, 0, "")
		}
		x += w
	}
	f.SetXY(pdfMargin, y+h)
}

// letterHeight is the height letter will take.
func (d *pdfDoc) letterHeight(text string) float64 {
	d.font(9.5, pdfInk)
	n := 0
	for _, para := range d.cleanLines(text) {
		n += len(d.wrap(para, d.width-8-2*pdfPad))
	}
	return float64(n)*d.lineHeight() + 9
}

// letter draws the drafted request in a shaded box, line by line, so that
// it may run over pages.
func (d *pdfDoc) letter(text string) {
	f := d.f
	d.font(9.5, pdfInk)
	lh := d.lineHeight()
	f.SetFillColor(pdfSoft[0], pdfSoft[1], pdfSoft[2])
	f.SetDrawColor(pdfHead[0], pdfHead[1], pdfHead[2])
	f.SetLineWidth(0.8)
	d.need(4 * lh)
	f.Ln(1)
	band := func(h float64) { // a strip of the box with no text
		y := f.GetY()
		f.Rect(pdfMargin, y, d.width, h, "F")
		f.Line(pdfMargin+0.4, y, pdfMargin+0.4, y+h)
		f.SetY(y + h)
	}
	band(3)
	for _, para := range d.cleanLines(text) {
		for _, line := range d.wrap(para, d.width-8-2*pdfPad) {
			d.need(lh)
			y := f.GetY()
			f.Rect(pdfMargin, y, d.width, lh, "F")
			f.Line(pdfMargin+0.4, y, pdfMargin+0.4, y+lh)
			f.SetXY(pdfMargin+4, y)
			f.CellFormat(d.width-4, lh, line, "", 1, "L", false, 0, "")
		}
	}
	band(3)
	f.Ln(2)
}
