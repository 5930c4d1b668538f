package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/storage"
)

// searchLimit caps the hits shown; the list says when there were more.
const searchLimit = 500

// searchScreen lists what a search found across services, outages, tickets
// and messages; choosing a hit opens it.
type searchScreen struct {
	ui    *UI
	query string
	hits  []storage.SearchHit
	list  *widget.List
}

// openSearch runs a search and shows its results in the main area.
func (u *UI) openSearch(query string) {
	query = strings.TrimSpace(query)
	if query == "" {
		u.show(u.selected)
		return
	}
	hits, err := u.db.Search(u.ctx, query, searchLimit+1)
	if err != nil {
		u.showError(err)
		return
	}
	s := &searchScreen{ui: u, query: query, hits: hits}
	u.search = s
	u.body.Objects = []fyne.CanvasObject{s.build()}
	u.body.Refresh()
}

var searchColumns = columns{1.3, 2, 2.2, 4.5}

func (s *searchScreen) build() fyne.CanvasObject {
	n := len(s.hits)
	title := lang.X("search.results", "{{.Count}} results for “{{.Query}}”", map[string]any{"Count": n, "Query": s.query})
	if n > searchLimit {
		s.hits = s.hits[:searchLimit]
		title = lang.X("search.results_more", "First {{.Count}} results for “{{.Query}}”", map[string]any{"Count": searchLimit, "Query": s.query})
	}
	if n == 0 {
		title = lang.X("search.none", "Nothing found for “{{.Query}}”", map[string]any{"Query": s.query})
	}
	head := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	s.list = &widget.List{
		Length: func() int { return len(s.hits) },
		CreateItem: func() fyne.CanvasObject {
			cells := make([]fyne.CanvasObject, len(searchColumns))
			for i := range cells {
				cells[i] = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
			}
			return container.New(searchColumns, cells...)
		},
		UpdateItem: s.updateItem,
		OnSelected: s.onSelected,
	}
	s.list.ExtendBaseWidget(s.list)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, s.list)
}

var hitKindText = map[string]string{"service": "Service", "outage": "Outage", "ticket": "Ticket", "message": "Message"}

func (s *searchScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	h := s.hits[id]
	cells := o.(*fyne.Container).Objects
	cells[0].(*widget.Label).SetText(lang.X("hit."+h.Kind, hitKindText[h.Kind]))
	svcName := ""
	if svc := s.ui.serviceByID(h.ServiceID); svc != nil {
		svcName = svc.Name
	}
	cells[1].(*widget.Label).SetText(svcName)
	when := ""
	if !h.At.IsZero() {
		when = s.ui.formatTime(h.At)
	}
	cells[2].(*widget.Label).SetText(when)
	text := h.Title
	if h.Snippet != "" && h.Snippet != h.Title {
		text += " — " + h.Snippet
	}
	cells[3].(*widget.Label).SetText(text)
}

// onSelected opens the service of the hit on the tab that holds it.
func (s *searchScreen) onSelected(id widget.ListItemID) {
	h := s.hits[id]
	s.list.UnselectAll()
	switch h.Kind {
	case "outage":
		s.ui.service.lastTab = tabOutages
	case "ticket", "message":
		s.ui.service.lastTab = tabSupport
	default:
		s.ui.service.lastTab = tabSummary
	}
	s.ui.show(h.ServiceID)
	if h.Kind == "ticket" {
		s.ui.service.support.openThread(h.ID)
	} else if h.Kind == "message" {
		s.ui.service.support.openThread(h.TicketID)
	}
}
