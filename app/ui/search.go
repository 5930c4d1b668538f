package ui

import (
	"context"
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

// searchJournal is what the search reads.
type searchJournal interface {
	Search(ctx context.Context, query string, limit int) ([]storage.SearchHit, error)
}

// searchScreen lists what a search found across services, outages, tickets
// and messages; choosing a hit opens it. The search runs off the UI thread:
// the next keystroke starts a new screen, and leaving drops this one's result.
type searchScreen struct {
	ses   *session
	db    searchJournal
	query string
	load  loader
	head  *widget.Label
	hits  []storage.SearchHit
	list  *widget.List
}

// newSearchScreen starts a search; nil when the query is empty.
func newSearchScreen(ses *session, query string) *searchScreen {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil
	}
	s := &searchScreen{ses: ses, db: ses.db, query: query, load: loader{thread: ses.thread}}
	return s
}

var searchColumns = columns{1.3, 2, 2.2, 4.5}

// build shows the frame at once and the hits when the search returns.
func (s *searchScreen) build() fyne.CanvasObject {
	s.head = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
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
	db, query := s.db, s.query
	s.load.start(func(ctx context.Context) func() {
		hits, err := db.Search(ctx, query, searchLimit+1)
		return func() {
			if err != nil {
				s.ses.showError(err)
				return
			}
			s.show(hits)
		}
	}, func() { s.head.SetText(lang.X("status.loading", "Loading…")) })
	return container.NewBorder(container.NewPadded(s.head), nil, nil, nil, s.list)
}

// leave drops the search's result: another search or screen replaced it.
func (s *searchScreen) leave() { s.load.stop() }

// show lists the hits under a title that counts them.
func (s *searchScreen) show(hits []storage.SearchHit) {
	s.hits = hits
	n := len(s.hits)
	title := lang.X("search.results", "{{.Count}} results for “{{.Query}}”", map[string]any{"Count": n, "Query": s.query})
	if n > searchLimit {
		s.hits = s.hits[:searchLimit]
		title = lang.X("search.results_more", "First {{.Count}} results for “{{.Query}}”", map[string]any{"Count": searchLimit, "Query": s.query})
	}
	if n == 0 {
		title = lang.X("search.none", "Nothing found for “{{.Query}}”", map[string]any{"Query": s.query})
	}
	s.head.SetText(title)
	s.list.Refresh()
}

var hitKindText = map[string]string{"service": "Service", "outage": "Outage", "ticket": "Ticket", "message": "Message"}

func (s *searchScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	h := s.hits[id]
	cells := o.(*fyne.Container).Objects
	cells[0].(*widget.Label).SetText(lang.X("hit."+h.Kind, hitKindText[h.Kind]))
	svcName := ""
	if svc := s.ses.serviceByID(h.ServiceID); svc != nil {
		svcName = svc.Name
	}
	cells[1].(*widget.Label).SetText(svcName)
	when := ""
	if !h.At.IsZero() {
		when = s.ses.formatTime(h.At)
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
		s.ses.showTab(h.ServiceID, tabOutages)
	case "ticket":
		s.ses.showTicket(h.ServiceID, h.ID)
	case "message":
		s.ses.showTicket(h.ServiceID, h.TicketID)
	default:
		s.ses.showTab(h.ServiceID, tabSummary)
	}
}
