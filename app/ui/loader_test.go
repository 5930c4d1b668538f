package ui

import (
	"context"
	"testing"
	"time"
)

// A load quicker than placeholderDelay shows no placeholder; a slower one
// shows it until its result arrives; a stopped load shows neither.
func TestLoaderPlaceholderOnlyForSlowLoads(t *testing.T) {
	q := &queueThread{}
	l := loader{thread: q}
	var shown []string
	l.start(func(context.Context) func() { return func() { shown = append(shown, "quick result") } },
		func() { shown = append(shown, "placeholder") })
	q.settle()
	time.Sleep(placeholderDelay + 50*time.Millisecond)
	q.settle()
	if len(shown) != 1 || shown[0] != "quick result" {
		t.Errorf("a quick load showed %q", shown)
	}

	shown = nil
	release := make(chan struct{})
	l.start(func(context.Context) func() {
		<-release
		return func() { shown = append(shown, "slow result") }
	}, func() { shown = append(shown, "placeholder") })
	// The placeholder comes after placeholderDelay (later on a busy machine).
	var waiting []func()
	for deadline := time.Now().Add(5 * time.Second); len(waiting) == 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		q.mu.Lock()
		waiting, q.queue = q.queue, nil
		q.mu.Unlock()
	}
	for _, f := range waiting {
		f()
	}
	close(release)
	q.settle()
	if len(shown) != 2 || shown[0] != "placeholder" || shown[1] != "slow result" {
		t.Errorf("a slow load showed %q", shown)
	}

	shown = nil
	cancelled := make(chan error, 1)
	l.start(func(ctx context.Context) func() {
		<-ctx.Done()
		cancelled <- ctx.Err()
		return func() { shown = append(shown, "late result") }
	}, func() { shown = append(shown, "placeholder") })
	l.stop()
	q.settle()
	time.Sleep(placeholderDelay + 50*time.Millisecond)
	q.settle()
	if err := <-cancelled; err == nil || len(shown) != 0 {
		t.Errorf("a stopped load: context %v, showed %q", err, shown)
	}
}
