package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/cases"

	"lapse/app/journal"
)

// ServiceFilter selects services.
type ServiceFilter struct {
	Query           string // a substring of the name, category or notes, any case
	IncludeArchived bool
}

// nameKey folds a service name so "Claude" and "claude" are one name, in
// any script that has case.
func nameKey(name string) string {
	return cases.Fold().String(strings.TrimSpace(name))
}

// CreateService adds a service, filling its ID, CreatedAt and UpdatedAt.
func (db *DB) CreateService(ctx context.Context, s *journal.Service) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("create service: %w", err)
	}
	defer tx.Rollback()
	if err := createService(ctx, tx, s); err != nil {
		return fmt.Errorf("create service: %w", err)
	}
	return tx.commit("create service")
}

// UpdateService saves every field of an existing service and its alternatives.
func (db *DB) UpdateService(ctx context.Context, s *journal.Service) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("update service: %w", err)
	}
	defer tx.Rollback()
	if err := updateService(ctx, tx, s); err != nil {
		return fmt.Errorf("update service: %w", err)
	}
	return tx.commit("update service")
}

// Service returns a service by ID; ENOTFOUND if it is missing or trashed.
func (db *DB) Service(ctx context.Context, id int64) (*journal.Service, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("find service: %w", err)
	}
	defer tx.Rollback()
	s, err := findServiceByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find service: %w", err)
	}
	return s, nil
}

// ServiceByName returns the service with that name, ignoring case.
func (db *DB) ServiceByName(ctx context.Context, name string) (*journal.Service, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("find service: %w", err)
	}
	defer tx.Rollback()
	ss, err := findServices(ctx, tx, `name_key = ?`, nameKey(name))
	if err != nil {
		return nil, fmt.Errorf("find service: %w", err)
	}
	if len(ss) == 0 {
		return nil, journal.Errorf(journal.ENOTFOUND, "no service is named %q", strings.TrimSpace(name))
	}
	return ss[0], nil
}

// Services lists services by name, ignoring case.
func (db *DB) Services(ctx context.Context, f ServiceFilter) ([]*journal.Service, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	defer tx.Rollback()
	var c conds
	if !f.IncludeArchived {
		c.add("archived = 0")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likePattern(q)
		c.add(`(name LIKE ? ESCAPE '\' OR category LIKE ? ESCAPE '\' OR notes LIKE ? ESCAPE '\')`, p, p, p)
	}
	ss, err := findServices(ctx, tx, c.sql(), c.args...)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	return ss, nil
}

// DeleteService moves a service and everything recorded under it to the
// trash as one item, and returns that item's ID.
func (db *DB) DeleteService(ctx context.Context, id int64) (int64, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete service: %w", err)
	}
	defer tx.Rollback()
	trashID, err := deleteService(ctx, tx, id)
	if err != nil {
		return 0, fmt.Errorf("delete service: %w", err)
	}
	return trashID, tx.commit("delete service")
}

func createService(ctx context.Context, tx *tx, s *journal.Service) error {
	s.ID = 0
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	if err := checkNameFree(ctx, tx, s.Name, 0); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO services (name, name_key, category, website, status_page, notes, archived, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.Name, nameKey(s.Name), s.Category, s.Website, s.StatusPage, s.Notes, s.Archived, unix(tx.now), unix(tx.now))
	if err != nil {
		return constraintError(err, "")
	}
	if s.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	s.CreatedAt, s.UpdatedAt = tx.now, tx.now
	return setAlternatives(ctx, tx, s)
}

func updateService(ctx context.Context, tx *tx, s *journal.Service) error {
	old, err := findServiceByID(ctx, tx, s.ID)
	if err != nil {
		return err
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	if err := checkNameFree(ctx, tx, s.Name, s.ID); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE services SET name = ?, name_key = ?, category = ?, website = ?, status_page = ?, notes = ?,
			archived = ?, updated_at = ?
		WHERE id = ?`,
		s.Name, nameKey(s.Name), s.Category, s.Website, s.StatusPage, s.Notes, s.Archived, unix(tx.now), s.ID)
	if err != nil {
		return constraintError(err, "")
	}
	s.CreatedAt, s.UpdatedAt = old.CreatedAt, tx.now
	return setAlternatives(ctx, tx, s)
}

// checkNameFree refuses a name another live service has, ignoring case.
func checkNameFree(ctx context.Context, tx *tx, name string, self int64) error {
	var other string
	err := tx.QueryRowContext(ctx, `SELECT name FROM services WHERE name_key = ? AND id <> ? AND trash_id IS NULL`,
		nameKey(name), self).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return &journal.Error{Code: journal.ECONFLICT, Field: "name", Reason: journal.ReasonDuplicate,
		Detail: fmt.Sprintf("another service is named %q", other)}
}

// setAlternatives replaces a service's links to live services; links to
// trashed services stay, so restoring one brings its link back.
func setAlternatives(ctx context.Context, tx *tx, s *journal.Service) error {
	// A correlated EXISTS looks up only the service's own links; an IN over all
	// live services would list them all on every call (quadratic imports).
	if _, err := tx.ExecContext(ctx, `
		DELETE FROM service_alternatives
		WHERE service_id = ? AND EXISTS (
			SELECT 1 FROM services s WHERE s.id = service_alternatives.alternative_id AND s.trash_id IS NULL)`,
		s.ID); err != nil {
		return err
	}
	seen := map[int64]bool{}
	var alts []int64
	for _, a := range s.Alternatives {
		if seen[a] {
			continue
		}
		seen[a] = true
		if a == s.ID {
			return journal.Invalid("alternatives", journal.ReasonSelfReference)
		}
		if err := requireLive(ctx, tx, "services", "alternatives", a); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO service_alternatives (service_id, alternative_id, position) VALUES (?, ?, ?)
			ON CONFLICT (service_id, alternative_id) DO UPDATE SET position = excluded.position`,
			s.ID, a, len(alts)); err != nil {
			return constraintError(err, "alternatives")
		}
		alts = append(alts, a)
	}
	s.Alternatives = alts
	return nil
}

// requireLive checks that a referenced record exists and is not trashed: a
// missing one is an invalid field, a trashed one is not found.
func requireLive(ctx context.Context, tx *tx, table, field string, id int64) error {
	var trash sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT trash_id FROM `+table+` WHERE id = ?`, id).Scan(&trash)
	if errors.Is(err, sql.ErrNoRows) {
		return journal.Invalid(field, journal.ReasonNotFound)
	}
	if err != nil {
		return err
	}
	if trash.Valid {
		return &journal.Error{Code: journal.ENOTFOUND, Field: field, Reason: journal.ReasonNotFound}
	}
	return nil
}

func findServiceByID(ctx context.Context, tx *tx, id int64) (*journal.Service, error) {
	ss, err := findServices(ctx, tx, `id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, notFound("service", id)
	}
	return ss[0], nil
}

// findServices returns the live services matching where, with their live alternatives.
func findServices(ctx context.Context, tx *tx, where string, args ...any) ([]*journal.Service, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, name, category, website, status_page, notes, archived, created_at, updated_at
		FROM services
		WHERE trash_id IS NULL AND `+where+`
		ORDER BY name_key, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ss []*journal.Service
	byID := map[int64]*journal.Service{}
	for rows.Next() {
		var s journal.Service
		var created, updated int64
		if err := rows.Scan(&s.ID, &s.Name, &s.Category, &s.Website, &s.StatusPage, &s.Notes, &s.Archived,
			&created, &updated); err != nil {
			return nil, err
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
		SELECT a.service_id, a.alternative_id
		FROM service_alternatives a JOIN services s ON s.id = a.alternative_id
		WHERE s.trash_id IS NULL AND a.service_id IN (SELECT value FROM json_each(?))
		ORDER BY a.service_id, a.position, a.alternative_id`, idsJSON(byID))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, alt int64
		if err := rows.Scan(&id, &alt); err != nil {
			return nil, err
		}
		byID[id].Alternatives = append(byID[id].Alternatives, alt)
	}
	return ss, rows.Err()
}

// idsJSON encodes the keys of a map of records as a JSON array, for
// "IN (SELECT value FROM json_each(?))": one query fills a whole list.
func idsJSON[T any](byID map[int64]T) string {
	ids := make([]int64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	buf, _ := json.Marshal(ids)
	return string(buf)
}

func deleteService(ctx context.Context, tx *tx, id int64) (int64, error) {
	s, err := findServiceByID(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	trashID, err := addTrash(ctx, tx, kindService, id, "Service: "+s.Name)
	if err != nil {
		return 0, err
	}
	// Children already in the trash keep their own item, so each restores on its own.
	for _, q := range []string{
		`UPDATE messages SET trash_id = ?1 WHERE trash_id IS NULL AND ticket_id IN (SELECT id FROM tickets WHERE service_id = ?2)`,
		`UPDATE subscriptions SET trash_id = ?1 WHERE trash_id IS NULL AND service_id = ?2`,
		`UPDATE outages SET trash_id = ?1 WHERE trash_id IS NULL AND service_id = ?2`,
		`UPDATE tickets SET trash_id = ?1 WHERE trash_id IS NULL AND service_id = ?2`,
		`UPDATE decisions SET trash_id = ?1 WHERE trash_id IS NULL AND service_id = ?2`,
		`UPDATE services SET trash_id = ?1 WHERE id = ?2`,
	} {
		if _, err := tx.ExecContext(ctx, q, trashID, id); err != nil {
			return 0, err
		}
	}
	return trashID, nil
}
