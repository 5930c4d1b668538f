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

// restoreState applies the window size and the last selected service.
func (u *UI) restoreState() {
	p := u.app.Preferences()
	w := float32(p.FloatWithFallback(prefWidth, 1100))
	h := float32(p.FloatWithFallback(prefHeight, 720))
	if w < 900 || h < 600 {
		w, h = 1100, 720
	}
	u.win.Resize(fyne.NewSize(w, h))
	u.selected = int64(p.IntWithFallback(prefLastService, 0))
}

// saveState remembers the window size and the selected service.
func (u *UI) saveState() {
	p := u.app.Preferences()
	s := u.win.Canvas().Size()
	if s.Width > 0 && s.Height > 0 {
		p.SetFloat(prefWidth, float64(s.Width))
		p.SetFloat(prefHeight, float64(s.Height))
	}
	p.SetInt(prefLastService, int(u.selected))
}
