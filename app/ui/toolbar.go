package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/storage"
)

// toolbar holds the actions available from every screen.
type toolbar struct {
	ses      *session
	downBtn  *widget.Button
	export   *widget.Button
	importBt *widget.Button
	search   *widget.Entry
	trashBtn *widget.Button
	settings *widget.Button
	help     *widget.Button
	onSearch func(query string)
	onHelp   func()
}

func newToolbar(u *session, onSearch func(query string), onHelp func()) *toolbar {
	return &toolbar{ses: u, onSearch: onSearch, onHelp: onHelp}
}

func (t *toolbar) build() fyne.CanvasObject {
	t.downBtn = &widget.Button{Text: lang.X("action.down_now", "Down now"), Icon: theme.MediaRecordIcon(), Importance: widget.DangerImportance, OnTapped: func() { t.ses.openDownNow() }}
	t.export = &widget.Button{Text: lang.X("action.export", "Export…"), Icon: theme.DocumentSaveIcon(), OnTapped: func() { t.ses.openExport() }}
	t.importBt = &widget.Button{Text: lang.X("action.import_menu", "Import…"), Icon: theme.DownloadIcon(), Importance: widget.LowImportance, OnTapped: func() { t.ses.openImport() }}
	t.search = &widget.Entry{PlaceHolder: lang.X("hint.search", "Search everything (Ctrl+F)")}
	t.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	t.search.OnSubmitted = t.onSearch
	t.search.OnChanged = t.onSearch // each keystroke supersedes the search before
	t.search.ExtendBaseWidget(t.search)
	t.trashBtn = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { t.ses.openTrash() }}
	t.settings = &widget.Button{Icon: theme.SettingsIcon(), Importance: widget.LowImportance, OnTapped: func() { t.ses.openSettings() }}
	t.help = &widget.Button{Icon: theme.HelpIcon(), Importance: widget.LowImportance, OnTapped: t.onHelp}
	right := container.NewHBox(container.NewGridWrap(fyne.NewSize(280, t.search.MinSize().Height), t.search), t.trashBtn, t.settings, t.help)
	return container.NewPadded(container.NewBorder(nil, nil, container.NewHBox(t.downBtn, t.export, t.importBt), right, layout.NewSpacer()))
}

// shortcut is a keyboard shortcut with what it does, for the help dialog.
type shortcut struct {
	key    fyne.KeyName
	mod    fyne.KeyModifier
	label  string
	action func()
}

func (u *UI) shortcuts() []shortcut {
	return []shortcut{
		{fyne.KeyD, fyne.KeyModifierShortcutDefault, lang.X("shortcut.down_now", "Down now: log an outage that starts now"), func() { u.openDownNow() }},
		{fyne.KeyF, fyne.KeyModifierShortcutDefault, lang.X("shortcut.search", "Search"), func() { u.win.Canvas().Focus(u.toolbar.search) }},
		{fyne.KeyN, fyne.KeyModifierShortcutDefault, lang.X("shortcut.add_service", "Add a service"), func() { newServiceForm(u.session, nil).open() }},
		{fyne.KeyE, fyne.KeyModifierShortcutDefault, lang.X("shortcut.export", "Export a summary"), func() { u.openExport() }},
		{fyne.KeyI, fyne.KeyModifierShortcutDefault, lang.X("shortcut.import", "Import subscriptions, incidents or e-mails"), func() { u.openImport() }},
		{fyne.KeyComma, fyne.KeyModifierShortcutDefault, lang.X("shortcut.settings", "Settings"), func() { u.openSettings() }},
		{fyne.KeyT, fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift, lang.X("shortcut.trash", "Trash"), func() { u.openTrash() }},
		{fyne.KeyZ, fyne.KeyModifierShortcutDefault, lang.X("shortcut.undo", "Undo the last delete"), func() { u.undo.onUndo() }},
		{fyne.KeyF1, 0, lang.X("shortcut.help", "Keyboard shortcuts"), u.openHelp},
	}
}

// registerShortcuts binds every shortcut to the window, in one place. Keys
// typed with nothing focused reach the window: Escape cancels the topmost form.
func (u *UI) registerShortcuts() {
	var plain []shortcut
	for _, s := range u.shortcuts() {
		s := s
		if s.mod == 0 {
			plain = append(plain, s)
			continue
		}
		u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: s.key, Modifier: s.mod}, func(fyne.Shortcut) { s.action() })
		if s.key == fyne.KeyZ && s.mod == fyne.KeyModifierShortcutDefault {
			// The desktop driver sends Ctrl+Z as the standard Undo, not as a custom shortcut.
			u.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { s.action() })
		}
	}
	u.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			u.session.cancelTopForm()
			return
		}
		for _, s := range plain {
			if e.Name == s.key {
				s.action()
			}
		}
	})
}

// openHelp lists the keyboard shortcuts.
func (u *UI) openHelp() {
	grid := container.New(layout.NewFormLayout())
	for _, s := range u.shortcuts() {
		grid.Add(&widget.Label{Text: keyText(s), TextStyle: fyne.TextStyle{Monospace: true}})
		grid.Add(widget.NewLabel(s.label))
	}
	for _, k := range []struct{ key, label string }{
		{"Enter", lang.X("shortcut.enter", "Save the form, from a one-line field or a choice")},
		{"Ctrl+Enter", lang.X("shortcut.ctrl_enter", "Save the form, from a field of several lines")},
		{"Esc", lang.X("shortcut.escape", "Close the dialog without saving")},
		{"Tab / Shift+Tab", lang.X("shortcut.tab", "Next / previous field")},
	} {
		grid.Add(&widget.Label{Text: k.key, TextStyle: fyne.TextStyle{Monospace: true}})
		grid.Add(widget.NewLabel(k.label))
	}
	dialog.ShowCustom(lang.X("dialog.shortcuts", "Keyboard shortcuts"), lang.X("action.close", "Close"), grid, u.win)
}

func keyText(s shortcut) string {
	prefix := ""
	if s.mod&fyne.KeyModifierShortcutDefault != 0 {
		prefix = "Ctrl+"
	}
	if s.mod&fyne.KeyModifierShift != 0 {
		prefix += "Shift+"
	}
	name := string(s.key)
	if s.key == fyne.KeyComma {
		name = ","
	}
	return prefix + name
}

// downNowDialog logs an outage that starts now, in one action: from a
// service's screen that service is chosen and Enter starts it; from the
// Overview the service with the most recent outage is chosen, and said.
type downNowDialog struct {
	ses     *session
	service *keySelect
	why     *widget.Label // which service was chosen for the user, and why
	note    *keyEntry
	start   *widget.Button
	dlg     dialog.Dialog
	load    loader // the most recent outage, from the Overview
}

// openDownNow asks which service is down; the outage starts when it opens.
func (u *session) openDownNow() *downNowDialog {
	if len(u.services) == 0 {
		dialog.ShowInformation(lang.X("action.down_now", "Down now"), lang.X("down.no_services", "Add a service first."), u.win)
		return nil
	}
	d := &downNowDialog{ses: u, load: loader{thread: u.thread}}
	names := make([]string, len(u.services))
	for i, s := range u.services {
		names[i] = s.Name
	}
	d.service = newKeySelect(names, nil)
	d.why = &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	d.why.Hide()
	if svc := u.serviceByID(u.selected); svc != nil {
		d.service.SetSelected(svc.Name)
	} else {
		d.service.SetSelectedIndex(0)
		d.preselectLastDown()
	}
	d.note = multi(false, lang.X("hint.down_note", "What is wrong? (optional, one line)"))
	d.start = &widget.Button{Text: lang.X("action.start_outage", "It's down — start now"), Importance: widget.DangerImportance, OnTapped: d.onStart}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { d.dlg.Hide() }}
	content := container.NewVBox(d.service, d.why, d.note, container.NewHBox(layout.NewSpacer(), cancel, d.start))
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.down_now", "Which service is down?"), content, u.win)
	d.dlg.SetOnClosed(d.load.stop)
	d.dlg.Resize(fyne.NewSize(460, 220))
	d.dlg.Show()
	u.bindKeys(d.dlg, content, d.onStart)
	u.win.Canvas().Focus(d.note)
	return d
}

// preselectLastDown chooses the service whose outage started last, of those
// not down already, unless the user chose one meanwhile.
func (d *downNowDialog) preselectLastDown() {
	db, since, first := d.ses.db, d.ses.now().AddDate(-1, 0, 0), d.service.Selected
	down := map[int64]bool{} // already down: another outage cannot start for them
	for id, on := range d.ses.ongoing {
		down[id] = on
	}
	d.load.start(func(ctx context.Context) func() {
		outs, err := db.Outages(ctx, storage.OutageFilter{From: &since})
		if err != nil {
			return nil // the first service stays chosen
		}
		var last *journal.Outage
		for _, o := range outs {
			if !down[o.ServiceID] && (last == nil || o.Start.After(last.Start)) {
				last = o
			}
		}
		if last == nil {
			return nil
		}
		return func() {
			svc := d.ses.serviceByID(last.ServiceID)
			if svc == nil || d.service.Selected != first {
				return
			}
			d.service.SetSelected(svc.Name)
			d.service.OnChanged = func(string) { d.why.Hide() }
			d.why.SetText(lang.X("down.preselected", "{{.Service}} is chosen: its outage of {{.Start}} is the most recent.",
				map[string]any{"Service": svc.Name, "Start": d.ses.formatTime(last.Start)}))
			d.why.Show()
		}
	}, nil)
}

func (d *downNowDialog) onStart() {
	idx := d.service.SelectedIndex()
	if idx < 0 {
		return
	}
	svc, note, db := d.ses.services[idx], d.note.Text, d.ses.db
	d.ses.submit(d.start, func(ctx context.Context) error {
		_, err := db.StartOutage(ctx, svc.ID, note)
		return err
	}, func(err error) {
		if err != nil {
			d.ses.showError(err)
			return
		}
		d.dlg.Hide()
		d.ses.reloadThen(func() { d.ses.showTab(svc.ID, tabOutages) })
	})
}
