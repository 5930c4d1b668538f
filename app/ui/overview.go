package ui

import (
	"context"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/charts"
	"lapse/app/demo"
	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/statuswatch"
	"lapse/app/verdict"
	"lapse/app/words"
	"lapse/storage"
)

// overviewScreen is the landing screen: a welcome when the journal is empty,
// otherwise every service at a glance. Its figures load off the UI thread:
// the title shows at once, the table when the figures arrive.
type overviewScreen struct {
	ses     *session
	load    loader
	period  *periodPicker
	body    *fyne.Container // the figures, or a placeholder while they load
	addBtn  *widget.Button
	demoBtn *widget.Button
}

func newOverviewScreen(ses *session) *overviewScreen {
	return &overviewScreen{ses: ses, load: loader{thread: ses.thread}}
}

// overviewData is what the Overview shows, read off the UI thread.
type overviewData struct {
	review    *review.Review
	reminders []verdict.Reminder
	questions []statuswatch.Question // what the status pages ask
	err       error
}

// loadOverview reads the figures of every service over w as of asOf, and
// the reminders as of now that are neither dismissed nor snoozed, from the
// journal it is given.
func loadOverview(ctx context.Context, db *storage.DB, w figures.Interval, asOf, now time.Time, loc *time.Location) overviewData {
	r, err := review.Build(ctx, db, review.Options{From: w.Start, To: w.End, AsOf: asOf, Location: loc})
	if err != nil {
		return overviewData{err: err}
	}
	d := overviewData{review: r}
	// Reminders are what to do now, whatever moment the figures are judged as of.
	reminders := func() ([]verdict.Reminder, error) { return r.Reminders(ctx, db) }
	if !asOf.Equal(now) {
		reminders = func() ([]verdict.Reminder, error) { return review.Reminders(ctx, db, now, loc) }
	}
	// Questions that cannot be read leave the figures shown, without them.
	d.questions, _ = statuswatch.Pending(ctx, db)
	// Reminders that cannot be read leave the figures shown, without reminders.
	if all, err := reminders(); err == nil {
		if states, err := db.ReminderStates(ctx); err == nil {
			d.reminders = notQuiet(all, states, now)
		}
	}
	return d
}

// firstOverview is the Overview's data read while the window is created,
// beside the journal's opening, for the first picture (start in run.go).
type firstOverview struct {
	db   *storage.DB
	w    figures.Interval
	asOf time.Time
	data overviewData
}

// readFirstOverview reads what the first Overview will show: the period
// and moment the preferences remember, in the journal's zone, at now. Nil
// when the window opens on a service rather than the Overview.
func readFirstOverview(ctx context.Context, db *storage.DB, p fyne.Preferences, loc *time.Location, now time.Time) *firstOverview {
	if p.IntWithFallback(prefLastService, 0) != 0 {
		return nil
	}
	w, asOf := readView(p).judgement(now, loc)
	return &firstOverview{db: db, w: w, asOf: asOf, data: loadOverview(ctx, db, w, asOf, now, loc)}
}

// sameMoment is how far the clock may have moved between the first read
// and the Overview asking for it: the screen shows times to the minute.
const sameMoment = time.Second

// serves reports whether the first read is what the Overview asks for on
// db over w as of asOf.
func (f *firstOverview) serves(db *storage.DB, w figures.Interval, asOf time.Time) bool {
	near := func(a, b time.Time) bool { return a.Sub(b).Abs() <= sameMoment }
	return f.db == db && f.w.Start.Equal(w.Start) && near(f.w.End, w.End) && near(f.asOf, asOf)
}

func (s *overviewScreen) build() fyne.CanvasObject {
	s.leave()
	if len(s.ses.services) == 0 {
		return s.buildEmpty()
	}
	title := &widget.Label{Text: lang.X("nav.overview", "Overview"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	s.body = container.NewStack()
	s.period = newPeriodPicker(s.ses, s.update)
	s.update()
	return container.NewBorder(container.NewVBox(container.NewPadded(title), s.period.build()), nil, nil, nil, s.body)
}

// update loads the figures for the session's period and redraws them.
func (s *overviewScreen) update() {
	db, loc := s.ses.db, s.ses.loc
	w, asOf, now := s.ses.judgement()
	if f := s.ses.first; f != nil {
		s.ses.first = nil // once: later updates read the journal as it is then
		if f.serves(db, w, asOf) {
			s.load.stop()
			s.fill(f.data)
			return
		}
	}
	s.load.start(func(ctx context.Context) func() {
		d := loadOverview(ctx, db, w, asOf, now, loc)
		return func() { s.fill(d) }
	}, func() { s.body.Objects = []fyne.CanvasObject{loadingLabel()}; s.body.Refresh() })
}

// leave drops a load still running: the Overview is no longer shown.
func (s *overviewScreen) leave() { s.load.stop() }

// fill shows the figures once they arrived.
func (s *overviewScreen) fill(d overviewData) {
	if d.err != nil {
		s.body.Objects = []fyne.CanvasObject{container.NewPadded(figuresError(s.ses, d.err))}
		s.body.Refresh()
		return
	}
	r := d.review
	l := s.ses.lang()
	tbl := newTable(7, 80)
	group := func(s string) *widget.Label {
		return &widget.Label{Text: s, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	}
	groups := []fyne.CanvasObject{widget.NewLabel(""), group(s.monthTitle(r.AsOf)), group(s.ses.periodText(r.Window))}
	tbl.add([]int{1, 2, 4}, groups, groups...)
	head := []fyne.CanvasObject{
		wrappedHeading(lang.X("col.service", "Service")),
		wrappedHeading(lang.X("col.unusable", "Unusable")), wrappedHeading(lang.X("col.availability", "Availability")),
		wrappedHeading(lang.X("col.unusable", "Unusable")), wrappedHeading(lang.X("col.availability", "Availability")),
		wrappedHeading(lang.X("col.cost", "Cost")), wrappedHeading(lang.X("col.paid_unusable", "Paid while unusable"))}
	tbl.add(nil, head, head...)
	tbl.add([]int{7}, []fyne.CanvasObject{widget.NewSeparator()})
	for i := range r.Services {
		sr := &r.Services[i]
		svc := sr.Data.Service
		link := &widget.Hyperlink{Text: svc.Name, Wrapping: fyne.TextWrapWord, OnTapped: func() { s.ses.show(svc.ID) }}
		link.ExtendBaseWidget(link)
		var name fyne.CanvasObject = link
		if s.ses.ongoing[svc.ID] {
			name = container.NewBorder(nil, nil, widget.NewIcon(theme.NewErrorThemedResource(theme.MediaRecordIcon())), nil, link)
		}
		cell := func(text string, bad bool) fyne.CanvasObject {
			imp := widget.MediumImportance
			if bad {
				imp = widget.DangerImportance
			}
			return &widget.Label{Text: text, Importance: imp}
		}
		tbl.add(nil, []fyne.CanvasObject{name,
			cell(shortOrZero(sr.ThisMonth.Unusable, l), sr.ThisMonth.Unusable > 0),
			cell(availabilityText(sr.ThisMonth.Availability), false),
			cell(shortOrZero(sr.Summary.Unusable, l), sr.Summary.Unusable > 0),
			cell(availabilityText(sr.Summary.Availability), false),
			cell(journal.FormatMoney(sr.Summary.Accrued, r.Home), false),
			cell(journal.FormatMoney(sr.Summary.PaidWhileUnusable, r.Home), sr.Summary.PaidWhileUnusable > 0)}, name)
	}
	rows := container.New(tbl, tbl.objects()...)
	labels := review.ChartLabels(l)
	labels.Title = words.T(l, "chart.comparison")
	totals := r.Totals()
	chart := s.ses.chartBlock(labels.Title, fyne.NewSize(600, 360), func(w, h int, f charts.Format, dark bool) ([]byte, error) {
		l := labels
		l.Dark = dark
		return charts.Comparison(totals, l, r.Home, w, h, f)
	})
	note := &widget.Label{Text: lang.X("overview.note_period", "{{.Period}}, as of {{.When}}. Cost is what each month of the plans cost; paid while unusable is that cost over the time a service was down.",
		map[string]any{"Period": s.ses.periodText(r.Window), "When": s.ses.longDateTime(r.AsOf)}),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	// A narrow window scrolls the table sideways rather than cut a figure.
	content := container.NewVBox(container.NewHScroll(rows), note, chart)
	if o := officialOverview(r, s.ses.periodText(r.Window), l); o != nil {
		content.Objects = slices.Insert(content.Objects, 2, o)
	}
	s.ses.focus = 0
	if len(d.reminders) > 0 {
		s.ses.focus = d.reminders[0].ServiceID
		panel := &remindersPanel{ses: s.ses, items: d.reminders}
		content.Objects = append([]fyne.CanvasObject{panel.build()}, content.Objects...)
	}
	if len(d.questions) > 0 {
		cards := &watchCards{ses: s.ses, questions: d.questions}
		content.Objects = append([]fyne.CanvasObject{cards.build()}, content.Objects...)
	}
	replaceObjects(s.body, container.NewVScroll(container.NewPadded(content)))
}

// loadingLabel is the quiet placeholder of a load that takes a while.
func loadingLabel() fyne.CanvasObject {
	return container.NewPadded(&widget.Label{Text: lang.X("status.loading", "Loading…"), Importance: widget.LowImportance})
}

// wrappedHeading is a column heading that wraps to its column's width.
func wrappedHeading(s string) *widget.Label {
	return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
}

// shortOrZero is a compact duration for a table cell, "0" when nothing.
func shortOrZero(d time.Duration, l words.Lang) string {
	if d == 0 {
		return "0"
	}
	return words.Short(d, l)
}

// availabilityText is "99.78%", or "—" when there is no figure yet.
func availabilityText(a *figures.Availability) string { return review.AvailabilityText(a) }

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
		OnTapped: func() { newServiceForm(s.ses, nil).open() }}
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
	db, now := s.ses.db, s.ses.now()
	s.ses.submit(s.demoBtn, func(ctx context.Context) error { return demo.Fill(ctx, db, demo.Small, lng, now) }, func(err error) {
		if err != nil {
			s.ses.showError(err)
			return
		}
		s.ses.reloadThen(func() { s.ses.show(0) })
	})
}

// monthTitle names the month holding asOf: "This month" when it is the
// current one, else "Jul 2024" ("2024年7月").
func (s *overviewScreen) monthTitle(asOf time.Time) string {
	m := figures.MonthOf(asOf, s.ses.loc)
	if m == figures.MonthOf(s.ses.now(), s.ses.loc) {
		return lang.X("col.this_month", "This month")
	}
	t := m.Window(s.ses.loc).Start
	if s.ses.lang() == words.JA {
		return fmt.Sprintf("%d年%d月", t.Year(), int(t.Month()))
	}
	return t.Format("Jan 2006")
}
