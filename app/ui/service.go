package ui

import (
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
// views as tabs (Summary, Outages, Support, Plan).
type serviceScreen struct {
	ui      *UI
	svc     *journal.Service
	tabs    *container.AppTabs
	summary *summaryTab
	outages *outagesTab
	support *supportTab
	lastTab int // kept across services, so switching service keeps the view
}

func newServiceScreen(u *UI) *serviceScreen { return &serviceScreen{ui: u} }

func (s *serviceScreen) build(svc *journal.Service) fyne.CanvasObject {
	s.svc = svc
	title := &widget.Label{Text: svc.Name, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Truncation: fyne.TextTruncateEllipsis}
	sub := &widget.Label{Text: svc.Category, Importance: widget.LowImportance}
	edit := &widget.Button{Text: lang.X("action.edit", "Edit"), Icon: theme.DocumentCreateIcon(), OnTapped: s.onEdit}
	del := &widget.Button{Text: lang.X("action.delete", "Delete"), Icon: theme.DeleteIcon(), OnTapped: s.onDelete}
	title.Truncation = fyne.TextTruncateOff
	sub.Truncation = fyne.TextTruncateEllipsis
	header := container.NewBorder(nil, nil, title, container.NewHBox(edit, del), sub)

	s.summary = newSummaryTab(s.ui, svc)
	s.outages = newOutagesTab(s.ui, svc)
	s.support = newSupportTab(s.ui, svc)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("tab.summary", "Summary"), theme.InfoIcon(), s.summary.build()),
		container.NewTabItemWithIcon(lang.X("tab.outages", "Outages"), theme.WarningIcon(), s.outages.build()),
		container.NewTabItemWithIcon(lang.X("tab.support", "Support"), theme.MailComposeIcon(), s.support.build()),
		container.NewTabItemWithIcon(lang.X("tab.plan", "Plan"), theme.StorageIcon(), newPlanTab(s.ui, svc).build()),
	)
	s.tabs.SelectIndex(s.lastTab)
	s.tabs.OnSelected = func(*container.TabItem) { s.lastTab = s.tabs.SelectedIndex() }
	return container.NewBorder(container.NewPadded(header), nil, nil, nil, s.tabs)
}

func (s *serviceScreen) onEdit() { newServiceForm(s.ui, s.svc).open() }

func (s *serviceScreen) onDelete() {
	svc := s.svc
	msg := lang.X("confirm.delete_service", "Move {{.Name}} and everything recorded for it to the trash?", map[string]any{"Name": svc.Name})
	dialog.ShowConfirm(lang.X("dialog.delete_service", "Delete service"), msg, func(ok bool) {
		if !ok {
			return
		}
		trashID, err := s.ui.db.DeleteService(s.ui.ctx, svc.ID)
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.ui.reload()
		s.ui.show(0)
		s.ui.offerUndo(lang.X("undo.service_deleted", "{{.Name}} moved to the trash.", map[string]any{"Name": svc.Name}), trashID,
			func() { s.ui.show(svc.ID) })
	}, s.ui.win)
}
