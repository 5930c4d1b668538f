package ui

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"lapse/app/charts"
	"lapse/app/review"
	"lapse/app/words"
)

// TestScreenshots renders the main screens from the demo journal into
// $LAPSE_SCREENSHOTS (make screenshots), in English and Japanese.
func TestScreenshots(t *testing.T) {
	forEachScreenshotLanguage(t, renderScreens)
}

// forEachScreenshotLanguage runs render in English and Japanese into the
// folder named by $LAPSE_SCREENSHOTS, and skips when it is not set.
func forEachScreenshotLanguage(t *testing.T, render func(t *testing.T, dir, lng string)) {
	dir := os.Getenv("LAPSE_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LAPSE_SCREENSHOTS to a folder to render the screens")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, lng := range []string{"en", "ja"} {
		t.Run(lng, func(t *testing.T) { render(t, dir, lng) })
	}
}

// writePNG writes img to path as PNG.
func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func renderScreens(t *testing.T, dir, lng string) {
	a, db := demoJournal(t, lng, map[string]string{"en": "Europe/London", "ja": "Asia/Tokyo"}[lng])
	now := func() time.Time { return fixedNow }
	q := &queueThread{}
	u := New(a, db, Options{Now: now, thread: q})
	u.win.Resize(fyne.NewSize(1280, 820))
	u.win.Show()
	defer u.win.Close()

	shot := func(name string) {
		t.Helper()
		// Loads finish, charts draw once laid out, and again at their final
		// size once the layout settles.
		q.settle()
		u.win.Canvas().Capture()
		q.settle()
		time.Sleep(400 * time.Millisecond)
		q.settle()
		writePNG(t, filepath.Join(dir, lng+"-"+name+".png"), u.win.Canvas().Capture())
	}
	shot("overview")
	chat := u.services[1] // alphabetical: Boxdrive, Parley AI, ...
	for _, svc := range u.services {
		if svc.Website == "https://parley.example" {
			chat = svc
		}
	}
	for _, tab := range []struct {
		index int
		name  string
	}{{tabSummary, "summary"}, {tabOutages, "outages"}, {tabSupport, "support"}, {tabPlan, "plan"}} {
		u.showTab(chat.ID, tab.index)
		q.settle()
		if tab.index == tabSupport && len(u.service.support.tickets) > 0 {
			u.service.support.openThread(u.service.support.tickets[0].ID)
		}
		shot(tab.name)
	}
	if lng == "en" {
		readmeChart(t, filepath.Join(dir, "..", "chart-cost-downtime.png"), u, chat.ID)
	}
	settings := u.openSettings()
	shot("settings")
	settings.dlg.Hide()

	// The smallest window people use: nothing may overlap or be cut.
	u.win.Resize(fyne.NewSize(800, 600))
	u.show(0)
	shot("overview-800x600")
	u.showTab(chat.ID, tabSummary)
	shot("summary-800x600")

	// The test driver's system theme is dark; the light theme as chosen in Settings.
	a.Preferences().SetString(prefTheme, "light")
	u.rebuild()
	u.win.Resize(fyne.NewSize(1280, 820))
	u.show(0)
	shot("overview-light")
	u.showTab(chat.ID, tabSummary)
	shot("summary-light")
}

// readmeChart saves the service's cost and downtime chart for the README.
func readmeChart(t *testing.T, path string, u *UI, serviceID int64) {
	t.Helper()
	r, err := review.Build(u.ctx, u.db, review.Options{ServiceIDs: []int64{serviceID}, AsOf: u.now(), Location: u.loc})
	if err != nil {
		t.Fatal(err)
	}
	labels := review.ChartLabels(words.EN)
	labels.Title = words.T(words.EN, "chart.cost_downtime")
	monthly := r.Monthly(&r.Services[0], words.EN)
	if err := writeChart(path, func(w, h int, f charts.Format, _ bool) ([]byte, error) {
		return charts.CostDowntime(monthly, labels, w, h, f)
	}); err != nil {
		t.Fatal(err)
	}
}
