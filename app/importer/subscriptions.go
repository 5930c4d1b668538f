package importer

import (
	"context"
	"errors"
	"fmt"

	"lapse/app/journal"
	"lapse/storage"
)

// SubscriptionPlan is subscriptions read from a CSV file or a Wallos export,
// with the services to create for them.
type SubscriptionPlan struct {
	source      string
	items       []storage.NewSubscription
	places      []string          // where each item came from: "row 7", "[3]"
	fields      map[string]string // journal field → the source's name for it, for errors
	placeField  func(place, field string) string
	newServices []string
	warnings    []Warning
}

// subscriptionBuilder collects a SubscriptionPlan item by item.
type subscriptionBuilder struct {
	plan  *SubscriptionPlan
	known map[string]bool // name keys of existing and planned services
}

func newSubscriptionBuilder(source string, services []*journal.Service, fields map[string]string,
	placeField func(place, field string) string) *subscriptionBuilder {
	b := &subscriptionBuilder{
		plan:  &SubscriptionPlan{source: source, fields: fields, placeField: placeField},
		known: map[string]bool{},
	}
	for _, s := range services {
		b.known[nameKey(s.Name)] = true
	}
	return b
}

// add checks one item as storage will and adds it; a problem names the
// place and the source's name for the field.
func (b *subscriptionBuilder) add(place string, svc journal.Service, sub journal.Subscription) *Error {
	svc.Normalize()
	if err := svc.Validate(); err != nil {
		return b.plan.fieldError(place, err)
	}
	// Validate wants the service's ID, which only storage knows: any will do here.
	check := sub
	check.ServiceID = 1
	if err := check.Validate(); err != nil {
		return b.plan.fieldError(place, err)
	}
	if key := nameKey(svc.Name); !b.known[key] {
		b.known[key] = true
		b.plan.newServices = append(b.plan.newServices, svc.Name)
	}
	b.plan.items = append(b.plan.items, storage.NewSubscription{Service: svc, Subscription: sub})
	b.plan.places = append(b.plan.places, place)
	return nil
}

// fieldError places a journal error at an item, naming the field as the source does.
func (p *SubscriptionPlan) fieldError(place string, err error) *Error {
	if fe := journal.FieldError(err); fe != nil {
		if name, ok := p.fields[fe.Field]; ok {
			place = p.placeField(place, name)
		}
	}
	return &Error{Source: p.source, Place: place, Err: err}
}

// Len is the number of subscriptions in the plan.
func (p *SubscriptionPlan) Len() int { return len(p.items) }

// Preview lists the subscriptions and the services that would be created.
func (p *SubscriptionPlan) Preview() Preview {
	pv := Preview{
		Source:   p.source,
		Columns:  []string{"Service", "Plan", "Price", "Every", "Start", "End"},
		Warnings: p.warnings,
	}
	services := map[string]bool{}
	isNew := map[string]bool{}
	for _, n := range p.newServices {
		isNew[nameKey(n)] = true
	}
	for _, it := range p.items {
		key := nameKey(it.Service.Name)
		services[key] = true
		if len(pv.Rows) == PreviewRows {
			pv.More++
			continue
		}
		s := it.Subscription
		name := it.Service.Name
		if isNew[key] {
			name += " (new)"
		}
		pv.Rows = append(pv.Rows, []string{name, s.Plan, journal.Money{Amount: s.Amount, Currency: s.Currency}.String(),
			periodText(s.Period), s.Start.String(), s.End.String()})
	}
	pv.Summary = fmt.Sprintf("%s of %s", plural(len(p.items), "subscription"), plural(len(services), "service"))
	if n := len(p.newServices); n > 0 {
		pv.Summary += fmt.Sprintf(", %d new", n)
	}
	pv.Summary += " (any the journal already has are skipped)"
	return pv
}

// Apply writes the subscriptions, creating the services they need, all or nothing.
func (p *SubscriptionPlan) Apply(ctx context.Context, db *storage.DB) (Result, error) {
	items := make([]storage.NewSubscription, len(p.items))
	copy(items, p.items)
	res, err := db.ImportSubscriptions(ctx, items)
	if err != nil {
		var ie *storage.ItemError
		if errors.As(err, &ie) && ie.Index < len(p.places) {
			return Result{}, p.fieldError(p.places[ie.Index], ie.Err)
		}
		return Result{}, &Error{Source: p.source, Err: err}
	}
	return Result{ImportResult: res, Noun: "subscription"}, nil
}

// periodText is "1 month", "3 months".
func periodText(p journal.Period) string { return plural(p.N, string(p.Unit)) }
