package ui

import (
	"context"
	"os"
	"os/exec"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// setupTray puts Lapse in the system tray where the desktop has one: "Down
// now" per service, "It's back" for ongoing outages, and "Open Lapse".
// With the setting on, closing the window keeps Lapse running there.
func (u *UI) setupTray() {
	d, ok := u.app.(desktop.App)
	if !ok || !trayAvailable() {
		return
	}
	u.trayApp = d
	u.refreshTray()
	u.win.SetCloseIntercept(func() {
		u.saveState()
		if u.settings.KeepInTray {
			u.win.Hide()
			return
		}
		u.app.Quit() // with a tray icon, closing the last window alone would not end Lapse
	})
}

// startTray puts Lapse in the system tray before the app runs (Fyne starts
// the tray only then), with "Open Lapse" alone until the journal is open;
// until then closing the window quits.
func startTray(d desktop.App, win fyne.Window) {
	d.SetSystemTrayMenu(fyne.NewMenu("Lapse", openLapseItem(win)))
	d.SetSystemTrayIcon(appIcon)
	win.SetCloseIntercept(fyne.CurrentApp().Quit)
}

// openLapseItem is the tray's "Open Lapse": it shows the window.
func openLapseItem(win fyne.Window) *fyne.MenuItem {
	return fyne.NewMenuItem(lang.X("tray.open", "Open Lapse"), func() { win.Show(); win.RequestFocus() })
}

// refreshTray rebuilds the tray menu after services or outages changed.
func (u *UI) refreshTray() {
	if u.trayApp == nil {
		return
	}
	var items []*fyne.MenuItem
	items = append(items, openLapseItem(u.win))
	items = append(items, fyne.NewMenuItemSeparator())
	for _, s := range u.services {
		s := s
		if u.ongoing[s.ID] {
			items = append(items, fyne.NewMenuItem(lang.X("tray.back", "It's back: {{.Name}}", map[string]any{"Name": s.Name}), func() { u.endOutageOf(s.ID) }))
			continue
		}
		items = append(items, fyne.NewMenuItem(lang.X("tray.down", "Down now: {{.Name}}", map[string]any{"Name": s.Name}), func() { u.startOutageOf(s.ID) }))
	}
	u.trayApp.SetSystemTrayMenu(fyne.NewMenu("Lapse", items...))
	u.trayApp.SetSystemTrayIcon(appIcon)
}

// startOutageOf and endOutageOf are the tray's one-click "Down now" and "It's back".
func (u *UI) startOutageOf(serviceID int64) {
	db := u.db
	u.write(func(ctx context.Context) error {
		_, err := db.StartOutage(ctx, serviceID, "")
		return err
	}, u.afterTrayWrite)
}

func (u *UI) endOutageOf(serviceID int64) {
	db := u.db
	u.write(func(ctx context.Context) error {
		o, err := db.OngoingOutage(ctx, serviceID)
		if err == nil {
			_, err = db.EndOutage(ctx, o.ID)
		}
		return err
	}, u.afterTrayWrite)
}

// afterTrayWrite shows a tray action's error, or what it changed.
func (u *UI) afterTrayWrite(err error) {
	if err != nil {
		u.showError(err)
		return
	}
	u.refresh()
}

// trayAvailable reports whether a system tray can be reached. On Linux and
// the BSDs the tray speaks D-Bus; without a session bus Fyne's systray fails
// to connect and then crashes when the app quits (a nil connection), so
// Lapse goes without a tray there.
func trayAvailable() bool {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
			return true
		}
		_, err := exec.LookPath("dbus-launch")
		return err == nil
	}
	return true
}
