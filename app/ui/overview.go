package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/demo"
)

// overviewScreen is the landing screen: a welcome when the journal is empty,
// otherwise every service at a glance.
type overviewScreen struct {
	ui      *UI
	addBtn  *widget.Button
	demoBtn *widget.Button
}

func newOverviewScreen(u *UI) *overviewScreen { return &overviewScreen{ui: u} }

func (s *overviewScreen) build() fyne.CanvasObject {
	if len(s.ui.services) == 0 {
		return s.buildEmpty()
	}
	title := &widget.Label{Text: lang.X("nav.overview", "Overview"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	rows := container.NewVBox()
	for _, svc := range s.ui.services {
		svc := svc
		state := lang.X("overview.no_outage", "No ongoing outage")
		imp := widget.LowImportance
		if s.ui.ongoing[svc.ID] {
			state = lang.X("overview.ongoing", "Outage ongoing")
			imp = widget.DangerImportance
		}
		rows.Add(container.NewBorder(nil, nil,
			&widget.Button{Text: svc.Name, Importance: widget.LowImportance, OnTapped: func() { s.ui.show(svc.ID) }},
			&widget.Label{Text: state, Importance: imp},
			&widget.Label{Text: svc.Category, Importance: widget.LowImportance}))
	}
	return container.NewBorder(container.NewPadded(title), nil, nil, nil, container.NewVScroll(container.NewPadded(rows)))
}

// buildEmpty says what to do on a new journal: add a service or look around a sample.
func (s *overviewScreen) buildEmpty() fyne.CanvasObject {
	title := &widget.Label{Text: lang.X("empty.title", "Welcome to Lapse"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Alignment: fyne.TextAlignCenter}
	body := &widget.Label{
		Text: lang.X("empty.body", "Lapse keeps the facts about the online services you pay for: the outages you live through, "+
			"every message to and from support, and what you pay. Start by adding a service you pay for."),
		Wrapping:  fyne.TextWrapWord,
		Alignment: fyne.TextAlignCenter,
	}
	s.addBtn = &widget.Button{Text: lang.X("action.add_service", "Add service"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance,
		OnTapped: func() { newServiceForm(s.ui, nil).open() }}
	s.demoBtn = &widget.Button{Text: lang.X("action.load_sample", "Load a sample journal"), Icon: theme.DocumentIcon(), OnTapped: s.onLoadSample}
	hint := &widget.Label{Text: lang.X("empty.sample_hint", "The sample fills this journal with a few services, a year of outages and two support threads, so you can look around."),
		Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance}
	box := container.NewVBox(title, body, container.NewCenter(container.NewHBox(s.addBtn, s.demoBtn)), hint)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 260), box))
}

func (s *overviewScreen) onLoadSample() {
	lng := "en"
	if IsJapanese() {
		lng = "ja"
	}
	if err := demo.Fill(s.ui.ctx, s.ui.db, demo.Small, lng, s.ui.now()); err != nil {
		s.ui.showError(err)
		return
	}
	s.ui.reload()
	s.ui.show(0)
}
