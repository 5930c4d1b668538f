package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"lapse/app/journal"
)

// Trash item kinds.
const (
	kindService      = "service"
	kindSubscription = "subscription"
	kindOutage       = "outage"
	kindTicket       = "ticket"
	kindMessage      = "message"
	kindDecision     = "decision"
)

// trashedTables are the tables whose rows carry a trash_id.
var trashedTables = []string{"services", "subscriptions", "outages", "tickets", "messages", "decisions"}

// Trash lists the trash, newest first.
func (db *DB) Trash(ctx context.Context) ([]journal.TrashItem, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("list trash: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `
		SELECT id, kind, record_id, label, deleted_at FROM trash ORDER BY deleted_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list trash: %w", err)
	}
	defer rows.Close()
	var items []journal.TrashItem
	for rows.Next() {
		var it journal.TrashItem
		var at int64
		if err := rows.Scan(&it.ID, &it.Kind, &it.RecordID, &it.Label, &at); err != nil {
			return nil, fmt.Errorf("list trash: %w", err)
		}
		it.DeletedAt = fromUnix(at)
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list trash: %w", err)
	}
	return items, nil
}

// Restore brings a trash item back with everything deleted with it. A
// service whose name another service took since, or a record whose parent is
// itself in the trash, is ECONFLICT.
func (db *DB) Restore(ctx context.Context, trashID int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer tx.Rollback()
	if err := restore(ctx, tx, trashID); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return tx.commit("restore")
}

// EmptyTrash deletes everything in the trash for good.
func (db *DB) EmptyTrash(ctx context.Context) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("empty trash: %w", err)
	}
	defer tx.Rollback()
	// Rows reference their trash item ON DELETE CASCADE, and their children
	// their parent, so this one statement removes every trashed record.
	if _, err := tx.ExecContext(ctx, `DELETE FROM trash`); err != nil {
		return fmt.Errorf("empty trash: %w", err)
	}
	return tx.commit("empty trash")
}

// addTrash creates a trash item for a record about to be stamped with it.
func addTrash(ctx context.Context, tx *tx, kind string, recordID int64, label string) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO trash (kind, record_id, label, deleted_at) VALUES (?, ?, ?, ?)`,
		kind, recordID, label, unix(tx.now))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// trashRows moves one record (table row id) to the trash as a new item,
// with the rows of childTable that reference it through childColumn.
func trashRows(ctx context.Context, tx *tx, kind, table string, id int64, label, childTable, childColumn string) (int64, error) {
	trashID, err := addTrash(ctx, tx, kind, id, label)
	if err != nil {
		return 0, err
	}
	if childTable != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE `+childTable+` SET trash_id = ? WHERE trash_id IS NULL AND `+childColumn+` = ?`,
			trashID, id); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET trash_id = ? WHERE id = ?`, trashID, id); err != nil {
		return 0, err
	}
	return trashID, nil
}

func restore(ctx context.Context, tx *tx, trashID int64) error {
	var kind string
	var recordID int64
	err := tx.QueryRowContext(ctx, `SELECT kind, record_id FROM trash WHERE id = ?`, trashID).Scan(&kind, &recordID)
	if errors.Is(err, sql.ErrNoRows) {
		return journal.Errorf(journal.ENOTFOUND, "trash item %d not found", trashID)
	}
	if err != nil {
		return err
	}
	if err := checkRestorable(ctx, tx, kind, recordID); err != nil {
		return err
	}
	for _, table := range trashedTables {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET trash_id = NULL WHERE trash_id = ?`, trashID); err != nil {
			return constraintError(err, "")
		}
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM trash WHERE id = ?`, trashID)
	return err
}

// checkRestorable keeps the journal whole: no two live services share a
// name, and no live record hangs under a trashed parent.
func checkRestorable(ctx context.Context, tx *tx, kind string, id int64) error {
	var parentKind, name string
	var parentTrash sql.NullInt64
	var err error
	switch kind {
	case kindService:
		if err := tx.QueryRowContext(ctx, `SELECT name FROM services WHERE id = ?`, id).Scan(&name); err != nil {
			return err
		}
		var other string
		err := tx.QueryRowContext(ctx, `SELECT name FROM services WHERE name_key = ? AND id <> ? AND trash_id IS NULL`,
			nameKey(name), id).Scan(&other)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return &journal.Error{Code: journal.ECONFLICT, Field: "name", Reason: journal.ReasonDuplicate,
			Detail: fmt.Sprintf("cannot restore service %q: another service is now named %q; rename it first", name, other)}
	case kindMessage:
		parentKind = "ticket"
		err = tx.QueryRowContext(ctx, `
			SELECT t.subject, t.trash_id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = ?`,
			id).Scan(&name, &parentTrash)
	case kindSubscription, kindOutage, kindTicket, kindDecision:
		parentKind = "service"
		err = tx.QueryRowContext(ctx, `
			SELECT s.name, s.trash_id FROM `+kind+`s r JOIN services s ON s.id = r.service_id WHERE r.id = ?`,
			id).Scan(&name, &parentTrash)
	default:
		return fmt.Errorf("unknown trash kind %q", kind)
	}
	if err != nil {
		return err
	}
	if parentTrash.Valid {
		return journal.Errorf(journal.ECONFLICT, "cannot restore this %s: its %s %q is in the trash; restore the %s first",
			kind, parentKind, name, parentKind)
	}
	return nil
}
