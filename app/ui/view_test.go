package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The period and the moment of judgement chosen on a service's Summary are
// the Overview's and Export's too, and the next run's.
func TestPeriodAndAsOfAreSharedAndRemembered(t *testing.T) {
	u := newTestUI(t)
	svc := reminderJournal(t, u)
	u.showTab(svc.ID, tabSummary)
	settle(u)
	p := u.service.summary.period
	if got := texts(u.win.Canvas().Content()); !slices.Contains(got, "Verdict as of 25 Nov 2026 10:00") {
		t.Errorf("a period to now is not judged as of now: %q", got)
	}
	p.choice.SetSelectedIndex(periodCustom)
	retype(p.from.entry, "2026-10-01")
	retype(p.to.entry, "2026-10-31")
	test.Tap(p.apply)
	settle(u)
	// A past period is judged as of its end.
	shown := texts(u.win.Canvas().Content())
	for _, want := range []string{"Verdict as of 1 Nov 2026 00:00", "Verdict as of 1 Nov 2026 00:00, last 30 days"} {
		if !slices.Contains(shown, want) {
			t.Errorf("the Summary does not show %q: %q", want, shown)
		}
	}

	u.show(0)
	settle(u)
	shown = texts(u.win.Canvas().Content())
	for _, want := range []string{"Verdict as of 1 Nov 2026 00:00", "1 Oct 2026 – 31 Oct 2026", "This month",
		"1 Oct 2026 – 31 Oct 2026, as of 1 Nov 2026 00:00. Cost is what each month of the plans cost; paid while unusable is that cost over the time a service was down."} {
		if !slices.Contains(shown, want) {
			t.Errorf("the Overview does not show %q: %q", want, shown)
		}
	}
	if got := u.overview.period.choice.Selected; got != "Custom…" {
		t.Errorf("the Overview's period = %q, want Custom…", got)
	}

	d := u.openExport()
	if d.period.choice.Selected != "Custom…" || d.period.from.entry.Text != "2026-10-01" || d.period.to.entry.Text != "2026-10-31" ||
		d.period.asOf.Text != "Verdict as of 1 Nov 2026 00:00" {
		t.Errorf("Export's period = %q %q–%q, %q", d.period.choice.Selected, d.period.from.entry.Text, d.period.to.entry.Text, d.period.asOf.Text)
	}
	d.format.SetSelectedIndex(4) // JSON
	build, err := d.document()
	if err != nil {
		t.Fatal(err)
	}
	data, err := build(context.Background())
	if err != nil || !strings.Contains(string(data), `"as_of_text": "Verdict as of 1 Nov 2026 00:00"`) {
		t.Errorf("the export is not judged as of the period's end (%v)", err)
	}
	d.dlg.Hide()

	// A period chosen in Export is the screen's behind it.
	u.showTab(svc.ID, tabSummary)
	settle(u)
	d = u.openExport()
	d.period.choice.SetSelectedIndex(periodLastYear)
	settle(u)
	if shown := texts(u.win.Canvas().Content()); !slices.Contains(shown, "Verdict as of 1 Jan 2026 00:00, last 30 days") {
		t.Errorf("the Summary behind Export does not follow its period: %q", shown)
	}
	d.period.choice.SetSelectedIndex(periodCustom)
	retype(d.period.from.entry, "2026-10-01")
	retype(d.period.to.entry, "2026-10-31")
	if _, err := d.document(); err != nil {
		t.Fatal(err)
	}
	settle(u)
	if shown := texts(u.win.Canvas().Content()); !slices.Contains(shown, "Verdict as of 1 Nov 2026 00:00, last 30 days") {
		t.Errorf("the Summary behind Export does not follow its custom period: %q", shown)
	}
	d.dlg.Hide()

	// A moment picked by hand, kept across screens and runs.
	u.showTab(svc.ID, tabSummary)
	settle(u)
	judgeAsOf(t, u, "2026/10/15 9:30")
	u.closed() // what closing the window does

	u2 := New(fyne.CurrentApp(), u.db, Options{Now: func() time.Time { return fixedNow }, thread: &queueThread{}})
	u2.win.Resize(fyne.NewSize(1100, 720))
	u2.win.Show()
	t.Cleanup(u2.win.Close)
	settle(u2)
	u2.showTab(svc.ID, tabSummary)
	settle(u2)
	shown = texts(u2.win.Canvas().Content())
	if !slices.Contains(shown, "Verdict as of 15 Oct 2026 09:30, last 30 days") || u2.service.summary.period.from.entry.Text != "2026-10-01" {
		t.Errorf("the next run forgot the period or the moment: %q", shown)
	}

	// Back to the period's own moment.
	ad := u2.service.summary.period.openAsOf()
	test.Tap(ad.auto)
	settle(u2)
	if shown := texts(u2.win.Canvas().Content()); !slices.Contains(shown, "Verdict as of 1 Nov 2026 00:00, last 30 days") {
		t.Errorf("back to the period's end: %q", shown)
	}
}

func TestJudgeAsOfSaysWhatItCannotUse(t *testing.T) {
	u := newTestUI(t)
	svc := reminderJournal(t, u)
	u.showTab(svc.ID, tabSummary)
	settle(u)
	for typed, want := range map[string]string{
		"last Tuesday":     `Lapse cannot read "last Tuesday" as a date and time: type it as YYYY-MM-DD HH:MM, for example 2026-11-25 10:00.`,
		"2026-11-25 10:01": "That moment is still to come: pick one up to now.",
	} {
		d := u.service.summary.period.openAsOf()
		retype(d.entry, typed)
		test.Tap(d.judge)
		if !d.problem.Visible() || d.problem.Text != want {
			t.Errorf("%q: problem %q (shown %v), want %q", typed, d.problem.Text, d.problem.Visible(), want)
		}
		d.dlg.Hide()
	}
	if got := u.service.summary.period.asOf.Text; got != "Verdict as of 25 Nov 2026 10:00" {
		t.Errorf("a refused moment was used: %q", got)
	}
}

func TestVerdictCardInJapanese(t *testing.T) {
	u := newTestUI(t)
	svc := reminderJournal(t, u)
	quill := addService(t, u, "Quill")
	svc.Alternatives = []int64{quill.ID}
	if err := u.db.UpdateService(u.ctx, svc); err != nil {
		t.Fatal(err)
	}
	if err := SetLanguage("ja"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetLanguage("en") })
	u.rebuild()
	u.showTab(svc.ID, tabSummary)
	settle(u)
	shown := texts(u.win.Canvas().Content())
	for _, want := range []string{"2026年11月25日 10:00時点の判定", "2026年11月25日 10:00時点の判定（直近30日間）", "次回の請求：2026年11月28日（あと3日）", "直近30日間での乗り換え候補"} {
		if !slices.Contains(shown, want) {
			t.Errorf("the Japanese Summary does not show %q: %q", want, shown)
		}
	}
}
