package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"lapse/app/journal"
)

// "Add subscription" on the Summary of a service without records opens the
// form there, rather than sending the user to the Plan tab.
func TestSummaryAddSubscriptionOpensTheForm(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Parley AI")
	u.showTab(svc.ID, tabSummary)
	settle(u)
	b := planButton(u.body, "Add subscription")
	if b == nil {
		t.Fatalf("the Summary offers no Add subscription: %q", texts(u.body))
	}
	test.Tap(b)
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !slices.Contains(canvasTexts(top), "Add subscription") || !slices.Contains(texts(top), "Price") {
		t.Fatalf("no subscription form opened: %q", canvasTexts(top))
	}
	if u.service.tabs.SelectedIndex() != tabSummary {
		t.Errorf("the window left the Summary for tab %d", u.service.tabs.SelectedIndex())
	}
}

// Cancelling a plan asks why in the same dialog; the reason is the note of
// the "Cancelled" decision.
func TestCancelPlanAsksWhy(t *testing.T) {
	u, svc, tab := newPlanFixture(t)
	planAddMonthly(t, u, svc, tab)
	f := newCancelForm(u.session, tab.cards[0].sub, tab.afterChange)
	f.open()
	if !slices.Contains(texts(u.win.Canvas().Overlays().Top()), "Why") {
		t.Fatalf("the Cancel plan dialog does not ask why: %q", texts(u.win.Canvas().Overlays().Top()))
	}
	f.end.entry.SetText("2026-12-15")
	test.Type(f.reason, "Down for two weeks, no reply")
	test.Tap(f.save)
	settle(u)
	ds := planDecisions(t, u, svc)
	if len(ds) != 1 || ds[0].Kind != journal.DecisionCancelled || ds[0].Note != "Down for two weeks, no reply" {
		t.Errorf("decisions saved: %+v", ds)
	}
	f.record.SetChecked(false)
	if !f.reason.Disabled() {
		t.Errorf("the reason stays editable without a decision to keep it")
	}
}

// The drafted letter is an export of its own, as text or Markdown in the
// chosen language, and the Export dialog copies it to the clipboard.
func TestLetterExportAndCopy(t *testing.T) {
	u := newTestUI(t)
	reminderJournal(t, u)
	d := u.openExport()
	dir := t.TempDir()
	for _, tc := range []struct {
		label, ext, lang, starts string
	}{
		{"Drafted letter (text)", ".txt", "English", "Subject: "},
		{"Drafted letter (Markdown)", ".md", "日本語", "# "},
	} {
		d.format.SetSelected(tc.label)
		d.language.SetSelected(tc.lang)
		want := "parley-ai-letter-2025-12-01-2026-11-25" + tc.ext
		if d.fileName() != want {
			t.Errorf("%s: suggested name %q, want %q", tc.label, d.fileName(), want)
		}
		s := d.onExport()
		s.folder.SetText(dir)
		test.Tap(s.save)
		settle(u)
		got, err := os.ReadFile(filepath.Join(dir, want))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(got, []byte(tc.starts)) || bytes.Contains(got, []byte("%PDF")) {
			t.Errorf("%s starts %q", tc.label, got[:min(40, len(got))])
		}
		if ja := bytes.Contains(got, []byte("お世話になっております")); ja != (tc.lang == "日本語") {
			t.Errorf("%s in %s: Japanese letter %v", tc.label, tc.lang, ja)
		}
		u.win.Canvas().Overlays().Top().Hide() // the Saved dialog
		d = u.openExport()
	}
	d.language.SetSelected("English")
	test.Tap(d.copyBt)
	settle(u)
	clip := u.app.Clipboard().Content()
	if !strings.HasPrefix(clip, "Subject: ") || !strings.Contains(clip, "Parley AI") {
		t.Errorf("clipboard holds %q", clip[:min(60, len(clip))])
	}
	if d.copied.Text == "" {
		t.Errorf("copying the letter says nothing")
	}
}

// After an export, "Saved" offers to open the file and to show its folder.
func TestSavedOffersOpenAndShowInFolder(t *testing.T) {
	u := newTestUI(t)
	reminderJournal(t, u)
	d := u.openExport()
	s := d.onExport()
	dir := t.TempDir()
	s.folder.SetText(dir)
	test.Tap(s.save)
	settle(u)
	top := u.win.Canvas().Overlays().Top()
	path := filepath.Join(dir, "parley-ai-summary-2025-12-01-2026-11-25.pdf")
	shown := texts(top)
	for _, want := range []string{"Open", "Show in folder", "Saved to " + path} {
		if !slices.Contains(shown, want) {
			t.Errorf("Saved shows %q, lacks %q", shown, want)
		}
	}
	if got := fileURL(path).String(); got != "file://"+filepath.ToSlash(path) {
		t.Errorf("Open opens %q", got)
	}
	if got := fileURL(filepath.Dir(path)).String(); got != "file://"+filepath.ToSlash(dir) {
		t.Errorf("Show in folder opens %q", got)
	}
	test.Tap(planButton(top, "Show in folder"))
	if top.Visible() {
		t.Errorf("Saved stays open after Show in folder")
	}

	// A backup is an export too, and its save dialog starts in the folder
	// the summary went to.
	b := u.openBackups().onSave()
	if b.folder.Text != dir {
		t.Errorf("the next save starts in %q, want the last folder used %q", b.folder.Text, dir)
	}
	test.Tap(b.save)
	settle(u)
	if shown := texts(u.win.Canvas().Overlays().Top()); !slices.Contains(shown, "Open") || !slices.Contains(shown, "Show in folder") {
		t.Errorf("a saved backup shows %q", shown)
	}
}
