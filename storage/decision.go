package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"lapse/app/journal"
)

// CreateDecision records a decision event.
func (db *DB) CreateDecision(ctx context.Context, d *journal.Decision) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("create decision: %w", err)
	}
	defer tx.Rollback()
	if err := createDecision(ctx, tx, d); err != nil {
		return fmt.Errorf("create decision: %w", err)
	}
	return tx.commit("create decision")
}

// UpdateDecision saves every field of a decision event.
func (db *DB) UpdateDecision(ctx context.Context, d *journal.Decision) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("update decision: %w", err)
	}
	defer tx.Rollback()
	if err := updateDecision(ctx, tx, d); err != nil {
		return fmt.Errorf("update decision: %w", err)
	}
	return tx.commit("update decision")
}

// Decision returns one decision event.
func (db *DB) Decision(ctx context.Context, id int64) (*journal.Decision, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("find decision: %w", err)
	}
	defer tx.Rollback()
	d, err := findDecisionByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find decision: %w", err)
	}
	return d, nil
}

// Decisions lists a service's decision events by date.
func (db *DB) Decisions(ctx context.Context, serviceID int64) ([]*journal.Decision, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("list decisions: %w", err)
	}
	defer tx.Rollback()
	list, err := findDecisions(ctx, tx, "d.service_id = ?", serviceID)
	if err != nil {
		return nil, fmt.Errorf("list decisions: %w", err)
	}
	return list, nil
}

// DeleteDecision moves a decision event to the trash and returns the item's ID.
func (db *DB) DeleteDecision(ctx context.Context, id int64) (int64, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete decision: %w", err)
	}
	defer tx.Rollback()
	d, err := findDecisionByID(ctx, tx, id)
	if err != nil {
		return 0, fmt.Errorf("delete decision: %w", err)
	}
	label := fmt.Sprintf("Decision: %s %s %s", serviceName(ctx, tx, d.ServiceID), d.Kind, d.Date)
	trashID, err := trashRows(ctx, tx, kindDecision, "decisions", id, label, "", "")
	if err != nil {
		return 0, fmt.Errorf("delete decision: %w", err)
	}
	return trashID, tx.commit("delete decision")
}

// decisionMoney splits an optional amount into its columns.
func decisionMoney(d *journal.Decision) (sql.NullInt64, sql.NullString) {
	if d.Amount == nil {
		return sql.NullInt64{}, sql.NullString{}
	}
	return sql.NullInt64{Int64: d.Amount.Amount, Valid: true}, sql.NullString{String: d.Amount.Currency, Valid: true}
}

// checkSwitchedTo checks the service switched to is a live service.
func checkSwitchedTo(ctx context.Context, tx *tx, d *journal.Decision) error {
	if d.SwitchedTo == nil {
		return nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM services WHERE id = ? AND trash_id IS NULL`, *d.SwitchedTo).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return journal.Invalid("switched_to", journal.ReasonNotFound)
	}
	return err
}

func createDecision(ctx context.Context, tx *tx, d *journal.Decision) error {
	d.ID = 0
	if err := d.Validate(); err != nil {
		return err
	}
	if err := requireLive(ctx, tx, "services", "service", d.ServiceID); err != nil {
		return err
	}
	if err := checkSwitchedTo(ctx, tx, d); err != nil {
		return err
	}
	amount, currency := decisionMoney(d)
	res, err := tx.ExecContext(ctx, `
		INSERT INTO decisions (service_id, kind, date, amount, currency, switched_to, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ServiceID, string(d.Kind), d.Date.String(), amount, currency, nullID(d.SwitchedTo), d.Note,
		unix(tx.now), unix(tx.now))
	if err != nil {
		return constraintError(err, "service")
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	d.CreatedAt, d.UpdatedAt = tx.now, tx.now
	return nil
}

func updateDecision(ctx context.Context, tx *tx, d *journal.Decision) error {
	old, err := findDecisionByID(ctx, tx, d.ID)
	if err != nil {
		return err
	}
	if err := d.Validate(); err != nil {
		return err
	}
	if err := requireLive(ctx, tx, "services", "service", d.ServiceID); err != nil {
		return err
	}
	if err := checkSwitchedTo(ctx, tx, d); err != nil {
		return err
	}
	amount, currency := decisionMoney(d)
	switched := nullID(d.SwitchedTo)
	// Reads hide a trashed service switched to; saving without one keeps the
	// link, so restoring that service brings it back.
	_, err = tx.ExecContext(ctx, `
		UPDATE decisions SET service_id = ?, kind = ?, date = ?, amount = ?, currency = ?, note = ?, updated_at = ?,
			switched_to = CASE WHEN ? IS NULL AND switched_to IN (SELECT id FROM services WHERE trash_id IS NOT NULL)
				THEN switched_to ELSE ? END
		WHERE id = ?`,
		d.ServiceID, string(d.Kind), d.Date.String(), amount, currency, d.Note, unix(tx.now), switched, switched, d.ID)
	if err != nil {
		return constraintError(err, "service")
	}
	d.CreatedAt, d.UpdatedAt = old.CreatedAt, tx.now
	return nil
}

func findDecisionByID(ctx context.Context, tx *tx, id int64) (*journal.Decision, error) {
	list, err := findDecisions(ctx, tx, "d.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("decision", id)
	}
	return list[0], nil
}

// findDecisions returns the live decisions matching where (on alias d), by date.
func findDecisions(ctx context.Context, tx *tx, where string, args ...any) ([]*journal.Decision, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT d.id, d.service_id, d.kind, d.date, d.amount, d.currency, sw.id, d.note, d.created_at, d.updated_at
		FROM decisions d LEFT JOIN services sw ON sw.id = d.switched_to AND sw.trash_id IS NULL
		WHERE d.trash_id IS NULL AND `+where+`
		ORDER BY d.date, d.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*journal.Decision
	for rows.Next() {
		var d journal.Decision
		var kind, date string
		var amount, switched sql.NullInt64
		var currency sql.NullString
		var created, updated int64
		if err := rows.Scan(&d.ID, &d.ServiceID, &kind, &date, &amount, &currency, &switched, &d.Note,
			&created, &updated); err != nil {
			return nil, err
		}
		d.Kind = journal.DecisionKind(kind)
		if d.Date, err = journal.ParseDate(date); err != nil {
			return nil, fmt.Errorf("decision %d date: %w", d.ID, err)
		}
		if amount.Valid {
			d.Amount = &journal.Money{Amount: amount.Int64, Currency: currency.String}
		}
		d.SwitchedTo = fromNullID(switched)
		d.CreatedAt, d.UpdatedAt = fromUnix(created), fromUnix(updated)
		list = append(list, &d)
	}
	return list, rows.Err()
}
