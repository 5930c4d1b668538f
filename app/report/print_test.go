package report

import (
	"bytes"
	"strings"
	"testing"

	"lapse/app/words"
)

// Short cells such as the impact label (利用不可) never wrap: in HTML they
// carry the no-wrap class, in the PDF their column is as wide as the label.
func TestShortCellsStayOnOneLine(t *testing.T) {
	f := newFixture(t)
	s := f.october(t, f.hostile, words.JA)
	h, err := s.HTML()
	must(t, err)
	for _, cell := range []string{`<td class="keep">利用不可</td>`, `<td class="keep">品質低下</td>`} {
		if !bytes.Contains(h, []byte(cell)) {
			t.Errorf("HTML lacks %s", cell)
		}
	}
	if !bytes.Contains(h, []byte("td.num, td.keep { white-space: nowrap; }")) {
		t.Errorf("HTML lost the no-wrap rule")
	}
	pdf, err := s.PDF()
	must(t, err)
	found := false
	for _, p := range pdfLines(t, pdf) {
		found = found || p.Text == "利用不可"
		if p.Text != "利用不可" && strings.HasPrefix("利用不可", p.Text) && p.Text != "" {
			t.Errorf("PDF breaks 利用不可 after %q", p.Text)
		}
	}
	if !found {
		t.Errorf("PDF has no one-line 利用不可")
	}
}

// The HTML names Japanese fonts a reader is likely to have, in order, and
// keeps the footer with the last lines of the page when printed.
func TestHTMLFontsAndPrintedFooter(t *testing.T) {
	f := newFixture(t)
	for _, l := range []words.Lang{words.EN, words.JA} {
		h, err := f.october(t, f.hostile, l).HTML()
		must(t, err)
		if !bytes.Contains(h, []byte(`"Hiragino Sans", "Yu Gothic", "Noto Sans CJK JP", "IPAexGothic", sans-serif;`)) {
			t.Errorf("%s: no Japanese font fallbacks", l)
		}
		if !bytes.Contains(h, []byte("footer { break-before: avoid; page-break-before: avoid; }")) {
			t.Errorf("%s: a printed footer may stand alone on a page", l)
		}
	}
}

// No PDF page holds only its footer: each has text above it.
func TestPDFHasNoFooterOnlyPage(t *testing.T) {
	f := newFixture(t)
	for _, l := range []words.Lang{words.EN, words.JA} {
		pdf, err := f.october(t, f.hostile, l).PDF()
		must(t, err)
		body := map[int]bool{}
		pages := 0
		for _, p := range pdfLines(t, pdf) {
			pages = max(pages, p.Page)
			body[p.Page] = body[p.Page] || p.Y > pdfAboveFoot
		}
		for n := 1; n <= pages; n++ {
			if !body[n] {
				t.Errorf("%s: page %d of %d holds only its footer", l, n, pages)
			}
		}
	}
}
