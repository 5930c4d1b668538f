package storage

import (
	"context"
	"database/sql"
	"fmt"

	"lapse/app/journal"
)

// FigureRows is one service's records cut to what its figures, verdict and
// reminders read, so a decade of records costs little more than SQLite
// reading those columns:
//   - Service and Subscriptions (with their prices) are whole: few rows;
//   - Outages, lived and official, newest start first, hold ID, ServiceID,
//     Start, End, Impact and Source, and Title only while ongoing (a
//     reminder names an open outage);
//   - Tickets, newest opened first, hold ID, ServiceID, Subject, Reference,
//     OpenedAt and ResolvedAt, and Messages (in time order) hold ID,
//     TicketID, At, Direction and Author.
//
// Platforms, steps, texts, bodies and timestamps stay in the file: use
// Outages and Tickets for whole records.
type FigureRows struct {
	Service       journal.Service
	Outages       []journal.Outage
	Subscriptions []journal.Subscription
	Tickets       []journal.Ticket
}

// FigureRows reads the figure rows of the given services, in their order,
// in one read transaction so they agree with each other. A service that is
// not live is a not-found error.
func (db *DB) FigureRows(ctx context.Context, serviceIDs []int64) ([]FigureRows, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("read figure rows: %w", err)
	}
	defer tx.Rollback()
	out := make([]FigureRows, len(serviceIDs))
	for i, id := range serviceIDs {
		if err := figureRows(ctx, tx, id, &out[i]); err != nil {
			return nil, fmt.Errorf("read figure rows of service %d: %w", id, err)
		}
	}
	return out, nil
}

func figureRows(ctx context.Context, tx *tx, id int64, f *FigureRows) error {
	svc, err := findServiceByID(ctx, tx, id)
	if err != nil {
		return err
	}
	f.Service = *svc
	subs, err := findSubscriptions(ctx, tx, "service_id = ?", id)
	if err != nil {
		return err
	}
	for _, s := range subs {
		f.Subscriptions = append(f.Subscriptions, *s)
	}
	if f.Outages, err = figureOutages(ctx, tx, id); err != nil {
		return err
	}
	if f.Tickets, err = figureTickets(ctx, tx, id); err != nil {
		return err
	}
	return figureMessages(ctx, tx, id, f.Tickets)
}

// count is how many rows a query will return, so lists are allocated once.
func count(ctx context.Context, tx *tx, query string, args ...any) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

func figureOutages(ctx context.Context, tx *tx, serviceID int64) ([]journal.Outage, error) {
	n, err := count(ctx, tx, `SELECT count(*) FROM outages WHERE service_id = ? AND trash_id IS NULL`, serviceID)
	if err != nil {
		return nil, err
	}
	list := make([]journal.Outage, 0, n)
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		o := journal.Outage{ServiceID: serviceID}
		var start int64
		var end sql.NullInt64
		var impact, source []byte
		if err := r.Scan(&o.ID, &start, &end, &impact, &source, &o.Title); err != nil {
			return err
		}
		o.Start, o.End = fromUnix(start), fromNullUnix(end)
		o.Impact, o.Source = impactOf(impact), sourceOf(source)
		list = append(list, o)
		return nil
	}, `SELECT id, start_at, end_at, impact, source, CASE WHEN end_at IS NULL THEN title ELSE '' END
		FROM outages
		WHERE service_id = ? AND trash_id IS NULL
		ORDER BY start_at DESC, id DESC`, serviceID)
	return list, err
}

// impactOf and sourceOf map a column to its constant without allocating a
// string per row; a value the schema's CHECK lets through is kept as read.
func impactOf(b []byte) journal.Impact {
	for _, v := range []journal.Impact{journal.ImpactDown, journal.ImpactDegraded, journal.ImpactPartial} {
		if string(b) == string(v) {
			return v
		}
	}
	return journal.Impact(b)
}

func sourceOf(b []byte) journal.Source {
	for _, v := range []journal.Source{journal.SourceMe, journal.SourceOfficial} {
		if string(b) == string(v) {
			return v
		}
	}
	return journal.Source(b)
}

func figureTickets(ctx context.Context, tx *tx, serviceID int64) ([]journal.Ticket, error) {
	n, err := count(ctx, tx, `SELECT count(*) FROM tickets WHERE service_id = ? AND trash_id IS NULL`, serviceID)
	if err != nil {
		return nil, err
	}
	list := make([]journal.Ticket, 0, n)
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		t := journal.Ticket{ServiceID: serviceID}
		var opened int64
		var resolved sql.NullInt64
		if err := r.Scan(&t.ID, &t.Subject, &t.Reference, &opened, &resolved); err != nil {
			return err
		}
		t.OpenedAt, t.ResolvedAt = fromUnix(opened), fromNullUnix(resolved)
		list = append(list, t)
		return nil
	}, `SELECT id, subject, reference, opened_at, resolved_at
		FROM tickets
		WHERE service_id = ? AND trash_id IS NULL
		ORDER BY opened_at DESC, id DESC`, serviceID)
	return list, err
}

// figureMessages reads the live messages of the tickets, which are in the
// order figureTickets returns them, into one backing array.
func figureMessages(ctx context.Context, tx *tx, serviceID int64, tickets []journal.Ticket) error {
	if len(tickets) == 0 {
		return nil
	}
	n, err := count(ctx, tx, `SELECT count(*) FROM messages m JOIN tickets t ON t.id = m.ticket_id
		WHERE t.service_id = ? AND t.trash_id IS NULL AND m.trash_id IS NULL`, serviceID)
	if err != nil {
		return err
	}
	all := make([]journal.Message, 0, n)
	next, first := 0, 0 // the ticket the rows are at, and its first message in all
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var m journal.Message
		var at int64
		var dir, author []byte
		if err := r.Scan(&m.TicketID, &m.ID, &at, &dir, &author); err != nil {
			return err
		}
		for next < len(tickets) && tickets[next].ID != m.TicketID {
			tickets[next].Messages = thread(all, first)
			next, first = next+1, len(all)
		}
		if next == len(tickets) {
			return fmt.Errorf("message %d of ticket %d read out of its ticket's order", m.ID, m.TicketID)
		}
		m.At = fromUnix(at)
		m.Direction, m.Author = directionOf(dir), authorOf(author)
		all = append(all, m)
		return nil
	}, `SELECT m.ticket_id, m.id, m.at, m.direction, m.author
		FROM tickets t JOIN messages m ON m.ticket_id = t.id
		WHERE t.service_id = ? AND t.trash_id IS NULL AND m.trash_id IS NULL
		ORDER BY t.opened_at DESC, t.id DESC, m.at, m.id`, serviceID)
	if err != nil {
		return err
	}
	for ; next < len(tickets); next++ {
		tickets[next].Messages = thread(all, first)
		first = len(all)
	}
	return nil
}

// thread is the messages of all from first on, capped so that appending to
// one ticket's thread never writes into the next one's; nil when none, as a
// whole ticket without messages has.
func thread(all []journal.Message, first int) []journal.Message {
	if first == len(all) {
		return nil
	}
	return all[first:len(all):len(all)]
}

func directionOf(b []byte) journal.Direction {
	for _, v := range []journal.Direction{journal.Sent, journal.Received} {
		if string(b) == string(v) {
			return v
		}
	}
	return journal.Direction(b)
}

func authorOf(b []byte) journal.AuthorKind {
	for _, v := range []journal.AuthorKind{journal.AuthorMe, journal.AuthorHuman, journal.AuthorBot, journal.AuthorAuto} {
		if string(b) == string(v) {
			return v
		}
	}
	return journal.AuthorKind(b)
}
