package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lapse/app/journal"
)

// StatusWatch is what Lapse remembers about watching one service's status
// page. Kind and Source are plain text here: the watcher gives them meaning.
type StatusWatch struct {
	ServiceID int64
	Page      string     // the service's status page address this is about
	Kind      string     // "statuspage", "feed"; "": not found yet
	Source    string     // what is polled
	SyncedAt  *time.Time // the last poll that succeeded
	NextAt    *time.Time // no fetch before
	Failures  int        // failed polls in a row
	LastError string
	Cache     map[string]HTTPCache // by address polled
}

// HTTPCache are the validators of the last answer from one address.
type HTTPCache struct {
	ETag         string
	LastModified string
}

// StatusWatch returns the watch state of a service, or ENOTFOUND when its
// page was never polled.
func (db *DB) StatusWatch(ctx context.Context, serviceID int64) (*StatusWatch, error) {
	const what = "read status watch"
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	w := &StatusWatch{ServiceID: serviceID, Cache: map[string]HTTPCache{}}
	var synced, next sql.NullInt64
	err = tx.QueryRowContext(ctx, `
		SELECT page, kind, source, synced_at, next_at, failures, last_error FROM status_watch WHERE service_id = ?`,
		serviceID).Scan(&w.Page, &w.Kind, &w.Source, &synced, &next, &w.Failures, &w.LastError)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: %w", what, journal.Errorf(journal.ENOTFOUND, "service %d has no status watch", serviceID))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	w.SyncedAt, w.NextAt = fromNullUnix(synced), fromNullUnix(next)
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var u string
		var c HTTPCache
		if err := r.Scan(&u, &c.ETag, &c.LastModified); err != nil {
			return err
		}
		w.Cache[u] = c
		return nil
	}, `SELECT url, etag, last_modified FROM status_watch_cache WHERE service_id = ?`, serviceID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return w, nil
}

// SaveStatusWatch replaces the watch state of a service, validators included.
func (db *DB) SaveStatusWatch(ctx context.Context, w *StatusWatch) error {
	const what = "save status watch"
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	if err := requireLive(ctx, tx, "services", "service", w.ServiceID); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO status_watch (service_id, page, kind, source, synced_at, next_at, failures, last_error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (service_id) DO UPDATE SET page = excluded.page, kind = excluded.kind, source = excluded.source,
			synced_at = excluded.synced_at, next_at = excluded.next_at, failures = excluded.failures,
			last_error = excluded.last_error`,
		w.ServiceID, w.Page, w.Kind, w.Source, nullUnix(w.SyncedAt), nullUnix(w.NextAt), w.Failures, w.LastError)
	if err != nil {
		return fmt.Errorf("%s: %w", what, constraintError(err, "service"))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM status_watch_cache WHERE service_id = ?`, w.ServiceID); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	for u, c := range w.Cache {
		if c.ETag == "" && c.LastModified == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO status_watch_cache (service_id, url, etag, last_modified) VALUES (?, ?, ?, ?)`,
			w.ServiceID, u, c.ETag, c.LastModified); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return tx.commit(what)
}

// StartLinkedOutage records "Down now" in answer to an official incident:
// an outage lived by me from this second, titled and linked like the
// incident. When the service already has an ongoing lived outage that is
// linked to nothing, that one is linked and returned instead; one linked
// elsewhere is ECONFLICT (and returned), as StartOutage refuses a second.
func (db *DB) StartLinkedOutage(ctx context.Context, official *journal.Outage) (*journal.Outage, error) {
	const what = "start outage"
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	ongoing, err := findOutages(ctx, tx, "service_id = ? AND end_at IS NULL AND source = 'me'", official.ServiceID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if len(ongoing) > 0 {
		o := ongoing[0]
		if o.Link != "" && o.Link != official.Link {
			e := journal.Invalid("service", journal.ReasonAlreadyDown)
			e.Code = journal.ECONFLICT
			return o, fmt.Errorf("%s: %w", what, e)
		}
		o.Link = official.Link
		if err := updateOutage(ctx, tx, o); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		return o, tx.commit(what)
	}
	o := &journal.Outage{
		ServiceID: official.ServiceID,
		Title:     official.Title,
		Start:     tx.now,
		Impact:    journal.ImpactDown,
		Source:    journal.SourceMe,
		Link:      official.Link,
	}
	if err := createOutage(ctx, tx, o); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return o, tx.commit(what)
}
