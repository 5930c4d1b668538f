package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
)

// journalIDKey is the settings row holding the journal's identifier. It is
// not a journal.Settings field: it names the file, not a choice of the
// user, so backups leave it out and a restore keeps the journal's own.
const journalIDKey = "journal_id"

// JournalID returns the journal's random identifier (32 hex digits),
// creating and storing it on first use, so that what Lapse exports from
// two journals never shares an identifier (calendar UIDs) while each
// journal's stays the same from one export to the next.
func (db *DB) JournalID(ctx context.Context) (string, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return "", fmt.Errorf("read journal identifier: %w", err)
	}
	id, err := readJournalID(ctx, tx)
	tx.Rollback()
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return id, err
	}
	b := make([]byte, 16)
	rand.Read(b)
	value, _ := json.Marshal(hex.EncodeToString(b))
	if tx, err = db.begin(ctx); err != nil {
		return "", fmt.Errorf("store journal identifier: %w", err)
	}
	defer tx.Rollback()
	// Another process may have stored one meanwhile: keep the first.
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		journalIDKey, string(value)); err != nil {
		return "", fmt.Errorf("store journal identifier: %w", err)
	}
	if id, err = readJournalID(ctx, tx); err != nil {
		return "", err
	}
	return id, tx.commit("store journal identifier")
}

func readJournalID(ctx context.Context, tx *tx) (string, error) {
	var value, id string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, journalIDKey).Scan(&value); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", err
		}
		return "", fmt.Errorf("read journal identifier: %w", err)
	}
	if err := json.Unmarshal([]byte(value), &id); err != nil || id == "" {
		return "", fmt.Errorf("read journal identifier: setting %s holds %q", journalIDKey, value)
	}
	return id, nil
}
