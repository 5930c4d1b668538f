package ui

import (
	"context"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/storage"
)

// fixedNow is the instant UI tests pin as "now".
var fixedNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// newTestUI opens a real journal file in a temp folder and builds the window.
func newTestUI(t *testing.T) *UI {
	t.Helper()
	return newTestUIWaiting(t, 0)
}

// newTestUIWaiting is newTestUI with writes that wait for the write lock
// as long as wait (0: storage.DefaultWait).
func newTestUIWaiting(t *testing.T, wait time.Duration) *UI {
	t.Helper()
	test.NewTempApp(t)
	if err := SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	// The journal's clock follows the UI's, so a test that moves u.now moves
	// both. The window's first reads run while New has not returned yet.
	var built atomic.Pointer[UI]
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "journal.db"), storage.Options{Now: func() time.Time {
		if u := built.Load(); u != nil {
			return u.now()
		}
		return fixedNow
	}, Wait: wait})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	u := New(fyne.CurrentApp(), db, Options{Now: func() time.Time { return fixedNow }, thread: &queueThread{}})
	built.Store(u)
	u.win.Resize(fyne.NewSize(1100, 720))
	u.win.Show()
	t.Cleanup(u.win.Close)
	settle(u) // the journal's records are read off the UI thread
	return u
}

// settle applies the results of the journal work started so far.
func settle(u *UI) { u.thread.(*queueThread).settle() }

// sidebarNames returns the names the sidebar shows, below "Overview".
func sidebarNames(t *testing.T, u *UI) []string {
	t.Helper()
	var names []string
	for i := 1; i < u.sidebar.length(); i++ {
		row := u.sidebar.createItem()
		u.sidebar.updateItem(i, row)
		names = append(names, row.(*fyne.Container).Objects[0].(*widget.Label).Text)
	}
	return names
}

func TestAddServiceThroughTheForm(t *testing.T) {
	u := newTestUI(t)
	if got := sidebarNames(t, u); len(got) != 0 {
		t.Fatalf("new journal lists %v", got)
	}
	f := newServiceForm(u.session, nil)
	f.open()
	test.Type(f.name, "Parley AI")
	f.category.SetText("AI")
	test.Type(f.website, "https://parley.example")
	test.Tap(f.save)
	settle(u)

	got := sidebarNames(t, u)
	if len(got) != 1 || got[0] != "Parley AI" {
		t.Fatalf("sidebar lists %v, want [Parley AI]", got)
	}
	if u.selected == 0 || u.serviceByID(u.selected).Category != "AI" {
		t.Errorf("the new service is not shown after saving")
	}
}

func TestEmptyServiceNameShowsFieldError(t *testing.T) {
	u := newTestUI(t)
	f := newServiceForm(u.session, nil)
	f.open()
	test.Type(f.name, "   ")
	test.Tap(f.save)
	settle(u)
	if got := f.form.errorOf("name"); got != "Name is required" {
		t.Errorf("name error = %q, want %q", got, "Name is required")
	}
	if n := len(sidebarNames(t, u)); n != 0 {
		t.Errorf("an invalid service was saved (%d listed)", n)
	}
}

func TestDuplicateServiceNameShowsFieldError(t *testing.T) {
	u := newTestUI(t)
	for _, name := range []string{"Parley AI", "parley ai"} {
		f := newServiceForm(u.session, nil)
		f.open()
		test.Type(f.name, name)
		test.Tap(f.save)
		settle(u)
		if name == "parley ai" {
			if got := f.form.errorOf("name"); got != "Name is already used" {
				t.Errorf("duplicate name error = %q", got)
			}
		}
	}
	if n := len(sidebarNames(t, u)); n != 1 {
		t.Errorf("%d services listed, want 1", n)
	}
}

func TestJapaneseFieldError(t *testing.T) {
	u := newTestUI(t)
	if err := SetLanguage("ja"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetLanguage("en") })
	f := newServiceForm(u.session, nil)
	f.open()
	test.Tap(f.save)
	settle(u)
	if got := f.form.errorOf("name"); got != "名前は必須です" {
		t.Errorf("Japanese name error = %q", got)
	}
}

func TestServiceAlternatives(t *testing.T) {
	u := newTestUI(t)
	quill := addService(t, u, "Quill Assistant")
	parley := addService(t, u, "Parley AI")
	f := newServiceForm(u.session, parley)
	f.open()
	f.alts.SetSelected([]string{"Quill Assistant"})
	test.Tap(f.save)
	settle(u)
	got, err := u.db.Service(u.ctx, parley.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Alternatives) != 1 || got.Alternatives[0] != quill.ID {
		t.Errorf("alternatives = %v, want [%d]", got.Alternatives, quill.ID)
	}
	for _, o := range newServiceForm(u.session, got).alts.Options {
		if o == "Parley AI" {
			t.Errorf("a service is offered as its own alternative")
		}
	}
}

func TestArchivedServiceStaysReachable(t *testing.T) {
	u := newTestUI(t)
	svc := addService(t, u, "Old Tracker")
	f := newServiceForm(u.session, svc)
	f.open()
	f.archived.SetChecked(true)
	test.Tap(f.save)
	settle(u)
	got, err := u.db.Service(u.ctx, svc.ID)
	if err != nil || !got.Archived {
		t.Fatalf("service = %+v, %v; want archived", got, err)
	}
	if names := sidebarNames(t, u); len(names) != 1 || names[0] != "Old Tracker (archived)" {
		t.Errorf("sidebar lists %v", names)
	}
	u.show(0)
	settle(u)
	if planButton(u.body, "Old Tracker") != nil {
		t.Errorf("the Overview counts an archived service")
	}
	f = newServiceForm(u.session, got)
	f.open()
	f.archived.SetChecked(false)
	test.Tap(f.save)
	settle(u)
	if got, _ := u.db.Service(u.ctx, svc.ID); got.Archived {
		t.Errorf("unarchiving did not save")
	}
}

func TestNoTrayWithoutASessionBus(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the D-Bus tray is Linux's")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("PATH", t.TempDir()) // no dbus-launch to start one
	if trayAvailable() {
		t.Errorf("a tray is offered with no session bus")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
	if !trayAvailable() {
		t.Errorf("no tray with a session bus")
	}
}

// TestServiceOpensOnTheTabAskedFor opens a service straight on each tab, as
// a search hit or the Down now button does: that tab is the one selected
// and the only one whose content shows, and the user can still switch tabs.
func TestServiceOpensOnTheTabAskedFor(t *testing.T) {
	u := newTestUI(t)
	svc := &journal.Service{Name: "Parley AI"}
	if err := u.db.CreateService(u.ctx, svc); err != nil {
		t.Fatal(err)
	}
	u.reload()
	for _, want := range []int{tabPlan, tabOutages, tabSupport, tabSummary} {
		u.show(0)
		settle(u)
		u.showTab(svc.ID, want)
		settle(u)
		tabs := u.service.tabs
		for i, item := range tabs.Items {
			if shown := item.Content.Visible(); shown != (i == want) {
				t.Errorf("opened on tab %d: tab %d (%s) content shown %v", want, i, item.Text, shown)
			}
		}
		if tabs.SelectedIndex() != want {
			t.Errorf("opened on tab %d, %d is selected", want, tabs.SelectedIndex())
		}
	}
	tabs := u.service.tabs
	tabs.SelectIndex(tabPlan)
	if !tabs.Items[tabPlan].Content.Visible() || tabs.Items[tabSummary].Content.Visible() || u.service.plan == nil {
		t.Error("choosing the Plan tab did not show it")
	}
}
