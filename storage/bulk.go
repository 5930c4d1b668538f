package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"lapse/app/journal"
)

// Snapshot is a whole journal, trash included, as Dump reads it and
// Load/Replace write it back with the same IDs and timestamps. Lists are in ID
// order; a ticket's Messages stay empty because messages are records of their
// own (each can be in the trash on its own) and have their own list. Problems
// are reported as *PathError in the backup format's terms (docs/FORMAT.md).
type Snapshot struct {
	Settings      journal.Settings
	Services      []Record[journal.Service]
	Subscriptions []Record[journal.Subscription]
	Outages       []Record[journal.Outage]
	Tickets       []Record[journal.Ticket]
	Messages      []Record[journal.Message]
	Decisions     []Record[journal.Decision]
	Trash         []journal.TrashItem
}

// Record is one journal record and the trash item holding it.
type Record[T any] struct {
	Value   T
	TrashID int64 // 0 while the record is live
}

// PathError is a problem with one value of a snapshot, named by its path in
// a backup document ("outages[3].end").
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Path + ": " + e.Err.Error() }

func (e *PathError) Unwrap() error { return e.Err }

// ErrNotEmpty is Load's refusal: the journal already holds something.
var ErrNotEmpty = &journal.Error{Code: journal.ECONFLICT,
	Detail: "the journal is not empty: restoring would replace everything in it"}

// IsEmpty reports whether the journal holds nothing: no record (live or in
// the trash) and no saved setting.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return false, fmt.Errorf("check journal is empty: %w", err)
	}
	defer tx.Rollback()
	empty, err := isEmpty(ctx, tx)
	if err != nil {
		return false, fmt.Errorf("check journal is empty: %w", err)
	}
	return empty, nil
}

// isEmpty looks at services only among the records: every other record
// belongs to one. The journal's identifier is no content.
func isEmpty(ctx context.Context, q queryRower) (bool, error) {
	var full bool
	err := q.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM services) OR EXISTS (SELECT 1 FROM trash)
			OR EXISTS (SELECT 1 FROM settings WHERE key <> '`+journalIDKey+`') OR EXISTS (SELECT 1 FROM rates)`).Scan(&full)
	return !full, err
}

// Dump reads the whole journal, trash included, in one read transaction.
// Links hidden from ordinary reads because they point into the trash (an
// alternative, a ticket's outage, a decision's service switched to) are kept.
func (db *DB) Dump(ctx context.Context) (*Snapshot, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("dump journal: %w", err)
	}
	defer tx.Rollback()
	s := &Snapshot{}
	if s.Settings, err = readSettings(ctx, tx); err != nil {
		return nil, fmt.Errorf("dump journal: %w", err)
	}
	for _, step := range []dumpStep{
		dumpTrash, dumpServices, dumpSubscriptions, dumpOutages, dumpTickets, dumpMessages, dumpDecisions,
	} {
		if err := step(ctx, tx, s); err != nil {
			return nil, fmt.Errorf("dump journal: %w", err)
		}
	}
	return s, nil
}

// Load writes a snapshot into an empty journal, all or nothing; a journal
// holding anything is refused with ErrNotEmpty, checked inside the write
// transaction.
func (db *DB) Load(ctx context.Context, s *Snapshot) error {
	return db.fill(ctx, s, false, "load journal")
}

// Replace deletes everything in the journal and writes the snapshot in its
// place, in one immediate transaction: any failure leaves the journal as it was.
func (db *DB) Replace(ctx context.Context, s *Snapshot) error {
	return db.fill(ctx, s, true, "replace journal")
}

func (db *DB) fill(ctx context.Context, s *Snapshot, replace bool, what string) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	empty, err := isEmpty(ctx, tx)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if !empty {
		if !replace {
			return fmt.Errorf("%s: %w", what, ErrNotEmpty)
		}
		if err := clearJournal(ctx, tx); err != nil {
			return fmt.Errorf("%s: clear: %w", what, err)
		}
	}
	if err := insertSnapshot(ctx, tx, s); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return tx.commit(what)
}

// dumpStep reads one part of the journal into a snapshot.
type dumpStep func(context.Context, *tx, *Snapshot) error

func dumpTrash(ctx context.Context, tx *tx, s *Snapshot) error {
	return eachRow(ctx, tx, func(r *sql.Rows) error {
		var it journal.TrashItem
		var at int64
		if err := r.Scan(&it.ID, &it.Kind, &it.RecordID, &it.Label, &at); err != nil {
			return err
		}
		it.DeletedAt = fromUnix(at)
		s.Trash = append(s.Trash, it)
		return nil
	}, `SELECT id, kind, record_id, label, deleted_at FROM trash ORDER BY id`)
}

func dumpServices(ctx context.Context, tx *tx, s *Snapshot) error {
	index := map[int64]int{}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var v journal.Service
		var created, updated int64
		var trash sql.NullInt64
		if err := r.Scan(&v.ID, &v.Name, &v.Category, &v.Website, &v.StatusPage, &v.Notes, &v.Archived,
			&created, &updated, &trash); err != nil {
			return err
		}
		v.CreatedAt, v.UpdatedAt = fromUnix(created), fromUnix(updated)
		index[v.ID] = len(s.Services)
		s.Services = append(s.Services, Record[journal.Service]{Value: v, TrashID: trash.Int64})
		return nil
	}, `SELECT id, name, category, website, status_page, notes, archived, created_at, updated_at, trash_id
		FROM services ORDER BY id`)
	if err != nil {
		return fmt.Errorf("services: %w", err)
	}
	return eachRow(ctx, tx, func(r *sql.Rows) error {
		var id, alt int64
		if err := r.Scan(&id, &alt); err != nil {
			return err
		}
		v := &s.Services[index[id]].Value
		v.Alternatives = append(v.Alternatives, alt)
		return nil
	}, `SELECT service_id, alternative_id FROM service_alternatives ORDER BY service_id, position, alternative_id`)
}

func dumpSubscriptions(ctx context.Context, tx *tx, s *Snapshot) error {
	index := map[int64]int{}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var v journal.Subscription
		var unit, start string
		var end, trial sql.NullString
		var created, updated int64
		var trash sql.NullInt64
		if err := r.Scan(&v.ID, &v.ServiceID, &v.Plan, &v.Amount, &v.Currency, &v.Period.N, &unit, &start, &end,
			&trial, &v.PaymentNote, &v.ReminderDays, &created, &updated, &trash); err != nil {
			return err
		}
		v.Period.Unit = journal.PeriodUnit(unit)
		var err error
		if v.Start, err = journal.ParseDate(start); err != nil {
			return fmt.Errorf("subscription %d start: %w", v.ID, err)
		}
		if v.End, err = parseDate(end); err != nil {
			return fmt.Errorf("subscription %d end: %w", v.ID, err)
		}
		if v.TrialEnd, err = parseDate(trial); err != nil {
			return fmt.Errorf("subscription %d trial end: %w", v.ID, err)
		}
		v.CreatedAt, v.UpdatedAt = fromUnix(created), fromUnix(updated)
		index[v.ID] = len(s.Subscriptions)
		s.Subscriptions = append(s.Subscriptions, Record[journal.Subscription]{Value: v, TrashID: trash.Int64})
		return nil
	}, `SELECT id, service_id, plan, amount, currency, period_n, period_unit, start_date, end_date, trial_end,
			payment_note, reminder_days, created_at, updated_at, trash_id
		FROM subscriptions ORDER BY id`)
	if err != nil {
		return fmt.Errorf("subscriptions: %w", err)
	}
	return eachRow(ctx, tx, func(r *sql.Rows) error {
		var p journal.PriceChange
		var subID int64
		var eff string
		if err := r.Scan(&p.ID, &subID, &eff, &p.Amount); err != nil {
			return err
		}
		var err error
		if p.Effective, err = journal.ParseDate(eff); err != nil {
			return fmt.Errorf("price change %d: %w", p.ID, err)
		}
		v := &s.Subscriptions[index[subID]].Value
		v.Prices = append(v.Prices, p)
		return nil
	}, `SELECT id, subscription_id, effective, amount FROM price_changes ORDER BY subscription_id, effective, id`)
}

func dumpOutages(ctx context.Context, tx *tx, s *Snapshot) error {
	index := map[int64]int{}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var v journal.Outage
		var start, created, updated int64
		var end, trash sql.NullInt64
		var impact, source string
		if err := r.Scan(&v.ID, &v.ServiceID, &v.Title, &start, &end, &impact, &v.StillWorked, &v.Symptoms,
			&v.Resolution, &source, &v.Link, &v.ExternalID, &created, &updated, &trash); err != nil {
			return err
		}
		v.Start, v.End = fromUnix(start), fromNullUnix(end)
		v.Impact, v.Source = journal.Impact(impact), journal.Source(source)
		v.CreatedAt, v.UpdatedAt = fromUnix(created), fromUnix(updated)
		index[v.ID] = len(s.Outages)
		s.Outages = append(s.Outages, Record[journal.Outage]{Value: v, TrashID: trash.Int64})
		return nil
	}, `SELECT id, service_id, title, start_at, end_at, impact, still_worked, symptoms, resolution, source, link,
			external_id, created_at, updated_at, trash_id
		FROM outages ORDER BY id`)
	if err != nil {
		return fmt.Errorf("outages: %w", err)
	}
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var p string
		if err := r.Scan(&id, &p); err != nil {
			return err
		}
		v := &s.Outages[index[id]].Value
		v.Platforms = append(v.Platforms, p)
		return nil
	}, `SELECT outage_id, platform FROM outage_platforms ORDER BY outage_id, position`)
	if err != nil {
		return fmt.Errorf("outage platforms: %w", err)
	}
	return eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var st journal.Step
		if err := r.Scan(&id, &st.Action, &st.Result); err != nil {
			return err
		}
		v := &s.Outages[index[id]].Value
		v.Steps = append(v.Steps, st)
		return nil
	}, `SELECT outage_id, action, result FROM outage_steps ORDER BY outage_id, position`)
}

func dumpTickets(ctx context.Context, tx *tx, s *Snapshot) error {
	return eachRow(ctx, tx, func(r *sql.Rows) error {
		var v journal.Ticket
		var outage, resolved, trash sql.NullInt64
		var channel, outcome string
		var opened, created, updated int64
		if err := r.Scan(&v.ID, &v.ServiceID, &outage, &v.Subject, &channel, &v.Reference, &opened, &resolved,
			&outcome, &created, &updated, &trash); err != nil {
			return err
		}
		v.OutageID = fromNullID(outage)
		v.Channel, v.Outcome = journal.Channel(channel), journal.Outcome(outcome)
		v.OpenedAt, v.ResolvedAt = fromUnix(opened), fromNullUnix(resolved)
		v.CreatedAt, v.UpdatedAt = fromUnix(created), fromUnix(updated)
		s.Tickets = append(s.Tickets, Record[journal.Ticket]{Value: v, TrashID: trash.Int64})
		return nil
	}, `SELECT id, service_id, outage_id, subject, channel, reference, opened_at, resolved_at, outcome,
			created_at, updated_at, trash_id
		FROM tickets ORDER BY id`)
}

func dumpMessages(ctx context.Context, tx *tx, s *Snapshot) error {
	return eachRow(ctx, tx, func(r *sql.Rows) error {
		var v journal.Message
		var dir, author string
		var at, created, updated int64
		var trash sql.NullInt64
		if err := r.Scan(&v.ID, &v.TicketID, &at, &dir, &author, &v.From, &v.Summary, &v.Body, &created, &updated,
			&trash); err != nil {
			return err
		}
		v.At = fromUnix(at)
		v.Direction, v.Author = journal.Direction(dir), journal.AuthorKind(author)
		v.CreatedAt, v.UpdatedAt = fromUnix(created), fromUnix(updated)
		s.Messages = append(s.Messages, Record[journal.Message]{Value: v, TrashID: trash.Int64})
		return nil
	}, `SELECT id, ticket_id, at, direction, author, sender, summary, body, created_at, updated_at, trash_id
		FROM messages ORDER BY id`)
}

func dumpDecisions(ctx context.Context, tx *tx, s *Snapshot) error {
	return eachRow(ctx, tx, func(r *sql.Rows) error {
		var v journal.Decision
		var kind, date string
		var amount, switched, trash sql.NullInt64
		var currency sql.NullString
		var created, updated int64
		if err := r.Scan(&v.ID, &v.ServiceID, &kind, &date, &amount, &currency, &switched, &v.Note,
			&created, &updated, &trash); err != nil {
			return err
		}
		v.Kind = journal.DecisionKind(kind)
		var err error
		if v.Date, err = journal.ParseDate(date); err != nil {
			return fmt.Errorf("decision %d date: %w", v.ID, err)
		}
		if amount.Valid {
			v.Amount = &journal.Money{Amount: amount.Int64, Currency: currency.String}
		}
		v.SwitchedTo = fromNullID(switched)
		v.CreatedAt, v.UpdatedAt = fromUnix(created), fromUnix(updated)
		s.Decisions = append(s.Decisions, Record[journal.Decision]{Value: v, TrashID: trash.Int64})
		return nil
	}, `SELECT id, service_id, kind, date, amount, currency, switched_to, note, created_at, updated_at, trash_id
		FROM decisions ORDER BY id`)
}

// clearJournal deletes every row, children before parents so no ON DELETE
// action has work left to do; the journal keeps its identifier.
func clearJournal(ctx context.Context, tx *tx) error {
	for _, table := range []string{
		"messages", "tickets", "decisions", "price_changes", "subscriptions", "outage_platforms", "outage_steps",
		"outages", "service_alternatives", "services", "trash", "settings WHERE key <> '" + journalIDKey + "'", "rates",
	} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}

// batch runs many inserts through statements prepared once.
type batch struct {
	ctx   context.Context
	tx    *tx
	stmts map[string]*sql.Stmt
}

// exec runs query for the record at path; a failure names that path.
func (b *batch) exec(path, query string, args ...any) error {
	st, ok := b.stmts[query]
	if !ok {
		var err error
		if st, err = b.tx.PrepareContext(b.ctx, query); err != nil {
			return err
		}
		b.stmts[query] = st
	}
	if _, err := st.ExecContext(b.ctx, args...); err != nil {
		return &PathError{Path: path, Err: constraintError(err, "")}
	}
	return nil
}

func (b *batch) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}

// nullTrash stores a trash reference; 0 is live.
func nullTrash(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// insertSnapshot writes a validated snapshot into an empty journal: the
// trash first, as every record may point to it, then parents before children.
func insertSnapshot(ctx context.Context, tx *tx, s *Snapshot) error {
	b := &batch{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	defer b.close()
	for i, it := range s.Trash {
		if err := b.exec(fmt.Sprintf("trash[%d]", i),
			`INSERT INTO trash (id, kind, record_id, label, deleted_at) VALUES (?, ?, ?, ?, ?)`,
			it.ID, it.Kind, it.RecordID, it.Label, unix(it.DeletedAt)); err != nil {
			return err
		}
	}
	for i, r := range s.Services {
		v := r.Value
		v.Normalize()
		if err := b.exec(fmt.Sprintf("services[%d]", i), `
			INSERT INTO services (id, name, name_key, category, website, status_page, notes, archived,
				created_at, updated_at, trash_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.Name, nameKey(v.Name), v.Category, v.Website, v.StatusPage, v.Notes, v.Archived,
			unix(v.CreatedAt), unix(v.UpdatedAt), nullTrash(r.TrashID)); err != nil {
			return err
		}
	}
	for i, r := range s.Services {
		for j, alt := range r.Value.Alternatives {
			if err := b.exec(fmt.Sprintf("services[%d].alternatives[%d]", i, j),
				`INSERT INTO service_alternatives (service_id, alternative_id, position) VALUES (?, ?, ?)`,
				r.Value.ID, alt, j); err != nil {
				return err
			}
		}
	}
	for i, r := range s.Subscriptions {
		v, path := r.Value, fmt.Sprintf("subscriptions[%d]", i)
		if err := b.exec(path, `
			INSERT INTO subscriptions (id, service_id, plan, amount, currency, period_n, period_unit, start_date,
				end_date, trial_end, payment_note, reminder_days, created_at, updated_at, trash_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.ServiceID, v.Plan, v.Amount, v.Currency, v.Period.N, string(v.Period.Unit), v.Start.String(),
			nullDate(v.End), nullDate(v.TrialEnd), v.PaymentNote, v.ReminderDays, unix(v.CreatedAt),
			unix(v.UpdatedAt), nullTrash(r.TrashID)); err != nil {
			return err
		}
		for j, p := range v.Prices {
			if err := b.exec(fmt.Sprintf("%s.prices[%d]", path, j),
				`INSERT INTO price_changes (id, subscription_id, effective, amount) VALUES (?, ?, ?, ?)`,
				p.ID, v.ID, p.Effective.String(), p.Amount); err != nil {
				return err
			}
		}
	}
	for i, r := range s.Outages {
		v, path := r.Value, fmt.Sprintf("outages[%d]", i)
		if err := b.exec(path, `
			INSERT INTO outages (id, service_id, title, start_at, end_at, impact, still_worked, symptoms, resolution,
				source, link, external_id, created_at, updated_at, trash_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.ServiceID, v.Title, unix(v.Start), nullUnix(v.End), string(v.Impact), v.StillWorked, v.Symptoms,
			v.Resolution, string(v.Source), v.Link, v.ExternalID, unix(v.CreatedAt), unix(v.UpdatedAt),
			nullTrash(r.TrashID)); err != nil {
			return err
		}
		for j, p := range v.Platforms {
			if err := b.exec(fmt.Sprintf("%s.platforms[%d]", path, j),
				`INSERT INTO outage_platforms (outage_id, position, platform) VALUES (?, ?, ?)`, v.ID, j, p); err != nil {
				return err
			}
		}
		for j, st := range v.Steps {
			if err := b.exec(fmt.Sprintf("%s.steps[%d]", path, j),
				`INSERT INTO outage_steps (outage_id, position, action, result) VALUES (?, ?, ?, ?)`,
				v.ID, j, st.Action, st.Result); err != nil {
				return err
			}
		}
	}
	for i, r := range s.Tickets {
		v := r.Value
		if err := b.exec(fmt.Sprintf("tickets[%d]", i), `
			INSERT INTO tickets (id, service_id, outage_id, subject, channel, reference, opened_at, resolved_at,
				outcome, created_at, updated_at, trash_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.ServiceID, nullID(v.OutageID), v.Subject, string(v.Channel), v.Reference, unix(v.OpenedAt),
			nullUnix(v.ResolvedAt), string(v.Outcome), unix(v.CreatedAt), unix(v.UpdatedAt),
			nullTrash(r.TrashID)); err != nil {
			return err
		}
	}
	for i, r := range s.Messages {
		v := r.Value
		if err := b.exec(fmt.Sprintf("messages[%d]", i), `
			INSERT INTO messages (id, ticket_id, at, direction, author, sender, summary, body, created_at, updated_at,
				trash_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.TicketID, unix(v.At), string(v.Direction), string(v.Author), v.From, v.Summary, v.Body,
			unix(v.CreatedAt), unix(v.UpdatedAt), nullTrash(r.TrashID)); err != nil {
			return err
		}
	}
	for i, r := range s.Decisions {
		v := r.Value
		amount, currency := decisionMoney(&v)
		if err := b.exec(fmt.Sprintf("decisions[%d]", i), `
			INSERT INTO decisions (id, service_id, kind, date, amount, currency, switched_to, note, created_at,
				updated_at, trash_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			v.ID, v.ServiceID, string(v.Kind), v.Date.String(), amount, currency, nullID(v.SwitchedTo), v.Note,
			unix(v.CreatedAt), unix(v.UpdatedAt), nullTrash(r.TrashID)); err != nil {
			return err
		}
	}
	settings := s.Settings
	if err := saveSettings(ctx, tx, &settings); err != nil {
		return &PathError{Path: "settings", Err: constraintError(err, "")}
	}
	return nil
}

// at places an error from a journal Validate method at the record it was
// about: the field, renamed to the backup format's name, ends the path.
func at(record string, err error, names map[string]string) error {
	fe := journal.FieldError(err)
	if fe == nil {
		return &PathError{Path: record, Err: err}
	}
	name := fe.Field
	if n, ok := names[name]; ok {
		name = n
	}
	e := *fe
	e.Field = lastField(name)
	return &PathError{Path: record + "." + name, Err: &e}
}

// lastField is the last name of a path without its index: "steps[2].action"
// is "action", "platforms[1]" is "platforms".
func lastField(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	return path
}

// Validate checks a snapshot is a whole, consistent journal: every record
// passes its journal Validate method, IDs are above zero and unique,
// references point to records in the snapshot, live services have unique
// names and live official incidents unique IDs per service, no live record
// belongs to a record in the trash, and each trash item holds the record it
// names. The first problem comes back as a *PathError.
//
// A message is not checked against its ticket's opening time: a journal
// keeps its messages when the ticket's opening is edited later, so a journal
// may hold one dated earlier, and its backup must restore.
func (s *Snapshot) Validate() error {
	c := &checker{s: s}
	for _, step := range []func() error{
		c.settings, c.indexTrash, c.services, c.subscriptions, c.outages, c.tickets, c.messages, c.decisions, c.trash,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// checker validates one snapshot, remembering each list's IDs (ID → place
// in the list) for the references of the lists after it.
type checker struct {
	s   *Snapshot
	ids map[string]map[int64]int // by trash kind ("service", ...) and "trash"
}

// Field names of the journal Validate methods that the backup format spells
// differently.
var (
	subscriptionNames = map[string]string{"service": "service_id", "price": "amount", "period": "period_n"}
	outageNames       = map[string]string{"service": "service_id"}
	ticketNames       = map[string]string{"service": "service_id", "opened": "opened_at", "resolved": "resolved_at"}
	messageNames      = map[string]string{"time": "at"}
	decisionNames     = map[string]string{"service": "service_id"}
	settingsNames     = map[string]string{
		"window_days": "thresholds.window_days", "watch_unusable_hours": "thresholds.watch_unusable_hours",
		"switch_unusable_hours": "thresholds.switch_unusable_hours", "cancel_unusable_hours": "thresholds.cancel_unusable_hours",
		"min_availability": "thresholds.min_availability_permille", "bad_months_to_switch": "thresholds.bad_months_to_switch",
		"paid_unusable_percent": "thresholds.paid_unusable_percent", "silence_days": "thresholds.silence_days",
		"waiting_ticket_days": "thresholds.waiting_ticket_days",
	}
)

// invalid is a problem at path that no journal reason names.
func invalid(path, format string, args ...any) error {
	return &PathError{Path: path, Err: journal.Errorf(journal.EINVALID, format, args...)}
}

// index checks the IDs of a list and maps each to its place.
func index(list string, n int, id func(int) int64) (map[int64]int, error) {
	m := make(map[int64]int, n)
	for i := range n {
		v := id(i)
		if v <= 0 {
			return nil, invalid(fmt.Sprintf("%s[%d].id", list, i), "must be a whole number above zero, not %d", v)
		}
		if j, dup := m[v]; dup {
			return nil, &PathError{Path: fmt.Sprintf("%s[%d].id", list, i), Err: &journal.Error{Code: journal.EINVALID,
				Field: "id", Reason: journal.ReasonDuplicate, Detail: fmt.Sprintf("%s[%d] has id %d too", list, j, v)}}
		}
		m[v] = i
	}
	return m, nil
}

// ref checks a reference to a record of another list.
func ref(path, field, kind string, id int64, ids map[int64]int) error {
	if _, ok := ids[id]; ok {
		return nil
	}
	return &PathError{Path: path + "." + field, Err: &journal.Error{Code: journal.EINVALID, Field: lastField(field),
		Reason: journal.ReasonNotFound, Detail: fmt.Sprintf("no %s has id %d", kind, id)}}
}

// record checks what every record has: a known trash item if any, and both timestamps.
func (c *checker) record(path string, trashID int64, created, updated time.Time) error {
	if trashID != 0 {
		if err := ref(path, "trash_id", "trash item", trashID, c.ids["trash"]); err != nil {
			return err
		}
	}
	if created.IsZero() {
		return at(path, journal.Invalid("created_at", journal.ReasonRequired), nil)
	}
	if updated.IsZero() {
		return at(path, journal.Invalid("updated_at", journal.ReasonRequired), nil)
	}
	return nil
}

// liveParent refuses a live record whose parent is in the trash: the journal
// never shows such a record, and restoring the parent would not bring it back.
func liveParent(path string, trashID int64, kind string, parentID, parentTrash int64) error {
	if trashID == 0 && parentTrash != 0 {
		return invalid(path+".trash_id", "the record is live but its %s %d is in trash item %d", kind, parentID, parentTrash)
	}
	return nil
}

func (c *checker) settings() error {
	base := c.s.Settings
	base.Rates = nil
	if err := base.Validate(); err != nil {
		return at("settings", err, settingsNames)
	}
	seen := map[string]int{}
	for j, r := range c.s.Settings.Rates {
		one := base
		one.Rates = []journal.Rate{r}
		names := map[string]string{"currency": fmt.Sprintf("rates[%d].currency", j), "rate": fmt.Sprintf("rates[%d].rate", j)}
		if err := one.Validate(); err != nil {
			return at("settings", err, names)
		}
		if k, dup := seen[r.Currency]; dup {
			return at("settings", &journal.Error{Code: journal.EINVALID, Field: "currency", Reason: journal.ReasonDuplicate,
				Detail: fmt.Sprintf("rates[%d] is for %s too", k, r.Currency)}, names)
		}
		seen[r.Currency] = j
	}
	return nil
}

func (c *checker) indexTrash() error {
	ids, err := index("trash", len(c.s.Trash), func(i int) int64 { return c.s.Trash[i].ID })
	c.ids = map[string]map[int64]int{"trash": ids}
	return err
}

func (c *checker) services() error {
	list := c.s.Services
	ids, err := index("services", len(list), func(i int) int64 { return list[i].Value.ID })
	if err != nil {
		return err
	}
	c.ids[kindService] = ids
	names := map[string]int{}
	for i, r := range list {
		path := fmt.Sprintf("services[%d]", i)
		v := r.Value
		v.Normalize()
		base := v
		base.Alternatives = nil
		if err := base.Validate(); err != nil {
			return at(path, err, nil)
		}
		if err := c.record(path, r.TrashID, v.CreatedAt, v.UpdatedAt); err != nil {
			return err
		}
		if r.TrashID == 0 {
			key := nameKey(v.Name)
			if j, dup := names[key]; dup {
				return at(path, &journal.Error{Code: journal.ECONFLICT, Field: "name", Reason: journal.ReasonDuplicate,
					Detail: fmt.Sprintf("services[%d] is also named %q", j, list[j].Value.Name)}, nil)
			}
			names[key] = i
		}
		seen := map[int64]bool{}
		for j, alt := range v.Alternatives {
			field := map[string]string{"alternatives": fmt.Sprintf("alternatives[%d]", j)}
			switch {
			case alt == v.ID:
				return at(path, journal.Invalid("alternatives", journal.ReasonSelfReference), field)
			case seen[alt]:
				return at(path, &journal.Error{Code: journal.EINVALID, Field: "alternatives", Reason: journal.ReasonDuplicate,
					Detail: fmt.Sprintf("service %d is listed twice", alt)}, field)
			}
			if err := ref(path, field["alternatives"], "service", alt, c.ids[kindService]); err != nil {
				return err
			}
			seen[alt] = true
		}
	}
	return nil
}

// serviceTrash is the trash item holding a service known to be in the list.
func (c *checker) serviceTrash(id int64) int64 {
	return c.s.Services[c.ids[kindService][id]].TrashID
}

func (c *checker) subscriptions() error {
	list := c.s.Subscriptions
	ids, err := index("subscriptions", len(list), func(i int) int64 { return list[i].Value.ID })
	if err != nil {
		return err
	}
	c.ids[kindSubscription] = ids
	prices := map[int64]string{}
	for i, r := range list {
		path := fmt.Sprintf("subscriptions[%d]", i)
		v := r.Value
		base := v
		base.Prices = nil
		if err := base.Validate(); err != nil {
			return at(path, err, subscriptionNames)
		}
		for j, p := range v.Prices {
			ppath := fmt.Sprintf("%s.prices[%d]", path, j)
			one := base
			one.Prices = []journal.PriceChange{p}
			if err := one.Validate(); err != nil {
				return at(ppath, err, map[string]string{"price": "amount"})
			}
			if p.ID <= 0 {
				return invalid(ppath+".id", "must be a whole number above zero, not %d", p.ID)
			}
			if other, dup := prices[p.ID]; dup {
				return at(ppath, &journal.Error{Code: journal.EINVALID, Field: "id", Reason: journal.ReasonDuplicate,
					Detail: fmt.Sprintf("%s has id %d too", other, p.ID)}, nil)
			}
			prices[p.ID] = ppath
		}
		if err := c.record(path, r.TrashID, v.CreatedAt, v.UpdatedAt); err != nil {
			return err
		}
		if err := ref(path, "service_id", "service", v.ServiceID, c.ids[kindService]); err != nil {
			return err
		}
		if err := liveParent(path, r.TrashID, "service", v.ServiceID, c.serviceTrash(v.ServiceID)); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) outages() error {
	list := c.s.Outages
	ids, err := index("outages", len(list), func(i int) int64 { return list[i].Value.ID })
	if err != nil {
		return err
	}
	c.ids[kindOutage] = ids
	type external struct {
		service int64
		id      string
	}
	externals := map[external]int{}
	for i, r := range list {
		path := fmt.Sprintf("outages[%d]", i)
		v := r.Value
		base := v
		base.Platforms, base.Steps = nil, nil
		if err := base.Validate(); err != nil {
			return at(path, err, outageNames)
		}
		for j, p := range v.Platforms {
			one := base
			one.Platforms = []string{p}
			if err := one.Validate(); err != nil {
				return at(path, err, map[string]string{"platforms": fmt.Sprintf("platforms[%d]", j)})
			}
		}
		for j, st := range v.Steps {
			one := base
			one.Steps = []journal.Step{st}
			if err := one.Validate(); err != nil {
				field := "result"
				one.Steps = []journal.Step{{Action: st.Action}}
				if one.Validate() != nil {
					field = "action"
				}
				return at(path, err, map[string]string{"steps": fmt.Sprintf("steps[%d].%s", j, field)})
			}
		}
		if err := c.record(path, r.TrashID, v.CreatedAt, v.UpdatedAt); err != nil {
			return err
		}
		if err := ref(path, "service_id", "service", v.ServiceID, c.ids[kindService]); err != nil {
			return err
		}
		if err := liveParent(path, r.TrashID, "service", v.ServiceID, c.serviceTrash(v.ServiceID)); err != nil {
			return err
		}
		if r.TrashID == 0 && v.ExternalID != "" {
			key := external{v.ServiceID, v.ExternalID}
			if j, dup := externals[key]; dup {
				return at(path, &journal.Error{Code: journal.ECONFLICT, Field: "external_id", Reason: journal.ReasonDuplicate,
					Detail: fmt.Sprintf("outages[%d] of the same service has it too", j)}, nil)
			}
			externals[key] = i
		}
	}
	return nil
}

func (c *checker) tickets() error {
	list := c.s.Tickets
	ids, err := index("tickets", len(list), func(i int) int64 { return list[i].Value.ID })
	if err != nil {
		return err
	}
	c.ids[kindTicket] = ids
	for i, r := range list {
		path := fmt.Sprintf("tickets[%d]", i)
		v := r.Value
		if err := v.Validate(); err != nil {
			return at(path, err, ticketNames)
		}
		if err := c.record(path, r.TrashID, v.CreatedAt, v.UpdatedAt); err != nil {
			return err
		}
		if err := ref(path, "service_id", "service", v.ServiceID, c.ids[kindService]); err != nil {
			return err
		}
		if err := liveParent(path, r.TrashID, "service", v.ServiceID, c.serviceTrash(v.ServiceID)); err != nil {
			return err
		}
		if v.OutageID != nil {
			if err := ref(path, "outage_id", "outage", *v.OutageID, c.ids[kindOutage]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *checker) messages() error {
	list := c.s.Messages
	ids, err := index("messages", len(list), func(i int) int64 { return list[i].Value.ID })
	if err != nil {
		return err
	}
	c.ids[kindMessage] = ids
	for i, r := range list {
		path := fmt.Sprintf("messages[%d]", i)
		v := r.Value
		if err := v.Validate(nil); err != nil {
			return at(path, err, messageNames)
		}
		if err := c.record(path, r.TrashID, v.CreatedAt, v.UpdatedAt); err != nil {
			return err
		}
		if err := ref(path, "ticket_id", "ticket", v.TicketID, c.ids[kindTicket]); err != nil {
			return err
		}
		parentTrash := c.s.Tickets[c.ids[kindTicket][v.TicketID]].TrashID
		if err := liveParent(path, r.TrashID, "ticket", v.TicketID, parentTrash); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) decisions() error {
	list := c.s.Decisions
	ids, err := index("decisions", len(list), func(i int) int64 { return list[i].Value.ID })
	if err != nil {
		return err
	}
	c.ids[kindDecision] = ids
	for i, r := range list {
		path := fmt.Sprintf("decisions[%d]", i)
		v := r.Value
		if err := v.Validate(); err != nil {
			return at(path, err, decisionNames)
		}
		if err := c.record(path, r.TrashID, v.CreatedAt, v.UpdatedAt); err != nil {
			return err
		}
		if err := ref(path, "service_id", "service", v.ServiceID, c.ids[kindService]); err != nil {
			return err
		}
		if err := liveParent(path, r.TrashID, "service", v.ServiceID, c.serviceTrash(v.ServiceID)); err != nil {
			return err
		}
		if v.SwitchedTo != nil {
			if err := ref(path, "switched_to", "service", *v.SwitchedTo, c.ids[kindService]); err != nil {
				return err
			}
		}
	}
	return nil
}

// trash checks each trash item names a known kind and holds its record.
func (c *checker) trash() error {
	for i, it := range c.s.Trash {
		path := fmt.Sprintf("trash[%d]", i)
		if it.DeletedAt.IsZero() {
			return at(path, journal.Invalid("deleted_at", journal.ReasonRequired), nil)
		}
		holder, ok := c.trashHolder(it.Kind, it.RecordID)
		if !ok {
			return at(path, journal.Invalid("kind", journal.ReasonInvalidChoice), nil)
		}
		if holder != it.ID {
			return invalid(path+".record_id", "the %s with id %d is not in this trash item", it.Kind, it.RecordID)
		}
	}
	return nil
}

// trashHolder returns the trash item holding the record of a kind (-1 when
// there is no such record), and false for an unknown kind.
func (c *checker) trashHolder(kind string, id int64) (int64, bool) {
	ids, ok := c.ids[kind]
	if !ok || kind == "trash" {
		return 0, false
	}
	i, ok := ids[id]
	if !ok {
		return -1, true
	}
	s := c.s
	switch kind {
	case kindService:
		return s.Services[i].TrashID, true
	case kindSubscription:
		return s.Subscriptions[i].TrashID, true
	case kindOutage:
		return s.Outages[i].TrashID, true
	case kindTicket:
		return s.Tickets[i].TrashID, true
	case kindMessage:
		return s.Messages[i].TrashID, true
	default:
		return s.Decisions[i].TrashID, true
	}
}
