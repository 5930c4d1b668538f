package report

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/words"
)

const day = 24 * time.Hour

func TestBuildGathersTheFacts(t *testing.T) {
	f := newFixture(t)
	s := f.october(t, f.hostile, words.EN)
	sum := s.Figures.Summary
	var gaps, silences []time.Duration
	var automated []bool
	for _, e := range s.Tickets[0].Thread {
		gaps, silences, automated = append(gaps, e.Gap), append(silences, e.EndsSilence), append(automated, e.Automated)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"unusable = the 3-day outage", sum.Unusable, 3 * day},
		{"impaired = 3 days + the 2-hour degraded outage", sum.Impaired, 3*day + 2*time.Hour},
		{"availability = 1 − 3/31", availability(sum.Availability), "90.32%"},
		{"paid = the Oct 1 charge in JPY", sum.Cash, int64(3000)},
		{"paid while unusable at home = 3000 × 3/31 → 290 JPY", sum.PaidWhileUnusable, int64(290)},
		{"refund in the plan's own currency = 2000 × 3/31 → 1.94 USD", s.Refund, journal.Money{Amount: 194, Currency: "USD"}},
		{"one charge in the period", len(s.Charges), 1},
		{"the charge is Oct 1", s.Charges[0].Date.String(), "2026-10-01"},
		{"next charge after as-of", s.Next.Date.String(), "2026-12-01"},
		{"both outages", len(s.Outages), 2},
		{"outages oldest first", s.Outages[0].Title, hostileTitle},
		{"one ticket", len(s.Tickets), 1},
		{"gaps between messages", gaps, []time.Duration{0, 2 * time.Minute, 2*day - 2*time.Minute, 6 * day}},
		{"the human reply ends an 8-day silence; the bot ends none", silences, []time.Duration{0, 0, 0, 8 * day}},
		{"the bot reply is marked automated", automated, []bool{false, true, false, false}},
		{"first response = the bot after 2 minutes", s.Tickets[0].Metrics.FirstResponse.After, 2 * time.Minute},
		{"longest silence = 8 days", s.Tickets[0].Metrics.LongestSilence.Length(), 8 * day},
		{"the decision of Oct 20", len(s.Decisions), 1},
		{"verdict drawn", s.Verdict != nil, true},
		{"chart drawn as PNG", bytes.HasPrefix(s.Chart, []byte("\x89PNG")), true},
		{"user's zone", s.Location.String(), "Asia/Tokyo"},
		{"period's last day", s.LastDay().String(), "2026-10-31"},
	}
	for _, c := range checks {
		if !equal(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func equal(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// sectionTitles are the headings every complete summary shows.
var sectionTitles = map[words.Lang][]string{
	words.EN: {"Verdict", "Key figures", "By month", "Plans and charges", "Outage timeline", "Support timeline", "Decisions",
		"Drafted cancellation and refund request"},
	words.JA: {"判定", "主な数値", "月別", "契約と請求", "障害の経過", "サポートとのやり取り", "決定事項", "解約・返金依頼の下書き"},
}

func TestEveryFormatHasEverySection(t *testing.T) {
	f := newFixture(t)
	for _, l := range []words.Lang{words.EN, words.JA} {
		s := f.october(t, f.hostile, l)
		html, err := s.HTML()
		must(t, err)
		md := s.Markdown()
		for _, title := range sectionTitles[l] {
			if !strings.Contains(string(md), "## "+title) {
				t.Errorf("%s Markdown lacks section %q", l, title)
			}
			if !strings.Contains(string(html), "<h2>"+title+"</h2>") {
				t.Errorf("%s HTML lacks section %q", l, title)
			}
		}
		for _, want := range []string{"CASE-7", "Dana", "Cleared cache", "Edge desktop"} {
			if !strings.Contains(string(md), want) || !strings.Contains(string(html), want) {
				t.Errorf("%s summary lacks %q", l, want)
			}
		}
	}
}

func TestDatesAreInTheUsersZone(t *testing.T) {
	f := newFixture(t)
	md := string(f.october(t, f.hostile, words.EN).Markdown())
	// The outage started at 15:00 UTC on 9 Oct: midnight of 10 Oct in Tokyo.
	if !strings.Contains(md, "10 Oct 2026 00:00") || strings.Contains(md, "9 Oct 2026 15:00") {
		t.Errorf("outage start not in Asia/Tokyo:\n%s", md)
	}
	ja := string(f.october(t, f.hostile, words.JA).Markdown())
	if !strings.Contains(ja, "2026年10月10日 00:00") {
		t.Errorf("Japanese dates not in Asia/Tokyo")
	}
}

func TestHostileTextIsInertInCSV(t *testing.T) {
	f := newFixture(t)
	s := f.october(t, f.hostile, words.EN)
	data, err := s.CSVZip()
	must(t, err)
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	if len(z.File) != len(Tables) {
		t.Fatalf("zip holds %d files, want %d", len(z.File), len(Tables))
	}
	cells := map[string]bool{}
	for _, zf := range z.File {
		r, err := zf.Open()
		must(t, err)
		raw, err := io.ReadAll(r)
		must(t, err)
		one, err := s.CSV(strings.TrimSuffix(zf.Name, ".csv"))
		must(t, err)
		if !bytes.Equal(raw, one) {
			t.Errorf("%s in the zip differs from the table alone", zf.Name)
		}
		rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		for _, row := range rows {
			for _, c := range row {
				cells[c] = true
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !plainNumber.MatchString(c) {
					t.Errorf("%s: cell %q would run as a formula", zf.Name, c)
				}
			}
		}
	}
	for _, want := range []string{"'" + hostileName, hostileTitle, "'@channel Rate your conversation", "-12.50", "'+1 fixed now", "20.00", "1.94"} {
		if !cells[want] {
			t.Errorf("no CSV cell %q", want)
		}
	}
	if _, err := s.CSV("passwords"); journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("unknown table: %v", err)
	}
}

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{hostileName, "'" + hostileName},
		{"+33 1 23", "'+33 1 23"},
		{"-5 points", "'-5 points"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"＝1+1", "'＝1+1"},
		{"-12.50", "-12.50"},
		{"+7", "+7"},
		{"-", "'-"},
		{"12.5", "12.5"},
		{"plain text", "plain text"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := safeCell(tc.in); got != tc.want {
			t.Errorf("safeCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHostileTextIsEscapedInHTML(t *testing.T) {
	f := newFixture(t)
	for _, l := range []words.Lang{words.EN, words.JA} {
		b, err := f.october(t, f.hostile, l).HTML()
		must(t, err)
		html := string(b)
		if strings.Contains(strings.ToLower(html), "<script") {
			t.Errorf("%s: raw <script> in HTML", l)
		}
		if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the outage title is not shown escaped", l)
		}
		if strings.Contains(html, "href=") || strings.Contains(html, "<a ") {
			t.Errorf("%s: HTML has a link", l)
		}
		for _, m := range regexp.MustCompile(`src="([^"]*)"`).FindAllStringSubmatch(html, -1) {
			if !strings.HasPrefix(m[1], "data:image/png;base64,") {
				t.Errorf("%s: image from %q", l, m[1][:min(len(m[1]), 40)])
			}
		}
		// The only web addresses are those the user typed, shown as text.
		rest := html
		for _, typed := range []string{"http://x", outageLink, website} {
			rest = strings.ReplaceAll(rest, typed, "")
		}
		for _, ref := range []string{"http://", "https://", "url(", "@import"} {
			if strings.Contains(rest, ref) {
				t.Errorf("%s: HTML refers outside itself (%s)", l, ref)
			}
		}
		if !strings.Contains(html, outageLink) {
			t.Errorf("%s: the user's link is not shown", l)
		}
	}
}

func TestHostileTextIsEscapedInMarkdown(t *testing.T) {
	f := newFixture(t)
	md := string(f.october(t, f.hostile, words.EN).Markdown())
	// The letter stands verbatim in a fenced block, where Markdown is text.
	fence := regexp.MustCompile("(?s)\n(```+)text\n.*?\n```+\n")
	outside := fence.ReplaceAllString(md, "\n")
	if outside == md {
		t.Fatalf("no fenced letter in:\n%s", md)
	}
	for _, raw := range []string{"<script>", "*bold*", "[link](x)"} {
		if strings.Contains(outside, raw) {
			t.Errorf("raw %q in Markdown", raw)
		}
	}
	for _, escaped := range []string{`\<script\>alert(1)\</script\>`, `\*bold\* \[link\](x)`} {
		if !strings.Contains(outside, escaped) {
			t.Errorf("Markdown lacks escaped %q", escaped)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ name, in, text, line string }{
		{"emphasis and links", "*a* _b_ [c](d) `e`", `\*a\* \_b\_ \[c\](d) \` + "`e\\`", `\*a\* \_b\_ \[c\](d) \` + "`e\\`"},
		{"raw HTML and entities", "<b>&amp;", `\<b\>\&amp;`, `\<b\>\&amp;`},
		{"table pipe", "a|b", `a\|b`, `a\|b`},
		{"line breaks become spaces", "a\n\nb", "a b", "a b"},
		{"a list marker only matters at a line start", "- item", "- item", `\- item`},
		{"an ordered marker too", "12. item", "12. item", `12\. item`},
		{"a heading mark too", "# h", "# h", `\# h`},
		{"a number is no list marker", "9.75 USD", "9.75 USD", "9.75 USD"},
		{"nor is a lone sign", "-12.50", "-12.50", `\-12.50`},
	}
	for _, tc := range tests {
		if got := mdText(tc.in); got != tc.text {
			t.Errorf("%s: mdText(%q) = %q, want %q", tc.name, tc.in, got, tc.text)
		}
		if got := mdLine(tc.in); got != tc.line {
			t.Errorf("%s: mdLine(%q) = %q, want %q", tc.name, tc.in, got, tc.line)
		}
	}
	if got := mdFence("a ``` b ```` c"); got != "`````" {
		t.Errorf("fence = %q", got)
	}
}

func TestPDF(t *testing.T) {
	f := newFixture(t)
	for _, l := range []words.Lang{words.EN, words.JA} {
		b, err := f.october(t, f.hostile, l).PDF()
		must(t, err)
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
			t.Errorf("%s: not a whole PDF", l)
		}
		// The bundled IPAex Gothic is embedded (as a TrueType font file).
		if !bytes.Contains(bytes.ToLower(b), []byte("ipaex")) || !bytes.Contains(b, []byte("/FontFile2")) {
			t.Errorf("%s: PDF does not embed the IPAex font", l)
		}
		if !bytes.Contains(b, []byte("/MediaBox [0 0 595.28 841.89]")) {
			t.Errorf("%s: PDF pages are not A4", l)
		}
		if !bytes.Contains(b, []byte("/Subtype /Image")) {
			t.Errorf("%s: PDF has no chart image", l)
		}
	}
}

func TestPDFWrapKeepsEveryCharacter(t *testing.T) {
	font, err := pdfGlyphs()
	must(t, err)
	f := newPDF()
	d := &pdfDoc{f: f, glyphs: font}
	d.font(9.5, pdfInk)
	tests := []struct{ name, in string }{
		{"Japanese without spaces", "どのブラウザでもログイン画面が「リダイレクト中」のまま進まない。エラー表示なし。Androidアプリは使えた。"},
		{"English words", "Login page loops on redirecting in every browser and no error is shown at all, whatever is tried"},
		{"one long word", strings.Repeat("x", 200)},
	}
	for _, tc := range tests {
		lines := d.wrap(tc.in, 40)
		if len(lines) < 2 {
			t.Errorf("%s: not wrapped at 40 mm: %q", tc.name, lines)
		}
		joined := strings.Join(lines, "")
		if strings.Contains(tc.in, " ") {
			joined = strings.Join(lines, " ")
		}
		if joined != tc.in {
			t.Errorf("%s: wrapping lost text:\n got %q\nwant %q", tc.name, joined, tc.in)
		}
		for _, line := range lines {
			if w := f.GetStringWidth(line); w > 40 {
				t.Errorf("%s: line %q is %.1f mm wide", tc.name, line, w)
			}
			if strings.HasPrefix(line, "。") || strings.HasPrefix(line, "、") || strings.HasPrefix(line, "」") {
				t.Errorf("%s: line starts with closing punctuation: %q", tc.name, line)
			}
		}
	}
	if got := d.clean("ok 😀 漢字\tend"); got != "ok ? 漢字 end" {
		t.Errorf("clean = %q", got)
	}
}

func TestLetter(t *testing.T) {
	f := newFixture(t)
	en := Letter(f.october(t, f.hostile, words.EN))
	ja := Letter(f.october(t, f.hostile, words.JA))
	calm := Letter(f.october(t, f.calm, words.EN))
	tests := []struct {
		name, letter string
		want, not    []string
	}{
		{"English", en, []string{
			"Subject: Cancellation and refund request — " + hostileName + " (ref. CASE-7)",
			"[your account email]",
			"unusable for 3 days in total, over 1 outage (availability 90.32%)",
			"From 10 Oct 2026 00:00 to 13 Oct 2026 00:00 (3 days)",
			"Affected: Chrome desktop, Edge desktop.",
			"Already tried: Cleared cache (No change); Tried Firefox (Same loop).",
			"(reference CASE-7)",
			"The first reply from a person came 8 days after my first message; only automated messages arrived before it.",
			"the next charge, due on 1 Dec 2026",
			"refund 1.94 USD",
			"Over this period I paid 20.00 USD in 1 charge.",
			"Kind regards,",
		}, []string{"Symptoms: " + hostileSymptom + "..", "JPY"}},
		{"Japanese", ja, []string{
			"件名：解約および返金のお願い（" + hostileName + "）／問い合わせ番号 CASE-7",
			"サポートご担当者様",
			"いつもお世話になっております。",
			"［ご登録のメールアドレス］",
			"合計3日（障害1件、可用性90.32%）",
			"2026年10月10日 00:00から2026年10月13日 00:00まで（3日）",
			"影響を受けた環境：Chrome desktop、Edge desktop。",
			"担当者の方から最初のご返信をいただいたのは、最初の連絡から8日後でした（それまでに届いたのは自動送信のメッセージのみでした）。",
			"2026年12月1日に予定されている次回の請求",
			"1.94 USDを返金していただけますでしょうか。",
			"何卒よろしくお願いいたします。",
		}, nil},
		{"no outage, no ticket: those parts are left out", calm, []string{
			"Subject: Cancellation request — Calm Drive",
			"cancel my Plus subscription with immediate effect",
		}, []string{"unusable", "contacted", "refund", "ref.", "record of the outages", "\n\n\n"}},
	}
	for _, tc := range tests {
		for _, w := range tc.want {
			if !strings.Contains(tc.letter, w) {
				t.Errorf("%s letter lacks %q:\n%s", tc.name, w, tc.letter)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(tc.letter, n) {
				t.Errorf("%s letter has %q:\n%s", tc.name, n, tc.letter)
			}
		}
	}
}

func TestLetterOfAnOpenTicket(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	svc := &journal.Service{Name: "Quiet Desk"}
	must(t, f.db.CreateService(ctx, svc))
	tk := &journal.Ticket{ServiceID: svc.ID, Channel: journal.ChannelForm, OpenedAt: utc("2026-10-05 00:00")}
	must(t, f.db.CreateTicket(ctx, tk))
	for _, m := range []journal.Message{
		{At: utc("2026-10-05 00:00"), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "refund please"},
		{At: utc("2026-10-05 00:01"), Direction: journal.Received, Author: journal.AuthorAuto, Summary: "We got your message"},
	} {
		m.TicketID = tk.ID
		must(t, f.db.AddMessage(ctx, &m))
	}
	letters := map[words.Lang]string{words.EN: Letter(f.october(t, svc.ID, words.EN)), words.JA: Letter(f.october(t, svc.ID, words.JA))}
	want := map[words.Lang][]string{
		// Silent since 5 Oct 09:00 Tokyo to as-of, 25 Nov 19:00 Tokyo: 51 days 10 hours.
		words.EN: {"I contacted your support through your web form on 5 Oct 2026.", "No person has replied yet.",
			"My message of 5 Oct 2026 has had no reply from a person for 51 days 10 hours so far; only automated messages arrived in between.",
			"The ticket is still open."},
		words.JA: {"2026年10月5日にお問い合わせフォームからお問い合わせしました。", "担当者の方からのご返信はまだいただいておりません。",
			"51日10時間経った現在も担当者の方からのご返信がありません（その間に届いたのは自動送信のメッセージのみでした）。", "本件は現在も解決しておりません。"},
	}
	for l, letter := range letters {
		for _, w := range want[l] {
			if !strings.Contains(letter, w) {
				t.Errorf("%s letter lacks %q:\n%s", l, w, letter)
			}
		}
		if strings.Contains(letter, "(ref.") || strings.Contains(letter, "問い合わせ番号") {
			t.Errorf("%s letter names a reference the ticket does not have", l)
		}
	}
}

func TestJSON(t *testing.T) {
	f := newFixture(t)
	b, err := f.october(t, f.hostile, words.JA).JSON()
	must(t, err)
	var d Doc
	must(t, json.Unmarshal(b, &d))
	msgs := d.Tickets[0].Messages
	checks := []struct {
		name      string
		got, want any
	}{
		{"format", d.Format, JSONFormat},
		{"version", d.Version, JSONVersion},
		{"language", d.Language, "ja"},
		{"service", d.Service.Name, hostileName},
		{"unusable seconds", d.Figures.Services[0].Figures.UnusableSeconds, int64(3 * 86400)},
		{"home currency", d.Figures.Currency, "JPY"},
		{"refund estimate", d.Refund, MoneyDoc{Minor: 194, Text: "1.94", Currency: "USD"}},
		{"charges", len(d.Charges), 1},
		{"next charge", d.Next.Date, "2026-12-01"},
		{"outage steps", len(d.Outages[0].Steps), 2},
		{"outage end", d.Outages[0].End.Equal(utc("2026-10-12 15:00")), true},
		{"messages", len(msgs), 4},
		{"gap before the human reply", msgs[3].GapSeconds, int64(6 * 86400)},
		{"the human reply ended 8 days of silence", *msgs[3].EndsSilence, int64(8 * 86400)},
		{"the bot did not", msgs[1].EndsSilence == nil && msgs[1].Automated, true},
		{"longest silence", d.Tickets[0].Metrics.LongestSilence.Seconds, int64(8 * 86400)},
		{"decision amount", d.Decisions[0].Amount.Text, "1.94"},
		{"verdict", d.Verdict != nil && d.Verdict.Text != "", true},
		{"letter", strings.Contains(d.Letter.Body, "お世話になっております"), true},
	}
	for _, c := range checks {
		if !equal(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestPhrasesHaveBothLanguages(t *testing.T) {
	f := newFixture(t)
	en := string(f.october(t, f.hostile, words.EN).Markdown())
	ja := string(f.october(t, f.hostile, words.JA).Markdown())
	for _, md := range []string{en, ja} {
		if strings.Contains(md, "report.") {
			t.Errorf("an untranslated label key:\n%s", md)
		}
	}
}

func TestRender(t *testing.T) {
	f := newFixture(t)
	s := f.october(t, f.hostile, words.EN)
	starts := map[string]string{"md": "# Summary before cancelling", "html": "<!DOCTYPE html>", "pdf": "%PDF-", "csv": "PK", "json": "{"}
	for _, format := range Formats {
		b, err := s.Render(format, "")
		if err != nil || !bytes.HasPrefix(b, []byte(starts[format])) {
			t.Errorf("Render(%s) = %.20q, %v", format, b, err)
		}
	}
	one, err := s.Render("csv", "charges")
	must(t, err)
	if want, _ := s.CSV("charges"); !bytes.Equal(one, want) {
		t.Errorf("Render(csv, charges) is not the charges table")
	}
	for _, bad := range [][2]string{{"docx", ""}, {"md", "charges"}, {"csv", "secrets"}} {
		if _, err := s.Render(bad[0], bad[1]); journal.ErrorCode(err) != journal.EINVALID {
			t.Errorf("Render(%q, %q): %v, want EINVALID", bad[0], bad[1], err)
		}
	}
}
