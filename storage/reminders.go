package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lapse/app/journal"
)

// ReminderState is what Lapse remembers about one reminder.
type ReminderState struct {
	Key          string
	NotifiedOn   journal.Date // the local day it was last sent as a notification
	Dismissed    bool
	SnoozedUntil time.Time // zero: not snoozed
}

// Quiet reports whether the reminder should not be shown at instant now.
func (s ReminderState) Quiet(now time.Time) bool {
	return s.Dismissed || now.Before(s.SnoozedUntil)
}

// ReminderStates returns the remembered state of every reminder, by key.
func (db *DB) ReminderStates(ctx context.Context) (map[string]ReminderState, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("read reminders: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT key, notified_on, dismissed, snoozed_until FROM reminder_state`)
	if err != nil {
		return nil, fmt.Errorf("read reminders: %w", err)
	}
	defer rows.Close()
	out := map[string]ReminderState{}
	for rows.Next() {
		var s ReminderState
		var day sql.NullString
		var snoozed sql.NullInt64
		if err := rows.Scan(&s.Key, &day, &s.Dismissed, &snoozed); err != nil {
			return nil, fmt.Errorf("read reminders: %w", err)
		}
		if day.Valid {
			if s.NotifiedOn, err = journal.ParseDate(day.String); err != nil {
				return nil, fmt.Errorf("read reminder %s: %w", s.Key, err)
			}
		}
		if snoozed.Valid {
			s.SnoozedUntil = time.Unix(snoozed.Int64, 0).UTC()
		}
		out[s.Key] = s
	}
	return out, rows.Err()
}

// MarkNotified records that the reminder was sent as a notification on day
// and reports whether it had not been sent that day yet: check and record
// happen in one transaction, so two checks the same day notify once.
func (db *DB) MarkNotified(ctx context.Context, key string, day journal.Date) (bool, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return false, fmt.Errorf("mark reminder %s: %w", key, err)
	}
	defer tx.Rollback()
	var last sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT notified_on FROM reminder_state WHERE key = ?`, key).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("mark reminder %s: %w", key, err)
	}
	if last.Valid && last.String == day.String() {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO reminder_state (key, notified_on) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET notified_on = excluded.notified_on`, key, day.String()); err != nil {
		return false, fmt.Errorf("mark reminder %s: %w", key, err)
	}
	return true, tx.commit("mark reminder " + key)
}

// DismissReminder silences a reminder for good.
func (db *DB) DismissReminder(ctx context.Context, key string) error {
	return db.setReminder(ctx, key, `INSERT INTO reminder_state (key, dismissed) VALUES (?, 1)
		ON CONFLICT (key) DO UPDATE SET dismissed = 1`, key)
}

// SnoozeReminder silences a reminder until the given instant.
func (db *DB) SnoozeReminder(ctx context.Context, key string, until time.Time) error {
	return db.setReminder(ctx, key, `INSERT INTO reminder_state (key, snoozed_until) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET snoozed_until = excluded.snoozed_until`, key, until.Unix())
}

func (db *DB) setReminder(ctx context.Context, key, query string, args ...any) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("update reminder %s: %w", key, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("update reminder %s: %w", key, err)
	}
	return tx.commit("update reminder " + key)
}
