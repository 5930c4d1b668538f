package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"lapse/app/demo"
	"lapse/storage"
)

// TestFormScreenshots renders the forms at 800×600 into $LAPSE_SCREENSHOTS
// (make screenshots), in English and Japanese: a date error with its full
// form, the zone beside the fields, the calendar, Down now from the
// Overview and the shortcuts help.
func TestFormScreenshots(t *testing.T) {
	forEachScreenshotLanguage(t, renderForms)
}

func renderForms(t *testing.T, dir, lng string) {
	a := test.NewTempApp(t)
	if err := SetLanguage(lng); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetLanguage("en") })
	now := func() time.Time { return fixedNow }
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), storage.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, _ := db.Settings(ctx)
	s.TimeZone = map[string]string{"en": "Europe/London", "ja": "Asia/Tokyo"}[lng]
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := demo.Fill(ctx, db, demo.Small, lng, fixedNow); err != nil {
		t.Fatal(err)
	}
	q := &queueThread{}
	u := New(a, db, Options{Now: now, thread: q})
	u.win.Resize(fyne.NewSize(800, 600))
	u.win.Show()
	defer u.win.Close()
	q.settle() // the journal's records
	shot := func(name string) {
		t.Helper()
		q.settle()
		// The desktop driver lays out again each frame what changed size
		// (an error line shown); the test canvas paints as it is.
		for _, o := range append([]fyne.CanvasObject{u.win.Content()}, u.win.Canvas().Overlays().List()...) {
			walkRendered(o, func(o fyne.CanvasObject) {
				if c, ok := o.(*fyne.Container); ok {
					c.Refresh()
				}
			})
		}
		writePNG(t, filepath.Join(dir, lng+"-800-"+name+".png"), u.win.Canvas().Capture())
	}
	svc := u.services[0]
	u.showTab(svc.ID, tabOutages)
	q.settle()
	f := u.service.outages.onAdd()
	f.title.SetText("Cannot log in")
	f.end.entry.SetText("2024-13-01 9:00")
	f.onSave()
	shot("outage-form-error")
	f.start.onPick()
	shot("outage-form-calendar")
	f.start.popup.Hide()
	f.dlg.Hide()

	u.show(0)
	q.settle()
	u.openDownNow()
	shot("down-now")
	u.cancelTopForm()
	u.openHelp()
	shot("help")
}
