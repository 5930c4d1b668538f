package ui

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/demo"
	"lapse/storage"
)

// benchJournals are the cached large journal and, when LAPSE_BENCH_10X is
// set (`make bench-10x`), the one ten times larger (40 services), measured
// in the same run so the growth from one to the other is reported too.
func benchJournals() []benchJournal {
	list := []benchJournal{{"large", demo.EnsureLarge}}
	if os.Getenv("LAPSE_BENCH_10X") != "" {
		list = append(list, benchJournal{"10x", demo.EnsureHuge})
	}
	return list
}

type benchJournal struct {
	name   string
	ensure func(dir string) (string, error)
}

// benchUI opens the window on the cached large journal, with a queue
// standing for the UI thread, so the time the UI goroutine is busy can be
// told apart from the work done in the background.
func benchUI(b testing.TB) (*UI, *queueThread) {
	return benchUIOn(b, demo.EnsureLarge)
}

func benchUIOn(b testing.TB, ensure func(dir string) (string, error)) (*UI, *queueThread) {
	b.Helper()
	path, err := ensure(os.TempDir())
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
	q := &queueThread{}
	u := New(a, db, Options{Now: now, thread: q})
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	q.settle()
	return u, q
}

// uiBusy runs a navigation, applies the results of the work it started and
// draws the window once they are all in. It returns the time the UI
// goroutine was busy, and of that the time spent drawing the final frame:
// the background work it waits for is not counted.
func uiBusy(u *UI, q *queueThread, navigate func()) (busy, draw time.Duration) {
	start := time.Now()
	navigate()
	busy = time.Since(start)
	for {
		q.running.Wait() // background work: not the UI thread's time
		q.mu.Lock()
		applies := q.queue
		q.queue = nil
		q.mu.Unlock()
		start = time.Now()
		if len(applies) == 0 {
			u.win.Canvas().Capture()
			draw = time.Since(start)
			return busy + draw, draw
		}
		for _, f := range applies {
			f()
		}
		busy += time.Since(start)
	}
}

// bareWindow is the floor: a Fyne window with one label, shown and drawn.
func bareWindow() time.Duration {
	start := time.Now()
	w := test.NewWindow(widget.NewLabel("Lapse"))
	w.Resize(fyne.NewSize(1280, 800))
	w.Canvas().Capture()
	w.Close()
	return time.Since(start)
}

// onLarge keeps each navigation's UI time on the large journal, for the
// 10x journal's growth.
var onLarge = map[string]time.Duration{}

// benchNavigation runs a navigation on each journal (sub-benchmarks
// "large" and, with LAPSE_BENCH_10X, "10x", which also reports its UI time
// as a multiple of the large one's: x-large).
func benchNavigation(b *testing.B, reset, navigate func(u *UI)) {
	for _, j := range benchJournals() {
		b.Run(j.name, func(b *testing.B) {
			busy := benchNavigationOn(b, j.ensure, reset, navigate)
			base := strings.TrimSuffix(b.Name(), "/"+j.name)
			if j.name == "large" {
				onLarge[base] = busy
			} else if large, ok := onLarge[base]; ok {
				b.ReportMetric(float64(busy)/float64(large), "x-large")
			}
		})
	}
}

// benchNavigationOn reports the UI thread's time per navigation and its
// ratio to the bare window, measured in turn with it so both see the same
// machine; reset runs untimed before each navigation. On a busy machine
// the fastest run of each is the closest to its cost, so the ratio is of
// the minimums; "code-ms" is the UI thread's time outside drawing.
func benchNavigationOn(b *testing.B, ensure func(string) (string, error), reset, navigate func(u *UI)) time.Duration {
	u, q := benchUIOn(b, ensure)
	var busy, code, floor time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if reset != nil {
			reset(u)
			q.settle()
		}
		fl := bareWindow()
		bu, dr := uiBusy(u, q, func() { navigate(u) })
		if i == 0 || fl < floor {
			floor = fl
		}
		if i == 0 || bu < busy {
			busy = bu
		}
		if i == 0 || bu-dr < code {
			code = bu - dr
		}
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(busy), "ui-ms")
	b.ReportMetric(ms(code), "code-ms")
	b.ReportMetric(ms(floor), "floor-ms")
	b.ReportMetric(float64(busy)/float64(floor), "x-bare-window")
	return busy
}

// BenchmarkUIOverview opens the Overview (every service's figures,
// reminders, the comparison chart) from a service.
func BenchmarkUIOverview(b *testing.B) {
	benchNavigation(b, func(u *UI) { u.show(u.services[0].ID) }, func(u *UI) { u.show(0) })
}

// BenchmarkUIService opens a service from the Overview on each tab: Summary
// (figures, verdict, 3 charts), Outages (≈11,000 rows, virtualised),
// Support (≈1,200 tickets with their messages), Plan.
func BenchmarkUIService(b *testing.B) {
	for _, tab := range []struct {
		name  string
		index int
	}{{"summary", tabSummary}, {"outages", tabOutages}, {"support", tabSupport}, {"plan", tabPlan}} {
		b.Run(tab.name, func(b *testing.B) {
			benchNavigation(b, func(u *UI) { u.show(0) }, func(u *UI) { u.showTab(u.services[0].ID, tab.index) })
		})
	}
}

// BenchmarkUITicketThread opens the newest ticket's thread from the list.
func BenchmarkUITicketThread(b *testing.B) {
	benchNavigation(b, func(u *UI) {
		if u.service == nil || u.service.support == nil {
			u.showTab(u.services[0].ID, tabSupport)
			return
		}
		u.service.support.showList()
	}, func(u *UI) {
		s := u.service.support
		s.openThread(s.tickets[0].ID)
	})
}

// BenchmarkUISearchLetter types one letter into the search box: "lo" then "g".
func BenchmarkUISearchLetter(b *testing.B) {
	benchNavigation(b, func(u *UI) { u.toolbar.search.SetText("lo") }, func(u *UI) { test.Type(u.toolbar.search, "g") })
}
