package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// sidebar lists "Overview" and the services; a red dot marks a service with
// an ongoing outage.
type sidebar struct {
	ses      *session
	list     *widget.List
	addBtn   *widget.Button
	updating bool // selection changes made by code, not the user
}

func newSidebar(u *session) *sidebar { return &sidebar{ses: u} }

func (s *sidebar) build() fyne.CanvasObject {
	s.list = &widget.List{
		Length:         s.length,
		CreateItem:     s.createItem,
		UpdateItem:     s.updateItem,
		OnSelected:     s.onSelected,
		HideSeparators: true,
	}
	s.list.ExtendBaseWidget(s.list)
	s.addBtn = &widget.Button{Text: lang.X("action.add_service", "Add service"), Icon: theme.ContentAddIcon(), OnTapped: s.onAdd}
	return container.NewBorder(nil, container.NewPadded(s.addBtn), nil, nil, s.list)
}

// Row 0 is the Overview; row i is services[i-1].
func (s *sidebar) length() int { return len(s.ses.services) + 1 }

func (s *sidebar) createItem() fyne.CanvasObject {
	dot := canvas.NewCircle(theme.Color(colorOngoing))
	dot.Resize(fyne.NewSize(10, 10))
	dotBox := container.NewGridWrap(fyne.NewSize(10, 10), dot)
	return container.NewBorder(nil, nil, widget.NewIcon(theme.HomeIcon()), container.NewCenter(dotBox),
		&widget.Label{Truncation: fyne.TextTruncateEllipsis})
}

func (s *sidebar) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	label := row.Objects[0].(*widget.Label)
	icon := row.Objects[1].(*widget.Icon)
	dot := row.Objects[2].(*fyne.Container)
	if id == 0 {
		label.Importance = widget.MediumImportance
		label.SetText(lang.X("nav.overview", "Overview"))
		label.TextStyle = fyne.TextStyle{Bold: true}
		icon.SetResource(theme.HomeIcon())
		dot.Hide()
		return
	}
	svc := s.ses.services[id-1]
	label.TextStyle = fyne.TextStyle{}
	label.Importance = widget.MediumImportance
	if svc.Archived {
		label.Importance = widget.LowImportance
		label.SetText(lang.X("sidebar.archived", "{{.Name}} (archived)", map[string]any{"Name": svc.Name}))
	} else {
		label.SetText(svc.Name)
	}
	icon.SetResource(theme.ComputerIcon())
	if s.ses.ongoing[svc.ID] {
		dot.Show()
	} else {
		dot.Hide()
	}
}

func (s *sidebar) onSelected(id widget.ListItemID) {
	if s.updating {
		return
	}
	if id == 0 {
		s.ses.show(0)
		return
	}
	s.ses.show(s.ses.services[id-1].ID)
}

func (s *sidebar) onAdd() { newServiceForm(s.ses, nil).open() }

func (s *sidebar) refresh() {
	if s.list != nil {
		s.list.Refresh()
	}
}

// selectCurrent highlights the row of the selected screen without re-entering show.
func (s *sidebar) selectCurrent() {
	row := 0
	for i, svc := range s.ses.services {
		if svc.ID == s.ses.selected {
			row = i + 1
		}
	}
	s.updating = true
	s.list.Select(row)
	s.updating = false
}
