package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// tagEditor edits a list of short tags (platforms, features) with
// suggestions from tags used before.
type tagEditor struct {
	tags  []string
	input *keySelectEntry
	chips *fyne.Container
}

func newTagEditor(suggestions []string) *tagEditor {
	e := &tagEditor{input: newKeySelectEntry(suggestions), chips: container.NewGridWrap(fyne.NewSize(170, 36))}
	e.input.PlaceHolder = lang.X("hint.platform", "e.g. Chrome desktop, Android app — Enter adds")
	e.input.OnSubmitted = func(s string) { e.addTag(s) }
	return e
}

func (e *tagEditor) build() fyne.CanvasObject {
	add := &widget.Button{Icon: theme.ContentAddIcon(), OnTapped: func() { e.addTag(e.input.Text) }}
	return container.NewVBox(container.NewBorder(nil, nil, nil, add, e.input), e.chips)
}

func (e *tagEditor) set(tags []string) {
	e.tags = append([]string(nil), tags...)
	e.refresh()
}

// values returns the tags, including one typed but not yet added.
func (e *tagEditor) values() []string {
	out := append([]string(nil), e.tags...)
	if s := strings.TrimSpace(e.input.Text); s != "" && !contains(out, s) {
		out = append(out, s)
	}
	return out
}

func (e *tagEditor) addTag(s string) {
	s = strings.TrimSpace(s)
	if s == "" || contains(e.tags, s) {
		e.input.SetText("")
		return
	}
	e.tags = append(e.tags, s)
	e.input.SetText("")
	e.refresh()
}

func (e *tagEditor) refresh() {
	e.chips.Objects = nil
	for i, t := range e.tags {
		i := i
		e.chips.Add(&widget.Button{Text: t, Icon: theme.CancelIcon(), IconPlacement: widget.ButtonIconTrailingText, Importance: widget.LowImportance,
			OnTapped: func() { e.tags = append(e.tags[:i], e.tags[i+1:]...); e.refresh() }})
	}
	e.chips.Refresh()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// stepsEditor edits troubleshooting steps, each an action and its result.
type stepsEditor struct {
	rows *fyne.Container
	keys *formKeys // the dialog's, for rows added once it is shown
}

func newStepsEditor() *stepsEditor { return &stepsEditor{rows: container.NewVBox()} }

func (e *stepsEditor) build() fyne.CanvasObject {
	add := &widget.Button{Text: lang.X("action.add_step", "Add a step"), Icon: theme.ContentAddIcon(), Importance: widget.LowImportance,
		OnTapped: func() { e.addRow(journal.Step{}) }}
	return container.NewVBox(e.rows, container.NewHBox(add))
}

func (e *stepsEditor) set(steps []journal.Step) {
	e.rows.Objects = nil
	for _, s := range steps {
		e.addRow(s)
	}
}

func (e *stepsEditor) addRow(s journal.Step) {
	action := newKeyEntry(false, lang.X("hint.step_action", "What I tried"))
	result := newKeyEntry(false, lang.X("hint.step_result", "Result"))
	action.SetText(s.Action)
	result.SetText(s.Result)
	var row *fyne.Container
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() {
		e.rows.Remove(row)
	}}
	row = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, action, result))
	e.rows.Add(row)
	e.keys.bind(row)
}

// values returns the steps, skipping rows left entirely empty.
func (e *stepsEditor) values() []journal.Step {
	var out []journal.Step
	for _, r := range e.rows.Objects {
		grid := r.(*fyne.Container).Objects[0].(*fyne.Container)
		a := strings.TrimSpace(grid.Objects[0].(*keyEntry).Text)
		res := strings.TrimSpace(grid.Objects[1].(*keyEntry).Text)
		if a == "" && res == "" {
			continue
		}
		out = append(out, journal.Step{Action: a, Result: res})
	}
	return out
}
