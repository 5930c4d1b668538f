package report

import (
	"strings"
	"testing"

	"lapse/app/words"
)

// At any width, a wrapped Japanese line never starts with closing
// punctuation (、。」…) nor ends with opening punctuation (「（…), also where
// a run without break opportunities (a Latin word, an address) meets them.
func TestPDFWrapFollowsJapaneseLineBreakRules(t *testing.T) {
	font, err := pdfGlyphs()
	must(t, err)
	d := &pdfDoc{f: newPDF(), glyphs: font}
	d.font(9.5, pdfInk)
	texts := []string{
		"Chrome、Edge、Firefoxのいずれでも「リダイレクト中」のまま進みませんでした。Androidアプリは使えました。",
		"問い合わせ「Cannot log in on the web」では担当者の返信がない状態が9日3時間続きました。",
		"直近30日間の費用3,032 JPYのうち1,419 JPY（46%）は利用できなかった時間の分でした。",
		"https://status.example.com/incidents/abcdefghijkl、https://example.com/help（参照）。",
	}
	for _, text := range texts {
		for w := 12.0; w <= 80; w += 0.25 {
			lines := d.wrap(text, w)
			for i, line := range lines {
				first, last := []rune(line)[0], []rune(line)[len([]rune(line))-1]
				if i > 0 && strings.ContainsRune(noLineStart, first) {
					t.Fatalf("at %.2f mm line %d starts with %q: %q", w, i, first, lines)
				}
				if i < len(lines)-1 && strings.ContainsRune(noLineEnd, last) {
					t.Fatalf("at %.2f mm line %d ends with %q: %q", w, i, last, lines)
				}
			}
			if strings.ReplaceAll(strings.Join(lines, ""), " ", "") != strings.ReplaceAll(text, " ", "") {
				t.Fatalf("at %.2f mm wrapping lost text: %q", w, lines)
			}
		}
	}
}

// The Japanese summary names the time of any impact 何らかの影響 (as the app
// does), and writes the next charge with a separator and a Japanese date.
func TestJapaneseSummaryTerms(t *testing.T) {
	f := newFixture(t)
	md := string(f.october(t, f.hostile, words.JA).Markdown())
	for _, want := range []string{"何らかの影響", "次回の請求：2026年12月1日"} {
		if !strings.Contains(md, want) {
			t.Errorf("Japanese summary lacks %q", want)
		}
	}
	for _, bad := range []string{"不具合", "次回の請求2", "次回の請求 2"} {
		if strings.Contains(md, bad) {
			t.Errorf("Japanese summary holds %q", bad)
		}
	}
}
