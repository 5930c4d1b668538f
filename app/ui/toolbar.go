package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

// registerShortcuts binds every shortcut to the window, in one place.
func (u *UI) registerShortcuts() {
	for _, s := range u.shortcuts() {
		s := s
		if s.mod == 0 {
			u.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
				if e.Name == s.key {
					s.action()
				}
			})
			continue
		}
		u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: s.key, Modifier: s.mod}, func(fyne.Shortcut) { s.action() })
	}
}

// openHelp lists the keyboard shortcuts.
func (u *UI) openHelp() {
	grid := container.New(layout.NewFormLayout())
	for _, s := range u.shortcuts() {
		grid.Add(&widget.Label{Text: keyText(s), TextStyle: fyne.TextStyle{Monospace: true}})
		grid.Add(widget.NewLabel(s.label))
	}
	grid.Add(&widget.Label{Text: "Enter", TextStyle: fyne.TextStyle{Monospace: true}})
	grid.Add(widget.NewLabel(lang.X("shortcut.enter", "Save the form you are typing in")))
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

// downNowDialog logs an outage that starts now, in one action.
type downNowDialog struct {
	ses     *session
	service *widget.Select
	note    *widget.Entry
	start   *widget.Button
	dlg     dialog.Dialog
}

// openDownNow asks which service is down; the outage starts when it opens.
func (u *session) openDownNow() *downNowDialog {
	if len(u.services) == 0 {
		dialog.ShowInformation(lang.X("action.down_now", "Down now"), lang.X("down.no_services", "Add a service first."), u.win)
		return nil
	}
	d := &downNowDialog{ses: u}
	names := make([]string, len(u.services))
	for i, s := range u.services {
		names[i] = s.Name
	}
	d.service = widget.NewSelect(names, nil)
	if svc := u.serviceByID(u.selected); svc != nil {
		d.service.SetSelected(svc.Name)
	} else {
		d.service.SetSelectedIndex(0)
	}
	d.note = &widget.Entry{PlaceHolder: lang.X("hint.down_note", "What is wrong? (optional, one line)")}
	d.note.ExtendBaseWidget(d.note)
	d.note.OnSubmitted = func(string) { d.onStart() }
	d.start = &widget.Button{Text: lang.X("action.start_outage", "It's down — start now"), Importance: widget.DangerImportance, OnTapped: d.onStart}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { d.dlg.Hide() }}
	content := container.NewVBox(d.service, d.note, container.NewHBox(layout.NewSpacer(), cancel, d.start))
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.down_now", "Which service is down?"), content, u.win)
	d.dlg.Resize(fyne.NewSize(460, 200))
	d.dlg.Show()
	u.win.Canvas().Focus(d.note)
	return d
}

func (d *downNowDialog) onStart() {
	idx := d.service.SelectedIndex()
	if idx < 0 {
		return
	}
	svc := d.ses.services[idx]
	if _, err := d.ses.db.StartOutage(d.ses.ctx, svc.ID, d.note.Text); err != nil {
		d.ses.showError(err)
		return
	}
	d.dlg.Hide()
	d.ses.reload()
	d.ses.tab = tabOutages
	d.ses.show(svc.ID)
}
