package ui

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lapse/app/journal"
	"lapse/storage"
)

// holdWriteLock takes the journal's write lock through a connection of its
// own, as another Lapse (an import, a watch from cron) does while it
// writes, until release is called (at the latest when the test ends).
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	ctx := context.Background()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
				t.Error(err)
			}
			conn.Close()
			raw.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// waitForText applies what comes back to the UI thread, without waiting for
// the work still running, until the button reads want.
func waitForText(u *UI, text func() string, want string) bool {
	q := u.thread.(*queueThread)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		q.applyQueued()
		if text() == want {
			return true
		}
	}
	return false
}

// A save while another Lapse holds the write lock leaves the window free:
// the UI thread returns at once, the form stays open with its entries and
// says it is saving, a second Enter saves nothing more, and the service
// lands once the lock is released.
func TestSaveWhileAnotherLapseWritesKeepsTheWindowFree(t *testing.T) {
	u := newTestUI(t)
	release := holdWriteLock(t, u.db.Path())
	f := newServiceForm(u.session, nil)
	f.open()
	test.Type(f.name, "Parley AI")

	start := time.Now()
	test.Tap(f.save)
	busy := time.Since(start)
	if busy > time.Second {
		t.Fatalf("the UI thread waited %s for the write lock", busy)
	}
	t.Logf("the UI thread was busy %s for a save behind another writer", busy)
	if !waitForText(u, func() string { return f.save.Text }, "Saving…") {
		t.Fatalf("the button reads %q while the save waits, want Saving…", f.save.Text)
	}
	if !f.save.Disabled() || !dialogShown(u) || f.name.Text != "Parley AI" {
		t.Fatalf("while saving: button disabled %v, form shown %v, name %q", f.save.Disabled(), dialogShown(u), f.name.Text)
	}
	c := u.win.Canvas()
	c.Focus(f.name)
	press(t, c, fyne.KeyReturn, 0) // a second Enter while it saves

	release()
	settle(u)
	if got := sidebarNames(t, u); !slices.Equal(got, []string{"Parley AI"}) {
		t.Errorf("after the lock was released the sidebar lists %v, want [Parley AI]", got)
	}
	if svcs, err := u.db.Services(u.ctx, storage.ServiceFilter{IncludeArchived: true}); err != nil || len(svcs) != 1 {
		t.Errorf("the journal holds %d services (%v), want 1", len(svcs), err)
	}
	if dialogShown(u) {
		t.Errorf("the form stayed open after the save landed")
	}
	time.Sleep(2 * placeholderDelay)
	u.thread.(*queueThread).applyQueued()
	if f.save.Text != "Save" {
		t.Errorf("after the save the button reads %q", f.save.Text)
	}
}

// A save refused because another Lapse kept the journal busy too long
// leaves the form open, its entries intact, the reason shown in it; a form
// closed while it waited shows the reason in a dialog.
func TestSaveRefusedByABusyJournal(t *testing.T) {
	u := newTestUIWaiting(t, time.Second)
	holdWriteLock(t, u.db.Path())
	want := "Nothing was saved: another Lapse (an import, a watch) kept this journal busy for over 1 s. Try again in a moment."

	f := newServiceForm(u.session, nil)
	f.open()
	test.Type(f.name, "Parley AI")
	test.Tap(f.save)
	settle(u)
	if shown := texts(u.win.Canvas().Overlays().Top()); !slices.Contains(shown, want) {
		t.Errorf("the form shows %q, want %q", shown, want)
	}
	if f.name.Text != "Parley AI" || f.save.Disabled() || f.save.Text != "Save" {
		t.Errorf("after the refusal: name %q, button %q disabled %v", f.name.Text, f.save.Text, f.save.Disabled())
	}
	f.dlg.Hide()

	f = newServiceForm(u.session, nil)
	f.open()
	test.Type(f.name, "Streamly")
	test.Tap(f.save)
	f.dlg.Hide() // Cancel while it waits
	settle(u)
	top := u.win.Canvas().Overlays().Top()
	if shown := texts(top); top == nil || !slices.Contains(shown, want) {
		t.Errorf("after the form was closed the window shows %q, want %q", shown, want)
	}
	if got := sidebarNames(t, u); len(got) != 0 {
		t.Errorf("the sidebar lists %v", got)
	}
}

// A busy or read-only journal is worded in the UI's language.
func TestJournalWriteErrorsInJapanese(t *testing.T) {
	test.NewTempApp(t)
	if err := SetLanguage("ja"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetLanguage("en") })
	if got, want := errorText(&storage.BusyError{Path: "j.db", Waited: 30 * time.Second}),
		"保存されませんでした：別の Lapse（取り込み・監視）がこのジャーナルを 30 秒以上使い続けています。少し待ってからもう一度お試しください。"; got != want {
		t.Errorf("busy: %q, want %q", got, want)
	}
	if got, want := errorText(&storage.ReadOnlyError{Path: "j.db", Why: "its file does not allow writing (permission denied)"}),
		"このジャーナルは変更できません（j.db）：its file does not allow writing (permission denied)"; got != want {
		t.Errorf("read-only: %q, want %q", got, want)
	}
}

// Records read before a write never overwrite those read after it, in
// whatever order the reads come back.
func TestAnOlderReloadNeverOverwritesANewerOne(t *testing.T) {
	u := newTestUI(t)
	addService(t, u, "Parley AI")
	q := u.thread.(*queueThread)
	u.reload()
	q.running.Wait() // read: Parley AI alone
	if err := u.db.CreateService(u.ctx, &journal.Service{Name: "Streamly"}); err != nil {
		t.Fatal(err)
	}
	u.refresh()
	q.settleNewestFirst()
	if got := sidebarNames(t, u); !slices.Equal(got, []string{"Parley AI", "Streamly"}) {
		t.Errorf("the sidebar lists %v, want [Parley AI Streamly]", got)
	}
}

// newJournalFile writes a journal holding one service and closes it.
func newJournalFile(t *testing.T, name, service string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	db, err := storage.Open(context.Background(), path, storage.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateService(context.Background(), &journal.Service{Name: service}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// Another journal is opened (and checked) off the UI thread, then shown in
// place of the open one, which is closed; of two switches in a row the
// later one wins, whatever order they finish in.
func TestSwitchJournalOpensInTheBackground(t *testing.T) {
	u := newTestUI(t)
	addService(t, u, "Parley AI")
	old := u.db
	other := newJournalFile(t, "other.db", "Streamly")

	u.switchJournal(other)
	if u.db != old || !slices.Equal(sidebarNames(t, u), []string{"Parley AI"}) {
		t.Fatalf("the journal was switched on the UI thread")
	}
	if want := "Opening " + other + "…"; u.status.Text != want {
		t.Errorf("while it opens the status line reads %q, want %q", u.status.Text, want)
	}
	settle(u)
	t.Cleanup(func() { u.db.Close() })
	if u.db.Path() != other || !slices.Equal(sidebarNames(t, u), []string{"Streamly"}) {
		t.Fatalf("after the switch: journal %s, sidebar %v", u.db.Path(), sidebarNames(t, u))
	}
	if want := "Journal: " + other; u.status.Text != want {
		t.Errorf("after the switch the status line reads %q, want %q", u.status.Text, want)
	}
	if _, err := old.Services(context.Background(), storage.ServiceFilter{}); err == nil {
		t.Errorf("the journal switched from is still open")
	}

	first, second := newJournalFile(t, "first.db", "Boxdrive"), newJournalFile(t, "second.db", "Quill")
	q := u.thread.(*queueThread)
	u.switchJournal(first)
	q.running.Wait() // first is open: its result waits for the UI thread
	u.switchJournal(second)
	q.settleNewestFirst()
	if u.db.Path() != second || !slices.Equal(sidebarNames(t, u), []string{"Quill"}) {
		t.Errorf("after two switches: journal %s, sidebar %v, want %s with Quill", u.db.Path(), sidebarNames(t, u), second)
	}
}

// A file Lapse refuses leaves the open journal in place and untouched, and
// says why.
func TestSwitchToARefusedFileKeepsTheJournal(t *testing.T) {
	u := newTestUI(t)
	addService(t, u, "Parley AI")
	bad := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("not a journal\n")
	if err := os.WriteFile(bad, content, 0o644); err != nil {
		t.Fatal(err)
	}
	path := u.db.Path()
	u.switchJournal(bad)
	settle(u)
	if u.db.Path() != path || !slices.Equal(sidebarNames(t, u), []string{"Parley AI"}) {
		t.Errorf("after a refused switch: journal %s, sidebar %v", u.db.Path(), sidebarNames(t, u))
	}
	if _, err := u.db.Services(u.ctx, storage.ServiceFilter{}); err != nil {
		t.Errorf("the open journal cannot be read after a refused switch: %v", err)
	}
	if !dialogShown(u) {
		t.Errorf("no error shown")
	}
	if want := "Journal: " + path; u.status.Text != want {
		t.Errorf("after a refused switch the status line reads %q, want %q", u.status.Text, want)
	}
	if got, _ := os.ReadFile(bad); !bytes.Equal(got, content) {
		t.Errorf("the refused file was changed: %q", got)
	}
}

// A delete that lands after another journal was opened says nothing to
// the new journal's screens: no undo is offered there, where it would
// restore an unrelated record.
func TestDeleteLandingAfterASwitchOffersNoUndo(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Parley AI")
	o := &journal.Outage{ServiceID: svc.ID, Title: "Down", Start: fixedNow.Add(-time.Hour), Impact: journal.ImpactDown, Source: journal.SourceMe}
	if err := u.db.CreateOutage(u.ctx, o); err != nil {
		t.Fatal(err)
	}
	release := holdWriteLock(t, u.db.Path())
	f := newOutageForm(u.session, svc, o, func() {})
	f.open()
	test.Tap(f.del)

	u.switchJournal(newJournalFile(t, "other.db", "Streamly"))
	u.thread.(*queueThread).applyQueued()
	waitForText(u, func() string { return strings.Join(sidebarNames(t, u), ",") }, "Streamly")
	release()
	settle(u)
	if got := sidebarNames(t, u); !slices.Equal(got, []string{"Streamly"}) {
		t.Fatalf("the sidebar lists %v, want the other journal's Streamly", got)
	}
	if shown := texts(u.win.Content()); slices.ContainsFunc(shown, func(s string) bool { return strings.Contains(s, "moved to the trash") }) {
		t.Errorf("the other journal offers to undo a delete made in the first: %q", shown)
	}
}
