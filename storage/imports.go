package storage

import (
	"context"
	"fmt"
	"strings"

	"lapse/app/journal"
)

// NewSubscription is a subscription to import under the service named
// Service.Name: the live service with that name (ignoring case), or a new one
// made from Service when there is none.
type NewSubscription struct {
	Service      journal.Service      // Name finds the service; the rest is used only to create it
	Subscription journal.Subscription // ServiceID is filled in
}

// ImportResult counts what an import wrote.
type ImportResult struct {
	Created     int      // records added
	Updated     int      // records that were already there and were saved again
	Skipped     int      // records already in the journal, left as they were
	NewServices []string // services created for the import, by name
}

// ItemError is a problem with one item of an import, by its place in the
// list, so the importer can name the row or JSON path it came from.
type ItemError struct {
	Index int
	Err   error
}

func (e *ItemError) Error() string { return fmt.Sprintf("item %d: %v", e.Index, e.Err) }

func (e *ItemError) Unwrap() error { return e.Err }

// ImportSubscriptions adds subscriptions, creating their services by name as
// needed, in one transaction: the first problem leaves the journal as it was.
// A subscription the service already has (same plan, price, currency, period
// and start) is skipped, so importing a file twice adds nothing the second time.
func (db *DB) ImportSubscriptions(ctx context.Context, subs []NewSubscription) (ImportResult, error) {
	const what = "import subscriptions"
	var res ImportResult
	tx, err := db.begin(ctx)
	if err != nil {
		return res, fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	imp := &subscriptionImport{tx: tx, services: map[string]*journal.Service{}, have: map[int64]map[subscriptionKey]*journal.Subscription{}}
	for i := range subs {
		created, skipped, err := imp.add(ctx, &subs[i])
		if err != nil {
			return ImportResult{}, fmt.Errorf("%s: %w", what, &ItemError{Index: i, Err: err})
		}
		if created != "" {
			res.NewServices = append(res.NewServices, created)
		}
		if skipped {
			res.Skipped++
		} else {
			res.Created++
		}
	}
	return res, tx.commit(what)
}

// subscriptionImport remembers, within one import, the services found or
// created by name and the subscriptions each already has, so every row costs
// the same however many rows came before it (one service with 8,000 rows
// used to reread all its subscriptions for each new one).
type subscriptionImport struct {
	tx       *tx
	services map[string]*journal.Service                         // by name key
	have     map[int64]map[subscriptionKey]*journal.Subscription // by service ID
}

// subscriptionKey is what makes two subscriptions of a service one: an end
// date or trial added since does not make a new one.
type subscriptionKey struct {
	plan     string
	amount   int64
	currency string
	period   journal.Period
	start    journal.Date
}

func keyOf(s *journal.Subscription) subscriptionKey {
	return subscriptionKey{s.Plan, s.Amount, s.Currency, s.Period, s.Start}
}

// add saves one subscription and returns the name of the service it
// created, if any, and whether it skipped a duplicate.
func (imp *subscriptionImport) add(ctx context.Context, n *NewSubscription) (string, bool, error) {
	n.Service.Normalize()
	created, err := imp.service(ctx, &n.Service)
	if err != nil {
		return "", false, err
	}
	s := &n.Subscription
	s.ServiceID = n.Service.ID
	if err := s.Validate(); err != nil {
		return "", false, err
	}
	have, err := imp.subscriptions(ctx, s.ServiceID)
	if err != nil {
		return "", false, err
	}
	if e, ok := have[keyOf(s)]; ok {
		*s = *e
		return created, true, nil
	}
	if err := createSubscription(ctx, imp.tx, s); err != nil {
		return "", false, err
	}
	saved := *s
	have[keyOf(s)] = &saved
	return created, false, nil
}

// service fills svc with the live service of its name, creating it when
// there is none, and returns its name when it created it.
func (imp *subscriptionImport) service(ctx context.Context, svc *journal.Service) (string, error) {
	key := nameKey(svc.Name)
	if found, ok := imp.services[key]; ok {
		*svc = *found
		return "", nil
	}
	found, err := findServices(ctx, imp.tx, `name_key = ?`, key)
	if err != nil {
		return "", err
	}
	var created string
	if len(found) > 0 {
		*svc = *found[0]
	} else {
		if err := createService(ctx, imp.tx, svc); err != nil {
			return "", err
		}
		created = svc.Name
	}
	kept := *svc
	imp.services[key] = &kept
	return created, nil
}

// subscriptions is the live subscriptions of a service by their key, read
// from the journal the first time the service comes up.
func (imp *subscriptionImport) subscriptions(ctx context.Context, serviceID int64) (map[subscriptionKey]*journal.Subscription, error) {
	if have, ok := imp.have[serviceID]; ok {
		return have, nil
	}
	existing, err := findSubscriptions(ctx, imp.tx, "service_id = ?", serviceID)
	if err != nil {
		return nil, err
	}
	have := make(map[subscriptionKey]*journal.Subscription, len(existing))
	for _, e := range existing {
		if _, dup := have[keyOf(e)]; !dup {
			have[keyOf(e)] = e
		}
	}
	imp.have[serviceID] = have
	return have, nil
}

// ImportOfficialOutages saves official incidents of a service in one
// transaction: the live outage of the service with the same ExternalID is
// updated, keeping what the user added to it (what still worked, the steps
// tried), otherwise one is created. A plan, when given, first sees the
// service's official outages as they are inside the transaction and
// returns those to save, one per incoming outage and in its order (to
// merge one another source saved under another ID). The first problem
// leaves the journal as it was.
func (db *DB) ImportOfficialOutages(ctx context.Context, serviceID int64, outages []journal.Outage, plan func(known []*journal.Outage, incoming []journal.Outage) []journal.Outage) (ImportResult, error) {
	const what = "import official outages"
	var res ImportResult
	tx, err := db.begin(ctx)
	if err != nil {
		return res, fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	if err := requireLive(ctx, tx, "services", "service", serviceID); err != nil {
		return res, fmt.Errorf("%s: %w", what, err)
	}
	if plan != nil {
		known, err := findOutages(ctx, tx, "service_id = ? AND source = 'official'", serviceID)
		if err != nil {
			return res, fmt.Errorf("%s: %w", what, err)
		}
		outages = plan(known, outages)
	}
	for i := range outages {
		o := &outages[i]
		o.ServiceID = serviceID
		updated, err := upsertOfficialOutage(ctx, tx, o)
		if err != nil {
			return ImportResult{}, fmt.Errorf("%s: %w", what, &ItemError{Index: i, Err: err})
		}
		if updated {
			res.Updated++
		} else {
			res.Created++
		}
	}
	return res, tx.commit(what)
}

// upsertOfficialOutage saves one official incident and reports whether it
// updated one already there.
func upsertOfficialOutage(ctx context.Context, tx *tx, o *journal.Outage) (bool, error) {
	if strings.TrimSpace(o.ExternalID) == "" {
		return false, journal.Invalid("external_id", journal.ReasonRequired)
	}
	old, err := findOutages(ctx, tx, "service_id = ? AND external_id = ?", o.ServiceID, o.ExternalID)
	if err != nil {
		return false, err
	}
	if len(old) == 0 {
		return false, createOutage(ctx, tx, o)
	}
	o.ID = old[0].ID
	o.StillWorked, o.Steps = old[0].StillWorked, old[0].Steps
	return true, updateOutage(ctx, tx, o)
}

// ImportMessages adds messages to a ticket's thread in one transaction; each
// must pass Message.Validate against the ticket (none before it was opened).
// A message the thread already has (same time, sender and summary) is
// skipped, so importing the same e-mail twice adds it once.
func (db *DB) ImportMessages(ctx context.Context, ticketID int64, messages []journal.Message) (ImportResult, error) {
	const what = "import messages"
	var res ImportResult
	tx, err := db.begin(ctx)
	if err != nil {
		return res, fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	t, err := findTicketByID(ctx, tx, ticketID, true)
	if err != nil {
		return res, fmt.Errorf("%s: %w", what, err)
	}
	type key struct {
		at            int64
		from, summary string
	}
	have := map[key]bool{}
	for _, m := range t.Messages {
		have[key{unix(m.At), m.From, m.Summary}] = true
	}
	for i := range messages {
		m := &messages[i]
		m.TicketID = ticketID
		k := key{unix(m.At), m.From, m.Summary}
		if have[k] {
			res.Skipped++
			continue
		}
		if err := addMessage(ctx, tx, m); err != nil {
			return ImportResult{}, fmt.Errorf("%s: %w", what, &ItemError{Index: i, Err: err})
		}
		have[k] = true
		res.Created++
	}
	return res, tx.commit(what)
}
