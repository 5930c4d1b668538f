package review_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/words"
	"lapse/storage"
)

func TestOfficialLine(t *testing.T) {
	some := review.OfficialFigures{Incidents: 2, Time: 130 * time.Minute}
	for _, tc := range []struct {
		f     review.OfficialFigures
		lived time.Duration
		l     words.Lang
		want  string
	}{
		{some, 363 * time.Hour, words.EN, "The status page reported 2 hours 10 minutes of incidents in this period; you recorded 15 days 3 hours unusable."},
		{some, 363 * time.Hour, words.JA, "この期間にステータスページが報告した障害は2時間10分でした。あなたの記録では15日3時間利用できませんでした。"},
		{review.OfficialFigures{}, 15 * 24 * time.Hour, words.EN, "The status page reported no incidents in this period; you recorded 15 days unusable."},
		{some, 0, words.EN, "The status page reported 2 hours 10 minutes of incidents in this period; you recorded no unusable time."},
		{review.OfficialFigures{}, 0, words.JA, "この期間、ステータスページは障害を報告しておらず、あなたの記録でも利用できなかった時間はありません。"},
	} {
		if got := review.OfficialLine(tc.f, tc.lived, tc.l); got != tc.want {
			t.Errorf("OfficialLine(%+v, %v, %s) =\n%s\nwant\n%s", tc.f, tc.lived, tc.l, got, tc.want)
		}
	}
}

func TestOfficialByMonth(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "j.db"), storage.Options{Now: func() time.Time { return asOf }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := &journal.Service{Name: "Parley AI"}
	if err := db.CreateService(ctx, svc); err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time { v, _ := time.Parse("2006-01-02 15:04", s); return v }
	end := func(s string) *time.Time { v := at(s); return &v }
	for _, o := range []journal.Outage{
		// Across midnight of Oct 31 (UTC): an hour in each month.
		{ServiceID: svc.ID, Start: at("2026-10-31 23:00"), End: end("2026-11-01 01:00"), Impact: journal.ImpactDown, Source: journal.SourceOfficial, ExternalID: "a"},
		// A feed entry of no length, and one still going on at as-of (Nov 25 10:00).
		{ServiceID: svc.ID, Start: at("2026-11-03 08:00"), End: end("2026-11-03 08:00"), Impact: journal.ImpactDegraded, Source: journal.SourceOfficial, ExternalID: "b"},
		{ServiceID: svc.ID, Start: at("2026-11-25 06:00"), Impact: journal.ImpactPartial, Source: journal.SourceOfficial, ExternalID: "c"},
	} {
		if err := db.CreateOutage(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	r, err := review.Build(ctx, db, review.Options{ServiceIDs: []int64{svc.ID}, From: at("2026-10-01 00:00"), To: at("2026-12-01 00:00"),
		AsOf: asOf, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	s := &r.Services[0]
	got := r.OfficialByMonth(s)
	want := []review.OfficialFigures{
		{Incidents: 1, Time: time.Hour, Unusable: time.Hour},
		{Incidents: 3, Time: 5 * time.Hour, Unusable: time.Hour},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("by month %+v, want %+v", got, want)
	}
	if all := r.Official(s); all != (review.OfficialFigures{Incidents: 3, Time: 6 * time.Hour, Unusable: 2 * time.Hour}) {
		t.Errorf("window %+v", all)
	}
	// The monthly chart's official series is the major-outage part, by month.
	sm := r.Monthly(s, words.EN)
	if !sm.Official || len(sm.Points) != 2 || sm.Points[0].OfficialHours != 1 || sm.Points[1].OfficialHours != 1 {
		t.Errorf("chart series %+v", sm)
	}
}
