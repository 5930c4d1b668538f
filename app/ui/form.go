package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// fieldForm lays out labelled fields with an error line under each, so an
// error coming back from validation or storage is shown next to its field.
type fieldForm struct {
	grid   *fyne.Container
	fields map[string]*formField
	banner *widget.Label // errors that name no field
}

type formField struct {
	widget fyne.CanvasObject
	err    *widget.Label
	label  fyne.CanvasObject // the row's label
	cell   fyne.CanvasObject // the widget with its error line
}

func newFieldForm() *fieldForm {
	banner := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	banner.Hide()
	return &fieldForm{
		grid:   container.New(layout.NewFormLayout()),
		fields: map[string]*formField{},
		banner: banner,
	}
}

// add appends a field; key is the journal field name validation uses.
func (f *fieldForm) add(key, label string, w fyne.CanvasObject) {
	errLabel := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	errLabel.Hide()
	fld := &formField{widget: w, err: errLabel,
		label: &widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}}, cell: container.NewVBox(w, errLabel)}
	f.fields[key] = fld
	f.grid.Add(fld.label)
	f.grid.Add(fld.cell)
}

// showRow shows or hides a field together with its label, for fields that
// only apply to some choices (a refund's amount, an import's ticket).
func (f *fieldForm) showRow(key string, visible bool) {
	fld, ok := f.fields[key]
	if !ok {
		return
	}
	for _, o := range []fyne.CanvasObject{fld.label, fld.cell} {
		if visible {
			o.Show()
		} else {
			o.Hide()
		}
	}
	f.grid.Refresh()
}

func (f *fieldForm) content() fyne.CanvasObject {
	return container.NewVBox(f.banner, f.grid)
}

// clear hides every error.
func (f *fieldForm) clear() {
	for _, fld := range f.fields {
		fld.err.SetText("")
		fld.err.Hide()
	}
	f.banner.SetText("")
	f.banner.Hide()
}

// show puts err next to the field it names (or in the banner) and reports
// whether there was an error to show.
func (f *fieldForm) show(err error) bool {
	f.clear()
	if err == nil {
		return false
	}
	if fe := journal.FieldError(err); fe != nil {
		if fld, ok := f.fields[fe.Field]; ok {
			fld.err.SetText(errorText(fe))
			fld.err.Show()
			if e, ok := fld.widget.(fyne.Focusable); ok {
				if c := fyne.CurrentApp().Driver().CanvasForObject(fld.widget); c != nil {
					c.Focus(e)
				}
			}
			return true
		}
	}
	f.banner.SetText(errorText(err))
	f.banner.Show()
	return true
}

// showMessage puts a message already in the user's language under a field.
func (f *fieldForm) showMessage(key, text string) {
	f.clear()
	if fld, ok := f.fields[key]; ok {
		fld.err.SetText(text)
		fld.err.Show()
		return
	}
	f.banner.SetText(text)
	f.banner.Show()
}

// errorOf returns the error currently shown for a field ("" if none); tests use it.
func (f *fieldForm) errorOf(key string) string {
	if fld, ok := f.fields[key]; ok && fld.err.Visible() {
		return fld.err.Text
	}
	return ""
}

// emptyState places a wrapping sentence across the top of an empty list.
// (Centred, a wrapping label shrinks to one character per line and makes
// the window grow to thousands of pixels.)
func emptyState(l *widget.Label) fyne.CanvasObject {
	return container.NewVBox(container.NewPadded(l))
}
