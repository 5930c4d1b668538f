package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
)

// journalIDKey is the settings row holding the journal's identifier, made
// by migration 004 (and so by every new journal). It is not a
// journal.Settings field: it names the file, not a choice of the user, so
// backups leave it out and a restore keeps the journal's own.
const journalIDKey = "journal_id"

// JournalID returns the journal's identifier (32 hex digits), so that what
// Lapse exports from two journals never shares an identifier (calendar
// UIDs) while each journal's stays the same from one export to the next.
// It only reads: export opens the journal for reading.
//
// A journal without the row (removed by another tool) gets one derived from
// its absolute path, not stored: nothing else about the file is both sure to
// exist and unique to it (records are deleted and restored, file birth times
// are not portable), and two journals never share a path at one time.
func (db *DB) JournalID(ctx context.Context) (string, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return "", fmt.Errorf("read journal identifier: %w", err)
	}
	defer tx.Rollback()
	var value, id string
	err = tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, journalIDKey).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return pathID(db.path), nil
	}
	if err != nil {
		return "", fmt.Errorf("read journal identifier: %w", err)
	}
	if err := json.Unmarshal([]byte(value), &id); err != nil || id == "" {
		return "", fmt.Errorf("read journal identifier: setting %s holds %q", journalIDKey, value)
	}
	return id, nil
}

// pathID is the stand-in identifier of the journal at path.
func pathID(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	sum := sha256.Sum256([]byte("lapse journal " + path))
	return hex.EncodeToString(sum[:16])
}
