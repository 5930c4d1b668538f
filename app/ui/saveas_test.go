package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// A PDF export that fails once the file is chosen (no exchange rate for the
// plan's currency) leaves the file it would have replaced byte for byte.
func TestFailedExportKeepsTheFileItWouldReplace(t *testing.T) {
	u := newTestUI(t)
	reminderJournal(t, u)
	st, err := u.db.Settings(u.ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.HomeCurrency = "JPY" // the plan is in USD, and no rate is set
	if err := u.db.SaveSettings(u.ctx, st); err != nil {
		t.Fatal(err)
	}
	u.refresh()
	dir := t.TempDir()
	old := []byte("last month's summary, kept")
	path := filepath.Join(dir, "summary.pdf")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	d := u.openExport()
	s := d.onExport()
	s.folder.SetText(dir)
	s.name.SetText("summary.pdf")
	test.Tap(s.save)
	settle(u)
	// Replacing asks first; the answer is yes.
	confirmReplace(t, u)
	settle(u)
	if got, _ := os.ReadFile(path); !bytes.Equal(got, old) {
		t.Errorf("after a failed export the file holds %q, want %q", got, old)
	}
	if s.form.banner.Text != "Rate is required" {
		t.Errorf("the failure is not shown: banner %q", s.form.banner.Text)
	}
	if s.save.Disabled() {
		t.Errorf("Save stays disabled after a failure")
	}
}

// "New journal" onto an existing journal's name refuses it and leaves it as it was.
func TestNewJournalNeverEmptiesAnExistingFile(t *testing.T) {
	u := newTestUI(t)
	addService(t, u, "Parley AI")
	path := u.db.Path()
	before, err := os.ReadFile(path)
	if err != nil || len(before) == 0 {
		t.Fatalf("journal file: %d bytes, %v", len(before), err)
	}
	s := u.openSettings().onNewJournal()
	s.folder.SetText(filepath.Dir(path))
	s.name.SetText(filepath.Base(path))
	test.Tap(s.save)
	settle(u)
	if got := s.form.errorOf("name"); !strings.Contains(got, "already exists") {
		t.Errorf("name error = %q, want it to say the file exists", got)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Errorf("the existing journal changed: %d bytes, was %d", len(after), len(before))
	}
	if names := sidebarNames(t, u); len(names) != 1 {
		t.Errorf("the journal in use changed: sidebar %v", names)
	}

	// A free name creates a journal there and switches to it.
	fresh := filepath.Join(t.TempDir(), "new.db")
	s.folder.SetText(filepath.Dir(fresh))
	s.name.SetText("new.db")
	test.Tap(s.save)
	settle(u)
	if u.db.Path() != fresh || len(sidebarNames(t, u)) != 0 {
		t.Errorf("journal in use = %s with %v, want the new empty %s", u.db.Path(), sidebarNames(t, u), fresh)
	}
}

// confirmReplace answers yes to "Replace the file?".
func confirmReplace(t *testing.T, u *UI) {
	t.Helper()
	yes := planButton(u.win.Canvas().Overlays().Top(), "Yes")
	if yes == nil {
		t.Fatal("no confirmation before replacing a file")
	}
	test.Tap(yes)
}
