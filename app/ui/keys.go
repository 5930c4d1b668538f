package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Every dialog and form gets the same keys from one place (bindKeys):
// Escape cancels, Enter submits from a single-line field or a select,
// Ctrl+Enter submits from a multi-line field, and Tab / Shift+Tab leave a
// multi-line field instead of typing a tab. Fyne sends keys to the focused
// widget only, so fields take part through keyEntry and keySelect; with
// nothing focused the window's key handler cancels the topmost form.

// formKeys is what a dialog does on Enter and Escape.
type formKeys struct {
	submit  func()
	cancel  func()
	overlay fyne.CanvasObject // the dialog on the window's canvas
}

// bindKeys gives every keyEntry and keySelect in content the dialog's keys,
// and lets the window cancel dlg on Escape while it is on top. Call it just
// after dlg.Show. submit may be nil (a dialog with nothing to submit).
// Rows a form adds later bind to the keys it returns.
func (u *session) bindKeys(dlg dialog.Dialog, content fyne.CanvasObject, submit func()) *formKeys {
	k := &formKeys{submit: submit, cancel: dlg.Hide, overlay: u.win.Canvas().Overlays().Top()}
	k.bind(content)
	u.forms = append(u.forms, k)
	dlg.SetOnClosed(func() {
		for i := len(u.forms) - 1; i >= 0; i-- {
			if u.forms[i] == k {
				u.forms = append(u.forms[:i], u.forms[i+1:]...)
				break
			}
		}
	})
	return k
}

// bind gives the keys to every keyEntry and keySelect in content; a form
// outside a dialog (the message composer) binds a submit only. Nil keys
// (a row added before its dialog is shown) bind nothing.
func (k *formKeys) bind(content fyne.CanvasObject) {
	if k == nil {
		return
	}
	walkFields(content, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *keyEntry:
			w.keys = k
		case *keySelect:
			w.keys = k
		case *keySelectEntry:
			w.keys = k
		}
	})
}

// cancelTopForm closes what is on top of the window: a form through its
// Cancel, any other dialog or popup (a confirmation, the calendar) by hiding
// it. False when nothing is open.
func (u *session) cancelTopForm() bool {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	for i := len(u.forms) - 1; i >= 0; i-- {
		if u.forms[i].overlay == top {
			u.forms[i].cancel()
			return true
		}
	}
	top.Hide()
	return true
}

// walkFields visits the objects of content, into containers and scrolls.
func walkFields(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walkFields(child, visit)
		}
	case *container.Scroll:
		walkFields(c.Content, visit)
	case *widget.Entry:
		if c.ActionItem != nil {
			walkFields(c.ActionItem, visit)
		}
	case *keyEntry:
		if c.ActionItem != nil {
			walkFields(c.ActionItem, visit)
		}
	}
}

// entryKey handles the dialog keys for a single-line field; false when the
// field should take the key itself.
func entryKey(o fyne.CanvasObject, keys *formKeys, submits bool, ev *fyne.KeyEvent) bool {
	switch {
	case ev.Name == fyne.KeyEscape && keys != nil && keys.cancel != nil:
		keys.cancel()
	case isEnter(ev.Name) && submits && keys != nil && keys.submit != nil:
		keys.submit()
	default:
		return windowKey(o, ev)
	}
	return true
}

// isEnter says whether a key submits (Return on the main keys, Enter on the keypad).
func isEnter(name fyne.KeyName) bool {
	return name == fyne.KeyReturn || name == fyne.KeyEnter
}

// keyEntry is a text field that knows its dialog's keys.
type keyEntry struct {
	widget.Entry
	keys *formKeys // nil outside a dialog
}

func newKeyEntry(multiLine bool, placeholder string) *keyEntry {
	e := &keyEntry{}
	e.MultiLine = multiLine
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false so that Tab and Shift+Tab move the focus out, even of
// a multi-line field.
func (e *keyEntry) AcceptsTab() bool { return false }

func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if !entryKey(e, e.keys, !e.MultiLine && e.OnSubmitted == nil, ev) {
		e.Entry.TypedKey(ev)
	}
}

// windowKey hands a key no field uses (F1) to the window's key handler, which
// only gets keys typed with nothing focused.
func windowKey(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyF1 {
		return false
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
	}
	return true
}

// TypedShortcut submits on Ctrl+Enter and hands the window's own shortcuts
// (Ctrl+D, Ctrl+F…) to the window, which a plain entry would swallow.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if !entryShortcut(e, e.keys, s) {
		e.Entry.TypedShortcut(s)
	}
}

// entryShortcut handles Ctrl+Enter and the window's shortcuts for a field;
// false for the field's own (copy, paste, undo…).
func entryShortcut(o fyne.CanvasObject, keys *formKeys, s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	switch cs.KeyName {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd, fyne.KeyBackspace, fyne.KeyDelete:
		return false // the field's own: moving and deleting by word
	}
	if isEnter(cs.KeyName) && cs.Modifier&fyne.KeyModifierShortcutDefault != 0 {
		if keys != nil && keys.submit != nil {
			keys.submit()
		}
		return true
	}
	if c, ok := fyne.CurrentApp().Driver().CanvasForObject(o).(interface{ TypedShortcut(fyne.Shortcut) }); ok {
		c.TypedShortcut(s)
	}
	return true
}

// keySelectEntry is a field with suggestions (a currency, a time zone) that
// knows its dialog's keys.
type keySelectEntry struct {
	widget.SelectEntry
	keys *formKeys
}

func newKeySelectEntry(options []string) *keySelectEntry {
	e := &keySelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

func (e *keySelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if !entryKey(e, e.keys, e.OnSubmitted == nil, ev) {
		e.SelectEntry.TypedKey(ev)
	}
}

func (e *keySelectEntry) TypedShortcut(s fyne.Shortcut) {
	if !entryShortcut(e, e.keys, s) {
		e.SelectEntry.TypedShortcut(s)
	}
}

// keySelect is a choice that knows its dialog's keys: Enter submits, Escape
// cancels; the arrows and Space still open its list.
type keySelect struct {
	widget.Select
	keys *formKeys
}

func newKeySelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options = options
	s.OnChanged = changed
	s.PlaceHolder = defaultSelectPlaceholder()
	s.ExtendBaseWidget(s)
	return s
}

func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if !entryKey(s, s.keys, true, ev) {
		s.Select.TypedKey(ev)
	}
}

// defaultSelectPlaceholder is the text widget.NewSelect shows with nothing chosen.
func defaultSelectPlaceholder() string {
	return widget.NewSelect(nil, nil).PlaceHolder
}
