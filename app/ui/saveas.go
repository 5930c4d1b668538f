package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefSaveFolder remembers the folder the user last saved into.
const prefSaveFolder = "save.folder"

// saveAsDialog asks for a file name and a folder, and creates nothing.
// Fyne's save dialog creates (truncates) the chosen file before calling
// back, so a failed export would leave an emptied file and "New journal"
// onto an existing journal would empty it; here the caller's write runs
// only once a path is chosen, off the UI thread, and writes atomically.
type saveAsDialog struct {
	win    fyne.Window
	thread uiThread
	prefs  fyne.Preferences

	name   *keyEntry
	folder *widget.Label
	choose *widget.Button
	save   *widget.Button
	form   *fieldForm
	dlg    dialog.Dialog

	replace bool // false: an existing file is refused, never overwritten
	write   func(ctx context.Context, path string) error
	done    func(path string)
	cancel  context.CancelFunc
}

// saveAs describes one save: its title, the suggested file name, whether an
// existing file may be replaced, the write (run off the UI thread; it must
// leave an existing file as it was when it fails) and what follows success.
type saveAs struct {
	title   string
	name    string
	replace bool
	write   func(ctx context.Context, path string) error
	done    func(path string)
}

// newSaveAsDialog builds the dialog; show opens it.
func newSaveAsDialog(win fyne.Window, thread uiThread, prefs fyne.Preferences, s saveAs) *saveAsDialog {
	d := &saveAsDialog{win: win, thread: thread, prefs: prefs, replace: s.replace, write: s.write, done: s.done, form: newFieldForm()}
	d.name = multi(false, "")
	d.name.SetText(s.name)
	d.folder = &widget.Label{Text: d.startFolder(), Truncation: fyne.TextTruncateEllipsis}
	d.choose = &widget.Button{Text: lang.X("action.choose_folder", "Choose folder…"), Icon: theme.FolderOpenIcon(), OnTapped: d.onChooseFolder}
	d.save = &widget.Button{Text: lang.X("action.save", "Save"), Importance: widget.HighImportance, OnTapped: d.onSave}
	d.name.OnSubmitted = func(string) { d.onSave() }
	d.form.add("name", lang.X("saveas.name", "File name"), d.name)
	d.form.add("folder", lang.X("saveas.folder", "Folder"), container.NewBorder(nil, nil, nil, d.choose, d.folder))
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { d.dlg.Hide() }}
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, d.save), nil, nil, d.form.content())
	d.dlg = dialog.NewCustomWithoutButtons(s.title, content, win)
	// Closing the dialog abandons a write still running: its result is dropped.
	d.dlg.SetOnClosed(func() {
		if d.cancel != nil {
			d.cancel()
		}
	})
	d.dlg.Resize(fyne.NewSize(620, 220))
	(&formKeys{submit: d.onSave, cancel: d.dlg.Hide}).bind(content)
	return d
}

func (d *saveAsDialog) show() { d.dlg.Show() }

// startFolder is the folder last saved into, else the home folder.
func (d *saveAsDialog) startFolder() string {
	if f := d.prefs.String(prefSaveFolder); f != "" {
		if fi, err := os.Stat(f); err == nil && fi.IsDir() {
			return f
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}

func (d *saveAsDialog) onChooseFolder() {
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			d.form.show(err)
			return
		}
		if dir != nil {
			d.folder.SetText(dir.Path())
		}
	}, d.win)
	if start, err := fynestorage.ListerForURI(fynestorage.NewFileURI(d.folder.Text)); err == nil {
		fd.SetLocation(start)
	}
	fd.Show()
}

// onSave checks the chosen path, asks before replacing a file, then writes.
func (d *saveAsDialog) onSave() {
	name := strings.TrimSpace(d.name.Text)
	if name == "" || strings.ContainsRune(name, os.PathSeparator) || name == "." || name == ".." {
		d.form.showMessage("name", lang.X("saveas.bad_name", "Type a file name (without a folder)."))
		return
	}
	path := filepath.Join(d.folder.Text, name)
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.IsDir():
		d.form.showMessage("name", lang.X("saveas.is_folder", "{{.Name}} is a folder: choose another name.", map[string]any{"Name": name}))
	case err == nil && !d.replace:
		d.form.showMessage("name", lang.X("saveas.exists", "{{.Name}} already exists and is left as it is: choose another name.", map[string]any{"Name": name}))
	case err == nil:
		dialog.ShowConfirm(lang.X("saveas.replace_title", "Replace the file?"),
			lang.X("saveas.replace", "{{.Name}} already exists. Replace it? It keeps its content if saving fails.", map[string]any{"Name": name}),
			func(ok bool) {
				if ok {
					d.start(path)
				}
			}, d.win)
	case !errors.Is(err, os.ErrNotExist):
		d.form.show(err)
	default:
		d.start(path)
	}
}

// start runs the write off the UI thread; its result comes back on it
// unless the dialog was closed meanwhile.
func (d *saveAsDialog) start(path string) {
	d.form.clear()
	d.save.Disable()
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	write := d.write
	d.thread.Go(func() {
		err := write(ctx, path)
		d.thread.Do(func() {
			if ctx.Err() != nil {
				return
			}
			d.save.Enable()
			if err != nil {
				d.form.show(err)
				return
			}
			d.prefs.SetString(prefSaveFolder, filepath.Dir(path))
			d.cancel = nil
			cancel()
			d.dlg.Hide()
			if d.done != nil {
				d.done(path)
			}
		})
	})
}
