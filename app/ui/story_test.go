package ui

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// retype replaces the text of a field as a user does: select all (Ctrl+A),
// then type s over it.
func retype(e fyne.Focusable, s string) {
	if f, ok := e.(fyne.Shortcutable); ok {
		f.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
	test.Type(e, s)
}

// PRODUCT.md's story, entered by hand through the forms, judged as of the
// moment the user had to decide (issue 12's acceptance): the Summary and
// the exported summary say "Cancel before 10 Aug 2024" with its reasons;
// the cancellation made that evening does not change the verdict of the
// morning, and from 1 Aug the service is no longer told to cancel.
func TestStoryJudgedAsOfTheMomentToDecide(t *testing.T) {
	u := newTestUI(t)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}

	// Settings: Tokyo, yen at home, 1 USD = 155 JPY.
	s := u.openSettings()
	retype(s.zone, "Asia/Tokyo")
	retype(s.home, "JPY")
	s.addRate(journal.Rate{})
	rate := s.rates.Objects[len(s.rates.Objects)-1].(*fyne.Container).Objects[0].(*fyne.Container)
	retype(rate.Objects[0].(*keySelectEntry), "USD")
	retype(rate.Objects[1].(*keyEntry), "155")
	test.Tap(s.save)
	settle(u)
	if e := s.form.banner.Text; e != "" {
		t.Fatalf("settings refused: %s", e)
	}
	if dialogShown(u) { // a field's own error shows under it, not in the banner
		t.Fatalf("settings refused: %q", texts(u.win.Canvas().Overlays().Top()))
	}

	// The service and its plan.
	sf := newServiceForm(u.session, nil)
	sf.open()
	test.Type(sf.name, "Parley AI")
	test.Tap(sf.save)
	settle(u)
	svc := u.serviceByID(u.selected)
	if svc == nil || svc.Name != "Parley AI" {
		t.Fatalf("the new service is not shown")
	}
	u.showTab(svc.ID, tabPlan)
	settle(u)
	pf := newSubscriptionForm(u.session, svc, nil, u.service.plan.afterChange)
	pf.open()
	test.Type(pf.plan, "Plus")
	test.Type(pf.price, "20")
	retype(pf.currency, "USD")
	retype(pf.start.entry, "2024-05-10")
	test.Tap(pf.save)
	settle(u)
	if e := pf.form.banner.Text; e != "" {
		t.Fatalf("plan refused: %s", e)
	}
	if dialogShown(u) { // a field's own error shows under it, not in the banner
		t.Fatalf("plan refused: %q", texts(u.win.Canvas().Overlays().Top()))
	}

	// The outage: two weeks without the web login.
	of := newOutageForm(u.session, svc, nil, func() {})
	of.open()
	settle(u)
	test.Type(of.title, "Web login stops at redirecting")
	retype(of.start.entry, "2024-07-04 09:00")
	retype(of.end.entry, "2024-07-18 09:00")
	for _, p := range []string{"Chrome desktop", "Chrome Android", "Edge"} {
		test.Type(of.platforms.input, p)
		of.platforms.input.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	test.Type(of.stillWorked, "the Android app")
	for _, step := range [][2]string{{"Cleared cache and cookies", "no change"}, {"Incognito window", "no change"}, {"Another browser", "same"}} {
		of.steps.addRow(journal.Step{})
		row := of.steps.rows.Objects[len(of.steps.rows.Objects)-1].(*fyne.Container).Objects[0].(*fyne.Container)
		test.Type(row.Objects[0].(*keyEntry), step[0])
		test.Type(row.Objects[1].(*keyEntry), step[1])
	}
	test.Tap(of.save)
	settle(u)
	if e := of.form.banner.Text; e != "" {
		t.Fatalf("outage refused: %s", e)
	}
	if dialogShown(u) { // a field's own error shows under it, not in the banner
		t.Fatalf("outage refused: %q", texts(u.win.Canvas().Overlays().Top()))
	}

	// The ticket: my mail, a human's reply, the bot's survey, my follow-up,
	// and the apology only on 2 Aug.
	u.showTab(svc.ID, tabSupport)
	settle(u)
	tab := u.service.support
	tf := tab.onNew()
	test.Type(tf.subject, "Cannot log in on the web")
	retype(tf.opened.entry, "2024-07-05 10:00")
	tf.outage.SetSelectedIndex(1)
	test.Type(tf.first, "Web login stops at redirecting on Chrome and Edge; the Android app works")
	test.Tap(tf.save)
	settle(u)
	if tab.thread == nil {
		t.Fatalf("saving the ticket did not open its thread: %s", tf.form.banner.Text)
	}
	th := tab.thread
	for _, m := range []struct {
		dir, author, at, summary string
	}{
		{"Received", "Human", "2024-07-06 15:00", "Troubleshooting steps"},
		{"Received", "Bot", "2024-07-06 15:30", "Rate your conversation"},
		{"Sent", "Me", "2024-07-21 09:00", "Detailed follow-up: none of it helped"},
		{"Received", "Human", "2024-08-02 10:00", "Apology: a confirmed bug, now fixed"},
	} {
		th = tab.thread
		th.composer.direction.SetSelected(m.dir)
		th.composer.author.SetSelected(m.author)
		retype(th.composer.at.entry, m.at)
		test.Type(th.composer.summary, m.summary)
		test.Tap(th.addBtn)
		settle(u)
		if e := th.composer.form.banner.Text; e != "" {
			t.Fatalf("message %q refused: %s", m.summary, e)
		}
	}

	// The period July–August 2024, judged as of 30 Jul 12:00.
	u.showTab(svc.ID, tabSummary)
	settle(u)
	p := u.service.summary.period
	p.choice.SetSelectedIndex(periodCustom)
	retype(p.from.entry, "2024-07-01")
	retype(p.to.entry, "2024-08-31")
	test.Tap(p.apply)
	settle(u)
	judgeAsOf(t, u, "2024-07-30 12:00")

	reasons := []string{
		"• unusable 14 days in the last 30 days",
		"• ticket “Cannot log in on the web” is still open and has waited 9 days 3 hours for a human reply",
		"• paid 1,419 JPY for time it was unusable in the last 30 days (46% of the 3,032 JPY it cost)",
	}
	morning := summaryTexts(u)
	for _, want := range append([]string{"Verdict as of 30 Jul 2024 12:00", "Cancel before 10 Aug 2024", "next charge 10 Aug 2024, in 11 days"}, reasons...) {
		if !slices.Contains(morning, want) {
			t.Errorf("the Summary does not show %q; it shows %q", want, morning)
		}
	}

	// The exported summary says the same, as JSON and in the PDF.
	dir := t.TempDir()
	exported := func(format int, name string) []byte {
		d := u.openExport()
		d.format.SetSelectedIndex(format)
		sa := d.onExport()
		if sa == nil {
			t.Fatalf("export refused: %s", d.form.banner.Text)
		}
		sa.folder.SetText(dir)
		sa.name.SetText(name)
		test.Tap(sa.save)
		settle(u)
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	var doc struct {
		Verdict struct {
			AsOfText   string `json:"as_of_text"`
			Text       string `json:"text"`
			NextCharge string `json:"next_charge"`
			Reasons    []struct {
				Text string `json:"text"`
			} `json:"reasons"`
		} `json:"verdict"`
	}
	if err := json.Unmarshal(exported(4, "summary.json"), &doc); err != nil {
		t.Fatal(err)
	}
	v := doc.Verdict
	var jsonReasons []string
	for _, r := range v.Reasons {
		jsonReasons = append(jsonReasons, "• "+r.Text)
	}
	if v.AsOfText != "Verdict as of 30 Jul 2024 12:00" || !strings.EqualFold(v.Text, "Cancel before 10 Aug 2024") || v.NextCharge != "2024-08-10" {
		t.Errorf("exported JSON verdict = %q %q, next charge %q", v.AsOfText, v.Text, v.NextCharge)
	}
	for _, want := range reasons {
		if !slices.Contains(jsonReasons, want) {
			t.Errorf("exported JSON reasons %q lack %q", jsonReasons, want)
		}
	}
	pdf := pdfText(t, exported(0, "summary.pdf"))
	for _, want := range append([]string{"Verdict as of 30 Jul 2024 12:00", "ancel before 10 Aug 2024"}, reasons...) {
		if !strings.Contains(pdf, strings.TrimPrefix(want, "• ")) {
			t.Errorf("the exported PDF does not say %q", want)
		}
	}

	// That evening the user cancels: the plan ends on 10 Aug.
	u.now = func() time.Time { return time.Date(2024, 7, 30, 18, 0, 0, 0, tokyo) }
	u.showTab(svc.ID, tabPlan)
	settle(u)
	cf := newCancelForm(u.session, u.service.plan.cards[0].sub, u.service.plan.afterChange)
	cf.open()
	retype(cf.end.entry, "2024-08-10")
	test.Tap(cf.save)
	settle(u)
	if e := cf.form.banner.Text; e != "" {
		t.Fatalf("cancellation refused: %s", e)
	}
	u.now = func() time.Time { return fixedNow }

	// As of that morning nothing has changed: the cancellation came later.
	u.showTab(svc.ID, tabSummary)
	settle(u)
	if got := summaryTexts(u); !slices.Equal(got, morning) {
		t.Errorf("as of 30 Jul 12:00 after cancelling, the Summary shows\n%q\nwant what it showed before\n%q", got, morning)
	}
	// From 1 Aug the cancellation is known: nothing left to cancel.
	judgeAsOf(t, u, "2024-08-01 00:00")
	later := summaryTexts(u)
	if !slices.Contains(later, "Cancelled 30 Jul 2024") || !slices.Contains(later, "• paid until 10 Aug 2024; nothing more will be charged") {
		t.Errorf("as of 1 Aug the Summary shows %q, want the cancellation", later)
	}
	// Told apart from a call to act, in its own colour.
	if l := labelShowing(u.win.Canvas().Content(), "Cancelled 30 Jul 2024"); l == nil || l.Importance != widget.HighImportance {
		t.Errorf("the ended verdict's label = %+v, want its own (high) importance", l)
	}
	for _, s := range later {
		if strings.Contains(strings.ToLower(s), "cancel before") {
			t.Errorf("as of 1 Aug the Summary still says %q", s)
		}
	}

	// The Overview looks at the same period and moment.
	u.show(0)
	settle(u)
	overview := texts(u.win.Canvas().Content())
	for _, want := range []string{"Verdict as of 1 Aug 2024 00:00", "Aug 2024", "1 Jul 2024 – 31 Aug 2024"} {
		if !slices.Contains(overview, want) {
			t.Errorf("the Overview does not show %q: %q", want, overview)
		}
	}
}

// labelShowing finds the visible label under o that shows text.
func labelShowing(o fyne.CanvasObject, text string) *widget.Label {
	if o == nil || !o.Visible() {
		return nil
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *widget.Label:
		if v.Text == text {
			return v
		}
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		if l := labelShowing(c, text); l != nil {
			return l
		}
	}
	return nil
}

// judgeAsOf picks the moment of judgement in the Summary's "Judge as of…"
// dialog, typed as a user does.
func judgeAsOf(t *testing.T, u *UI, when string) {
	t.Helper()
	d := u.service.summary.period.openAsOf()
	retype(d.entry, when)
	test.Tap(d.judge)
	settle(u)
	if d.problem.Visible() {
		t.Fatalf("as of %q refused: %s", when, d.problem.Text)
	}
}

// summaryTexts is what the Summary shows: its bar and its figures.
func summaryTexts(u *UI) []string {
	return texts(u.win.Canvas().Content())
}

// pdfText is the text a PDF draws, its strings joined by spaces: fpdf
// writes each line as one "(…)Tj" string in UTF-16BE in a deflated stream.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	var out []string
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("endstream"))
		if j < 0 {
			t.Fatal("PDF stream without its end")
		}
		z, err := zlib.NewReader(bytes.NewReader(bytes.TrimSuffix(rest[:j], []byte("\n"))))
		rest = rest[j+len("endstream"):]
		if err != nil {
			continue
		}
		data, err := io.ReadAll(z)
		if err != nil {
			continue
		}
		for _, part := range bytes.Split(data, []byte(" Td ("))[1:] {
			var b []byte
			for k := 0; k < len(part) && part[k] != ')'; k++ {
				c := part[k]
				if c == '\\' && k+1 < len(part) {
					k++
					c = map[byte]byte{'n': '\n', 'r': '\r'}[part[k]]
					if c == 0 {
						c = part[k]
					}
				}
				b = append(b, c)
			}
			u16 := make([]uint16, len(b)/2)
			for k := range u16 {
				u16[k] = uint16(b[2*k])<<8 | uint16(b[2*k+1])
			}
			out = append(out, string(utf16.Decode(u16)))
		}
	}
	return strings.Join(strings.Fields(strings.Join(out, " ")), " ")
}
