package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"lapse/app/figures"
	"lapse/app/journal"
)

// currencyEntry is a currency field: the common codes (settings.go), the home currency
// first when it is not among them, and free text.
func currencyEntry(home string) *widget.SelectEntry {
	opts := commonCurrencies
	if home != "" && !contains(opts, home) {
		opts = append([]string{home}, opts...)
	}
	e := widget.NewSelectEntry(opts)
	e.PlaceHolder = "USD"
	return e
}

// currencyCode reads a typed code the way ISO writes it ("usd " → "USD").
func currencyCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// parseAmount reads a money entry in currency's minor units; errors name field.
func parseAmount(field, text, currency string) (int64, error) {
	if strings.TrimSpace(text) == "" {
		return 0, journal.Invalid(field, journal.ReasonRequired)
	}
	v, err := journal.ParseAmount(text, currency)
	if err != nil {
		return 0, &journal.Error{Code: journal.EINVALID, Field: field, Reason: journal.ReasonInvalidNumber, Err: err}
	}
	return v, nil
}

// dialogButtons lays out Cancel and the primary action on the right, extra buttons on the left.
func dialogButtons(cancel, primary *widget.Button, extra ...fyne.CanvasObject) *fyne.Container {
	return container.NewHBox(append(extra, layout.NewSpacer(), cancel, primary)...)
}

// subscriptionJournal is what the plan forms write.
type subscriptionJournal interface {
	CancelSubscription(ctx context.Context, s *journal.Subscription, d *journal.Decision) error
	CreateSubscription(ctx context.Context, s *journal.Subscription) error
	UpdateSubscription(ctx context.Context, s *journal.Subscription) error
}

// subscriptionForm adds or edits a subscription; its price history is kept
// as it is and edited from the plan card.
type subscriptionForm struct {
	ses     *session
	db      subscriptionJournal
	svc     *journal.Service
	editing *journal.Subscription // nil when adding
	done    func()

	form        *fieldForm
	plan        *keyEntry
	price       *keyEntry
	currency    *widget.SelectEntry
	periodN     *keyEntry
	unit        *keySelect
	start       *timeField
	trialEnd    *timeField
	end         *timeField
	paymentNote *keyEntry
	reminder    *keyEntry
	save        *widget.Button
	dlg         dialog.Dialog
}

func newSubscriptionForm(u *session, svc *journal.Service, editing *journal.Subscription, done func()) *subscriptionForm {
	f := &subscriptionForm{ses: u, db: u.db, svc: svc, editing: editing, done: done, form: newFieldForm()}
	f.plan = multi(false, lang.X("hint.plan", "e.g. Plus, Pro, Family"))
	f.price = multi(false, lang.X("hint.price", "e.g. 20.00"))
	f.currency = currencyEntry(u.settings.HomeCurrency)
	f.periodN = multi(false, "1")
	units := make([]string, len(journal.PeriodUnits))
	for i, pu := range journal.PeriodUnits {
		units[i] = unitLabel(pu)
	}
	f.unit = newKeySelect(units, nil)
	f.start = newDateField(u.loc, u.now, false)
	f.trialEnd = newDateField(u.loc, u.now, true)
	f.trialEnd.entry.PlaceHolder = lang.X("hint.trial_end", "empty: no free trial")
	f.end = newDateField(u.loc, u.now, true)
	f.end.entry.PlaceHolder = lang.X("hint.subscription_end", "empty: still running")
	f.paymentNote = multi(false, lang.X("hint.payment_note", "e.g. Visa ending 4242, App Store"))
	f.reminder = multi(false, lang.X("hint.reminder_days", "empty: {{.N}}, as in Settings", map[string]any{"N": u.settings.ReminderDays}))

	s := editing
	if s == nil {
		s = &journal.Subscription{Currency: u.settings.HomeCurrency, Period: journal.Period{N: 1, Unit: journal.Months},
			Start: journal.DateOf(u.now().In(u.loc))}
	}
	f.plan.SetText(s.Plan)
	if editing != nil {
		f.price.SetText(journal.FormatAmount(s.Amount, s.Currency))
	}
	f.currency.SetText(s.Currency)
	f.periodN.SetText(strconv.Itoa(s.Period.N))
	f.unit.SetSelectedIndex(unitIndex(s.Period.Unit))
	f.start.setDate(s.Start)
	f.trialEnd.setDate(s.TrialEnd)
	f.end.setDate(s.End)
	f.paymentNote.SetText(s.PaymentNote)
	if s.ReminderDays > 0 {
		f.reminder.SetText(strconv.Itoa(s.ReminderDays))
	}

	f.form.add("plan", lang.X("field.plan", "Plan"), f.plan)
	priceLabel := lang.X("field.price", "Price")
	if len(s.Prices) > 0 {
		// Later prices are the price changes; this field is where it began.
		priceLabel = lang.X("field.starting_price", "Starting price")
	}
	f.form.add("price", priceLabel, f.price)
	f.form.add("currency", lang.X("field.currency", "Currency"), f.currency)
	f.form.add("period", lang.X("field.period", "Billing period"), container.NewGridWithColumns(2, f.periodN, f.unit))
	f.form.add("start", lang.X("field.start", "Start"), f.start.entry)
	f.form.add("trial_end", lang.X("field.trial_end", "Trial end"), f.trialEnd.entry)
	f.form.add("end", lang.X("field.end", "End"), f.end.entry)
	f.form.add("payment_note", lang.X("field.payment_note", "Payment note"), f.paymentNote)
	f.form.add("reminder_days", lang.X("field.reminder_days", "Reminder days"), f.reminder)
	return f
}

func unitIndex(pu journal.PeriodUnit) int {
	for i, v := range journal.PeriodUnits {
		if v == pu {
			return i
		}
	}
	return unitIndex(journal.Months)
}

func (f *subscriptionForm) open() {
	title := lang.X("dialog.add_subscription", "Add subscription")
	if f.editing != nil {
		title = lang.X("dialog.edit_subscription", "Edit subscription")
	}
	f.save = &widget.Button{Text: lang.X("action.save", "Save"), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { f.dlg.Hide() }}
	body := container.NewVScroll(f.form.content())
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, dialogButtons(cancel, f.save), nil, nil, body), f.ses.win)
	f.dlg.Resize(fyne.NewSize(600, 620))
	f.dlg.Show()
	f.ses.bindKeys(f.dlg, f.form.grid, f.onSave)
	f.ses.win.Canvas().Focus(f.plan)
}

// subscription reads the form in field order; errors name the field.
func (f *subscriptionForm) subscription() (*journal.Subscription, error) {
	s := &journal.Subscription{ServiceID: f.svc.ID}
	if f.editing != nil {
		c := *f.editing
		s = &c
	}
	s.Plan = strings.TrimSpace(f.plan.Text)
	s.Currency = currencyCode(f.currency.Text)
	amount, err := parseAmount("price", f.price.Text, s.Currency)
	if err != nil {
		return nil, err
	}
	s.Amount = amount
	n, err := strconv.Atoi(strings.TrimSpace(f.periodN.Text))
	if err != nil {
		return nil, journal.Invalid("period", journal.ReasonInvalidNumber)
	}
	s.Period = journal.Period{N: n, Unit: journal.PeriodUnits[f.unit.SelectedIndex()]}
	if s.Start, err = f.start.date("start"); err != nil {
		return nil, err
	}
	if s.TrialEnd, err = f.trialEnd.date("trial_end"); err != nil {
		return nil, err
	}
	if s.End, err = f.end.date("end"); err != nil {
		return nil, err
	}
	s.PaymentNote = strings.TrimSpace(f.paymentNote.Text)
	s.ReminderDays = 0
	if r := strings.TrimSpace(f.reminder.Text); r != "" {
		if s.ReminderDays, err = strconv.Atoi(r); err != nil {
			return nil, journal.Invalid("reminder_days", journal.ReasonInvalidNumber)
		}
	}
	return s, s.Validate()
}

func (f *subscriptionForm) onSave() {
	s, err := f.subscription()
	if f.form.show(err) {
		return
	}
	db, editing := f.db, f.editing != nil
	f.ses.submit(f.save, func(ctx context.Context) error {
		if editing {
			return db.UpdateSubscription(ctx, s)
		}
		return db.CreateSubscription(ctx, s)
	}, f.saved)
}

// saved closes the form after a save, or shows why it failed.
func (f *subscriptionForm) saved(err error) {
	if f.form.show(err) {
		return
	}
	f.dlg.Hide()
	f.done()
}

// priceChangeForm appends a price change to a subscription's history.
type priceChangeForm struct {
	ses       *session
	db        subscriptionJournal
	sub       *journal.Subscription
	done      func()
	form      *fieldForm
	effective *timeField
	price     *keyEntry
	save      *widget.Button
	dlg       dialog.Dialog
}

func newPriceChangeForm(u *session, sub *journal.Subscription, done func()) *priceChangeForm {
	f := &priceChangeForm{ses: u, db: u.db, sub: sub, done: done, form: newFieldForm()}
	f.effective = newDateField(u.loc, u.now, false)
	// A new price usually applies from a billing date: suggest the next one.
	from := journal.DateOf(u.now().In(u.loc))
	if next, ok := figures.NextCharge(*sub, u.now(), u.loc); ok {
		from = next
	}
	f.effective.setDate(from)
	f.price = multi(false, journal.FormatAmount(sub.PriceOn(from), sub.Currency))
	currency := &widget.Label{Text: sub.Currency}
	f.form.add("effective", lang.X("field.effective", "Effective from"), f.effective.entry)
	f.form.add("price", lang.X("field.price", "Price"), container.NewBorder(nil, nil, nil, currency, f.price))
	return f
}

func (f *priceChangeForm) open() {
	f.save = &widget.Button{Text: lang.X("action.save", "Save"), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: lang.X("action.cancel", "Cancel"), OnTapped: func() { f.dlg.Hide() }}
	explain := &widget.Label{Text: lang.X("price_change.explain", "Every charge from this date on costs the new price; earlier charges keep theirs."),
		Wrapping: fyne.TextWrapWord}
	body := container.NewVBox(explain, f.form.content())
	f.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.add_price_change", "Add price change"),
		container.NewBorder(nil, dialogButtons(cancel, f.save), nil, nil, body), f.ses.win)
	f.dlg.Resize(fyne.NewSize(520, 300))
	f.dlg.Show()
	f.ses.bindKeys(f.dlg, f.form.grid, f.onSave)
	f.ses.win.Canvas().Focus(f.price)
}

// subscription returns a copy of the subscription with the new price appended.
func (f *priceChangeForm) subscription() (*journal.Subscription, error) {
	effective, err := f.effective.date("effective")
	if err != nil {
		return nil, err
	}
	amount, err := parseAmount("price", f.price.Text, f.sub.Currency)
	if err != nil {
		return nil, err
	}
	for _, p := range f.sub.Prices {
		if p.Effective == effective {
			return nil, journal.Invalid("effective", journal.ReasonDuplicate)
		}
	}
	s := *f.sub
	s.Prices = append(append([]journal.PriceChange(nil), f.sub.Prices...), journal.PriceChange{Effective: effective, Amount: amount})
	return &s, s.Validate()
}

func (f *priceChangeForm) onSave() {
	s, err := f.subscription()
	if f.form.show(err) {
		return
	}
	db := f.db
	f.ses.submit(f.save, func(ctx context.Context) error { return db.UpdateSubscription(ctx, s) }, func(err error) {
		if f.form.show(err) {
			return
		}
		f.dlg.Hide()
		f.done()
	})
}

// cancelForm ends a subscription on a date and can record the cancellation
// as a decision event in the same step.
type cancelForm struct {
	ses    *session
	db     subscriptionJournal
	sub    *journal.Subscription
	done   func()
	form   *fieldForm
	end    *timeField
	record *widget.Check
	reason *keyEntry // the note of the "Cancelled" decision
	save   *widget.Button
	dlg    dialog.Dialog
}

func newCancelForm(u *session, sub *journal.Subscription, done func()) *cancelForm {
	f := &cancelForm{ses: u, db: u.db, sub: sub, done: done, form: newFieldForm()}
	f.end = newDateField(u.loc, u.now, false)
	f.end.setDate(journal.DateOf(u.now().In(u.loc)))
	f.record = &widget.Check{Text: lang.X("cancel.record_decision", "Also record a \"Cancelled\" decision on this date"), Checked: true}
	f.record.ExtendBaseWidget(f.record)
	f.reason = multi(true, lang.X("hint.cancel_reason", "e.g. down for two weeks, no reply from support"))
	f.record.OnChanged = func(on bool) {
		if on {
			f.reason.Enable()
		} else {
			f.reason.Disable()
		}
	}
	f.form.add("end", lang.X("field.end", "End"), f.end.entry)
	f.form.add("reason", lang.X("field.reason", "Why"), f.reason)
	return f
}

func (f *cancelForm) open() {
	f.save = &widget.Button{Text: lang.X("action.cancel_plan", "Cancel plan"), Importance: widget.DangerImportance, OnTapped: f.onSave}
	keep := &widget.Button{Text: lang.X("action.keep_plan", "Keep the plan"), OnTapped: func() { f.dlg.Hide() }}
	explain := &widget.Label{Text: lang.X("cancel.explain", "The plan ends on this date: charges after it are no longer counted."),
		Wrapping: fyne.TextWrapWord}
	body := container.NewVBox(explain, f.form.content(), f.record)
	f.dlg = dialog.NewCustomWithoutButtons(lang.X("dialog.cancel_plan", "Cancel plan"),
		container.NewBorder(nil, dialogButtons(keep, f.save), nil, nil, body), f.ses.win)
	f.dlg.Resize(fyne.NewSize(560, 400))
	f.dlg.Show()
	f.ses.bindKeys(f.dlg, f.form.grid, f.onSave)
}

func (f *cancelForm) onSave() {
	end, err := f.end.date("end")
	if f.form.show(err) {
		return
	}
	s := *f.sub
	s.End = end
	var d *journal.Decision
	if f.record.Checked {
		// Dated the day it was decided, not the day the plan ends: a verdict
		// as of the days between knows it was cancelled (PRODUCT.md).
		decided := journal.DateOf(f.ses.now().In(f.ses.loc))
		if end.Before(decided) {
			decided = end // recorded after the fact: the day it ended at the latest
		}
		d = &journal.Decision{ServiceID: s.ServiceID, Kind: journal.DecisionCancelled, Date: decided, Note: strings.TrimSpace(f.reason.Text)}
	}
	// The end date and the decision are saved together or not at all.
	if f.form.show(s.Validate()) {
		return
	}
	db := f.db
	f.ses.submit(f.save, func(ctx context.Context) error { return db.CancelSubscription(ctx, &s, d) }, func(err error) {
		if f.form.show(err) {
			return
		}
		f.dlg.Hide()
		f.done()
	})
}
