package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/demo"
	"lapse/app/review"
	"lapse/storage"
)

// texts lists the text of every label and button shown under o, in order.
func texts(o fyne.CanvasObject) []string {
	if o == nil || !o.Visible() {
		return nil
	}
	var out []string
	switch v := o.(type) {
	case *widget.Label:
		return []string{v.Text}
	case *widget.Button:
		return []string{v.Text}
	case *textCell:
		return []string{strings.Join(canvasTexts(v), "")}
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, texts(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, texts(c)...)
		}
	}
	return out
}

// after returns the text shown right after caption ("" if caption is not shown).
func after(shown []string, caption string) string {
	if i := slices.Index(shown, caption); i >= 0 && i+1 < len(shown) {
		return shown[i+1]
	}
	return ""
}

// newLargeUI builds the window on a copy of the large demo journal.
func newLargeUI(t *testing.T) *UI {
	t.Helper()
	src, err := demo.EnsureLarge(os.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "large.db")
	copyFile(t, src, path)
	test.NewTempApp(t)
	if err := SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return demo.LargeEpoch }
	db, err := storage.Open(context.Background(), path, storage.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	u := New(fyne.CurrentApp(), db, Options{Now: now, thread: &queueThread{}})
	t.Cleanup(func() { u.db.Close() }) // the journal open at the end
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	t.Cleanup(u.win.Close)
	settle(u)
	return u
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// Opening a service of the large journal shows its frame (name, tabs,
// period) at once, before its figures are computed, and then the figures.
func TestLargeServiceShowsFrameThenFigures(t *testing.T) {
	u := newLargeUI(t)
	svc := u.services[0]
	u.showTab(svc.ID, tabSummary)

	before := texts(u.body)
	if !slices.Contains(before, svc.Name) || !slices.Contains(before, "Period") {
		t.Fatalf("the frame was not shown at once: %q", before)
	}
	if slices.Contains(before, "Unusable") || slices.Contains(before, "Loading…") {
		t.Fatalf("figures or a loading sign before the figures were computed: %q", before)
	}

	settle(u)
	want, err := review.Build(context.Background(), u.db, review.Options{ServiceIDs: []int64{svc.ID}, AsOf: demo.LargeEpoch, Location: u.loc,
		From: u.service.summary.period.window().Start, To: u.service.summary.period.window().End})
	if err != nil {
		t.Fatal(err)
	}
	shown := texts(u.body)
	if got, w := after(shown, "Outages"), fmt.Sprint(want.Services[0].Summary.Outages); got != w || w == "0" {
		t.Errorf("Outages shows %q, want %s", got, w)
	}
	if got := after(shown, "Availability"); got != review.AvailabilityText(want.Services[0].Summary.Availability) {
		t.Errorf("Availability shows %q", got)
	}
}

// Leaving a service, or the Overview, before its figures arrive drops them:
// the screen shown is the one navigated to, and the old one never fills.
func TestLeavingDuringALoadDropsItsResult(t *testing.T) {
	u := newLargeUI(t)
	a, b := u.services[0], u.services[1]
	u.show(0)
	overview := u.overview.body
	u.showTab(a.ID, tabSummary)
	left := u.service.summary
	u.showTab(b.ID, tabSummary)
	settle(u)

	if len(overview.Objects) != 0 {
		t.Errorf("the Overview left behind was filled: %q", texts(overview))
	}
	if len(left.body.Objects) != 0 {
		t.Errorf("the Summary of %s, left behind, was filled: %q", a.Name, texts(left.body))
	}
	shown := texts(u.body)
	if !slices.Contains(shown, b.Name) || slices.Contains(shown, a.Name) || after(shown, "Outages") == "" {
		t.Errorf("the body does not show %s with its figures: %q", b.Name, shown)
	}
}

// A search superseded by the next keystroke never shows its hits.
func TestSearchSupersededByTheNextKeystroke(t *testing.T) {
	u := newLargeUI(t)
	test.Type(u.toolbar.search, "lo")
	first := u.search
	test.Type(u.toolbar.search, "gin")
	settle(u)
	if first == u.search || len(first.hits) != 0 {
		t.Errorf("the search for %q showed %d hits after the next keystroke", first.query, len(first.hits))
	}
	if u.search.query != "login" || !slices.Contains(texts(u.body), u.search.head.Text) || len(u.search.hits) == 0 {
		t.Errorf("the search shown is %q with %d hits", u.search.query, len(u.search.hits))
	}
}

// Switching journals while a load runs on the old one is safe (run with
// -race): the load keeps the journal it started on, its result is dropped,
// and the window shows the new journal.
func TestSwitchJournalDuringALoad(t *testing.T) {
	u := newLargeUI(t)
	u.showTab(u.services[0].ID, tabSummary)
	u.show(0)
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	u.switchJournal(fresh)
	settle(u)
	if u.db.Path() != fresh {
		t.Fatalf("journal in use = %s", u.db.Path())
	}
	if shown := texts(u.body); !slices.Contains(shown, "Welcome to Lapse") {
		t.Errorf("after the switch the body shows %q", shown)
	}
}

// canvasTexts lists every piece of text drawn under o, whatever widget
// draws it (menus, tab headers, entries).
func canvasTexts(o fyne.CanvasObject) []string {
	if o == nil || !o.Visible() {
		return nil
	}
	var out []string
	switch v := o.(type) {
	case *canvas.Text:
		return []string{v.Text}
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, canvasTexts(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, canvasTexts(c)...)
		}
	}
	return out
}
