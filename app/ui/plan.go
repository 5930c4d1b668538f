package ui

import (
	"context"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/storage"
)

// planJournal is what the Plan tab reads and writes.
type planJournal interface {
	Subscriptions(ctx context.Context, f storage.SubscriptionFilter) ([]*journal.Subscription, error)
	Decisions(ctx context.Context, serviceID int64) ([]*journal.Decision, error)
	DeleteDecision(ctx context.Context, id int64) (int64, error)
	DeleteSubscription(ctx context.Context, id int64) (int64, error)
	UpdateSubscription(ctx context.Context, s *journal.Subscription) error
}

// planTab shows a service's subscriptions (next charge, price history) and
// the decisions taken about it: cancelled, switched, refunds.
type planTab struct {
	ses          *session
	db           planJournal
	svc          *journal.Service
	load         loader
	subs         []*journal.Subscription
	decisions    []*journal.Decision // newest first
	cards        []*subCard
	rows         []*decisionRow
	addSub       *widget.Button
	addDecision  *widget.Button
	subsBox      *fyne.Container
	decisionsBox *fyne.Container
	scroll       *container.Scroll
}

// subCard is one subscription on the tab, with the widgets tests read.
type subCard struct {
	tab       *planTab
	sub       *journal.Subscription
	next      *textCell   // "2026-11-30 (in 5 days)", or "none"
	nextPrice *textCell   // what the next charge costs
	ends      *textCell   // "cancelled, ends on …"; nil while running
	history   []*priceRow // newest first, the starting price last
	edit      *widget.Button
	addPrice  *widget.Button
	cancel    *widget.Button // nil once an end date is set
	del       *widget.Button
}

// priceRow is one line of the price history.
type priceRow struct {
	change *journal.PriceChange // nil: the starting price
	date   *textCell
	price  *textCell
	note   *textCell
	remove *widget.Button // nil for the starting price
}

// decisionRow is one decision event in the table.
type decisionRow struct {
	decision *journal.Decision
	cells    []*textCell
	edit     *widget.Button
	del      *widget.Button
}

var (
	priceColumns    = columns{1.1, 1.1, 2.1, 0.3}
	decisionColumns = columns{1.5, 1.8, 1.3, 1.5, 2.6, 0.9}
)

func newPlanTab(u *session, svc *journal.Service) *planTab {
	return &planTab{ses: u, db: u.db, svc: svc, load: loader{thread: u.thread}}
}

func (t *planTab) build() fyne.CanvasObject {
	t.addSub = &widget.Button{Text: lang.X("action.add_subscription", "Add subscription"), Icon: theme.ContentAddIcon(), OnTapped: t.onAddSub}
	t.addDecision = &widget.Button{Text: lang.X("action.add_decision", "Add decision"), Icon: theme.ContentAddIcon(), OnTapped: t.onAddDecision}
	t.subsBox = container.NewVBox()
	t.decisionsBox = container.NewVBox()
	t.reload()
	t.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(t.subsBox, widget.NewSeparator(), t.decisionsBox)))
	return t.scroll
}

// reload reads the service's subscriptions and decisions and rebuilds both sections.
// reload reads the service's plans and decisions off the UI thread.
func (t *planTab) reload() {
	db, id := t.db, t.svc.ID
	t.load.start(func(ctx context.Context) func() {
		subs, err := db.Subscriptions(ctx, storage.SubscriptionFilter{ServiceID: &id})
		var decisions []*journal.Decision
		if err == nil {
			decisions, err = db.Decisions(ctx, id)
		}
		return func() {
			if err != nil {
				t.ses.showError(err)
				return
			}
			t.show(subs, decisions)
		}
	}, nil)
}

// leave drops a load still running.
func (t *planTab) leave() { t.load.stop() }

func (t *planTab) show(subs []*journal.Subscription, decisions []*journal.Decision) {
	sort.SliceStable(decisions, func(i, j int) bool { return decisions[i].Date.After(decisions[j].Date) })
	// The plans still running come first, the newest on top.
	today := t.today()
	running := func(s *journal.Subscription) bool { return s.End.IsZero() || !s.End.Before(today) }
	sort.SliceStable(subs, func(i, j int) bool {
		if running(subs[i]) != running(subs[j]) {
			return running(subs[i])
		}
		return subs[i].Start.After(subs[j].Start)
	})
	t.subs, t.decisions = subs, decisions
	t.fillSubscriptions()
	t.fillDecisions()
	// The boxes grew after the scroll was laid out: lay it out again.
	layoutTree(t.scroll.Content)
	t.scroll.Refresh()
}

// afterChange refreshes this tab and the sidebar, whose marks may depend on plans.
func (t *planTab) afterChange() {
	t.reload()
	t.ses.reload()
}

func sectionTitle(s string) *widget.Label {
	return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

func (t *planTab) fillSubscriptions() {
	title := sectionTitle(lang.X("plan.subscriptions", "Subscriptions"))
	t.cards = nil
	if len(t.subs) == 0 {
		// The empty state says what to record and offers the one thing to do.
		t.addSub.Importance = widget.HighImportance
		empty := &widget.Label{Text: lang.X("plan.empty", "No subscription recorded for {{.Name}}. Add the plan you pay for — its price, currency, billing period and start date — to see the next charge and what you paid while the service was unusable.",
			map[string]any{"Name": t.svc.Name}), Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
		replaceObjects(t.subsBox, title, empty, container.NewCenter(t.addSub))
	} else {
		t.addSub.Importance = widget.MediumImportance
		objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, t.addSub, title)}
		for _, s := range t.subs {
			c := newSubCard(t, s)
			t.cards = append(t.cards, c)
			objs = append(objs, c.build())
		}
		replaceObjects(t.subsBox, objs...)
	}
	t.addSub.Refresh()
}

func (t *planTab) fillDecisions() {
	title := sectionTitle(lang.X("plan.decisions", "Decisions"))
	t.rows = nil
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, t.addDecision, title)}
	if len(t.decisions) == 0 {
		replaceObjects(t.decisionsBox, append(objs, &widget.Label{Text: lang.X("decisions.empty", "No decision recorded. Note here when you cancel, downgrade, switch to another service or ask for a refund, with the date and the amount."),
			Wrapping: fyne.TextWrapWord})...)
		return
	}
	objs = append(objs, container.New(decisionColumns,
		heading(lang.X("field.date", "Date")), heading(lang.X("field.kind", "Kind")), heading(lang.X("field.amount", "Amount")),
		heading(lang.X("field.switched_to", "Switched to")), heading(lang.X("field.note", "Note")), heading("")))
	objs = append(objs, widget.NewSeparator())
	for _, d := range t.decisions {
		r := t.newDecisionRow(d)
		t.rows = append(t.rows, r)
		cells := make([]fyne.CanvasObject, 0, len(decisionColumns))
		for _, c := range r.cells {
			cells = append(cells, c)
		}
		cells = append(cells, container.NewHBox(r.edit, r.del))
		objs = append(objs, container.New(decisionColumns, cells...))
	}
	replaceObjects(t.decisionsBox, objs...)
}

func (t *planTab) newDecisionRow(d *journal.Decision) *decisionRow {
	cell := func(s string) *textCell { return newTextCell(s, widget.MediumImportance) }
	amount, switched := "", ""
	if d.Amount != nil {
		amount = journal.FormatMoney(d.Amount.Amount, d.Amount.Currency)
	}
	if d.SwitchedTo != nil {
		if s := t.ses.serviceByID(*d.SwitchedTo); s != nil {
			switched = s.Name
		}
	}
	r := &decisionRow{decision: d, cells: []*textCell{cell(d.Date.String()), cell(decisionLabel(d.Kind)), cell(amount), cell(switched), cell(firstLine(d.Note))}}
	r.edit = &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { t.onEditDecision(d) }}
	r.del = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { t.onDeleteDecision(d) }}
	return r
}

// firstLine keeps a table cell to one line.
func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i] + " …"
		}
	}
	return s
}

// today is the calendar day of now in the user's zone.
func (t *planTab) today() journal.Date { return journal.DateOf(t.ses.now().In(t.ses.loc)) }

// defaultCurrency is the currency a new amount starts in: the latest plan's, else the home currency.
func (t *planTab) defaultCurrency() string {
	if n := len(t.subs); n > 0 {
		return t.subs[n-1].Currency
	}
	return t.ses.settings.HomeCurrency
}

func (t *planTab) onAddSub() {
	newSubscriptionForm(t.ses, t.svc, nil, t.afterChange).open()
}

func (t *planTab) onAddDecision() {
	newDecisionForm(t.ses, t.svc, nil, t.defaultCurrency(), t.afterChange).open()
}

func (t *planTab) onEditDecision(d *journal.Decision) {
	c := *d
	newDecisionForm(t.ses, t.svc, &c, t.defaultCurrency(), t.afterChange).open()
}

func (t *planTab) onDeleteDecision(d *journal.Decision) {
	db := t.db
	var trashID int64
	t.ses.write(func(ctx context.Context) (err error) {
		trashID, err = db.DeleteDecision(ctx, d.ID)
		return err
	}, func(err error) {
		if err != nil {
			t.ses.showError(err)
			return
		}
		t.reload()
		t.ses.offerUndo(lang.X("undo.decision_deleted", "Decision moved to the trash."), trashID, t.reload)
	})
}

func (t *planTab) onDeleteSub(s *journal.Subscription) {
	db := t.db
	var trashID int64
	t.ses.write(func(ctx context.Context) (err error) {
		trashID, err = db.DeleteSubscription(ctx, s.ID)
		return err
	}, func(err error) {
		if err != nil {
			t.ses.showError(err)
			return
		}
		t.afterChange()
		t.ses.offerUndo(lang.X("undo.subscription_deleted", "Subscription moved to the trash."), trashID, t.reload)
	})
}

// onRemovePrice asks before removing a price change: it has no trash to come back from.
func (t *planTab) onRemovePrice(s *journal.Subscription, change journal.PriceChange) {
	msg := lang.X("confirm.remove_price", "Remove the price change to {{.Price}} from {{.Date}}?",
		map[string]any{"Price": journal.FormatMoney(change.Amount, s.Currency), "Date": change.Effective.String()})
	d := dialog.NewConfirm(lang.X("dialog.remove_price", "Remove price change"), msg, func(ok bool) {
		if ok {
			t.removePrice(s, change)
		}
	}, t.ses.win)
	d.SetConfirmText(lang.X("action.remove", "Remove"))
	d.SetDismissText(lang.X("action.cancel", "Cancel"))
	d.Show()
}

// removePrice drops one price change from the subscription's history and saves it.
func (t *planTab) removePrice(s *journal.Subscription, change journal.PriceChange) {
	c := *s
	c.Prices = nil
	for _, p := range s.Prices {
		if p.ID != change.ID {
			c.Prices = append(c.Prices, p)
		}
	}
	db := t.db
	t.ses.write(func(ctx context.Context) error { return db.UpdateSubscription(ctx, &c) }, func(err error) {
		if err != nil {
			t.ses.showError(err)
			return
		}
		t.afterChange()
	})
}

func newSubCard(t *planTab, s *journal.Subscription) *subCard {
	c := &subCard{tab: t, sub: s}
	c.edit = &widget.Button{Text: lang.X("action.edit", "Edit"), Icon: theme.DocumentCreateIcon(), OnTapped: func() {
		cp := *s
		newSubscriptionForm(t.ses, t.svc, &cp, t.afterChange).open()
	}}
	c.addPrice = &widget.Button{Text: lang.X("action.add_price_change", "Add price change"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		newPriceChangeForm(t.ses, s, t.afterChange).open()
	}}
	if s.End.IsZero() {
		c.cancel = &widget.Button{Text: lang.X("action.cancel_plan", "Cancel plan"), Icon: theme.CancelIcon(), OnTapped: func() {
			newCancelForm(t.ses, s, t.afterChange).open()
		}}
	}
	c.del = &widget.Button{Text: lang.X("action.delete", "Delete"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { t.onDeleteSub(s) }}
	return c
}

func (c *subCard) build() fyne.CanvasObject {
	s, u := c.sub, c.tab.ses
	today := c.tab.today()

	details := container.New(layout.NewFormLayout())
	row := func(label string, value fyne.CanvasObject) {
		details.Add(&widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}})
		details.Add(value)
	}
	text := func(s string) *textCell { return newTextCell(s, widget.MediumImportance) }

	c.next = text(lang.X("plan.no_next", "none"))
	c.nextPrice = newStyledCell("", widget.MediumImportance, fyne.TextStyle{Bold: true}, "")
	next, ok := figures.NextCharge(*s, u.now(), u.loc)
	if ok {
		c.next.text = lang.X("plan.next_when", "{{.Date}} ({{.In}})", map[string]any{"Date": next.String(), "In": inDays(today, next)})
		c.nextPrice.text = journal.FormatMoney(s.PriceOn(next), s.Currency)
	}
	row(lang.X("plan.next_charge", "Next charge"), c.next)
	if ok {
		row(lang.X("plan.next_amount", "Amount due"), c.nextPrice)
	}
	if !s.End.IsZero() {
		msg := lang.X("plan.ends_on", "cancelled, ends on {{.Date}}", map[string]any{"Date": s.End.String()})
		if s.End.Before(today) {
			msg = lang.X("plan.ended_on", "cancelled, ended on {{.Date}}", map[string]any{"Date": s.End.String()})
		}
		c.ends = newTextCell(msg, widget.WarningImportance)
		row(lang.X("field.end", "End"), c.ends)
	}
	row(lang.X("field.period", "Billing period"), text(periodText(s.Period)))
	row(lang.X("field.start", "Start"), text(s.Start.String()))
	if !s.TrialEnd.IsZero() {
		row(lang.X("field.trial_end", "Trial end"), text(s.TrialEnd.String()))
	}
	if s.PaymentNote != "" {
		row(lang.X("field.payment_note", "Payment note"), text(s.PaymentNote))
	}
	if s.ReminderDays > 0 {
		row(lang.X("field.reminder_days", "Reminder days"), text(lang.X("plan.reminder", "{{.N}} days before a charge", map[string]any{"N": s.ReminderDays})))
	}

	history := container.NewVBox(&widget.Label{Text: lang.X("plan.price_history", "Price history"), TextStyle: fyne.TextStyle{Bold: true}})
	for _, r := range c.priceRows(today) {
		var action fyne.CanvasObject = layout.NewSpacer()
		if r.remove != nil {
			action = container.NewHBox(layout.NewSpacer(), r.remove)
		}
		history.Add(container.New(priceColumns, r.date, r.price, r.note, action))
	}

	buttons := []fyne.CanvasObject{c.edit, c.addPrice}
	if c.cancel != nil {
		buttons = append(buttons, c.cancel)
	}
	buttons = append(buttons, layout.NewSpacer(), c.del)
	content := container.NewVBox(container.NewGridWithColumns(2, details, history), widget.NewSeparator(), container.NewHBox(buttons...))

	title := s.Plan
	if title == "" {
		title = c.tab.svc.Name
	}
	subtitle := lang.X("plan.price_period", "{{.Price}} {{.Period}}",
		map[string]any{"Price": journal.FormatMoney(s.PriceOn(today), s.Currency), "Period": periodText(s.Period)})
	return widget.NewCard(title, subtitle, content)
}

// priceRows builds the price history, newest first, ending with the starting
// price; the price in force today and those still to come are marked.
func (c *subCard) priceRows(today journal.Date) []*priceRow {
	s := c.sub
	changes := append([]journal.PriceChange(nil), s.Prices...)
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Effective.After(changes[j].Effective) })
	c.history = nil
	inForce := false
	label := func(s string) *textCell { return newTextCell(s, widget.MediumImportance) }
	note := func(d journal.Date) *textCell {
		switch {
		case d.After(today):
			return newTextCell(lang.X("plan.upcoming", "upcoming"), widget.HighImportance)
		case !inForce:
			inForce = true
			return c.inForceNote(today)
		}
		return label("")
	}
	for i := range changes {
		ch := changes[i]
		r := &priceRow{change: &ch, date: label(ch.Effective.String()), price: label(journal.FormatMoney(ch.Amount, s.Currency)), note: note(ch.Effective)}
		r.remove = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { c.tab.onRemovePrice(s, ch) }}
		c.history = append(c.history, r)
	}
	first := note(s.Start)
	if first.text == "" {
		first.text = lang.X("plan.starting_price", "starting price")
	}
	c.history = append(c.history, &priceRow{date: label(s.Start.String()), price: label(journal.FormatMoney(s.Amount, s.Currency)), note: first})
	return c.history
}

// inForceNote marks the current price; a cancelled plan's says until when
// it runs, or that it was the last one once the plan has ended.
func (c *subCard) inForceNote(today journal.Date) *textCell {
	end := c.sub.End
	switch {
	case end.IsZero():
		return newTextCell(lang.X("plan.in_force", "in force"), widget.SuccessImportance)
	case end.Before(today):
		return newTextCell(lang.X("plan.last_price", "last price"), widget.LowImportance)
	}
	return newTextCell(lang.X("plan.in_force_until", "in force until {{.Date}}", map[string]any{"Date": end.String()}), widget.SuccessImportance)
}

// periodText reads "every month", "every 3 months".
func periodText(p journal.Period) string {
	if p.N == 1 {
		switch p.Unit {
		case journal.Days:
			return lang.X("period.every_day", "every day")
		case journal.Weeks:
			return lang.X("period.every_week", "every week")
		case journal.Months:
			return lang.X("period.every_month", "every month")
		case journal.Years:
			return lang.X("period.every_year", "every year")
		}
	}
	return lang.X("period.every_n", "every {{.N}} {{.Unit}}", map[string]any{"N": p.N, "Unit": unitLabel(p.Unit)})
}

// inDays says how far d is from today: "today", "tomorrow", "in 5 days".
func inDays(today, d journal.Date) string {
	n := int(d.In(time.UTC).Sub(today.In(time.UTC)) / (24 * time.Hour))
	switch n {
	case 0:
		return lang.X("plan.today", "today")
	case 1:
		return lang.X("plan.tomorrow", "tomorrow")
	}
	return lang.X("plan.in_days", "in {{.N}} days", map[string]any{"N": n})
}
