// Package storage keeps Lapse's journal in a SQLite file (modernc.org/sqlite,
// no cgo): the schema and its migrations, the checks that refuse files Lapse
// must not touch, and the queries that return app/journal types.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"lapse/app/journal"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ApplicationID marks a SQLite file as a Lapse journal ('LAPS').
const ApplicationID = 0x4C415053

// Options configure Open.
type Options struct {
	Now func() time.Time // the clock; nil means time.Now
	// ReadOnly opens an existing journal for reading only, for commands
	// that do not change it: nothing is created, migrated or locked.
	ReadOnly bool
	// Wait is how long a write waits for another Lapse to finish its own
	// (an import, a restore); 0 means DefaultWait.
	Wait time.Duration
	// Unsynced skips the sync after each commit (synchronous=OFF), for a
	// new file nobody sees until the caller syncs it and renames it into
	// place: a sample journal written in seconds instead of minutes.
	Unsynced bool
}

// DefaultWait is how long a write waits for the write lock by default.
const DefaultWait = 30 * time.Second

// DB is an open journal.
type DB struct {
	db       *sql.DB
	path     string
	now      func() time.Time
	wait     time.Duration
	readOnly string // why writes are refused; "" when they are not
}

// ReadOnlyError is a write refused because the journal cannot be changed.
type ReadOnlyError struct {
	Path string
	Why  string // "its file does not allow writing (permission denied)", ...
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("journal %s is read-only: %s", e.Path, e.Why)
}

// BusyError is a write that waited in vain for another process's write.
type BusyError struct {
	Path   string
	Waited time.Duration
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("journal %s is busy: another Lapse is writing to it (waited %s)", e.Path, e.Waited.Round(time.Second))
}

// tx is a transaction carrying the instant it started, so every row it
// writes shares one timestamp and tests can pin the clock.
type tx struct {
	*sql.Tx
	now time.Time
	db  *DB
}

// Path returns the journal file's path as given to Open.
func (db *DB) Path() string { return db.path }

// Now returns the journal's clock reading.
func (db *DB) Now() time.Time { return db.now() }

// Close closes the journal; the last connection checkpoints the WAL away.
func (db *DB) Close() error {
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("close journal: %w", err)
	}
	return nil
}

// begin starts a write transaction (BEGIN IMMEDIATE through the DSN's
// _txlock, so a writer waits for the lock up front instead of failing
// half-way with SQLITE_BUSY).
func (db *DB) begin(ctx context.Context) (*tx, error) {
	return db.beginTx(ctx, false)
}

// beginRead starts a read transaction: a plain BEGIN, so readers never take
// the write lock.
func (db *DB) beginRead(ctx context.Context) (*tx, error) {
	return db.beginTx(ctx, true)
}

func (db *DB) beginTx(ctx context.Context, readOnly bool) (*tx, error) {
	if !readOnly && db.readOnly != "" {
		return nil, &ReadOnlyError{Path: db.path, Why: db.readOnly}
	}
	t, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: readOnly})
	if err != nil {
		return nil, db.writeError(fmt.Errorf("begin: %w", err))
	}
	return &tx{Tx: t, now: db.now().UTC().Truncate(time.Second), db: db}, nil
}

// commit commits and names what was being done if it fails.
func (t *tx) commit(what string) error {
	if err := t.Commit(); err != nil {
		return t.db.writeError(fmt.Errorf("%s: commit: %w", what, err))
	}
	return nil
}

// writeError names the journal and what a write waited for when SQLite
// refused it for the lock or for permissions; other errors pass through.
func (db *DB) writeError(err error) error {
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_BUSY:
		return &BusyError{Path: db.path, Waited: db.wait}
	case sqlite3.SQLITE_READONLY:
		why := whyReadOnly(db.path)
		if why == "" {
			why = "SQLite refused to write (" + err.Error() + ")"
		}
		return &ReadOnlyError{Path: db.path, Why: why}
	}
	if cannotMakeSiblings(err) {
		return fmt.Errorf("could not write to journal %s: the disk may be full; nothing was written (%w)", db.path, err)
	}
	return err
}

// readWriteDSN carries every connection setting, so each pooled connection
// gets them when it opens rather than from a one-off Exec on one of them.
func readWriteDSN(path string, wait time.Duration, unsynced bool) string {
	sync := "FULL"
	if unsynced {
		sync = "OFF"
	}
	return "file:" + uriPath(path) +
		"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(" + sync + ")" +
		fmt.Sprintf("&_pragma=busy_timeout(%d)", wait.Milliseconds()) + "&_txlock=immediate"
}

// readDSN opens a file for reading: plain BEGINs never take the write
// lock, and with queryOnly SQLite refuses any write (the inspection that
// checks a file before Open needs VACUUM INTO for its backup, which writes
// only the new file). With a -wal file the connection is mode=ro. Without
// one (no one has the journal open) it is not, so that SQLite, closing the
// last connection, removes the -wal and -shm files it had to create. Only
// when no -wal exists and none can be created (a read-only folder), so that
// no process can write the journal, is it opened immutable.
func readDSN(path string, wait time.Duration, queryOnly bool) string {
	dsn := "file:" + uriPath(path) + fmt.Sprintf("?_pragma=busy_timeout(%d)", wait.Milliseconds())
	if queryOnly {
		dsn += "&_pragma=query_only(1)"
	}
	switch {
	case exists(path + "-wal"):
		dsn += "&mode=ro"
	case !dirWritable(filepath.Dir(path)):
		return immutableDSN(path, wait)
	}
	return dsn
}

// immutableDSN reads a file no process can be writing, without locks or
// sibling files.
func immutableDSN(path string, wait time.Duration) string {
	return "file:" + uriPath(path) + fmt.Sprintf("?_pragma=busy_timeout(%d)", wait.Milliseconds()) + "&mode=ro&immutable=1"
}

// uriPath escapes a file path for a SQLite URI filename ('?', '#', '%', spaces).
func uriPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Path: abs}).EscapedPath()
}

// unix stores a time as UTC unix seconds.
func unix(t time.Time) int64 { return t.UTC().Unix() }

// fromUnix reads a stored time back as UTC.
func fromUnix(s int64) time.Time { return time.Unix(s, 0).UTC() }

// nullUnix stores an optional time.
func nullUnix(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: unix(*t), Valid: true}
}

// fromNullUnix reads an optional time.
func fromNullUnix(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := fromUnix(n.Int64)
	return &t
}

// nullDate stores an optional date; the zero date is NULL.
func nullDate(d journal.Date) sql.NullString {
	if d.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: d.String(), Valid: true}
}

// parseDate reads a stored date; NULL or empty is the zero date.
func parseDate(s sql.NullString) (journal.Date, error) {
	if !s.Valid || s.String == "" {
		return journal.Date{}, nil
	}
	return journal.ParseDate(s.String)
}

// nullID stores an optional reference.
func nullID(id *int64) sql.NullInt64 {
	if id == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: *id, Valid: true}
}

// fromNullID reads an optional reference.
func fromNullID(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	id := n.Int64
	return &id
}

// likePattern makes a LIKE pattern matching q anywhere, with LIKE's own
// wildcards taken literally (ESCAPE '\').
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(q) + "%"
}

// conds builds a WHERE clause from the set fields of a filter.
type conds struct {
	where []string
	args  []any
}

// add appends a condition and its arguments.
func (c *conds) add(cond string, args ...any) {
	c.where = append(c.where, cond)
	c.args = append(c.args, args...)
}

// sql joins the conditions; no condition matches every row.
func (c *conds) sql() string {
	if len(c.where) == 0 {
		return "1"
	}
	return strings.Join(c.where, " AND ")
}

// notFound is the error for a record that does not exist or is in the trash.
func notFound(kind string, id int64) error {
	return journal.Errorf(journal.ENOTFOUND, "%s %d not found", kind, id)
}

// sqliteCode returns the extended SQLite result code in err's chain, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// constraintError turns a SQLite constraint failure into the domain error
// the UI shows: a duplicate service name is a conflict on "name", a broken
// reference an invalid fkField. Other errors pass through.
func constraintError(err error, fkField string) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		msg := err.Error()
		switch {
		case strings.Contains(msg, "services.name_key"):
			return &journal.Error{Code: journal.ECONFLICT, Field: "name", Reason: journal.ReasonDuplicate}
		case strings.Contains(msg, "outages.service_id, outages.external_id"):
			return &journal.Error{Code: journal.ECONFLICT, Field: "external_id", Reason: journal.ReasonDuplicate}
		case strings.Contains(msg, "rates.currency"):
			return &journal.Error{Code: journal.ECONFLICT, Field: "currency", Reason: journal.ReasonDuplicate}
		}
		return &journal.Error{Code: journal.ECONFLICT, Err: err}
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return journal.Invalid(fkField, journal.ReasonNotFound)
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return &journal.Error{Code: journal.EINVALID, Err: err}
	}
	return err
}
