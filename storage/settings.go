package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"lapse/app/journal"
)

// settingFields maps each stored key to the field it holds, so a key that
// was never saved keeps its default.
func settingFields(s *journal.Settings) map[string]any {
	return map[string]any{
		"home_currency": &s.HomeCurrency,
		"time_zone":     &s.TimeZone,
		"language":      &s.Language,
		"reminder_days": &s.ReminderDays,
		"thresholds":    &s.Thresholds, // a threshold missing from the JSON keeps its default
		"my_addresses":  &s.MyAddresses,
		"keep_in_tray":  &s.KeepInTray,

		"status_poll_minutes": &s.StatusPollMinutes,
	}
}

// Settings returns the saved settings, with defaults for what was never saved.
func (db *DB) Settings(ctx context.Context) (journal.Settings, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return journal.Settings{}, fmt.Errorf("read settings: %w", err)
	}
	defer tx.Rollback()
	return readSettings(ctx, tx)
}

// readSettings is Settings inside a transaction already open.
func readSettings(ctx context.Context, tx *tx) (journal.Settings, error) {
	s := journal.DefaultSettings()
	fields := settingFields(&s)
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var key, value string
		if err := r.Scan(&key, &value); err != nil {
			return err
		}
		if f, ok := fields[key]; ok {
			if err := json.Unmarshal([]byte(value), f); err != nil {
				return fmt.Errorf("setting %s: %w", key, err)
			}
		}
		return nil
	}, `SELECT key, value FROM settings`)
	if err != nil {
		return journal.Settings{}, fmt.Errorf("read settings: %w", err)
	}
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var rate journal.Rate
		var asOf sql.NullString
		if err := r.Scan(&rate.Currency, &rate.Rate, &asOf); err != nil {
			return err
		}
		var err error
		if rate.AsOf, err = parseDate(asOf); err != nil {
			return fmt.Errorf("rate %s: %w", rate.Currency, err)
		}
		s.Rates = append(s.Rates, rate)
		return nil
	}, `SELECT currency, rate, as_of FROM rates ORDER BY currency`)
	if err != nil {
		return journal.Settings{}, fmt.Errorf("read settings: %w", err)
	}
	return s, nil
}

// SaveSettings validates and saves every setting, replacing the rates.
func (db *DB) SaveSettings(ctx context.Context, s journal.Settings) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	seen := map[string]bool{}
	for _, r := range s.Rates {
		if seen[r.Currency] {
			return fmt.Errorf("save settings: %w",
				&journal.Error{Code: journal.EINVALID, Field: "currency", Reason: journal.ReasonDuplicate, Detail: r.Currency})
		}
		seen[r.Currency] = true
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	defer tx.Rollback()
	if err := saveSettings(ctx, tx, &s); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return tx.commit("save settings")
}

func saveSettings(ctx context.Context, tx *tx, s *journal.Settings) error {
	for key, f := range settingFields(s) {
		buf, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("setting %s: %w", key, err)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, string(buf)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM rates`); err != nil {
		return err
	}
	for _, r := range s.Rates {
		if _, err := tx.ExecContext(ctx, `INSERT INTO rates (currency, rate, as_of) VALUES (?, ?, ?)`,
			r.Currency, r.Rate, nullDate(r.AsOf)); err != nil {
			return constraintError(err, "")
		}
	}
	return nil
}
