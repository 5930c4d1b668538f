package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"regexp"
	"sort"
	"strings"

	"lapse/app/journal"
)

// WallosOptions say what a Wallos export cannot.
type WallosOptions struct {
	// Symbols gives the ISO 4217 code of a price symbol that several
	// currencies share ("$" → "CAD", "kr" → "SEK") or that the user made up.
	Symbols map[string]string
}

// wallosSymbols are the symbols of the currencies Wallos starts every user
// with, and the codes that use each.
var wallosSymbols = map[string][]string{
	"€": {"EUR"}, "$": {"USD", "AUD", "CAD"}, "¥": {"JPY", "CNY"}, "лв": {"BGN"}, "Kč": {"CZK"},
	"kr": {"DKK", "SEK", "ISK", "NOK"}, "£": {"GBP"}, "Ft": {"HUF"}, "zł": {"PLN"}, "lei": {"RON"}, "Fr": {"CHF"},
	"₽": {"RUB"}, "₺": {"TRY"}, "R$": {"BRL"}, "HK$": {"HKD"}, "Rp": {"IDR"}, "₪": {"ILS"}, "₹": {"INR"},
	"₩": {"KRW"}, "Mex$": {"MXN"}, "RM": {"MYR"}, "NZ$": {"NZD"}, "₱": {"PHP"}, "S$": {"SGD"}, "฿": {"THB"},
	"R": {"ZAR"}, "₴": {"UAH"}, "NT$": {"TWD"},
}

// wallosFields names, for errors, the export field each journal field comes from.
var wallosFields = map[string]string{
	"name": "Name", "category": "Category", "website": "URL", "notes": "Notes",
	"price": "Price", "currency": "Price", "period": "Payment Cycle", "period_unit": "Payment Cycle",
	"start": "Next Payment", "end": "Cancellation Date", "payment_note": "Payment Method",
}

// wallosPrice is a price as Wallos exports it: its currency's symbol, then
// the number ("€15.99", "¥1500", "R$29.9").
var wallosPrice = regexp.MustCompile(`^(.*?)\s*(-?[0-9]+(?:\.[0-9]+)?)$`)

// ParseWallos reads a Wallos export: the subscriptions.json that Wallos's
// Profile → Export → JSON saves (a list of objects with "Name", "Payment
// Cycle", "Next Payment", "Price", "Active", ...), or the response of its
// endpoints/subscriptions/export.php that holds the same list. Wallos keeps
// only the next payment date, so an active subscription starts on it in
// Lapse (no charge before it is made up); an inactive one, or one cancelled
// before its next payment, is recorded as its last period paid, ending on
// its cancellation date or the day before the next payment. A problem names
// the JSON path ("[3].Price").
func ParseWallos(source string, data []byte, services []*journal.Service, opts WallosOptions) (*SubscriptionPlan, error) {
	if int64(len(data)) > MaxSize {
		return nil, &Error{Source: source, Err: tooLarge(MaxSize)}
	}
	raw, err := decodeJSON(source, data)
	if err != nil {
		return nil, err
	}
	r := &jsonReader{source: source}
	prefix := ""
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
		top := r.object("", raw)
		if s := top.fields["success"]; string(s) == "false" {
			return nil, &Error{Source: source, Err: invalid("it is Wallos's answer to a failed export (%s)", top.optStr("message"))}
		}
		raw, prefix = top.require("subscriptions"), "subscriptions"
	}
	items := r.list(prefix, raw)
	if r.err != nil {
		return nil, r.err
	}
	if len(items) == 0 {
		return nil, &Error{Source: source, Err: invalid("it holds no subscriptions")}
	}
	b := newSubscriptionBuilder(source, services, wallosFields, func(place, field string) string {
		return place + "." + field
	})
	assumed := map[string]string{}
	// Every subscription's first problem is reported, all in one run.
	var probs problems
	for i, item := range items {
		place := fmt.Sprintf("%s[%d]", prefix, i)
		ri := &jsonReader{source: source}
		svc, sub, err := wallosItem(ri, ri.object(place, item), opts, assumed, b)
		var e *Error
		switch {
		case errors.As(ri.err, &e), errors.As(err, &e):
			probs = append(probs, e)
		default:
			if e := b.add(place, svc, sub); e != nil {
				probs = append(probs, e)
			}
		}
	}
	if err := probs.err(source); err != nil {
		return nil, err
	}
	warnAssumed(b, assumed)
	return b.plan, nil
}

// warnAssumed says which shared symbols were read as which currency.
func warnAssumed(b *subscriptionBuilder, assumed map[string]string) {
	symbols := make([]string, 0, len(assumed))
	for s := range assumed {
		symbols = append(symbols, s)
	}
	sort.Strings(symbols)
	for _, s := range symbols {
		b.plan.warnings = append(b.plan.warnings, note("prices in %q were read as %s; if they are in %s, say which",
			s, assumed[s], strings.Join(wallosSymbols[s][1:], " or ")))
	}
}

// wallosColumns are the columns of Wallos's CSV export, by header key:
// the fields of its JSON export.
var wallosColumns = map[string]string{
	"name": "Name", "payment_cycle": "Payment Cycle", "next_payment": "Next Payment", "renewal": "Renewal",
	"category": "Category", "payment_method": "Payment Method", "paid_by": "Paid By", "price": "Price",
	"notes": "Notes", "url": "URL", "state": "State", "notifications": "Notifications",
	"cancellation_date": "Cancellation Date", "active": "Active",
}

// isWallosCSV reports whether a header row is that of Wallos's CSV export,
// whose prices carry their currency's symbol and whose dates mean what its
// JSON export's mean.
func isWallosCSV(header []string) bool {
	has := map[string]bool{}
	for _, h := range header {
		has[headerKey(h)] = true
	}
	return has["payment_cycle"] && has["next_payment"] && has["price"] && !has["currency"]
}

// wallosCSV reads the rows of a Wallos CSV export as its JSON export is
// read, each row an object; problems name the row and column.
func wallosCSV(source string, header []string, services []*journal.Service,
	rows func(func(string, []string) problems) error) (*SubscriptionPlan, error) {
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.TrimSpace(h)
		if n, ok := wallosColumns[headerKey(h)]; ok {
			names[i] = n
		}
	}
	b := newSubscriptionBuilder(source, services, wallosFields, columnPlace)
	assumed := map[string]string{}
	err := rows(func(place string, rec []string) problems {
		r := &jsonReader{source: source}
		o := &jsonObject{r: r, path: place, fields: map[string]json.RawMessage{}, cells: true}
		for i, cell := range rec {
			v, _ := json.Marshal(cell)
			o.fields[names[i]] = v
		}
		svc, sub, err := wallosItem(r, o, WallosOptions{}, assumed, b)
		var e *Error
		switch {
		case errors.As(r.err, &e), errors.As(err, &e):
			return problems{e}
		}
		if e := b.add(place, svc, sub); e != nil {
			return problems{e}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(b.plan.items) == 0 {
		return nil, &Error{Source: source, Err: invalid("it has a header row but no subscriptions")}
	}
	warnAssumed(b, assumed)
	return b.plan, nil
}

// wallosItem reads one subscription of the export.
func wallosItem(r *jsonReader, o *jsonObject, opts WallosOptions, assumed map[string]string,
	b *subscriptionBuilder) (journal.Service, journal.Subscription, error) {
	fail := func(field string, err error) error {
		return &Error{Source: r.source, Place: o.at(field), Err: err}
	}
	// Wallos stores what users type through htmlspecialchars: "AT&amp;T",
	// "Tom&#039;s VPN". Every text field is decoded back.
	svc := journal.Service{Name: html.UnescapeString(o.str("Name")), Notes: html.UnescapeString(o.optStr("Notes"))}
	if c := html.UnescapeString(o.optStr("Category")); c != "No category" {
		svc.Category = c
	}
	if u := strings.TrimSpace(html.UnescapeString(o.optStr("URL"))); u != "" {
		if validURL(u) {
			svc.Website = u
		} else {
			b.plan.warnings = append(b.plan.warnings, note("%s: %q is not a web address, so it is not imported", o.at("URL"), u))
		}
	}
	sub := journal.Subscription{PaymentNote: html.UnescapeString(o.optStr("Payment Method"))}
	cycle := o.str("Payment Cycle")
	next := o.str("Next Payment")
	price := html.UnescapeString(o.str("Price"))
	cancel := strings.TrimSpace(o.optStr("Cancellation Date"))
	active := wallosActive(o)
	if r.err != nil {
		return svc, sub, nil
	}

	m := wallosPrice.FindStringSubmatch(strings.TrimSpace(price))
	if m == nil {
		return svc, sub, fail("Price", invalid("%q is not a price: want the currency's symbol and a number, like \"€15.99\"", price))
	}
	code, err := wallosCurrency(m[1], opts, assumed)
	if err != nil {
		return svc, sub, fail("Price", err)
	}
	sub.Currency = code
	if sub.Amount, err = journal.ParseAmount(m[2], code); err != nil {
		return svc, sub, fail("Price", invalidValue(err))
	}
	oneTime := strings.EqualFold(strings.TrimSpace(cycle), "One-time")
	if oneTime {
		sub.Period = journal.Period{N: 1, Unit: journal.Years}
	} else if sub.Period, err = parsePeriod(cycle); err != nil {
		return svc, sub, fail("Payment Cycle", err)
	}
	nextPayment, err := parseDay(next)
	if err != nil {
		return svc, sub, fail("Next Payment", err)
	}
	var cancelled journal.Date
	if cancel != "" {
		if cancelled, err = parseDay(cancel); err != nil {
			return svc, sub, fail("Cancellation Date", err)
		}
	}
	switch {
	case oneTime:
		// One payment, on its date.
		sub.Start, sub.End = nextPayment, nextPayment
	case active && (cancelled.IsZero() || !cancelled.Before(nextPayment)):
		sub.Start, sub.End = nextPayment, cancelled
	default:
		// Over: the last period paid is the one before the next payment.
		sub.Start = sub.Period.AddTo(nextPayment, -1)
		sub.End = nextPayment.AddDays(-1)
		if !cancelled.IsZero() {
			sub.End = cancelled
		}
		if sub.End.Before(sub.Start) {
			sub.End = sub.Start
		}
	}
	return svc, sub, nil
}

// wallosActive reads "Active" ("Yes"/"No"), or "State" ("Enabled"/"Disabled")
// in exports older than Wallos added "Active".
func wallosActive(o *jsonObject) bool {
	name, yes, no := "Active", "Yes", "No"
	if _, ok := o.fields[name]; !ok {
		name, yes, no = "State", "Enabled", "Disabled"
	}
	v := o.str(name)
	switch {
	case strings.EqualFold(v, yes):
		return true
	case strings.EqualFold(v, no):
		return false
	}
	if o.r.err == nil {
		o.r.fail(o.at(name), "must be %q or %q, not %q", yes, no, v)
	}
	return false
}

// wallosCurrency finds the ISO code of a price symbol: the user's choice,
// the code itself, or the one currency of Wallos's defaults using it. A
// symbol several defaults share is read as the first, noted in assumed.
func wallosCurrency(symbol string, opts WallosOptions, assumed map[string]string) (string, error) {
	if code, ok := opts.Symbols[symbol]; ok {
		if !journal.ValidCurrency(code) {
			return "", invalid("the code %q given for %q is not an ISO 4217 currency code", code, symbol)
		}
		return code, nil
	}
	if c := strings.ToUpper(symbol); journal.ValidCurrency(c) {
		return c, nil
	}
	codes, ok := wallosSymbols[symbol]
	switch {
	case symbol == "":
		return "", invalid("the price has no currency symbol")
	case !ok:
		return "", invalid("Lapse does not know the currency of the symbol %q: say which it is", symbol)
	case len(codes) == 1:
		return codes[0], nil
	case symbol == "kr":
		return "", invalid("the symbol %q is used by %s: say which it is", symbol, strings.Join(codes, ", "))
	}
	assumed[symbol] = codes[0]
	return codes[0], nil
}
