package review

import (
	"context"
	"fmt"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/verdict"
	"lapse/storage"
)

// Judgement is a service's verdict with its alternatives compared over the
// same window.
type Judgement struct {
	Verdict      verdict.Verdict
	Alternatives []verdict.AlternativeFigures // the service first; empty when it lists none
}

// judge evaluates services, loading each service's records once.
type judge struct {
	ctx      context.Context
	db       *storage.DB
	settings journal.Settings
	conv     figures.Converter
	asOf     time.Time
	loc      *time.Location
	loaded   map[int64]figures.ServiceData
}

func newJudge(ctx context.Context, db *storage.DB, asOf time.Time, loc *time.Location) (*judge, error) {
	settings, err := db.Settings(ctx)
	if err != nil {
		return nil, err
	}
	conv, err := figures.NewConverter(settings)
	if err != nil {
		return nil, err
	}
	return &judge{ctx: ctx, db: db, settings: settings, conv: conv, asOf: asOf, loc: loc, loaded: map[int64]figures.ServiceData{}}, nil
}

func (j *judge) load(id int64) (figures.ServiceData, error) {
	if d, ok := j.loaded[id]; ok {
		return d, nil
	}
	d, err := Load(j.ctx, j.db, id)
	if err == nil {
		j.loaded[id] = d
	}
	return d, err
}

func (j *judge) judge(id int64) (*Judgement, error) {
	data, err := j.load(id)
	if err != nil {
		return nil, err
	}
	in := verdict.Input{Service: data, Thresholds: j.settings.Thresholds, AsOf: j.asOf, Loc: j.loc, Converter: j.conv,
		Names: map[int64]string{}}
	decisions, err := j.db.Decisions(j.ctx, id)
	if err != nil {
		return nil, fmt.Errorf("judge %s: %w", data.Service.Name, err)
	}
	for _, d := range decisions {
		in.Decisions = append(in.Decisions, *d)
		if d.SwitchedTo == nil {
			continue
		}
		if to, ok := j.loaded[*d.SwitchedTo]; ok {
			in.Names[*d.SwitchedTo] = to.Service.Name
		} else if to, err := j.db.Service(j.ctx, *d.SwitchedTo); err == nil {
			in.Names[*d.SwitchedTo] = to.Name
		} else if journal.ErrorCode(err) != journal.ENOTFOUND {
			return nil, fmt.Errorf("judge %s: %w", data.Service.Name, err)
		}
	}
	for _, alt := range data.Service.Alternatives {
		ad, err := j.load(alt)
		if journal.ErrorCode(err) == journal.ENOTFOUND {
			continue // an alternative deleted since is simply not compared
		}
		if err != nil {
			return nil, err
		}
		in.Alternatives = append(in.Alternatives, ad)
	}
	v, err := verdict.Evaluate(in)
	if err != nil {
		return nil, fmt.Errorf("judge %s: %w", data.Service.Name, err)
	}
	out := &Judgement{Verdict: v}
	if len(in.Alternatives) > 0 {
		if out.Alternatives, err = verdict.CompareAlternatives(in); err != nil {
			return nil, fmt.Errorf("compare alternatives of %s: %w", data.Service.Name, err)
		}
	}
	return out, nil
}

// JudgementMoment is the instant a period is judged as of: its end when
// the period ends in the past, else now. The verdict, its reasons, the
// alternatives and "cancel before" of a past period answer "what should I
// have done then?".
func JudgementMoment(period figures.Interval, now time.Time) time.Time {
	if !period.End.IsZero() && period.End.Before(now) {
		return period.End
	}
	return now
}

// Judge evaluates one service of the review as of the review's instant,
// reusing the records the review loaded.
func (r *Review) Judge(ctx context.Context, db *storage.DB, sr *ServiceReview) (*Judgement, error) {
	j, err := newJudge(ctx, db, r.AsOf, r.Location)
	if err != nil {
		return nil, fmt.Errorf("judge %s: %w", sr.Data.Service.Name, err)
	}
	for _, s := range r.Services {
		j.loaded[s.Data.Service.ID] = s.Data
	}
	return j.judge(sr.Data.Service.ID)
}

// Reminders lists what needs the user's attention as of asOf: renewals,
// cancel-before dates, tickets waiting for a human, outages left open.
func Reminders(ctx context.Context, db *storage.DB, asOf time.Time, loc *time.Location) ([]verdict.Reminder, error) {
	svcs, err := db.Services(ctx, storage.ServiceFilter{})
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	ids := make([]int64, len(svcs))
	for i, s := range svcs {
		ids[i] = s.ID
	}
	settings, err := db.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	// Renewals come from the plans, the rest from ongoing outages,
	// unresolved tickets and the verdicts' window.
	rows, err := db.FigureRows(ctx, ids, verdict.Since(settings.Thresholds, asOf, loc))
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	all := make([]figures.ServiceData, len(rows))
	for i, r := range rows {
		all[i], _ = split(r)
	}
	return reminders(ctx, db, all, asOf, loc)
}

// Reminders lists the reminders as of the review's instant, from the
// records the review already loaded.
func (r *Review) Reminders(ctx context.Context, db *storage.DB) ([]verdict.Reminder, error) {
	all := make([]figures.ServiceData, len(r.Services))
	for i, s := range r.Services {
		all[i] = s.Data
	}
	return reminders(ctx, db, all, r.AsOf, r.Location)
}

func reminders(ctx context.Context, db *storage.DB, all []figures.ServiceData, asOf time.Time, loc *time.Location) ([]verdict.Reminder, error) {
	settings, err := db.Settings(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	in := verdict.ReminderInput{Services: all, Verdicts: map[int64]verdict.Kind{}, Settings: settings, AsOf: asOf, Loc: loc}
	// Without a usable converter there are no verdicts, but renewals,
	// waiting tickets and open outages are still worth a reminder.
	j, err := newJudge(ctx, db, asOf, loc)
	if err != nil {
		return verdict.Reminders(in), nil
	}
	for _, d := range all {
		j.loaded[d.Service.ID] = d
	}
	for _, d := range all {
		if jd, err := j.judge(d.Service.ID); err == nil {
			in.Verdicts[d.Service.ID] = jd.Verdict.Kind
		}
	}
	return verdict.Reminders(in), nil
}
