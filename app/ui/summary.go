package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/charts"
	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/words"
	"lapse/storage"
)

// summaryTab shows a service's figures over a chosen period and its charts.
// The figures and the verdict are computed off the UI thread; the period
// picker shows at once, the figures when they arrive.
type summaryTab struct {
	ses    *session
	svc    *journal.Service
	load   loader
	period *periodPicker
	body   *fyne.Container
	scroll *container.Scroll
}

func newSummaryTab(ses *session, svc *journal.Service) *summaryTab {
	return &summaryTab{ses: ses, svc: svc, load: loader{thread: ses.thread}}
}

func (t *summaryTab) build() fyne.CanvasObject {
	t.body = container.NewVBox()
	t.period = newPeriodPicker(t.ses, t.update)
	t.update()
	t.scroll = container.NewVScroll(t.body)
	return container.NewBorder(t.period.build(), nil, nil, nil, t.scroll)
}

// leave drops a load still running: the service is no longer shown.
func (t *summaryTab) leave() { t.load.stop() }

// summaryData is what the Summary shows, computed off the UI thread.
type summaryData struct {
	review  *review.Review
	verdict *review.Judgement
	err     error // no figures
	vErr    error // figures, but no verdict
	empty   bool  // nothing recorded: no verdict to give
	monthly charts.ServiceMonthly
	tickets []charts.TicketPoint
}

// loadSummary computes a service's figures over w and its verdict, both as
// of asOf, from the journal it is given.
func loadSummary(ctx context.Context, db *storage.DB, serviceID int64, w figures.Interval, asOf time.Time, loc *time.Location, l words.Lang) summaryData {
	r, err := review.Build(ctx, db, review.Options{ServiceIDs: []int64{serviceID}, From: w.Start, To: w.End, AsOf: asOf, Location: loc})
	if err != nil {
		return summaryData{err: err}
	}
	d := summaryData{review: r, monthly: r.Monthly(&r.Services[0], l), tickets: r.Tickets(&r.Services[0])}
	if sd := r.Services[0].Data; len(sd.Subscriptions) == 0 && len(sd.Outages) == 0 && len(sd.Tickets) == 0 {
		d.empty = true
	} else {
		d.verdict, d.vErr = r.Judge(ctx, db, &r.Services[0])
	}
	return d
}

// update loads the figures for the chosen period and redraws the tab.
func (t *summaryTab) update() {
	db, id, w, asOf, loc, l := t.ses.db, t.svc.ID, t.ses.period(), t.ses.judgedAsOf(), t.ses.loc, t.ses.lang()
	t.load.start(func(ctx context.Context) func() {
		d := loadSummary(ctx, db, id, w, asOf, loc, l)
		return func() { t.fill(d) }
	}, func() { t.body.Objects = []fyne.CanvasObject{loadingLabel()}; t.body.Refresh() })
}

// fill shows the figures once they arrived.
func (t *summaryTab) fill(d summaryData) {
	if d.err != nil {
		replaceObjects(t.body, figuresError(t.ses, d.err))
		return
	}
	var objs []fyne.CanvasObject
	r := d.review
	switch {
	case d.empty:
		// "Keep: reliable" would be a verdict on nothing: say what to add instead.
		objs = append(objs, t.nothingYet())
	case d.vErr != nil:
		objs = append(objs, figuresError(t.ses, d.vErr))
	default:
		objs = append(objs, newVerdictCard(t.ses, d.verdict, r.AsOf).build())
	}
	s := &r.Services[0]
	l := t.ses.lang()
	sum := s.Summary
	avail := "—"
	if sum.Availability != nil {
		avail = availabilityText(sum.Availability)
	}
	worst, worstHuman, silence := "—", "—", "—"
	if sum.WorstFirstResponse != nil {
		worst = words.Duration(sum.WorstFirstResponse.After, l)
	}
	if sum.WorstFirstHumanResponse != nil {
		worstHuman = words.Duration(sum.WorstFirstHumanResponse.After, l)
	}
	if sum.LongestSilence != nil {
		silence = words.Duration(sum.LongestSilence.Length(), l)
	}
	grid := container.NewGridWrap(fyne.NewSize(206, 78))
	add := func(label, value string, imp widget.Importance) {
		grid.Add(statCard(label, newStyledCell(value, imp, fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText)))
	}
	danger := func(bad bool) widget.Importance {
		if bad {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	add(lang.X("stat.unusable", "Unusable"), durationOrZero(sum.Unusable, l), danger(sum.Unusable > 0))
	add(lang.X("stat.any_impact", "Any impact"), durationOrZero(sum.Impaired, l), widget.MediumImportance)
	add(lang.X("stat.availability", "Availability"), avail, widget.MediumImportance)
	add(lang.X("stat.paid", "Paid"), journal.FormatMoney(sum.Cash, r.Home), widget.MediumImportance)
	add(lang.X("stat.accrued", "Cost of the period"), journal.FormatMoney(sum.Accrued, r.Home), widget.MediumImportance)
	add(lang.X("stat.paid_unusable", "Paid while unusable"), journal.FormatMoney(sum.PaidWhileUnusable, r.Home), danger(sum.PaidWhileUnusable > 0))
	add(lang.X("stat.outages", "Outages"), fmt.Sprint(sum.Outages), widget.MediumImportance)
	add(lang.X("stat.tickets", "Support tickets"), fmt.Sprint(sum.Tickets), widget.MediumImportance)
	add(lang.X("stat.worst_first_response", "Slowest first response"), worst, widget.MediumImportance)
	add(lang.X("stat.worst_first_human", "Slowest human reply"), worstHuman, widget.MediumImportance)
	add(lang.X("stat.longest_silence", "Longest silence"), silence, widget.MediumImportance)
	objs = append(objs, grid)
	objs = append(objs, &widget.Label{Text: lang.X("stat.any_impact_help", "Unusable counts the time the service could not be used; Any impact also counts the time it worked only in part (overlaps once)."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance})
	if o := officialBeside(r, s, l); o != nil {
		objs = append(objs, o)
	}

	labels := review.ChartLabels(l)
	labels.Dark = t.ses.darkCharts()
	monthly, tickets := d.monthly, d.tickets
	costLabels := labels
	costLabels.Title = words.T(l, "chart.cost_downtime")
	availLabels := labels
	availLabels.Title = words.T(l, "chart.availability_by")
	supportLabels := labels
	supportLabels.Title = words.T(l, "chart.support")
	size := fyne.NewSize(600, 340)
	objs = append(objs, newChartView(t.ses.thread, size, func(w, h int) ([]byte, error) { return charts.CostDowntime(monthly, costLabels, w, h, charts.PNG) }))
	objs = append(objs, newChartView(t.ses.thread, size, func(w, h int) ([]byte, error) { return charts.Availability(monthly, availLabels, w, h, charts.PNG) }))
	objs = append(objs, newChartView(t.ses.thread, size, func(w, h int) ([]byte, error) {
		return charts.SupportResponse(tickets, supportLabels, w, h, charts.PNG)
	}))
	objs = append(objs, t.details())
	replaceObjects(t.body, objs...)
	t.scroll.Refresh() // the body grew after the scroll was laid out
}

// nothingYet stands in for the verdict of a service with no records.
func (t *summaryTab) nothingYet() fyne.CanvasObject {
	msg := &widget.Label{Text: lang.X("summary.nothing_yet", "Nothing recorded for this service yet. Add the plan you pay for, and log outages as they happen: the verdict and the figures follow from them."),
		Wrapping: fyne.TextWrapWord}
	// The form opens here: once saved, the Summary shows the plan's figures.
	ses, svc := t.ses, t.svc
	plan := &widget.Button{Text: lang.X("action.add_subscription", "Add subscription"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		newSubscriptionForm(ses, svc, nil, ses.refresh).open()
	}}
	return container.NewVBox(msg, container.NewHBox(plan))
}

// statCard frames a figure with its caption, so each reads as one unit.
func statCard(caption string, value *textCell) fyne.CanvasObject {
	box := container.New(layout.NewCustomPaddedVBoxLayout(-10), newTextCell(caption, widget.LowImportance), value)
	return container.NewStack(cardBackground(theme.Color(theme.ColorNameInputBackground)), container.NewPadded(box))
}

// details lists the service's website, status page and notes.
func (t *summaryTab) details() fyne.CanvasObject {
	svc := t.svc
	details := container.New(layout.NewFormLayout())
	addRow := func(label, value string) {
		if value == "" {
			return
		}
		details.Add(&widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}})
		details.Add(&widget.Label{Text: value, Wrapping: fyne.TextWrapWord})
	}
	addRow(lang.X("field.website", "Website"), svc.Website)
	addRow(lang.X("field.status_page", "Status page"), svc.StatusPage)
	addRow(lang.X("field.notes", "Notes"), svc.Notes)
	return details
}

// durationOrZero writes a zero duration as "0" rather than "less than a minute".
func durationOrZero(d time.Duration, l words.Lang) string {
	if d == 0 {
		return lang.X("duration.none", "0 minutes")
	}
	return words.Duration(d, l)
}

// figuresError explains why figures cannot be computed, e.g. a missing
// exchange rate, and offers the settings that fix it.
func figuresError(u *session, err error) fyne.CanvasObject {
	var text string
	var missing *figures.MissingRateError
	if errors.As(err, &missing) {
		text = lang.X("figures.missing_rate", "No exchange rate from {{.From}} to {{.Home}}: add it in Settings to see costs.",
			map[string]any{"From": missing.Currency, "Home": missing.Home})
	} else {
		text = errorText(err)
	}
	msg := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	open := &widget.Button{Text: lang.X("action.settings", "Settings"), Icon: theme.SettingsIcon(), OnTapped: func() { u.openSettings() }}
	return container.NewVBox(msg, container.NewHBox(open))
}
