package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"lapse/app/journal"
)

// OutageFilter selects outages; nil fields do not filter.
type OutageFilter struct {
	ServiceID *int64
	From, To  *time.Time // outages overlapping [From, To); an ongoing one runs on
	Ongoing   *bool
	Source    *journal.Source
	Linked    bool   // only outages linked to a status page's incident (with a Link)
	Query     string // a substring of the title, symptoms, what still worked, resolution or a platform
}

// CreateOutage adds an outage with its platforms and steps.
func (db *DB) CreateOutage(ctx context.Context, o *journal.Outage) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("create outage: %w", err)
	}
	defer tx.Rollback()
	if err := createOutage(ctx, tx, o); err != nil {
		return fmt.Errorf("create outage: %w", err)
	}
	return tx.commit("create outage")
}

// UpdateOutage saves every field of an outage.
func (db *DB) UpdateOutage(ctx context.Context, o *journal.Outage) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("update outage: %w", err)
	}
	defer tx.Rollback()
	if err := updateOutage(ctx, tx, o); err != nil {
		return fmt.Errorf("update outage: %w", err)
	}
	return tx.commit("update outage")
}

// Outage returns an outage with its platforms and steps.
func (db *DB) Outage(ctx context.Context, id int64) (*journal.Outage, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("find outage: %w", err)
	}
	defer tx.Rollback()
	o, err := findOutageByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find outage: %w", err)
	}
	return o, nil
}

// Outages lists outages, newest start first.
func (db *DB) Outages(ctx context.Context, f OutageFilter) ([]*journal.Outage, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("list outages: %w", err)
	}
	defer tx.Rollback()
	var c conds
	if f.ServiceID != nil {
		c.add("service_id = ?", *f.ServiceID)
	}
	if f.To != nil {
		c.add("start_at < ?", unix(*f.To))
	}
	if f.From != nil {
		// An outage of no length that starts in the window still belongs to it.
		from := unix(*f.From)
		c.add("(end_at IS NULL OR end_at > ? OR start_at >= ?)", from, from)
	}
	if f.Ongoing != nil {
		if *f.Ongoing {
			c.add("end_at IS NULL")
		} else {
			c.add("end_at IS NOT NULL")
		}
	}
	if f.Source != nil {
		c.add("source = ?", string(*f.Source))
	}
	if f.Linked {
		c.add("link <> ''")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likePattern(q)
		c.add(`(title LIKE ? ESCAPE '\' OR symptoms LIKE ? ESCAPE '\' OR still_worked LIKE ? ESCAPE '\'
			OR resolution LIKE ? ESCAPE '\'
			OR EXISTS (SELECT 1 FROM outage_platforms p WHERE p.outage_id = outages.id AND p.platform LIKE ? ESCAPE '\'))`,
			p, p, p, p, p)
	}
	list, err := findOutages(ctx, tx, c.sql(), c.args...)
	if err != nil {
		return nil, fmt.Errorf("list outages: %w", err)
	}
	return list, nil
}

// DeleteOutage moves an outage to the trash and returns the item's ID.
func (db *DB) DeleteOutage(ctx context.Context, id int64) (int64, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete outage: %w", err)
	}
	defer tx.Rollback()
	o, err := findOutageByID(ctx, tx, id)
	if err != nil {
		return 0, fmt.Errorf("delete outage: %w", err)
	}
	label := "Outage: " + o.Title
	if strings.TrimSpace(o.Title) == "" {
		label = "Outage: " + serviceName(ctx, tx, o.ServiceID) + " " + o.Start.Format("2006-01-02 15:04") + " UTC"
	}
	trashID, err := trashRows(ctx, tx, kindOutage, "outages", id, label, "", "")
	if err != nil {
		return 0, fmt.Errorf("delete outage: %w", err)
	}
	return trashID, tx.commit("delete outage")
}

// StartOutage records "Down now": an outage of the service that made it
// unusable from this second, by me, titled with the note.
func (db *DB) StartOutage(ctx context.Context, serviceID int64, note string) (*journal.Outage, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("start outage: %w", err)
	}
	defer tx.Rollback()
	// One lived outage at a time per service: "It's back" ends the ongoing
	// one, so a second would be left counting unusable time for ever.
	if ongoing, err := findOutages(ctx, tx, "service_id = ? AND end_at IS NULL AND source = 'me'", serviceID); err != nil {
		return nil, fmt.Errorf("start outage: %w", err)
	} else if len(ongoing) > 0 {
		e := journal.Invalid("service", journal.ReasonAlreadyDown)
		e.Code = journal.ECONFLICT
		return ongoing[0], fmt.Errorf("start outage: %w", e)
	}
	o := &journal.Outage{
		ServiceID: serviceID,
		Title:     strings.TrimSpace(note),
		Start:     tx.now,
		Impact:    journal.ImpactDown,
		Source:    journal.SourceMe,
	}
	if err := createOutage(ctx, tx, o); err != nil {
		return nil, fmt.Errorf("start outage: %w", err)
	}
	return o, tx.commit("start outage")
}

// EndOutage records "It's back": the outage ends now. An outage that has
// already ended is ECONFLICT.
func (db *DB) EndOutage(ctx context.Context, outageID int64) (*journal.Outage, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("end outage: %w", err)
	}
	defer tx.Rollback()
	o, err := findOutageByID(ctx, tx, outageID)
	if err != nil {
		return nil, fmt.Errorf("end outage: %w", err)
	}
	if o.End != nil {
		return nil, journal.Errorf(journal.ECONFLICT, "outage %d already ended at %s", o.ID, o.End.Format(time.RFC3339))
	}
	end := tx.now
	o.End = &end
	if err := updateOutage(ctx, tx, o); err != nil {
		return nil, fmt.Errorf("end outage: %w", err)
	}
	return o, tx.commit("end outage")
}

// OngoingOutage returns the service's latest ongoing outage, or ENOTFOUND.
func (db *DB) OngoingOutage(ctx context.Context, serviceID int64) (*journal.Outage, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("find ongoing outage: %w", err)
	}
	defer tx.Rollback()
	list, err := findOutages(ctx, tx, "service_id = ? AND end_at IS NULL AND source = 'me'", serviceID)
	if err != nil {
		return nil, fmt.Errorf("find ongoing outage: %w", err)
	}
	if len(list) == 0 {
		return nil, journal.Errorf(journal.ENOTFOUND, "service %d has no ongoing outage", serviceID)
	}
	return list[0], nil
}

// UpsertOfficialOutage saves an official incident: the live outage of the
// same service with the same ExternalID is updated, otherwise one is created.
func (db *DB) UpsertOfficialOutage(ctx context.Context, o *journal.Outage) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("save official outage: %w", err)
	}
	defer tx.Rollback()
	if strings.TrimSpace(o.ExternalID) == "" {
		return fmt.Errorf("save official outage: %w", journal.Invalid("external_id", journal.ReasonRequired))
	}
	var id int64
	err = tx.QueryRowContext(ctx, `
		SELECT id FROM outages WHERE service_id = ? AND external_id = ? AND trash_id IS NULL`,
		o.ServiceID, o.ExternalID).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = createOutage(ctx, tx, o)
	case err == nil:
		o.ID = id
		err = updateOutage(ctx, tx, o)
	}
	if err != nil {
		return fmt.Errorf("save official outage: %w", err)
	}
	return tx.commit("save official outage")
}

// PlatformSuggestions lists the platform tags used so far, most used first.
func (db *DB) PlatformSuggestions(ctx context.Context) ([]string, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("list platforms: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `
		SELECT p.platform FROM outage_platforms p JOIN outages o ON o.id = p.outage_id
		WHERE o.trash_id IS NULL
		GROUP BY p.platform
		ORDER BY count(*) DESC, p.platform`)
	if err != nil {
		return nil, fmt.Errorf("list platforms: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("list platforms: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list platforms: %w", err)
	}
	return out, nil
}

// normalizeOutage keeps only what storage keeps: whole seconds in UTC.
func normalizeOutage(o *journal.Outage) {
	o.Start = fromUnix(unix(o.Start))
	if o.End != nil {
		end := fromUnix(unix(*o.End))
		o.End = &end
	}
}

func createOutage(ctx context.Context, tx *tx, o *journal.Outage) error {
	o.ID = 0
	if err := o.Validate(); err != nil {
		return err
	}
	normalizeOutage(o)
	if err := requireLive(ctx, tx, "services", "service", o.ServiceID); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO outages (service_id, title, start_at, end_at, impact, still_worked, symptoms, resolution, source,
			link, external_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.ServiceID, o.Title, unix(o.Start), nullUnix(o.End), string(o.Impact), o.StillWorked, o.Symptoms, o.Resolution,
		string(o.Source), o.Link, o.ExternalID, unix(tx.now), unix(tx.now))
	if err != nil {
		return constraintError(err, "service")
	}
	if o.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	o.CreatedAt, o.UpdatedAt = tx.now, tx.now
	return setOutageDetails(ctx, tx, o)
}

func updateOutage(ctx context.Context, tx *tx, o *journal.Outage) error {
	old, err := findOutageByID(ctx, tx, o.ID)
	if err != nil {
		return err
	}
	if err := o.Validate(); err != nil {
		return err
	}
	normalizeOutage(o)
	if err := requireLive(ctx, tx, "services", "service", o.ServiceID); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE outages SET service_id = ?, title = ?, start_at = ?, end_at = ?, impact = ?, still_worked = ?,
			symptoms = ?, resolution = ?, source = ?, link = ?, external_id = ?, updated_at = ?
		WHERE id = ?`,
		o.ServiceID, o.Title, unix(o.Start), nullUnix(o.End), string(o.Impact), o.StillWorked, o.Symptoms,
		o.Resolution, string(o.Source), o.Link, o.ExternalID, unix(tx.now), o.ID)
	if err != nil {
		return constraintError(err, "service")
	}
	o.CreatedAt, o.UpdatedAt = old.CreatedAt, tx.now
	return setOutageDetails(ctx, tx, o)
}

// setOutageDetails replaces the platforms and steps, keeping their order.
func setOutageDetails(ctx context.Context, tx *tx, o *journal.Outage) error {
	for _, q := range []string{`DELETE FROM outage_platforms WHERE outage_id = ?`, `DELETE FROM outage_steps WHERE outage_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, o.ID); err != nil {
			return err
		}
	}
	for i, p := range o.Platforms {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outage_platforms (outage_id, position, platform) VALUES (?, ?, ?)`,
			o.ID, i, p); err != nil {
			return err
		}
	}
	for i, s := range o.Steps {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outage_steps (outage_id, position, action, result) VALUES (?, ?, ?, ?)`,
			o.ID, i, s.Action, s.Result); err != nil {
			return err
		}
	}
	return nil
}

func findOutageByID(ctx context.Context, tx *tx, id int64) (*journal.Outage, error) {
	list, err := findOutages(ctx, tx, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("outage", id)
	}
	return list[0], nil
}

// findOutages returns the live outages matching where, newest start first,
// with their platforms and steps.
func findOutages(ctx context.Context, tx *tx, where string, args ...any) ([]*journal.Outage, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, service_id, title, start_at, end_at, impact, still_worked, symptoms, resolution, source, link,
			external_id, created_at, updated_at
		FROM outages
		WHERE trash_id IS NULL AND `+where+`
		ORDER BY start_at DESC, id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*journal.Outage
	byID := map[int64]*journal.Outage{}
	for rows.Next() {
		var o journal.Outage
		var start, created, updated int64
		var end sql.NullInt64
		var impact, source string
		if err := rows.Scan(&o.ID, &o.ServiceID, &o.Title, &start, &end, &impact, &o.StillWorked, &o.Symptoms,
			&o.Resolution, &source, &o.Link, &o.ExternalID, &created, &updated); err != nil {
			return nil, err
		}
		o.Start, o.End = fromUnix(start), fromNullUnix(end)
		o.Impact, o.Source = journal.Impact(impact), journal.Source(source)
		o.CreatedAt, o.UpdatedAt = fromUnix(created), fromUnix(updated)
		list = append(list, &o)
		byID[o.ID] = &o
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, nil
	}
	ids := idsJSON(byID)
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var p string
		if err := r.Scan(&id, &p); err != nil {
			return err
		}
		byID[id].Platforms = append(byID[id].Platforms, p)
		return nil
	}, `SELECT outage_id, platform FROM outage_platforms
		WHERE outage_id IN (SELECT value FROM json_each(?)) ORDER BY outage_id, position`, ids); err != nil {
		return nil, err
	}
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var s journal.Step
		if err := r.Scan(&id, &s.Action, &s.Result); err != nil {
			return err
		}
		byID[id].Steps = append(byID[id].Steps, s)
		return nil
	}, `SELECT outage_id, action, result FROM outage_steps
		WHERE outage_id IN (SELECT value FROM json_each(?)) ORDER BY outage_id, position`, ids); err != nil {
		return nil, err
	}
	return list, nil
}

// eachRow runs a query and calls scan for every row.
func eachRow(ctx context.Context, tx *tx, scan func(*sql.Rows) error, query string, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
