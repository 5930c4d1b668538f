package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lapse/storage"
)

// heldThread holds the work started on it until release, as a journal
// that takes long to open would; results come back as on a queueThread.
type heldThread struct {
	*queueThread
	mu       sync.Mutex
	held     []func()
	released bool
}

func (h *heldThread) Go(work func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.released {
		h.held = append(h.held, work)
		return
	}
	h.queueThread.Go(work)
}

// release starts the work held so far, and all work from now on.
func (h *heldThread) release() {
	h.mu.Lock()
	held := h.held
	h.held, h.released = nil, true
	h.mu.Unlock()
	for _, w := range held {
		h.queueThread.Go(w)
	}
}

// journalWithService makes a journal file holding one service.
func journalWithService(t *testing.T, name string) string {
	t.Helper()
	return newJournalFile(t, "journal.db", name)
}

// startHeld starts the app on path with the journal's opening held. quit
// closes the window and ends the app, as closing the window does.
func startHeld(t *testing.T, path string) (s *startup, th *heldThread, quit func()) {
	t.Helper()
	test.NewTempApp(t)
	th = &heldThread{queueThread: &queueThread{}}
	s = start(fyne.CurrentApp(), path, th)
	var once sync.Once
	quit = func() {
		once.Do(func() {
			s.win.Close()
			s.finish()
		})
	}
	t.Cleanup(func() {
		th.release()
		quit()
		th.settle()
	})
	return s, th, quit
}

func TestStartShowsTheWindowBeforeTheJournalOpens(t *testing.T) {
	path := journalWithService(t, "Parley AI")
	s, th, _ := startHeld(t, path)

	// The journal is not open yet: the window is there, at its size, empty.
	if s.win.Title() != "Lapse" || s.win.Canvas().Size() != fyne.NewSize(1024, 700) {
		t.Errorf("first frame: title %q, size %v; want Lapse at 1024x700", s.win.Title(), s.win.Canvas().Size())
	}
	if shown := canvasTexts(s.win.Content()); len(shown) != 0 {
		t.Errorf("before the journal is open the window shows %q, want nothing", shown)
	}
	// A journal that takes a while says it is loading.
	var shown []string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		th.settle()
		if shown = canvasTexts(s.win.Content()); len(shown) > 0 {
			break
		}
	}
	if !slices.Equal(shown, []string{"Loading…"}) {
		t.Errorf("while the journal opens the window shows %q, want Loading…", shown)
	}

	th.release()
	th.settle()
	shown = canvasTexts(s.win.Content())
	for _, want := range []string{"Overview", "Parley AI"} {
		if !slices.Contains(shown, want) {
			t.Errorf("once the journal is open the window shows %q, want %q among it", shown, want)
		}
	}
	if strings.Contains(strings.Join(shown, " "), "Loading") {
		t.Errorf("the loading note stayed: %q", shown)
	}
}

func TestStartRefusedJournalSaysWhyAndLeavesItUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("these are my notes, not a journal\n")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	s, th, quit := startHeld(t, path)
	th.release()
	th.settle()
	shown := strings.Join(canvasTexts(s.win.Content()), "\n")
	for _, want := range []string{"Lapse cannot open this journal", "not a SQLite database", path, "Quit"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the window shows %q, want %q in it", shown, want)
		}
	}
	quit()
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, content) {
		t.Errorf("the refused file now holds %q, %v", got, err)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			t.Errorf("%s%s was made beside the refused file", path, suffix)
		}
	}
}

func TestStartQuitWhileTheJournalOpens(t *testing.T) {
	path := journalWithService(t, "Parley AI")
	s, th, quit := startHeld(t, path)
	// The journal opens and its screens wait for the UI thread; the user
	// has closed the window and the app ended meanwhile.
	th.release()
	th.running.Wait()
	if _, err := os.Lstat(path + "-wal"); err != nil {
		t.Fatalf("the journal is not open: %v", err)
	}
	quit()
	th.settle()
	if shown := canvasTexts(s.win.Content()); len(shown) != 0 {
		t.Errorf("after the app ended the window shows %q", shown)
	}
	if _, err := os.Lstat(path + "-wal"); err == nil {
		t.Error("the journal was left open (its -wal remains)")
	}
}

func TestFinishClosesTheJournalShown(t *testing.T) {
	path := journalWithService(t, "Parley AI")
	s, th, quit := startHeld(t, path)
	th.release()
	th.settle()
	if !slices.Contains(canvasTexts(s.win.Content()), "Parley AI") {
		t.Fatal("the journal's screens are not shown")
	}
	quit()
	if _, err := os.Lstat(path + "-wal"); err == nil {
		t.Error("the journal was left open (its -wal remains)")
	}
}

// The Overview's figures are read beside the journal's opening, so the
// first screen shows them as soon as it is built: no second wait for the
// journal after the window has its screens.
func TestStartOverviewComesWithTheJournal(t *testing.T) {
	path := journalWithService(t, "Parley AI")
	s, th, _ := startHeld(t, path)
	th.release()
	// Apply what the background work brings, round after round, without
	// waiting for work started meanwhile; stop once the service is listed.
	var shown []string
	for round := 0; round < 10 && !slices.Contains(shown, "Parley AI"); round++ {
		th.running.Wait()
		th.applyQueued()
		shown = canvasTexts(s.win.Content())
	}
	if !slices.Contains(shown, "Parley AI") {
		t.Fatalf("the journal's screens never showed: %q", shown)
	}
	if !slices.Contains(shown, "Availability") {
		t.Errorf("the Overview was built without its figures, waiting for another read: %q", shown)
	}
}

// Quitting while a save waits for another Lapse's write lock: the journal
// is closed only once the save has landed, so nothing the user saved is lost.
func TestQuitWaitsForASaveUnderWay(t *testing.T) {
	path := journalWithService(t, "Parley AI")
	s, th, quit := startHeld(t, path)
	th.release()
	th.settle()
	release := holdWriteLock(t, path)
	f := newServiceForm(s.ui.session, nil)
	f.open()
	test.Type(f.name, "Streamly")
	test.Tap(f.save)

	quitted := make(chan struct{})
	go func() {
		quit()
		close(quitted)
	}()
	select {
	case <-quitted:
		t.Fatal("the app closed the journal while a save was still waiting")
	case <-time.After(300 * time.Millisecond):
	}
	release()
	<-quitted
	db, err := storage.Open(context.Background(), path, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svcs, err := db.Services(context.Background(), storage.ServiceFilter{})
	if err != nil || len(svcs) != 2 {
		t.Errorf("after quitting the journal holds %d services (%v), want the one saved while quitting too", len(svcs), err)
	}
}
