package ui

import (
	"fyne.io/fyne/v2"
)

// Preference keys for what Lapse remembers between runs.
const (
	prefWidth       = "window.width"
	prefHeight      = "window.height"
	prefLastService = "last_service"
)

// restoreSize gives the window the size it was left at.
func restoreSize(p fyne.Preferences, win fyne.Window) {
	// 1024×700 fits the smallest screens Lapse is made for; a larger size
	// the user chose is kept.
	w := float32(p.FloatWithFallback(prefWidth, 1024))
	h := float32(p.FloatWithFallback(prefHeight, 700))
	if w < 800 || h < 560 {
		w, h = 1024, 700
	}
	win.Resize(fyne.NewSize(w, h))
}

// restoreState applies the last selected service and the period and
// moment of judgement.
func (u *session) restoreState() {
	u.selected = int64(u.app.Preferences().IntWithFallback(prefLastService, 0))
	u.restoreView()
}

// saveState remembers the window size and the selected service.
func (u *session) saveState() {
	p := u.app.Preferences()
	s := u.win.Canvas().Size()
	if s.Width > 0 && s.Height > 0 {
		p.SetFloat(prefWidth, float64(s.Width))
		p.SetFloat(prefHeight, float64(s.Height))
	}
	p.SetInt(prefLastService, int(u.selected))
}
