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
}

// DB is an open journal.
type DB struct {
	db   *sql.DB
	path string
	now  func() time.Time
}

// tx is a transaction carrying the instant it started, so every row it
// writes shares one timestamp and tests can pin the clock.
type tx struct {
	*sql.Tx
	now time.Time
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
	t, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: readOnly})
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &tx{Tx: t, now: db.now().UTC().Truncate(time.Second)}, nil
}

// commit commits and names what was being done if it fails.
func (t *tx) commit(what string) error {
	if err := t.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", what, err)
	}
	return nil
}

// readWriteDSN carries every connection setting, so each pooled connection
// gets them when it opens rather than from a one-off Exec on one of them.
func readWriteDSN(path string) string {
	return "file:" + uriPath(path) +
		"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=busy_timeout(5000)&_txlock=immediate"
}

// readOnlyDSN opens a file without writing a byte to it. immutable also stops
// SQLite from creating -wal/-shm siblings; it is only safe when there is no
// WAL to read, and when both siblings exist another process has the journal
// open, so plain read-only mode shares them.
func readOnlyDSN(path string, immutable bool) string {
	dsn := "file:" + uriPath(path) + "?mode=ro&_pragma=busy_timeout(5000)"
	if immutable {
		dsn += "&immutable=1"
	}
	return dsn
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
