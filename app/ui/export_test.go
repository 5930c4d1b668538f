package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"lapse/app/charts"
	"lapse/app/review"
	"lapse/app/words"
)

func TestExportDialogWritesSummaryAndCalendar(t *testing.T) {
	u := newTestUI(t)
	reminderJournal(t, u)
	d := u.openExport()
	if d.fileName() != "parley-ai-summary-2025-12-01-2026-11-25.pdf" {
		t.Errorf("suggested name = %q", d.fileName())
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		format int
		file   string
		starts string
	}{
		{0, "summary.pdf", "%PDF"},
		{1, "summary.html", "<!DOCTYPE html>"},
		{5, "renewals.ics", "BEGIN:VCALENDAR"},
	} {
		d.format.SetSelectedIndex(tc.format)
		s := d.onExport()
		s.folder.SetText(dir)
		s.name.SetText(tc.file)
		test.Tap(s.save)
		settle(u)
		if e := d.form.banner.Text + s.form.banner.Text; e != "" {
			t.Fatalf("%s: %s", tc.file, e)
		}
		path := filepath.Join(dir, tc.file)
		got, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(bytes.TrimSpace(got), []byte(tc.starts)) {
			t.Errorf("%s starts %q, want %q (%v)", tc.file, got[:min(len(got), 20)], tc.starts, err)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", tc.file, fi.Mode().Perm())
		}
	}
	d.language.SetSelectedIndex(1)
	d.format.SetSelectedIndex(2) // Markdown
	build, err := d.document()
	if err != nil {
		t.Fatal(err)
	}
	data, err := build(context.Background())
	if err != nil || !bytes.Contains(data, []byte("お世話になっております")) {
		t.Errorf("Japanese Markdown summary lacks the Japanese letter (%v)", err)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Parley AI": "parley-ai", "パーレイAI": "パーレイai", "  !! ": "service", "A/B & C": "a-b-c"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteChartPNGAndSVG(t *testing.T) {
	dir := t.TempDir()
	draw := func(w, h int, f charts.Format, _ bool) ([]byte, error) {
		return charts.Comparison([]charts.ServiceTotal{{Service: "Parley AI", UnusableHours: 3, Cost: 20}}, review.ChartLabels(words.EN), "USD", w, h, f)
	}
	for name, magic := range map[string]string{"c.png": "\x89PNG", "c.svg": "<svg"} {
		path := filepath.Join(dir, name)
		if err := writeChart(path, draw); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(path)
		if !bytes.Contains(got[:min(len(got), 300)], []byte(magic)) {
			t.Errorf("%s does not look like %q: %q", name, magic, got[:min(len(got), 40)])
		}
	}
}

func TestCustomPeriodMistakesAreShown(t *testing.T) {
	u := newTestUI(t)
	svc := reminderJournal(t, u)
	u.show(svc.ID)
	p := u.service.summary.period
	p.choice.SetSelectedIndex(periodCustom)
	p.from.entry.SetText("2026-10-01")
	p.to.entry.SetText("2026-09-01")
	test.Tap(p.apply)
	settle(u)
	if !p.problem.Visible() || p.problem.Text != "To must not be before the start" {
		t.Errorf("problem = %q (shown %v)", p.problem.Text, p.problem.Visible())
	}
	d := u.openExport()
	d.period.choice.SetSelectedIndex(periodCustom)
	d.period.from.entry.SetText("soon")
	if _, err := d.document(); err == nil {
		t.Errorf("an export with an unreadable custom date was written")
	}
}
