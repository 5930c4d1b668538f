package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/storage"
)

// newPlanFixture opens a test UI with one service and builds its Plan tab.
func newPlanFixture(t *testing.T) (*UI, *journal.Service, *planTab) {
	t.Helper()
	u := newTestUI(t)
	svc := &journal.Service{Name: "Parley AI"}
	if err := u.db.CreateService(u.ctx, svc); err != nil {
		t.Fatal(err)
	}
	u.reload()
	settle(u)
	settle(u)
	tab := newPlanTab(u.session, svc)
	// In a window of its own, as wide as the tab in a 1280-wide window, so its cells are laid out as they are seen.
	w := test.NewTempWindow(t, tab.build())
	w.Resize(fyne.NewSize(1010, 720))
	settle(u)
	return u, svc, tab
}

func planDate(t *testing.T, s string) journal.Date {
	t.Helper()
	d, err := journal.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// planAddMonthly records 20.00 USD a month from 2026-01-31 and shows it on the tab.
func planAddMonthly(t *testing.T, u *UI, svc *journal.Service, tab *planTab) *journal.Subscription {
	t.Helper()
	s := &journal.Subscription{ServiceID: svc.ID, Plan: "Plus", Amount: 2000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: planDate(t, "2026-01-31")}
	if err := u.db.CreateSubscription(u.ctx, s); err != nil {
		t.Fatal(err)
	}
	tab.reload()
	settle(u)
	return s
}

func planSubs(t *testing.T, u *UI, svc *journal.Service) []*journal.Subscription {
	t.Helper()
	subs, err := u.db.Subscriptions(u.ctx, storage.SubscriptionFilter{ServiceID: &svc.ID})
	if err != nil {
		t.Fatal(err)
	}
	return subs
}

func planDecisions(t *testing.T, u *UI, svc *journal.Service) []*journal.Decision {
	t.Helper()
	ds, err := u.db.Decisions(u.ctx, svc.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// shown is the text a cell draws once its window is laid out, as the next
// frame does: cut with "…" when it does not fit.
func shown(c *textCell) string {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		relayout(cv.Content())
	}
	return strings.Join(canvasTexts(c), "")
}

// relayout lays out every container and widget under o at its size, as the
// window does before a frame when sizes changed (the test driver does not).
func relayout(o fyne.CanvasObject) {
	switch v := o.(type) {
	case *fyne.Container:
		if v.Layout != nil {
			v.Layout.Layout(v.Objects, v.Size())
		}
		for _, c := range v.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(v)
		r.Layout(v.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}

// planHistory reads the price history of a card as "date price note" lines.
func planHistory(c *subCard) []string {
	var out []string
	for _, r := range c.history {
		out = append(out, shown(r.date)+" "+shown(r.price)+" "+shown(r.note))
	}
	return out
}

// planButton looks through o's widget tree for a visible button labelled text.
func planButton(o fyne.CanvasObject, text string) *widget.Button {
	if o == nil || !o.Visible() {
		return nil
	}
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		if b := planButton(c, text); b != nil {
			return b
		}
	}
	return nil
}

func TestAddSubscriptionThroughTheForm(t *testing.T) {
	u, svc, tab := newPlanFixture(t)
	if len(tab.cards) != 0 || tab.addSub.Importance != widget.HighImportance {
		t.Fatalf("a service without a plan should show the empty state with a prominent Add button")
	}
	f := newSubscriptionForm(u.session, svc, nil, tab.afterChange)
	f.open()
	saveMonthlyPlus(f)
	settle(u)

	subs := planSubs(t, u, svc)
	if len(subs) != 1 {
		t.Fatalf("%d subscriptions saved, want 1", len(subs))
	}
	s := subs[0]
	if s.Plan != "Plus" || s.Amount != 2000 || s.Currency != "USD" || s.Period != (journal.Period{N: 1, Unit: journal.Months}) || s.Start != planDate(t, "2026-01-31") {
		t.Errorf("saved %+v", s)
	}
	if len(tab.cards) != 1 {
		t.Fatalf("%d cards listed, want 1", len(tab.cards))
	}
	c := tab.cards[0]
	// fixedNow is 2026-11-25; Jan 31 monthly clamps to Nov 30.
	if shown(c.next) != "2026-11-30 (in 5 days)" {
		t.Errorf("next charge = %q, want %q", shown(c.next), "2026-11-30 (in 5 days)")
	}
	if shown(c.nextPrice) != "20.00 USD" {
		t.Errorf("next charge price = %q, want 20.00 USD", shown(c.nextPrice))
	}
	if got, want := planHistory(c), []string{"2026-01-31 20.00 USD in force"}; !slices.Equal(got, want) {
		t.Errorf("price history = %q, want %q", got, want)
	}
}

func TestInvalidSubscriptionShowsFieldError(t *testing.T) {
	cases := []struct {
		name, price, currency, period string
		field, want                   string
	}{
		{"negative price", "-5.00", "USD", "1", "price", "Price must not be negative"},
		{"unknown currency", "20.00", "ABC", "1", "currency", "Currency is not a known ISO 4217 currency code"},
		{"price not a number", "twenty", "USD", "1", "price", "Price is not a valid number"},
		{"more decimals than yen have", "1490.5", "JPY", "1", "price", "Price is not a valid number"},
		{"no price", "", "USD", "1", "price", "Price is required"},
		{"zero period", "20.00", "USD", "0", "period", "Billing period must be greater than zero"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, svc, tab := newPlanFixture(t)
			f := newSubscriptionForm(u.session, svc, nil, tab.afterChange)
			f.open()
			f.price.SetText(tc.price)
			f.currency.SetText(tc.currency)
			f.periodN.SetText(tc.period)
			test.Tap(f.save)
			settle(u)
			if got := f.form.errorOf(tc.field); got != tc.want {
				t.Errorf("%s error = %q, want %q", tc.field, got, tc.want)
			}
			if n := len(planSubs(t, u, svc)); n != 0 {
				t.Errorf("an invalid subscription was saved (%d)", n)
			}
		})
	}
}

func TestPriceChangeAppliesFromItsDate(t *testing.T) {
	u, svc, tab := newPlanFixture(t)
	planAddMonthly(t, u, svc, tab)
	f := newPriceChangeForm(u.session, tab.cards[0].sub, tab.afterChange)
	f.open()
	f.effective.entry.SetText("2026-12-01")
	f.price.SetText("22.00")
	test.Tap(f.save)
	settle(u)

	c := tab.cards[0]
	if shown(c.next) != "2026-11-30 (in 5 days)" || shown(c.nextPrice) != "20.00 USD" {
		t.Errorf("next charge = %q %q, want the old price on Nov 30: 2026-11-30 (in 5 days) 20.00 USD", shown(c.next), shown(c.nextPrice))
	}
	want := []string{"2026-12-01 22.00 USD upcoming", "2026-01-31 20.00 USD in force"}
	if got := planHistory(c); !slices.Equal(got, want) {
		t.Errorf("price history = %q, want %q", got, want)
	}
	if s := planSubs(t, u, svc)[0]; len(s.Prices) != 1 || s.PriceOn(planDate(t, "2026-12-30")) != 2200 {
		t.Errorf("saved prices %+v, want 22.00 from 2026-12-01", s.Prices)
	}

	// Removing it asks first, then restores the single price.
	test.Tap(c.history[0].remove)
	settle(u)
	confirm := planButton(u.win.Canvas().Overlays().Top(), "Remove")
	if confirm == nil {
		t.Fatal("removing a price change does not ask for confirmation")
	}
	test.Tap(confirm)
	settle(u)
	if got, want := planHistory(tab.cards[0]), []string{"2026-01-31 20.00 USD in force"}; !slices.Equal(got, want) {
		t.Errorf("after removal the history = %q, want %q", got, want)
	}
	if s := planSubs(t, u, svc)[0]; len(s.Prices) != 0 {
		t.Errorf("the removed price change is still saved: %+v", s.Prices)
	}
}

func TestInvalidPriceChangeShowsFieldError(t *testing.T) {
	cases := []struct {
		name, effective, price string
		field, want            string
	}{
		{"before the start", "2026-01-01", "22.00", "effective", "Effective from must not be before the start"},
		{"same date twice", "2026-12-01", "23.00", "effective", "Effective from is already used"},
		{"negative price", "2027-01-31", "-1", "price", "Price must not be negative"},
		{"not a date", "next month", "22.00", "effective", "Effective from: not a date Lapse can read — type YYYY-MM-DD, e.g. 2024-07-18"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, svc, tab := newPlanFixture(t)
			s := planAddMonthly(t, u, svc, tab)
			s.Prices = []journal.PriceChange{{Effective: planDate(t, "2026-12-01"), Amount: 2200}}
			if err := u.db.UpdateSubscription(u.ctx, s); err != nil {
				t.Fatal(err)
			}
			tab.reload()
			settle(u)
			f := newPriceChangeForm(u.session, tab.cards[0].sub, tab.afterChange)
			f.open()
			f.effective.entry.SetText(tc.effective)
			f.price.SetText(tc.price)
			test.Tap(f.save)
			settle(u)
			if got := f.form.errorOf(tc.field); got != tc.want {
				t.Errorf("%s error = %q, want %q", tc.field, got, tc.want)
			}
			if n := len(planSubs(t, u, svc)[0].Prices); n != 1 {
				t.Errorf("%d price changes saved, want the 1 there was", n)
			}
		})
	}
}

func TestCancelPlan(t *testing.T) {
	cases := []struct {
		name      string
		end       string
		record    bool
		next      string
		ends      string
		decisions []string
	}{
		{"after the next charge", "2026-12-15", true, "2026-11-30 (in 5 days)", "cancelled, ends on 2026-12-15", []string{"cancelled 2026-11-25"}},
		{"before the next charge", "2026-11-28", true, "none", "cancelled, ends on 2026-11-28", []string{"cancelled 2026-11-25"}},
		{"without a decision", "2026-12-15", false, "2026-11-30 (in 5 days)", "cancelled, ends on 2026-12-15", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, svc, tab := newPlanFixture(t)
			planAddMonthly(t, u, svc, tab)
			f := newCancelForm(u.session, tab.cards[0].sub, tab.afterChange)
			f.open()
			if !f.record.Checked || f.end.entry.Text != "2026-11-25" {
				t.Errorf("cancel form starts with end %q, record %v; want today and recording on", f.end.entry.Text, f.record.Checked)
			}
			f.end.entry.SetText(tc.end)
			f.record.SetChecked(tc.record)
			test.Tap(f.save)
			settle(u)

			if s := planSubs(t, u, svc)[0]; s.End != planDate(t, tc.end) {
				t.Errorf("saved end %v, want %s", s.End, tc.end)
			}
			c := tab.cards[0]
			if shown(c.next) != tc.next {
				t.Errorf("next charge = %q, want %q", shown(c.next), tc.next)
			}
			if c.ends == nil || shown(c.ends) != tc.ends {
				t.Errorf("card does not say %q", tc.ends)
			}
			if c.cancel != nil {
				t.Errorf("a cancelled plan still offers Cancel plan")
			}
			var got []string
			for _, d := range planDecisions(t, u, svc) {
				got = append(got, string(d.Kind)+" "+d.Date.String())
			}
			if !slices.Equal(got, tc.decisions) {
				t.Errorf("decisions = %q, want %q", got, tc.decisions)
			}
			if len(tab.rows) != len(tc.decisions) {
				t.Errorf("%d decisions listed, want %d", len(tab.rows), len(tc.decisions))
			}
		})
	}
}

func TestCancelBeforeStartShowsFieldError(t *testing.T) {
	u, svc, tab := newPlanFixture(t)
	planAddMonthly(t, u, svc, tab)
	f := newCancelForm(u.session, tab.cards[0].sub, tab.afterChange)
	f.open()
	f.end.entry.SetText("2026-01-01")
	test.Tap(f.save)
	settle(u)
	if got, want := f.form.errorOf("end"), "End must not be before the start"; got != want {
		t.Errorf("end error = %q, want %q", got, want)
	}
	if !planSubs(t, u, svc)[0].End.IsZero() || len(planDecisions(t, u, svc)) != 0 {
		t.Errorf("a refused cancellation changed the journal")
	}
}

func TestAddDecisionThroughTheForm(t *testing.T) {
	cases := []struct {
		name             string
		kind             journal.DecisionKind
		amount, currency string
		switchTo         bool
		showAmount       bool
		showSwitch       bool
		wantAmount       string // "" when none is saved
	}{
		{"refund received", journal.DecisionRefundReceived, "12.50", "usd", false, true, false, "12.50 USD"},
		{"refund requested, amount not known yet", journal.DecisionRefundRequested, "", "USD", false, true, false, ""},
		{"switched", journal.DecisionSwitched, "", "", true, false, true, ""},
		{"cancelled ignores a hidden amount", journal.DecisionCancelled, "9.00", "USD", false, false, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, svc, tab := newPlanFixture(t)
			rival := &journal.Service{Name: "Rival Chat"}
			if err := u.db.CreateService(u.ctx, rival); err != nil {
				t.Fatal(err)
			}
			u.reload()
			settle(u)
			f := newDecisionForm(u.session, svc, nil, "USD", tab.afterChange)
			f.open()
			f.amount.SetText(tc.amount)
			f.kind.SetSelected(decisionLabel(tc.kind))
			if got := planRowShown(f.form, "amount"); got != tc.showAmount {
				t.Errorf("amount shown = %v, want %v", got, tc.showAmount)
			}
			if got := planRowShown(f.form, "switched_to"); got != tc.showSwitch {
				t.Errorf("switched to shown = %v, want %v", got, tc.showSwitch)
			}
			f.date.entry.SetText("2026-11-20")
			f.currency.SetText(tc.currency)
			if tc.switchTo {
				f.switchedTo.SetSelected("Rival Chat")
			}
			test.Type(f.note, "after two weeks locked out")
			test.Tap(f.save)
			settle(u)

			ds := planDecisions(t, u, svc)
			if len(ds) != 1 {
				t.Fatalf("%d decisions saved, want 1 (errors: %q)", len(ds), f.form.banner.Text)
			}
			d := ds[0]
			if d.Kind != tc.kind || d.Date != planDate(t, "2026-11-20") || d.Note != "after two weeks locked out" {
				t.Errorf("saved %+v", d)
			}
			got := ""
			if d.Amount != nil {
				got = d.Amount.String()
			}
			if got != tc.wantAmount {
				t.Errorf("amount = %q, want %q", got, tc.wantAmount)
			}
			if switched := d.SwitchedTo != nil && *d.SwitchedTo == rival.ID; switched != tc.switchTo {
				t.Errorf("switched to %v, want the rival: %v", d.SwitchedTo, tc.switchTo)
			}
			if len(tab.rows) != 1 || shown(tab.rows[0].cells[1]) != decisionLabel(tc.kind) || shown(tab.rows[0].cells[2]) != tc.wantAmount {
				t.Errorf("the decision is not listed as saved")
			}
		})
	}
}

func TestRefundWithUnknownCurrencyShowsFieldError(t *testing.T) {
	u, svc, tab := newPlanFixture(t)
	f := newDecisionForm(u.session, svc, nil, "USD", tab.afterChange)
	f.open()
	f.kind.SetSelected(decisionLabel(journal.DecisionRefundReceived))
	f.amount.SetText("12.00")
	f.currency.SetText("ABC")
	test.Tap(f.save)
	settle(u)
	if got, want := f.form.errorOf("currency"), "Currency is not a known ISO 4217 currency code"; got != want {
		t.Errorf("currency error = %q, want %q", got, want)
	}
	if n := len(planDecisions(t, u, svc)); n != 0 {
		t.Errorf("an invalid decision was saved")
	}
}

func TestDeleteDecisionThenUndo(t *testing.T) {
	u, svc, tab := newPlanFixture(t)
	for _, d := range []*journal.Decision{
		{ServiceID: svc.ID, Kind: journal.DecisionCancelled, Date: planDate(t, "2026-11-20"), Note: "locked out for two weeks"},
		{ServiceID: svc.ID, Kind: journal.DecisionRefundRequested, Date: planDate(t, "2026-11-21"), Amount: &journal.Money{Amount: 1200, Currency: "USD"}},
	} {
		if err := u.db.CreateDecision(u.ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	tab.reload()
	settle(u)
	if len(tab.rows) != 2 || shown(tab.rows[0].cells[1]) != "Refund requested" || shown(tab.rows[0].cells[2]) != "12.00 USD" {
		t.Fatalf("decisions are not listed newest first with the refund amount")
	}
	test.Tap(tab.rows[0].del)
	settle(u)
	if len(tab.rows) != 1 || len(planDecisions(t, u, svc)) != 1 {
		t.Fatalf("the decision was not deleted")
	}
	if !u.undo.box.Visible() {
		t.Fatal("no Undo offered after deleting a decision")
	}
	test.Tap(u.undo.button)
	settle(u)
	if len(tab.rows) != 2 || shown(tab.rows[0].cells[2]) != "12.00 USD" {
		t.Errorf("Undo did not bring the refund request back to the list")
	}
}

func TestDeleteSubscriptionThenUndo(t *testing.T) {
	u, svc, tab := newPlanFixture(t)
	planAddMonthly(t, u, svc, tab)
	test.Tap(tab.cards[0].del)
	settle(u)
	if len(tab.cards) != 0 || len(planSubs(t, u, svc)) != 0 {
		t.Fatalf("the subscription was not deleted")
	}
	test.Tap(u.undo.button)
	settle(u)
	if len(tab.cards) != 1 || shown(tab.cards[0].nextPrice) != "20.00 USD" {
		t.Errorf("Undo did not bring the subscription back")
	}
}

// planRowShown reports whether a form field is shown together with its label.
func planRowShown(f *fieldForm, key string) bool {
	fld, ok := f.fields[key]
	return ok && fld.label.Visible() && fld.cell.Visible()
}

// saveMonthlyPlus fills a new subscription form with Plus at 20.00 USD a
// month from 2026-01-31, as a user would, and saves it.
func saveMonthlyPlus(f *subscriptionForm) {
	test.Type(f.plan, "Plus")
	test.Type(f.price, "20.00")
	f.currency.SetText("USD")
	f.unit.SetSelected(unitLabel(journal.Months))
	f.start.entry.SetText("2026-01-31")
	test.Tap(f.save)
}
