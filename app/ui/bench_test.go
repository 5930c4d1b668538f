package ui

import (
	"context"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/benchfloor"
	"lapse/app/demo"
	"lapse/storage"
)

// benchUI opens the window on the cached large journal.
func benchUI(b *testing.B) *UI {
	b.Helper()
	path, err := demo.EnsureLarge(os.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	_ = SetLanguage("en")
	now := func() time.Time { return demo.LargeEpoch }
	db, err := storage.Open(context.Background(), path, storage.Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	u := New(a, db, Options{Now: now})
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	return u
}

// bareWindow is the floor: a Fyne window with one label, shown and drawn.
func bareWindow(b *testing.B) time.Duration {
	b.Helper()
	const runs = 5
	start := time.Now()
	for i := 0; i < runs; i++ {
		w := test.NewWindow(widget.NewLabel("Lapse"))
		w.Resize(fyne.NewSize(1280, 800))
		w.Canvas().Capture()
		w.Close()
	}
	return time.Since(start) / runs
}

// BenchmarkOutagesTab opens a service's Outages tab (about 11,000 outages,
// a virtualised list) and draws the window.
func BenchmarkOutagesTab(b *testing.B) {
	u := benchUI(b)
	floor := bareWindow(b)
	svc := u.services[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.tab = tabOutages
		u.show(svc.ID)
		u.win.Canvas().Capture()
	}
	b.StopTimer()
	if n := len(u.service.outages.outages); n < 10000 {
		b.Fatalf("only %d outages listed", n)
	}
	benchfloor.Report(b, floor, "bare-window")
}

// BenchmarkOverviewScreen builds the Overview (every service's figures,
// reminders, the comparison chart) and draws the window.
func BenchmarkOverviewScreen(b *testing.B) {
	u := benchUI(b)
	floor := bareWindow(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.show(0)
		u.win.Canvas().Capture()
	}
	b.StopTimer()
	benchfloor.Report(b, floor, "bare-window")
}
