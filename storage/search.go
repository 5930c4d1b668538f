package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SearchHit is one record a search found.
type SearchHit struct {
	Kind      string // "service", "outage", "ticket" or "message"
	ID        int64  // the record's ID
	ServiceID int64
	TicketID  int64 // the ticket itself, or a message's ticket; 0 otherwise
	Title     string
	Snippet   string // the matching text around the first match
	At        time.Time
}

// snippetBefore and snippetAfter are how many characters a snippet keeps
// around the match.
const (
	snippetBefore = 30
	snippetAfter  = 60
)

// Search finds live records containing query, ignoring case: service names
// and notes, outage titles, symptoms, platforms and resolutions, ticket
// subjects and references, message summaries and bodies. Newest first; at
// most limit hits (limit <= 0: all).
//
// Matching is SQLite's LIKE: ASCII letters match in any case, other
// characters (Japanese included) match exactly.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]SearchHit, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, nil
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback()
	p := likePattern(query)
	tail := ""
	if limit > 0 {
		tail = fmt.Sprintf(" LIMIT %d", limit)
	}
	searches := []struct {
		kind  string
		query string
		args  []any
	}{
		{kindService, `
			SELECT id, id, 0, name, created_at, name, notes, '', ''
			FROM services
			WHERE trash_id IS NULL AND (name LIKE ? ESCAPE '\' OR notes LIKE ? ESCAPE '\')
			ORDER BY created_at DESC`, []any{p, p}},
		{kindOutage, `
			SELECT o.id, o.service_id, 0, CASE WHEN o.title <> '' THEN o.title ELSE s.name END, o.start_at,
				o.title, o.symptoms, coalesce((SELECT group_concat(platform, ', ') FROM outage_platforms WHERE outage_id = o.id), ''),
				o.resolution
			FROM outages o JOIN services s ON s.id = o.service_id
			WHERE o.trash_id IS NULL AND (o.title LIKE ? ESCAPE '\' OR o.symptoms LIKE ? ESCAPE '\'
				OR o.resolution LIKE ? ESCAPE '\'
				OR EXISTS (SELECT 1 FROM outage_platforms p WHERE p.outage_id = o.id AND p.platform LIKE ? ESCAPE '\'))
			ORDER BY o.start_at DESC`, []any{p, p, p, p}},
		{kindTicket, `
			SELECT id, service_id, id, CASE WHEN subject <> '' THEN subject ELSE reference END, opened_at,
				subject, reference, '', ''
			FROM tickets
			WHERE trash_id IS NULL AND (subject LIKE ? ESCAPE '\' OR reference LIKE ? ESCAPE '\')
			ORDER BY opened_at DESC`, []any{p, p}},
		{kindMessage, `
			SELECT m.id, t.service_id, m.ticket_id, m.summary, m.at, m.summary, m.body, '', ''
			FROM messages m JOIN tickets t ON t.id = m.ticket_id
			WHERE m.trash_id IS NULL AND (m.summary LIKE ? ESCAPE '\' OR m.body LIKE ? ESCAPE '\')
			ORDER BY m.at DESC`, []any{p, p}},
	}
	var hits []SearchHit
	for _, s := range searches {
		err := eachRow(ctx, tx, func(r *sql.Rows) error {
			h := SearchHit{Kind: s.kind}
			var at int64
			fields := make([]string, 4)
			if err := r.Scan(&h.ID, &h.ServiceID, &h.TicketID, &h.Title, &at, &fields[0], &fields[1], &fields[2], &fields[3]); err != nil {
				return err
			}
			h.At = fromUnix(at)
			h.Snippet = snippet(fields, query)
			hits = append(hits, h)
			return nil
		}, s.query+tail, s.args...)
		if err != nil {
			return nil, fmt.Errorf("search %ss: %w", s.kind, err)
		}
	}
	slices.SortStableFunc(hits, func(a, b SearchHit) int { return b.At.Compare(a.At) })
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// snippet returns the text around the first match of query in the first
// field containing it, on one line, with "…" where it was cut.
func snippet(fields []string, query string) string {
	q := []rune(strings.ToLower(query))
	for _, f := range fields {
		text := []rune(strings.Join(strings.Fields(f), " "))
		// strings.ToLower maps rune for rune, so indexes carry over.
		i := runeIndex([]rune(strings.ToLower(string(text))), q)
		if i < 0 {
			continue
		}
		start, end := max(0, i-snippetBefore), min(len(text), i+len(q)+snippetAfter)
		out := string(text[start:end])
		if start > 0 {
			out = "…" + out
		}
		if end < len(text) {
			out += "…"
		}
		return out
	}
	return ""
}

// runeIndex is strings.Index over runes.
func runeIndex(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if slices.Equal(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
