package figures_test

import (
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
)

const day = 24 * time.Hour

// msg builds a message at t0 + offset; sent messages are by me.
func msg(id int64, t0 time.Time, offset time.Duration, dir journal.Direction, author journal.AuthorKind) journal.Message {
	return journal.Message{ID: id, At: t0.Add(offset), Direction: dir, Author: author, Summary: "m"}
}

func TestTicketMetrics(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	sent := func(id int64, off time.Duration) journal.Message {
		return msg(id, t0, off, journal.Sent, journal.AuthorMe)
	}
	recv := func(id int64, off time.Duration, a journal.AuthorKind) journal.Message {
		return msg(id, t0, off, journal.Received, a)
	}
	human, bot, auto := journal.AuthorHuman, journal.AuthorBot, journal.AuthorAuto
	// The story: a human answers on day 1, a bot asks for a rating, the
	// follow-up of day 2 waits until the apology of day 11.
	story := []journal.Message{
		sent(1, 0),
		recv(2, day, human),
		recv(3, day+time.Hour, bot),
		sent(4, 2*day),
		recv(5, 11*day, human),
	}
	type want struct {
		firstResponse *time.Duration
		firstHuman    *time.Duration
		silence       *time.Duration
		silenceFrom   int64
		running       bool
		waiting       *time.Duration
		followUps     int
		resolution    *time.Duration
	}
	tests := []struct {
		name     string
		messages []journal.Message
		resolved *time.Duration // after t0
		asOf     time.Duration  // after t0
		want     want
	}{
		{
			// Only a bot replied in a week: first response 5 min, no human, 7 days of silence so far.
			name:     "bot was the only reply for a week",
			messages: []journal.Message{sent(1, 0), recv(2, 5*time.Minute, bot)},
			asOf:     7 * day,
			want: want{
				firstResponse: ptr(5 * time.Minute), silence: ptr(7 * day), silenceFrom: 1,
				running: true, waiting: ptr(7 * day),
			},
		},
		{
			// Silence from the follow-up (day 2) to the apology (day 11): 9 days, not the bot's hour.
			name:     "story: follow-up answered nine days later",
			messages: story,
			resolved: ptr(11 * day), asOf: 30 * day,
			want: want{
				firstResponse: ptr(day), firstHuman: ptr(day), silence: ptr(9 * day), silenceFrom: 4,
				followUps: 1, resolution: ptr(11 * day),
			},
		},
		{
			name:     "unsorted messages are sorted by time",
			messages: []journal.Message{story[4], story[2], story[0], story[3], story[1]},
			resolved: ptr(11 * day), asOf: 30 * day,
			want: want{
				firstResponse: ptr(day), firstHuman: ptr(day), silence: ptr(9 * day), silenceFrom: 4,
				followUps: 1, resolution: ptr(11 * day),
			},
		},
		{
			// Sent day 2, resolved day 5 with no reply: 3 days; the day-6 thank-you is not a follow-up.
			name:     "follow-ups after resolution not counted",
			messages: []journal.Message{sent(1, 0), recv(2, day, human), sent(3, 2*day), sent(4, 6*day)},
			resolved: ptr(5 * day), asOf: 30 * day,
			want: want{
				firstResponse: ptr(day), firstHuman: ptr(day), silence: ptr(3 * day), silenceFrom: 3,
				followUps: 1, resolution: ptr(5 * day),
			},
		},
		{
			// Resolved day 10; a thank-you on day 11 answered on day 20 is no silence:
			// the longest stays the 1 day before the first human reply.
			name:     "a message after the resolution starts no silence",
			messages: []journal.Message{sent(1, 0), recv(2, day, human), sent(3, 11*day), recv(4, 20*day, human)},
			resolved: ptr(10 * day), asOf: 30 * day,
			want: want{
				firstResponse: ptr(day), firstHuman: ptr(day), silence: ptr(day), silenceFrom: 1,
				followUps: 0, resolution: ptr(10 * day),
			},
		},
		{
			// No reply before the resolution on day 10; a late human reply on day 20
			// does not stretch the silence: it counts to the resolution, 10 days.
			name:     "an unanswered message counts to the resolution, not to a late reply",
			messages: []journal.Message{sent(1, 0), recv(2, 20*day, human)},
			resolved: ptr(10 * day), asOf: 30 * day,
			want: want{
				firstResponse: ptr(20 * day), firstHuman: ptr(20 * day), silence: ptr(10 * day), silenceFrom: 1,
				resolution: ptr(10 * day),
			},
		},
		{
			// Sent day 2 on an open ticket, as of day 10: 8 days and counting.
			name:     "open ticket silence counted to as-of",
			messages: []journal.Message{sent(1, 0), recv(2, day, human), sent(3, 2*day), sent(4, 4*day)},
			asOf:     10 * day,
			want: want{
				firstResponse: ptr(day), firstHuman: ptr(day), silence: ptr(8 * day), silenceFrom: 3,
				running: true, waiting: ptr(8 * day), followUps: 2,
			},
		},
		{
			// An auto acknowledgement after 1 min answers first but the silence runs to the human at 2 days.
			name:     "auto acknowledgement does not end the silence",
			messages: []journal.Message{sent(1, 0), recv(2, time.Minute, auto), recv(3, 2*day, human)},
			asOf:     3 * day,
			want: want{
				firstResponse: ptr(time.Minute), firstHuman: ptr(2 * day), silence: ptr(2 * day), silenceFrom: 1,
			},
		},
		{
			// The service wrote first (hour 1); my message at hour 2 is answered at hour 5: 3 h.
			name:     "responses count after my first message",
			messages: []journal.Message{recv(1, time.Hour, human), sent(2, 2*time.Hour), recv(3, 5*time.Hour, human)},
			asOf:     day,
			want: want{
				firstResponse: ptr(3 * time.Hour), firstHuman: ptr(3 * time.Hour), silence: ptr(3 * time.Hour), silenceFrom: 2,
			},
		},
		{
			// A phone ticket where I logged nothing: the reply 2 h after opening; no silence.
			name:     "nothing sent: measured from opening",
			messages: []journal.Message{recv(1, 2*time.Hour, human)},
			asOf:     day,
			want:     want{firstResponse: ptr(2 * time.Hour), firstHuman: ptr(2 * time.Hour)},
		},
		{
			// As of day 3 the day-4 reply and the day-5 resolution have not happened yet.
			name:     "messages and resolution after as-of are unknown",
			messages: []journal.Message{sent(1, 0), recv(2, 4*day, human)},
			resolved: ptr(5 * day), asOf: 3 * day,
			want: want{silence: ptr(3 * day), silenceFrom: 1, running: true, waiting: ptr(3 * day)},
		},
		{
			// Two stretches, 2 days (sent 1 → human day 2) then 1 day: the first is the longest.
			name:     "longest of several silences",
			messages: []journal.Message{sent(1, 0), recv(2, 2*day, human), sent(3, 3*day), recv(4, 4*day, human)},
			asOf:     10 * day,
			want: want{
				firstResponse: ptr(2 * day), firstHuman: ptr(2 * day), silence: ptr(2 * day), silenceFrom: 1, followUps: 1,
			},
		},
		{
			name: "empty ticket",
			asOf: day,
		},
	}
	check := func(t *testing.T, what string, got *figures.Response, want *time.Duration) {
		t.Helper()
		switch {
		case want == nil && got != nil:
			t.Errorf("%s = %v, want none", what, got.After)
		case want != nil && got == nil:
			t.Errorf("%s = none, want %v", what, *want)
		case want != nil && got.After != *want:
			t.Errorf("%s = %v, want %v", what, got.After, *want)
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tk := journal.Ticket{ID: 9, ServiceID: 1, Channel: journal.ChannelEmail, OpenedAt: t0, Messages: tc.messages}
			if tc.resolved != nil {
				tk.ResolvedAt = ptr(t0.Add(*tc.resolved))
				tk.Outcome = journal.OutcomeResolved
			}
			m := figures.TicketMetrics(tk, t0.Add(tc.asOf))
			check(t, "first response", m.FirstResponse, tc.want.firstResponse)
			check(t, "first human response", m.FirstHumanResponse, tc.want.firstHuman)
			switch {
			case tc.want.silence == nil && m.LongestSilence != nil:
				t.Errorf("longest silence = %+v, want none", *m.LongestSilence)
			case tc.want.silence != nil && m.LongestSilence == nil:
				t.Errorf("longest silence = none, want %v", *tc.want.silence)
			case tc.want.silence != nil:
				s := *m.LongestSilence
				if s.Length() != *tc.want.silence || s.MessageID != tc.want.silenceFrom || s.Running != tc.want.running {
					t.Errorf("longest silence = %v from #%d running %v; want %v from #%d running %v",
						s.Length(), s.MessageID, s.Running, *tc.want.silence, tc.want.silenceFrom, tc.want.running)
				}
			}
			switch {
			case (tc.want.waiting == nil) != (m.Waiting == nil):
				t.Errorf("waiting = %+v, want %v", m.Waiting, tc.want.waiting)
			case m.Waiting != nil && m.Waiting.Length() != *tc.want.waiting:
				t.Errorf("waiting = %v, want %v", m.Waiting.Length(), *tc.want.waiting)
			}
			if m.FollowUps != tc.want.followUps {
				t.Errorf("follow-ups = %d, want %d", m.FollowUps, tc.want.followUps)
			}
			switch {
			case (tc.want.resolution == nil) != (m.TimeToResolution == nil):
				t.Errorf("time to resolution = %v, want %v", m.TimeToResolution, tc.want.resolution)
			case m.TimeToResolution != nil && *m.TimeToResolution != *tc.want.resolution:
				t.Errorf("time to resolution = %v, want %v", *m.TimeToResolution, *tc.want.resolution)
			}
		})
	}
}

func TestTicketMetricsKeepsInputOrder(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	msgs := []journal.Message{msg(2, t0, day, journal.Received, journal.AuthorHuman), msg(1, t0, 0, journal.Sent, journal.AuthorMe)}
	figures.TicketMetrics(journal.Ticket{OpenedAt: t0, Messages: msgs}, t0.Add(2*day))
	if msgs[0].ID != 2 {
		t.Error("TicketMetrics reordered the caller's messages")
	}
}

func TestThread(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	resolved := t0.Add(10 * day)
	tk := journal.Ticket{OpenedAt: t0, ResolvedAt: &resolved, Outcome: journal.OutcomeResolved, Messages: []journal.Message{
		msg(4, t0, 11*day, journal.Sent, journal.AuthorMe), // after the resolution: a thank-you
		msg(1, t0, 0, journal.Sent, journal.AuthorMe),      // unsorted on purpose
		msg(2, t0, 2*time.Minute, journal.Received, journal.AuthorBot),
		msg(3, t0, 8*day, journal.Received, journal.AuthorHuman),
		msg(5, t0, 20*day, journal.Received, journal.AuthorHuman), // answers the thank-you: no silence
		msg(6, t0, 40*day, journal.Received, journal.AuthorHuman), // after as-of: left out
	}}
	got := figures.Thread(tk, t0.Add(30*day))
	want := []struct {
		id        int64
		gap, ends time.Duration
		automated bool
	}{
		{1, 0, 0, false},
		{2, 2 * time.Minute, 0, true},
		{3, 8*day - 2*time.Minute, 8 * day, false},
		{4, 3 * day, 0, false},
		{5, 9 * day, 0, false},
	}
	if len(got) != len(want) {
		t.Fatalf("%d marks, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.id || g.Gap != w.gap || g.EndsSilence != w.ends || g.Automated != w.automated {
			t.Errorf("mark %d = #%d gap %v ends %v automated %v; want #%d gap %v ends %v automated %v",
				i, g.ID, g.Gap, g.EndsSilence, g.Automated, w.id, w.gap, w.ends, w.automated)
		}
	}
}
