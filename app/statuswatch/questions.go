package statuswatch

import (
	"context"
	"fmt"

	"lapse/app/journal"
	"lapse/storage"
)

// Question is what an Overview card asks about an official incident until
// the user answers: "are you affected?" (EventReported: Down now / Not me)
// or "It's back?" (EventBack: the vendor resolved it, the user's linked
// outage is still open).
type Question struct {
	Kind     EventKind
	Service  journal.Service
	Incident journal.Outage
	Lived    *journal.Outage // EventBack: the user's open outage linked to the incident
}

// Key names the question in the reminder state, where "Not me" is kept.
func (q Question) Key() string {
	if q.Lived != nil {
		return fmt.Sprintf("status:%s:%d:%d", q.Kind, q.Incident.ID, q.Lived.ID)
	}
	return fmt.Sprintf("status:%s:%d", q.Kind, q.Incident.ID)
}

// Pending lists the questions still open, read from the journal so they
// outlive a restart: every ongoing official incident of a watched service
// that no outage of the user is linked to, and every resolved one whose
// linked outage is still open; less those answered "Not me".
func Pending(ctx context.Context, db *storage.DB) ([]Question, error) {
	states, err := db.ReminderStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("list questions: %w", err)
	}
	svcs, err := db.Services(ctx, storage.ServiceFilter{})
	if err != nil {
		return nil, fmt.Errorf("list questions: %w", err)
	}
	var out []Question
	official, me := journal.SourceOfficial, journal.SourceMe
	for _, svc := range svcs {
		if svc.Archived || svc.StatusPage == "" {
			continue
		}
		// Only the official incidents and the lived outages linked to one
		// matter: a large journal's other outages are not read.
		incidents, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID, Source: &official})
		if err != nil {
			return nil, fmt.Errorf("list questions: %w", err)
		}
		if len(incidents) == 0 {
			continue
		}
		lived, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID, Source: &me, Linked: true})
		if err != nil {
			return nil, fmt.Errorf("list questions: %w", err)
		}
		for _, o := range incidents {
			q := Question{Service: *svc, Incident: *o}
			linked := false
			for _, l := range lived {
				if !Linked(l, o) {
					continue
				}
				linked = true
				if o.End != nil && l.End == nil {
					q.Kind, q.Lived = EventBack, l
				}
			}
			if !linked && o.End == nil {
				q.Kind = EventReported
			}
			if q.Kind != "" && !states[q.Key()].Dismissed {
				out = append(out, q)
			}
		}
	}
	return out, nil
}

// NotMe answers a question with no: it is not asked again.
func NotMe(ctx context.Context, db *storage.DB, q Question) error {
	return db.DismissReminder(ctx, q.Key())
}
