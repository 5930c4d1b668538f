package figures_test

import (
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
)

// Messages at the same minute keep the order they were recorded in the
// thread (PRODUCT.md): the order of Ticket.Messages decides, not the
// direction or the ID.
func TestSameMinuteMessagesKeepRecordedOrder(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	sent := func(id int64) journal.Message { return msg(id, t0, 0, journal.Sent, journal.AuthorMe) }
	reply := func(id int64) journal.Message { return msg(id, t0, 0, journal.Received, journal.AuthorHuman) }
	later := func(id int64) journal.Message { return msg(id, t0, time.Hour, journal.Received, journal.AuthorHuman) }
	tests := []struct {
		name          string
		messages      []journal.Message
		firstResponse *time.Duration
		followUps     int
		silence       *time.Duration
	}{
		{"a reply recorded after the sent message is a 0-second response",
			[]journal.Message{sent(1), reply(2)}, ptr(time.Duration(0)), 0, ptr(time.Duration(0))},
		// IDs out of step with the recorded order: the order still decides.
		{"recorded order wins over IDs",
			[]journal.Message{sent(7), reply(3)}, ptr(time.Duration(0)), 0, ptr(time.Duration(0))},
		{"a second sent message at that minute is a follow-up",
			[]journal.Message{sent(1), sent(2), later(3)}, ptr(time.Hour), 1, ptr(time.Hour)},
		// The service wrote first: its message precedes mine and answers nothing;
		// the reply an hour later is the first response.
		{"a reply recorded before the sent message is no response",
			[]journal.Message{reply(1), sent(2), later(3)}, ptr(time.Hour), 0, ptr(time.Hour)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tk := journal.Ticket{ID: 9, ServiceID: 1, Channel: journal.ChannelEmail, OpenedAt: t0, Messages: tc.messages}
			m := figures.TicketMetrics(tk, t0.Add(day))
			if m.FirstResponse == nil || m.FirstResponse.After != *tc.firstResponse {
				t.Errorf("first response = %+v, want %v", m.FirstResponse, *tc.firstResponse)
			}
			if m.FollowUps != tc.followUps {
				t.Errorf("follow-ups = %d, want %d", m.FollowUps, tc.followUps)
			}
			if m.LongestSilence == nil || m.LongestSilence.Length() != *tc.silence {
				t.Errorf("longest silence = %+v, want %v", m.LongestSilence, *tc.silence)
			}
		})
	}
}
