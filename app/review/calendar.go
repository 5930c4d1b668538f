package review

import (
	"context"
	"fmt"
	"time"

	"lapse/app/calendar"
	"lapse/app/figures"
	"lapse/app/verdict"
	"lapse/app/words"
	"lapse/storage"
)

// Calendar is the iCalendar file of the coming year's renewals of the given
// services (every service when none), with "cancel before" where the verdict says so.
func Calendar(ctx context.Context, db *storage.DB, serviceIDs []int64, asOf time.Time, loc *time.Location, l words.Lang) ([]byte, error) {
	settings, err := db.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	if len(serviceIDs) == 0 {
		svcs, err := db.Services(ctx, storage.ServiceFilter{})
		if err != nil {
			return nil, fmt.Errorf("calendar: %w", err)
		}
		for _, s := range svcs {
			serviceIDs = append(serviceIDs, s.ID)
		}
	}
	id, err := db.JournalID(ctx)
	if err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	in := calendar.Input{JournalID: id, CancelBefore: map[int64]bool{}, AsOf: asOf, Location: loc, DefaultLead: settings.ReminderDays, Lang: l}
	j, jerr := newJudge(ctx, db, asOf, loc)
	for _, id := range serviceIDs {
		var data figures.ServiceData
		if jerr == nil {
			data, err = j.load(id)
		} else {
			data, err = Load(ctx, db, id)
		}
		if err != nil {
			return nil, err
		}
		in.Services = append(in.Services, data)
		// Without a verdict (e.g. a missing rate) the renewal dates are still worth having.
		if jerr == nil {
			if jd, err := j.judge(id); err == nil && jd.Verdict.Kind == verdict.CancelBefore {
				in.CancelBefore[id] = true
			}
		}
	}
	return calendar.Encode(calendar.Renewals(in), asOf), nil
}
