package ui

import (
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// savedDialog says where an export, a chart or a backup went and offers to open the file or
// the folder that holds it, with the desktop's own applications.
type savedDialog struct {
	open, folder, ok *widget.Button
	dlg              dialog.Dialog
}

// fileURL is the file:// address of a path, for the desktop to open.
func fileURL(path string) *url.URL {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
}

func (u *session) showSaved(title, path string) *savedDialog {
	d := &savedDialog{}
	openURL := func(target *url.URL) {
		if err := u.app.OpenURL(target); err != nil {
			u.showError(err)
		}
	}
	d.open = &widget.Button{Text: lang.X("action.open_file", "Open"), Icon: theme.FileIcon(), Importance: widget.HighImportance,
		OnTapped: func() { d.dlg.Hide(); openURL(fileURL(path)) }}
	d.folder = &widget.Button{Text: lang.X("action.show_in_folder", "Show in folder"), Icon: theme.FolderOpenIcon(),
		OnTapped: func() { d.dlg.Hide(); openURL(fileURL(filepath.Dir(path))) }}
	d.ok = &widget.Button{Text: lang.X("action.ok", "OK"), OnTapped: func() { d.dlg.Hide() }}
	msg := &widget.Label{Text: lang.X("export.saved", "Saved to {{.Path}}", map[string]any{"Path": path}), Wrapping: fyne.TextWrapBreak}
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), d.ok, d.folder, d.open), nil, nil, msg)
	d.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	d.dlg.Resize(fyne.NewSize(520, 180))
	d.dlg.Show()
	return d
}
