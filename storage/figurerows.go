package storage

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

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
//
// Read with a since, the lists hold only the records that can still count
// from since on: the outages that ended at or after it or are ongoing, the
// tickets resolved at or after it or unresolved, and all of their messages.
type FigureRows struct {
	Service       journal.Service
	Outages       []journal.Outage
	Subscriptions []journal.Subscription
	Tickets       []journal.Ticket
}

// FigureRows reads the figure rows of the given services, in their order,
// in one read transaction so they agree with each other; from since on when
// since is not zero (see FigureRows). A service that is not live is a
// not-found error.
func (db *DB) FigureRows(ctx context.Context, serviceIDs []int64, since time.Time) ([]FigureRows, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("read figure rows: %w", err)
	}
	defer tx.Rollback()
	// Prepared once for every service: SQLite compiles each statement in Go.
	stmts, err := prepareFigureStmts(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("read figure rows: %w", err)
	}
	defer stmts.close()
	out := make([]FigureRows, len(serviceIDs))
	for i, id := range serviceIDs {
		if err := figureRows(ctx, tx, stmts, id, since, &out[i]); err != nil {
			return nil, fmt.Errorf("read figure rows of service %d: %w", id, err)
		}
	}
	return out, nil
}

// noSince is before every stored time: with it the since conditions hold
// for every row.
const noSince = math.MinInt64

func figureRows(ctx context.Context, tx *tx, st *figureStmts, id int64, since time.Time, f *FigureRows) error {
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
	from := int64(noSince)
	if !since.IsZero() {
		from = since.Unix()
	}
	if f.Outages, err = figureOutages(ctx, st, id, from); err != nil {
		return err
	}
	if f.Tickets, err = figureTickets(ctx, st, id, from); err != nil {
		return err
	}
	return figureMessages(ctx, st, id, from, f.Tickets)
}

// figureStmts are the statements FigureRows runs for each service.
type figureStmts struct {
	countOutages, outages, countTickets, tickets, countMessages, messages *sql.Stmt
}

func prepareFigureStmts(ctx context.Context, tx *tx) (*figureStmts, error) {
	st := &figureStmts{}
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&st.countOutages, countOutagesSQL}, {&st.outages, outagesSQL},
		{&st.countTickets, countTicketsSQL}, {&st.tickets, ticketsSQL},
		{&st.countMessages, countMessagesSQL}, {&st.messages, messagesSQL},
	} {
		var err error
		if *p.stmt, err = tx.PrepareContext(ctx, p.query); err != nil {
			st.close()
			return nil, err
		}
	}
	return st, nil
}

func (st *figureStmts) close() {
	for _, s := range []*sql.Stmt{st.countOutages, st.outages, st.countTickets, st.tickets, st.countMessages, st.messages} {
		if s != nil {
			s.Close()
		}
	}
}

// eachStmtRow runs a prepared query and calls scan for each row.
func eachStmtRow(ctx context.Context, stmt *sql.Stmt, scan func(*sql.Rows) error, args ...any) error {
	rows, err := stmt.QueryContext(ctx, args...)
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

// count is about how many rows a query will return, so lists are
// allocated once: the index of the service and the time answers it without
// reading the table, counting rows in the trash too, and leaving out the
// few that began before since and still count after it.
func count(ctx context.Context, stmt *sql.Stmt, args ...any) (int, error) {
	var n int
	err := stmt.QueryRowContext(ctx, args...).Scan(&n)
	return n, err
}

// Every column read costs calls into SQLite, each taking the connection's
// mutex, and every text column a Go string: a decade of rows is read with
// few columns: the texts that only name a kind are packed into the three
// low bits of the row's time (time<<3 | kind; the schema's CHECKs allow no
// other values), and an ongoing outage's title takes the place of its end.

// outageStartKindSQL is an outage's start with its impact (bits 0-1) and
// source (bit 2).
const outageStartKindSQL = `start_at * 8 + CASE impact WHEN 'down' THEN 0 WHEN 'degraded' THEN 1 ELSE 2 END
	+ CASE source WHEN 'me' THEN 0 ELSE 4 END`

var impacts = [4]journal.Impact{journal.ImpactDown, journal.ImpactDegraded, journal.ImpactPartial}

// messageAtKindSQL is a message's time with its direction (bit 0) and
// author (bits 1-2).
const messageAtKindSQL = `m.at * 8 + CASE direction WHEN 'sent' THEN 0 ELSE 1 END
	+ CASE author WHEN 'me' THEN 0 WHEN 'human' THEN 2 WHEN 'bot' THEN 4 ELSE 6 END`

var authors = [4]journal.AuthorKind{journal.AuthorMe, journal.AuthorHuman, journal.AuthorBot, journal.AuthorAuto}

const (
	countOutagesSQL = `SELECT count(*) FROM outages WHERE service_id = ? AND start_at >= ?`
	outagesSQL      = `SELECT id, ` + outageStartKindSQL + `, coalesce(end_at, title)
		FROM outages
		WHERE service_id = ? AND trash_id IS NULL AND (end_at IS NULL OR end_at >= ?)
		ORDER BY start_at DESC, id DESC`
)

func figureOutages(ctx context.Context, st *figureStmts, serviceID, since int64) ([]journal.Outage, error) {
	n, err := count(ctx, st.countOutages, serviceID, since)
	if err != nil {
		return nil, err
	}
	list := make([]journal.Outage, 0, n)
	ends := make([]time.Time, 0, n) // one array behind every End, not a pointer each
	// Scanned into once, not per row: what Scan points at escapes to the heap.
	var id, startKind int64
	var endOrTitle any // the end, or the title while ongoing (a reminder names it)
	err = eachStmtRow(ctx, st.outages, func(r *sql.Rows) error {
		if err := r.Scan(&id, &startKind, &endOrTitle); err != nil {
			return err
		}
		o := journal.Outage{ID: id, ServiceID: serviceID, Start: fromUnix(startKind >> 3), Impact: impacts[startKind&3],
			Source: journal.SourceMe}
		if startKind&4 != 0 {
			o.Source = journal.SourceOfficial
		}
		switch v := endOrTitle.(type) {
		case int64:
			// Should ends grow, the pointers taken keep the old array alive.
			ends = append(ends, fromUnix(v))
			o.End = &ends[len(ends)-1]
		case string:
			o.Title = v
		default:
			return fmt.Errorf("outage %d: end or title %T", id, v)
		}
		list = append(list, o)
		return nil
	}, serviceID, since)
	return list, err
}

const (
	countTicketsSQL = `SELECT count(*) FROM tickets WHERE service_id = ? AND opened_at >= ?`
	ticketsSQL      = `SELECT id, subject, reference, opened_at, resolved_at
		FROM tickets
		WHERE service_id = ? AND trash_id IS NULL AND (resolved_at IS NULL OR resolved_at >= ?)
		ORDER BY opened_at DESC, id DESC`
)

func figureTickets(ctx context.Context, st *figureStmts, serviceID, since int64) ([]journal.Ticket, error) {
	n, err := count(ctx, st.countTickets, serviceID, since)
	if err != nil {
		return nil, err
	}
	list := make([]journal.Ticket, 0, n)
	resolvedAt := make([]time.Time, 0, n)
	var id, opened int64
	var resolved sql.NullInt64
	var subject, reference string
	err = eachStmtRow(ctx, st.tickets, func(r *sql.Rows) error {
		if err := r.Scan(&id, &subject, &reference, &opened, &resolved); err != nil {
			return err
		}
		t := journal.Ticket{ID: id, ServiceID: serviceID, Subject: subject, Reference: reference, OpenedAt: fromUnix(opened)}
		if resolved.Valid {
			resolvedAt = append(resolvedAt, fromUnix(resolved.Int64))
			t.ResolvedAt = &resolvedAt[len(resolvedAt)-1]
		}
		list = append(list, t)
		return nil
	}, serviceID, since)
	return list, err
}

// figureMessages reads the live messages of the tickets, which are in the
// order figureTickets returns them, into one backing array.
const (
	countMessagesSQL = `SELECT count(*) FROM messages
		WHERE ticket_id IN (SELECT id FROM tickets WHERE service_id = ? AND opened_at >= ?)`
	messagesSQL = `SELECT m.ticket_id, m.id, ` + messageAtKindSQL + `
		FROM tickets t JOIN messages m ON m.ticket_id = t.id
		WHERE t.service_id = ? AND t.trash_id IS NULL AND (t.resolved_at IS NULL OR t.resolved_at >= ?) AND m.trash_id IS NULL
		ORDER BY t.opened_at DESC, t.id DESC, m.at, m.id`
)

func figureMessages(ctx context.Context, st *figureStmts, serviceID, since int64, tickets []journal.Ticket) error {
	if len(tickets) == 0 {
		return nil
	}
	n, err := count(ctx, st.countMessages, serviceID, since)
	if err != nil {
		return err
	}
	all := make([]journal.Message, 0, n)
	next, first := 0, 0 // the ticket the rows are at, and its first message in all
	var ticketID, id, atKind int64
	err = eachStmtRow(ctx, st.messages, func(r *sql.Rows) error {
		if err := r.Scan(&ticketID, &id, &atKind); err != nil {
			return err
		}
		m := journal.Message{ID: id, TicketID: ticketID, At: fromUnix(atKind >> 3), Direction: journal.Sent, Author: authors[atKind>>1&3]}
		if atKind&1 != 0 {
			m.Direction = journal.Received
		}
		for next < len(tickets) && tickets[next].ID != m.TicketID {
			tickets[next].Messages = thread(all, first)
			next, first = next+1, len(all)
		}
		if next == len(tickets) {
			return fmt.Errorf("message %d of ticket %d read out of its ticket's order", m.ID, m.TicketID)
		}
		all = append(all, m)
		return nil
	}, serviceID, since)
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
