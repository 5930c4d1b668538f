package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
)

// The service screen's tabs, in order.
const (
	tabSummary = iota
	tabOutages
	tabSupport
	tabPlan
)

// serviceScreen shows one service: a header with edit and delete, and its
// views as tabs (Summary, Outages, Support, Plan). A tab is built when it is
// first shown, and again only after the journal's records changed.
type serviceScreen struct {
	ses     *session
	svc     *journal.Service
	title   *widget.Label
	sub     *widget.Label
	tabs    *container.AppTabs
	content fyne.CanvasObject
	current [4]bool // the tab is built on the records as they are now

	summary *summaryTab
	outages *outagesTab
	support *supportTab
	plan    *planTab
}

func newServiceScreen(ses *session, svc *journal.Service) *serviceScreen {
	return &serviceScreen{ses: ses, svc: svc}
}

func (s *serviceScreen) build() fyne.CanvasObject {
	s.title = &widget.Label{Text: s.svc.Name, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	s.sub = &widget.Label{Text: s.svc.Category, Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	edit := &widget.Button{Text: lang.X("action.edit", "Edit"), Icon: theme.DocumentCreateIcon(), OnTapped: s.onEdit}
	del := &widget.Button{Text: lang.X("action.delete", "Delete"), Icon: theme.DeleteIcon(), OnTapped: s.onDelete}
	header := container.NewBorder(nil, nil, s.title, container.NewHBox(edit, del), s.sub)

	// Each tab starts as an empty frame; showTab fills the one shown. The tab
	// is selected before the widget is extended, so the selection draws
	// nothing: drawn now, at no size yet, Fyne would lay the bar out for
	// every count of tabs in turn, recolouring and decoding each tab's icon
	// every time; the first layout in the window draws them once.
	s.tabs = &container.AppTabs{Items: []*container.TabItem{
		container.NewTabItemWithIcon(lang.X("tab.summary", "Summary"), theme.InfoIcon(), container.NewStack()),
		container.NewTabItemWithIcon(lang.X("tab.outages", "Outages"), theme.WarningIcon(), container.NewStack()),
		container.NewTabItemWithIcon(lang.X("tab.support", "Support"), theme.MailComposeIcon(), container.NewStack()),
		container.NewTabItemWithIcon(lang.X("tab.plan", "Plan"), theme.StorageIcon(), container.NewStack()),
	}}
	s.tabs.SelectIndex(s.ses.tab)
	s.tabs.ExtendBaseWidget(s.tabs)
	s.showTab(s.ses.tab)
	s.tabs.OnSelected = func(*container.TabItem) {
		s.ses.tab = s.tabs.SelectedIndex()
		s.showTab(s.ses.tab)
	}
	s.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, s.tabs)
	return s.content
}

// refresh shows the service again after its records changed, or on the tab
// the session asks for.
func (s *serviceScreen) refresh(svc *journal.Service, changed bool) {
	s.svc = svc
	s.title.SetText(svc.Name)
	s.sub.SetText(svc.Category)
	if changed {
		s.leave()
		s.current = [4]bool{}
	}
	if s.tabs.SelectedIndex() != s.ses.tab {
		s.tabs.SelectIndex(s.ses.tab) // calls OnSelected, which shows it
		return
	}
	s.showTab(s.ses.tab)
}

// showTab builds a tab unless it is built on the current records.
func (s *serviceScreen) showTab(i int) {
	if i == tabSupport && s.ses.ticket != 0 {
		defer s.openTicket()
	}
	if s.current[i] {
		return
	}
	s.current[i] = true
	var content fyne.CanvasObject
	switch i {
	case tabSummary:
		s.summary = newSummaryTab(s.ses, s.svc)
		content = s.summary.build()
	case tabOutages:
		s.outages = newOutagesTab(s.ses, s.svc)
		content = s.outages.build()
	case tabSupport:
		s.support = newSupportTab(s.ses, s.svc)
		content = s.support.build()
	case tabPlan:
		s.plan = newPlanTab(s.ses, s.svc)
		content = s.plan.build()
	}
	box := s.tabs.Items[i].Content.(*fyne.Container)
	box.Objects = []fyne.CanvasObject{content}
	box.Refresh()
}

// openTicket opens the thread the session asked for (from a search hit).
func (s *serviceScreen) openTicket() {
	id := s.ses.ticket
	s.ses.ticket = 0
	s.support.openThread(id)
}

// leave stops the tabs' loads: their results would land on a screen gone.
func (s *serviceScreen) leave() {
	if s.summary != nil {
		s.summary.leave()
	}
	if s.outages != nil {
		s.outages.leave()
	}
	if s.support != nil {
		s.support.leave()
	}
	if s.plan != nil {
		s.plan.leave()
	}
}

func (s *serviceScreen) onEdit() { newServiceForm(s.ses, s.svc).open() }

func (s *serviceScreen) onDelete() {
	svc := s.svc
	ses := s.ses
	msg := lang.X("confirm.delete_service", "Move {{.Name}} and everything recorded for it to the trash?", map[string]any{"Name": svc.Name})
	dialog.ShowConfirm(lang.X("dialog.delete_service", "Delete service"), msg, func(ok bool) {
		if !ok {
			return
		}
		db := ses.db
		var trashID int64
		ses.write(func(ctx context.Context) (err error) {
			trashID, err = db.DeleteService(ctx, svc.ID)
			return err
		}, func(err error) {
			if err != nil {
				ses.showError(err)
				return
			}
			ses.reloadThen(func() { ses.show(0) })
			ses.offerUndo(lang.X("undo.service_deleted", "{{.Name}} moved to the trash.", map[string]any{"Name": svc.Name}), trashID,
				func() { ses.show(svc.ID) })
		})
	}, ses.win)
}
