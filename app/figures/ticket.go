package figures

import (
	"slices"
	"time"

	"lapse/app/journal"
)

// Response is a reply to the user and how long after their first message it came.
type Response struct {
	MessageID int64
	At        time.Time
	After     time.Duration // from the first sent message (from OpenedAt when none was sent)
}

// Silence is a stretch from a sent message to the next human reply, or to
// the ticket's resolution (to as-of while open) when none came.
type Silence struct {
	MessageID int64 // the sent message that started it
	From, To  time.Time
	Running   bool // no human reply yet and the ticket is open
}

// Length is how long the silence lasted (so far, when running).
func (s Silence) Length() time.Duration { return s.To.Sub(s.From) }

// Metrics are a ticket's support figures as of an instant; nil means "not yet".
type Metrics struct {
	FirstResponse      *Response      // first received message of any author
	FirstHumanResponse *Response      // first received message by a human
	LongestSilence     *Silence       // nil when nothing was sent
	Waiting            *Silence       // the silence still running on an open ticket
	FollowUps          int            // sent messages after the first, while unresolved
	TimeToResolution   *time.Duration // opened to resolved
}

// TicketMetrics computes t's metrics as of asOf. Messages are sorted by
// time (stably); messages after asOf are ignored, and a resolution after
// asOf is not one yet. Responses count only after the first sent message;
// when the user sent nothing, from OpenedAt. A bot or auto reply never
// ends a silence.
func TicketMetrics(t journal.Ticket, asOf time.Time) Metrics {
	msgs := make([]journal.Message, 0, len(t.Messages))
	for _, m := range t.Messages {
		if !m.At.After(asOf) {
			msgs = append(msgs, m)
		}
	}
	slices.SortStableFunc(msgs, func(a, b journal.Message) int { return a.At.Compare(b.At) })

	var out Metrics
	resolved := t.ResolvedAt != nil && !t.ResolvedAt.After(asOf)
	end := asOf
	if resolved {
		end = *t.ResolvedAt
		d := t.ResolvedAt.Sub(t.OpenedAt)
		out.TimeToResolution = &d
	}

	first := slices.IndexFunc(msgs, func(m journal.Message) bool { return m.Direction == journal.Sent })
	base := t.OpenedAt
	if first >= 0 {
		base = msgs[first].At
	}
	for _, m := range msgs[first+1:] {
		switch {
		case m.Direction == journal.Sent:
			if !resolved || m.At.Before(end) {
				out.FollowUps++
			}
		case out.FirstResponse == nil:
			out.FirstResponse = &Response{m.ID, m.At, m.At.Sub(base)}
		}
		if m.Direction == journal.Received && m.Author == journal.AuthorHuman && out.FirstHumanResponse == nil {
			out.FirstHumanResponse = &Response{m.ID, m.At, m.At.Sub(base)}
		}
	}

	// The earliest sent message since the last human reply starts the
	// silence; later sent messages of the same stretch are shorter. Once a
	// ticket is resolved nothing is awaited: a silence ends at the
	// resolution at the latest, and a message sent afterwards starts none.
	var open *journal.Message
	for i := range msgs {
		m := &msgs[i]
		if resolved && !m.At.Before(end) {
			break
		}
		switch {
		case m.Direction == journal.Sent && open == nil:
			open = m
		case m.Direction == journal.Received && m.Author == journal.AuthorHuman && open != nil:
			out.LongestSilence = longer(out.LongestSilence, Silence{MessageID: open.ID, From: open.At, To: m.At})
			open = nil
		}
	}
	if open != nil {
		s := Silence{MessageID: open.ID, From: open.At, To: end, Running: !resolved}
		out.LongestSilence = longer(out.LongestSilence, s)
		if s.Running {
			out.Waiting = &s
		}
	}
	return out
}

// longer keeps the first of the longest silences.
func longer(cur *Silence, s Silence) *Silence {
	if cur == nil || s.Length() > cur.Length() {
		return &s
	}
	return cur
}

// Mark is what one message means in its thread, by the rule of TicketMetrics.
type Mark struct {
	journal.Message
	Gap time.Duration // since the message before it (0 for the first)
	// EndsSilence is, for a human reply, how long the user had waited since
	// the first message of theirs it answers; 0 otherwise.
	EndsSilence time.Duration
	// Automated is a bot or automatic reply that came while the user was
	// waiting: it does not end the silence.
	Automated bool
}

// Thread returns t's messages up to asOf in time order, each with its mark.
// As in TicketMetrics, nothing is awaited once the ticket is resolved: a
// message after the resolution neither starts nor ends a silence.
func Thread(t journal.Ticket, asOf time.Time) []Mark {
	var out []Mark
	for _, m := range t.Messages {
		if !m.At.After(asOf) {
			out = append(out, Mark{Message: m})
		}
	}
	slices.SortStableFunc(out, func(a, b Mark) int { return a.At.Compare(b.At) })
	resolved := t.ResolvedAt != nil && !t.ResolvedAt.After(asOf)
	var open *time.Time
	for i := range out {
		e := &out[i]
		if i > 0 {
			e.Gap = e.At.Sub(out[i-1].At)
		}
		if resolved && !e.At.Before(*t.ResolvedAt) {
			open = nil
			continue
		}
		switch {
		case e.Direction == journal.Sent && open == nil:
			at := e.At
			open = &at
		case e.Direction == journal.Received && e.Author == journal.AuthorHuman && open != nil:
			e.EndsSilence = e.At.Sub(*open)
			open = nil
		case e.Direction == journal.Received && open != nil:
			e.Automated = true
		}
	}
	return out
}
