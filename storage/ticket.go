package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"lapse/app/journal"
)

// TicketFilter selects tickets.
type TicketFilter struct {
	ServiceID    *int64
	Open         *bool // true: unresolved tickets; false: resolved ones
	WithMessages bool  // fill each ticket's Messages
}

// CreateTicket adds a ticket. Messages given with it (say the one the user
// just sent) are added in the same transaction, so a refused message leaves
// no ticket behind.
func (db *DB) CreateTicket(ctx context.Context, t *journal.Ticket) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("create ticket: %w", err)
	}
	defer tx.Rollback()
	msgs := t.Messages
	if err := createTicket(ctx, tx, t); err != nil {
		return fmt.Errorf("create ticket: %w", err)
	}
	for i := range msgs {
		msgs[i].TicketID = t.ID
		if err := addMessage(ctx, tx, &msgs[i]); err != nil {
			return fmt.Errorf("create ticket: message %d: %w", i+1, err)
		}
	}
	t.Messages = msgs
	return tx.commit("create ticket")
}

// UpdateTicket saves every field of a ticket but its messages.
func (db *DB) UpdateTicket(ctx context.Context, t *journal.Ticket) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("update ticket: %w", err)
	}
	defer tx.Rollback()
	if err := updateTicket(ctx, tx, t); err != nil {
		return fmt.Errorf("update ticket: %w", err)
	}
	return tx.commit("update ticket")
}

// Ticket returns a ticket with its messages in time order.
func (db *DB) Ticket(ctx context.Context, id int64) (*journal.Ticket, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("find ticket: %w", err)
	}
	defer tx.Rollback()
	t, err := findTicketByID(ctx, tx, id, true)
	if err != nil {
		return nil, fmt.Errorf("find ticket: %w", err)
	}
	return t, nil
}

// Tickets lists tickets, newest opened first.
func (db *DB) Tickets(ctx context.Context, f TicketFilter) ([]*journal.Ticket, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	defer tx.Rollback()
	var c conds
	if f.ServiceID != nil {
		c.add("t.service_id = ?", *f.ServiceID)
	}
	if f.Open != nil {
		if *f.Open {
			c.add("t.resolved_at IS NULL")
		} else {
			c.add("t.resolved_at IS NOT NULL")
		}
	}
	list, err := findTickets(ctx, tx, f.WithMessages, c.sql(), c.args...)
	if err != nil {
		return nil, fmt.Errorf("list tickets: %w", err)
	}
	return list, nil
}

// DeleteTicket moves a ticket and its messages to the trash as one item.
func (db *DB) DeleteTicket(ctx context.Context, id int64) (int64, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete ticket: %w", err)
	}
	defer tx.Rollback()
	t, err := findTicketByID(ctx, tx, id, false)
	if err != nil {
		return 0, fmt.Errorf("delete ticket: %w", err)
	}
	label := "Ticket: " + t.Subject
	if strings.TrimSpace(t.Subject) == "" {
		label = "Ticket: " + serviceName(ctx, tx, t.ServiceID) + " " + t.OpenedAt.Format("2006-01-02")
	}
	trashID, err := trashRows(ctx, tx, kindTicket, "tickets", id, label, "messages", "ticket_id")
	if err != nil {
		return 0, fmt.Errorf("delete ticket: %w", err)
	}
	return trashID, tx.commit("delete ticket")
}

// AddMessage adds a message to its ticket's thread.
func (db *DB) AddMessage(ctx context.Context, m *journal.Message) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("add message: %w", err)
	}
	defer tx.Rollback()
	if err := addMessage(ctx, tx, m); err != nil {
		return fmt.Errorf("add message: %w", err)
	}
	return tx.commit("add message")
}

// UpdateMessage saves every field of a message.
func (db *DB) UpdateMessage(ctx context.Context, m *journal.Message) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("update message: %w", err)
	}
	defer tx.Rollback()
	if err := updateMessage(ctx, tx, m); err != nil {
		return fmt.Errorf("update message: %w", err)
	}
	return tx.commit("update message")
}

// Message returns one message.
func (db *DB) Message(ctx context.Context, id int64) (*journal.Message, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("find message: %w", err)
	}
	defer tx.Rollback()
	m, err := findMessageByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find message: %w", err)
	}
	return m, nil
}

// DeleteMessage moves a message to the trash and returns the item's ID.
func (db *DB) DeleteMessage(ctx context.Context, id int64) (int64, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete message: %w", err)
	}
	defer tx.Rollback()
	m, err := findMessageByID(ctx, tx, id)
	if err != nil {
		return 0, fmt.Errorf("delete message: %w", err)
	}
	trashID, err := trashRows(ctx, tx, kindMessage, "messages", id, "Message: "+m.Summary, "", "")
	if err != nil {
		return 0, fmt.Errorf("delete message: %w", err)
	}
	return trashID, tx.commit("delete message")
}

// normalizeTicket keeps only what storage keeps: whole seconds in UTC.
func normalizeTicket(t *journal.Ticket) {
	t.OpenedAt = fromUnix(unix(t.OpenedAt))
	if t.ResolvedAt != nil {
		r := fromUnix(unix(*t.ResolvedAt))
		t.ResolvedAt = &r
	}
}

// checkTicketOutage checks the outage a ticket is about is a live outage of
// the same service.
func checkTicketOutage(ctx context.Context, tx *tx, t *journal.Ticket) error {
	if t.OutageID == nil {
		return nil
	}
	var serviceID int64
	err := tx.QueryRowContext(ctx, `SELECT service_id FROM outages WHERE id = ? AND trash_id IS NULL`, *t.OutageID).Scan(&serviceID)
	if errors.Is(err, sql.ErrNoRows) {
		return journal.Invalid("outage", journal.ReasonNotFound)
	}
	if err != nil {
		return err
	}
	if serviceID != t.ServiceID {
		return journal.Invalid("outage", journal.ReasonInvalidChoice)
	}
	return nil
}

func createTicket(ctx context.Context, tx *tx, t *journal.Ticket) error {
	t.ID = 0
	if err := t.Validate(); err != nil {
		return err
	}
	normalizeTicket(t)
	if err := requireLive(ctx, tx, "services", "service", t.ServiceID); err != nil {
		return err
	}
	if err := checkTicketOutage(ctx, tx, t); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO tickets (service_id, outage_id, subject, channel, reference, opened_at, resolved_at, outcome,
			created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ServiceID, nullID(t.OutageID), t.Subject, string(t.Channel), t.Reference, unix(t.OpenedAt),
		nullUnix(t.ResolvedAt), string(t.Outcome), unix(tx.now), unix(tx.now))
	if err != nil {
		return constraintError(err, "service")
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	t.CreatedAt, t.UpdatedAt = tx.now, tx.now
	return nil
}

func updateTicket(ctx context.Context, tx *tx, t *journal.Ticket) error {
	old, err := findTicketByID(ctx, tx, t.ID, false)
	if err != nil {
		return err
	}
	if err := t.Validate(); err != nil {
		return err
	}
	normalizeTicket(t)
	if err := requireLive(ctx, tx, "services", "service", t.ServiceID); err != nil {
		return err
	}
	if err := checkTicketOutage(ctx, tx, t); err != nil {
		return err
	}
	// Reads hide a link to a trashed outage; saving without one keeps it, so
	// restoring the outage brings the link back.
	outage := nullID(t.OutageID)
	_, err = tx.ExecContext(ctx, `
		UPDATE tickets SET service_id = ?, subject = ?, channel = ?, reference = ?, opened_at = ?, resolved_at = ?,
			outcome = ?, updated_at = ?,
			outage_id = CASE WHEN ? IS NULL AND outage_id IN (SELECT id FROM outages WHERE trash_id IS NOT NULL)
				THEN outage_id ELSE ? END
		WHERE id = ?`,
		t.ServiceID, t.Subject, string(t.Channel), t.Reference, unix(t.OpenedAt), nullUnix(t.ResolvedAt),
		string(t.Outcome), unix(tx.now), outage, outage, t.ID)
	if err != nil {
		return constraintError(err, "service")
	}
	t.CreatedAt, t.UpdatedAt = old.CreatedAt, tx.now
	return nil
}

func findTicketByID(ctx context.Context, tx *tx, id int64, withMessages bool) (*journal.Ticket, error) {
	list, err := findTickets(ctx, tx, withMessages, "t.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("ticket", id)
	}
	return list[0], nil
}

// findTickets returns the live tickets matching where (on alias t), newest
// opened first, with their live messages if asked.
func findTickets(ctx context.Context, tx *tx, withMessages bool, where string, args ...any) ([]*journal.Ticket, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT t.id, t.service_id, o.id, t.subject, t.channel, t.reference, t.opened_at, t.resolved_at, t.outcome,
			t.created_at, t.updated_at
		FROM tickets t LEFT JOIN outages o ON o.id = t.outage_id AND o.trash_id IS NULL
		WHERE t.trash_id IS NULL AND `+where+`
		ORDER BY t.opened_at DESC, t.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*journal.Ticket
	byID := map[int64]*journal.Ticket{}
	for rows.Next() {
		var t journal.Ticket
		var outage, resolved sql.NullInt64
		var channel, outcome string
		var opened, created, updated int64
		if err := rows.Scan(&t.ID, &t.ServiceID, &outage, &t.Subject, &channel, &t.Reference, &opened, &resolved,
			&outcome, &created, &updated); err != nil {
			return nil, err
		}
		t.OutageID = fromNullID(outage)
		t.Channel, t.Outcome = journal.Channel(channel), journal.Outcome(outcome)
		t.OpenedAt, t.ResolvedAt = fromUnix(opened), fromNullUnix(resolved)
		t.CreatedAt, t.UpdatedAt = fromUnix(created), fromUnix(updated)
		list = append(list, &t)
		byID[t.ID] = &t
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !withMessages || len(list) == 0 {
		return list, nil
	}
	ms, err := findMessages(ctx, tx, "ticket_id IN (SELECT value FROM json_each(?))", idsJSON(byID))
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		byID[m.TicketID].Messages = append(byID[m.TicketID].Messages, *m)
	}
	return list, nil
}

// normalizeMessage keeps only what storage keeps: whole seconds in UTC.
func normalizeMessage(m *journal.Message) {
	m.At = fromUnix(unix(m.At))
}

func addMessage(ctx context.Context, tx *tx, m *journal.Message) error {
	m.ID = 0
	t, err := findTicketByID(ctx, tx, m.TicketID, false)
	if err != nil {
		return err
	}
	if err := m.Validate(t); err != nil {
		return err
	}
	normalizeMessage(m)
	res, err := tx.ExecContext(ctx, `
		INSERT INTO messages (ticket_id, at, direction, author, sender, summary, body, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.TicketID, unix(m.At), string(m.Direction), string(m.Author), m.From, m.Summary, m.Body,
		unix(tx.now), unix(tx.now))
	if err != nil {
		return constraintError(err, "ticket")
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	m.CreatedAt, m.UpdatedAt = tx.now, tx.now
	return nil
}

func updateMessage(ctx context.Context, tx *tx, m *journal.Message) error {
	old, err := findMessageByID(ctx, tx, m.ID)
	if err != nil {
		return err
	}
	t, err := findTicketByID(ctx, tx, m.TicketID, false)
	if err != nil {
		return err
	}
	if err := m.Validate(t); err != nil {
		return err
	}
	normalizeMessage(m)
	_, err = tx.ExecContext(ctx, `
		UPDATE messages SET ticket_id = ?, at = ?, direction = ?, author = ?, sender = ?, summary = ?, body = ?,
			updated_at = ?
		WHERE id = ?`,
		m.TicketID, unix(m.At), string(m.Direction), string(m.Author), m.From, m.Summary, m.Body, unix(tx.now), m.ID)
	if err != nil {
		return constraintError(err, "ticket")
	}
	m.CreatedAt, m.UpdatedAt = old.CreatedAt, tx.now
	return nil
}

func findMessageByID(ctx context.Context, tx *tx, id int64) (*journal.Message, error) {
	ms, err := findMessages(ctx, tx, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, notFound("message", id)
	}
	return ms[0], nil
}

// findMessages returns the live messages matching where, in time order.
func findMessages(ctx context.Context, tx *tx, where string, args ...any) ([]*journal.Message, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, ticket_id, at, direction, author, sender, summary, body, created_at, updated_at
		FROM messages
		WHERE trash_id IS NULL AND `+where+`
		ORDER BY ticket_id, at, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []*journal.Message
	for rows.Next() {
		var m journal.Message
		var dir, author string
		var at, created, updated int64
		if err := rows.Scan(&m.ID, &m.TicketID, &at, &dir, &author, &m.From, &m.Summary, &m.Body, &created, &updated); err != nil {
			return nil, err
		}
		m.At = fromUnix(at)
		m.Direction, m.Author = journal.Direction(dir), journal.AuthorKind(author)
		m.CreatedAt, m.UpdatedAt = fromUnix(created), fromUnix(updated)
		ms = append(ms, &m)
	}
	return ms, rows.Err()
}
