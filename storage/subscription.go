package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"lapse/app/journal"
)

// SubscriptionFilter selects subscriptions.
type SubscriptionFilter struct {
	ServiceID *int64
}

// CreateSubscription adds a subscription with its price history.
func (db *DB) CreateSubscription(ctx context.Context, s *journal.Subscription) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("create subscription: %w", err)
	}
	defer tx.Rollback()
	if err := createSubscription(ctx, tx, s); err != nil {
		return fmt.Errorf("create subscription: %w", err)
	}
	return tx.commit("create subscription")
}

// UpdateSubscription saves every field of a subscription and replaces its
// price history with s.Prices.
func (db *DB) UpdateSubscription(ctx context.Context, s *journal.Subscription) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("update subscription: %w", err)
	}
	defer tx.Rollback()
	if err := updateSubscription(ctx, tx, s); err != nil {
		return fmt.Errorf("update subscription: %w", err)
	}
	return tx.commit("update subscription")
}

// Subscription returns a subscription with its prices by effective date.
func (db *DB) Subscription(ctx context.Context, id int64) (*journal.Subscription, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("find subscription: %w", err)
	}
	defer tx.Rollback()
	s, err := findSubscriptionByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find subscription: %w", err)
	}
	return s, nil
}

// Subscriptions lists subscriptions by start date.
func (db *DB) Subscriptions(ctx context.Context, f SubscriptionFilter) ([]*journal.Subscription, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	defer tx.Rollback()
	var c conds
	if f.ServiceID != nil {
		c.add("service_id = ?", *f.ServiceID)
	}
	ss, err := findSubscriptions(ctx, tx, c.sql(), c.args...)
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	return ss, nil
}

// DeleteSubscription moves a subscription to the trash and returns the item's ID.
func (db *DB) DeleteSubscription(ctx context.Context, id int64) (int64, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete subscription: %w", err)
	}
	defer tx.Rollback()
	s, err := findSubscriptionByID(ctx, tx, id)
	if err != nil {
		return 0, fmt.Errorf("delete subscription: %w", err)
	}
	label := "Subscription: " + serviceName(ctx, tx, s.ServiceID)
	if s.Plan != "" {
		label += " " + s.Plan
	}
	trashID, err := trashRows(ctx, tx, kindSubscription, "subscriptions", id, label, "", "")
	if err != nil {
		return 0, fmt.Errorf("delete subscription: %w", err)
	}
	return trashID, tx.commit("delete subscription")
}

// serviceName names a service in a label; the label is still useful without it.
func serviceName(ctx context.Context, tx *tx, id int64) string {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM services WHERE id = ?`, id).Scan(&name); err != nil {
		return fmt.Sprintf("service %d", id)
	}
	return name
}

func createSubscription(ctx context.Context, tx *tx, s *journal.Subscription) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := requireLive(ctx, tx, "services", "service", s.ServiceID); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO subscriptions (service_id, plan, amount, currency, period_n, period_unit, start_date, end_date,
			trial_end, payment_note, reminder_days, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ServiceID, s.Plan, s.Amount, s.Currency, s.Period.N, string(s.Period.Unit), s.Start.String(), nullDate(s.End),
		nullDate(s.TrialEnd), s.PaymentNote, s.ReminderDays, unix(tx.now), unix(tx.now))
	if err != nil {
		return constraintError(err, "service")
	}
	if s.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	s.CreatedAt, s.UpdatedAt = tx.now, tx.now
	return setPrices(ctx, tx, s)
}

// CancelSubscription saves a subscription's end date and, when d is given,
// the decision that records it, in one transaction.
func (db *DB) CancelSubscription(ctx context.Context, s *journal.Subscription, d *journal.Decision) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("cancel subscription: %w", err)
	}
	defer tx.Rollback()
	if err := updateSubscription(ctx, tx, s); err != nil {
		return fmt.Errorf("cancel subscription: %w", err)
	}
	if d != nil {
		if err := createDecision(ctx, tx, d); err != nil {
			return fmt.Errorf("cancel subscription: %w", err)
		}
	}
	return tx.commit("cancel subscription")
}

func updateSubscription(ctx context.Context, tx *tx, s *journal.Subscription) error {
	old, err := findSubscriptionByID(ctx, tx, s.ID)
	if err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return err
	}
	if err := requireLive(ctx, tx, "services", "service", s.ServiceID); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE subscriptions SET service_id = ?, plan = ?, amount = ?, currency = ?, period_n = ?, period_unit = ?,
			start_date = ?, end_date = ?, trial_end = ?, payment_note = ?, reminder_days = ?, updated_at = ?
		WHERE id = ?`,
		s.ServiceID, s.Plan, s.Amount, s.Currency, s.Period.N, string(s.Period.Unit), s.Start.String(), nullDate(s.End),
		nullDate(s.TrialEnd), s.PaymentNote, s.ReminderDays, unix(tx.now), s.ID)
	if err != nil {
		return constraintError(err, "service")
	}
	s.CreatedAt, s.UpdatedAt = old.CreatedAt, tx.now
	return setPrices(ctx, tx, s)
}

// setPrices replaces the price history with s.Prices, sorted by effective date.
func setPrices(ctx context.Context, tx *tx, s *journal.Subscription) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM price_changes WHERE subscription_id = ?`, s.ID); err != nil {
		return err
	}
	sort.SliceStable(s.Prices, func(i, j int) bool { return s.Prices[i].Effective.Before(s.Prices[j].Effective) })
	for i := range s.Prices {
		p := &s.Prices[i]
		res, err := tx.ExecContext(ctx, `INSERT INTO price_changes (subscription_id, effective, amount) VALUES (?, ?, ?)`,
			s.ID, p.Effective.String(), p.Amount)
		if err != nil {
			return constraintError(err, "subscription")
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	return nil
}

func findSubscriptionByID(ctx context.Context, tx *tx, id int64) (*journal.Subscription, error) {
	ss, err := findSubscriptions(ctx, tx, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, notFound("subscription", id)
	}
	return ss[0], nil
}

// findSubscriptions returns the live subscriptions matching where, with their prices.
func findSubscriptions(ctx context.Context, tx *tx, where string, args ...any) ([]*journal.Subscription, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, service_id, plan, amount, currency, period_n, period_unit, start_date, end_date, trial_end,
			payment_note, reminder_days, created_at, updated_at
		FROM subscriptions
		WHERE trash_id IS NULL AND `+where+`
		ORDER BY start_date, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ss []*journal.Subscription
	byID := map[int64]*journal.Subscription{}
	for rows.Next() {
		var s journal.Subscription
		var unit, start string
		var end, trial sql.NullString
		var created, updated int64
		if err := rows.Scan(&s.ID, &s.ServiceID, &s.Plan, &s.Amount, &s.Currency, &s.Period.N, &unit, &start, &end,
			&trial, &s.PaymentNote, &s.ReminderDays, &created, &updated); err != nil {
			return nil, err
		}
		s.Period.Unit = journal.PeriodUnit(unit)
		if s.Start, err = journal.ParseDate(start); err != nil {
			return nil, fmt.Errorf("subscription %d start: %w", s.ID, err)
		}
		if s.End, err = parseDate(end); err != nil {
			return nil, fmt.Errorf("subscription %d end: %w", s.ID, err)
		}
		if s.TrialEnd, err = parseDate(trial); err != nil {
			return nil, fmt.Errorf("subscription %d trial end: %w", s.ID, err)
		}
		s.CreatedAt, s.UpdatedAt = fromUnix(created), fromUnix(updated)
		ss = append(ss, &s)
		byID[s.ID] = &s
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, nil
	}
	rows, err = tx.QueryContext(ctx, `
		SELECT id, subscription_id, effective, amount FROM price_changes
		WHERE subscription_id IN (SELECT value FROM json_each(?))
		ORDER BY subscription_id, effective, id`, idsJSON(byID))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p journal.PriceChange
		var subID int64
		var eff string
		if err := rows.Scan(&p.ID, &subID, &eff, &p.Amount); err != nil {
			return nil, err
		}
		if p.Effective, err = journal.ParseDate(eff); err != nil {
			return nil, fmt.Errorf("price change %d: %w", p.ID, err)
		}
		byID[subID].Prices = append(byID[subID].Prices, p)
	}
	return ss, rows.Err()
}
