package report

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"lapse/app/journal"
	"lapse/app/words"
)

// pdfText is one string a PDF draws and where its baseline is, in points
// from the bottom of the page.
type pdfText struct {
	Text string
	Y    float64
	Page int // from 1, in the order of the content streams
}

// Text drawn above this height (A4, in points) and below the page's top
// edge is on the page and clear of the footer, as a reader or printer
// shows it; text outside runs off the page.
const (
	pdfPageTop    = 841.89
	pdfAboveFoot  = 40.0
	pdfTextPrefix = "BT "
)

// pdfLines returns the text drawn by each text operator of the PDF, in
// order: the content streams are inflated and each "x y Td (…)Tj" string,
// which fpdf writes as UTF-16BE for the embedded Unicode font, decoded.
func pdfLines(t *testing.T, pdf []byte) []pdfText {
	t.Helper()
	var out []pdfText
	page := 0
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			return out
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			t.Fatal("PDF stream without its end")
		}
		data, err := io.ReadAll(mustInflate(rest[:j]))
		rest = rest[j+len("\nendstream"):]
		if err != nil || !bytes.Contains(data, []byte(pdfTextPrefix)) {
			continue // an image or the font, not a page's content
		}
		page++
		parts := bytes.Split(data, []byte(" Td ("))
		for i, s := range parts[1:] {
			// parts[i] ends with "BT x y" (fpdf writes nothing between).
			before := strings.Fields(string(parts[i]))
			var y float64
			if _, err := fmt.Sscan(before[len(before)-1], &y); err != nil {
				t.Fatalf("text position %q: %v", before[len(before)-1], err)
			}
			out = append(out, pdfText{Text: utf16BE(t, unescapePDF(s)), Y: y, Page: page})
		}
	}
}

func mustInflate(b []byte) io.Reader {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return bytes.NewReader(nil)
	}
	return r
}

// unescapePDF reads a literal string up to its closing bracket.
func unescapePDF(s []byte) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
			if i < len(s) {
				out = append(out, map[byte]byte{'r': '\r', 'n': '\n'}[s[i]]|map[bool]byte{true: s[i]}[s[i] != 'r' && s[i] != 'n'])
			}
		case ')':
			return out
		default:
			out = append(out, s[i])
		}
	}
	return out
}

func utf16BE(t *testing.T, b []byte) string {
	t.Helper()
	if len(b)%2 != 0 {
		t.Fatalf("odd UTF-16 text %x", b)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// A 100,000-character symptoms field is printed whole, over as many pages
// as it takes: every word of it is drawn on a page, in order, in the
// outage's details and again in the letter that quotes it, and no line of
// it runs off a page.
func TestPDFKeepsAVeryLongField(t *testing.T) {
	f := newFixture(t)
	var long strings.Builder
	n := 0
	for long.Len() < journal.MaxBody-len("END-OF-SYMPTOMS")-7 {
		n++
		fmt.Fprintf(&long, "w%05d ", n)
	}
	long.WriteString("END-OF-SYMPTOMS")
	long.WriteString(strings.Repeat(".", journal.MaxBody-long.Len()))
	must(t, f.db.CreateOutage(context.Background(), &journal.Outage{ServiceID: f.hostile, Title: "Long", Start: utc("2026-10-25 01:00"),
		End: ptr(utc("2026-10-25 02:00")), Impact: journal.ImpactDown, Symptoms: long.String(), Source: journal.SourceMe}))
	for _, l := range []words.Lang{words.EN, words.JA} {
		b, err := f.october(t, f.hostile, l).PDF()
		must(t, err)
		var shown []string
		for _, p := range pdfLines(t, b) {
			if p.Y > pdfAboveFoot && p.Y < pdfPageTop {
				shown = append(shown, p.Text)
			} else if strings.Contains(p.Text, "w0") {
				t.Fatalf("%s: %q is drawn off the page (y = %.1f pt)", l, p.Text, p.Y)
			}
		}
		text := strings.Join(shown, "\n")
		// Twice in order: in the outage's details, then quoted in the letter.
		at := 0
		for _, where := range []string{"details", "letter"} {
			for i := 1; i <= n; i++ {
				w := fmt.Sprintf("w%05d", i)
				k := strings.Index(text[at:], w)
				if k < 0 {
					t.Fatalf("%s: word %d of %d (%s) is not in the %s", l, i, n, w, where)
				}
				at += k + len(w)
			}
		}
		if !strings.Contains(text[at:], "END-OF-SYMPTOMS") {
			t.Errorf("%s: the field's last word is not in the PDF", l)
		}
	}
}
