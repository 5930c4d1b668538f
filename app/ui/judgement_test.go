package ui

import (
	"testing"
	"time"
)

// A period that reaches the present is judged as of the instant that counts
// as now, even on a clock that moves between readings: the Overview then
// reuses the records it loaded for the reminders instead of reading the
// journal again.
func TestJudgementReadsTheClockOnce(t *testing.T) {
	u := newTestUI(t)
	at := fixedNow
	u.session.now = func() time.Time { at = at.Add(time.Millisecond); return at }
	w, asOf, now := u.judgement()
	if !asOf.Equal(now) || !w.End.Equal(now) {
		t.Errorf("period ends %v, judged as of %v, now %v: want all three equal", w.End, asOf, now)
	}
	if got := u.judgedAsOf(); !got.After(now) {
		t.Errorf("judged as of %v later, want after %v", got, now)
	}
}
