package storage_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func TestOutage(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db, c := MustOpenDBClock(t)
		svc := MustCreateService(t, db, "Claude")
		tokyo := time.FixedZone("JST", 9*3600)
		start := time.Date(2026, 11, 1, 9, 30, 15, 900_000_000, tokyo)
		end := start.Add(14 * 24 * time.Hour)
		o := &journal.Outage{
			ServiceID:   svc.ID,
			Title:       "Login loop",
			Start:       start,
			End:         &end,
			Impact:      journal.ImpactPartial,
			Platforms:   []string{"Chrome desktop", "Android Chrome", "Edge"},
			StillWorked: "Android app",
			Symptoms:    "Stops at \"redirecting\"; ログインできない",
			Steps: []journal.Step{
				{Action: "Cleared cache and cookies", Result: "no change"},
				{Action: "Incognito window", Result: "no change"},
				{Action: "Another browser", Result: "same loop"},
			},
			Resolution: "Support confirmed a bug and shipped a fix",
			Source:     journal.SourceOfficial,
			Link:       "https://status.anthropic.com/incidents/abc",
			ExternalID: "abc",
		}
		if err := db.CreateOutage(ctx, o); err != nil {
			t.Fatal(err)
		}
		wantStart := time.Date(2026, 11, 1, 0, 30, 15, 0, time.UTC)
		wantEnd := wantStart.Add(14 * 24 * time.Hour)
		if o.ID == 0 || !o.Start.Equal(wantStart) || o.Start.Location() != time.UTC || !o.End.Equal(wantEnd) {
			t.Fatalf("created with id %d start %v end %v, want whole seconds in UTC", o.ID, o.Start, o.End)
		}
		if !o.CreatedAt.Equal(testNow) || !o.UpdatedAt.Equal(testNow) {
			t.Errorf("created %v updated %v", o.CreatedAt, o.UpdatedAt)
		}
		got, err := db.Outage(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, o) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, o)
		}

		c.Add(time.Hour)
		got.End = nil
		got.Platforms = []string{"Edge"}
		got.Steps = nil
		if err := db.UpdateOutage(ctx, got); err != nil {
			t.Fatal(err)
		}
		again, err := db.Outage(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again.End != nil || !reflect.DeepEqual(again.Platforms, []string{"Edge"}) || again.Steps != nil {
			t.Errorf("after update: %+v", again)
		}
		if !again.CreatedAt.Equal(testNow) || !again.UpdatedAt.Equal(testNow.Add(time.Hour)) {
			t.Errorf("created %v updated %v", again.CreatedAt, again.UpdatedAt)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Claude")
		before := testNow.Add(-time.Hour)
		tests := []struct {
			name   string
			o      journal.Outage
			code   journal.Code
			field  string
			reason journal.Reason
		}{
			{"end before start", journal.Outage{ServiceID: svc.ID, Start: testNow, End: &before, Impact: journal.ImpactDown, Source: journal.SourceMe},
				journal.EINVALID, "end", journal.ReasonEndBeforeStart},
			{"no start", journal.Outage{ServiceID: svc.ID, Impact: journal.ImpactDown, Source: journal.SourceMe},
				journal.EINVALID, "start", journal.ReasonRequired},
			{"unknown impact", journal.Outage{ServiceID: svc.ID, Start: testNow, Impact: "slow", Source: journal.SourceMe},
				journal.EINVALID, "impact", journal.ReasonInvalidChoice},
			{"blank platform", journal.Outage{ServiceID: svc.ID, Start: testNow, Impact: journal.ImpactDown, Source: journal.SourceMe, Platforms: []string{" "}},
				journal.EINVALID, "platforms", journal.ReasonRequired},
			{"service that does not exist", journal.Outage{ServiceID: 9999, Start: testNow, Impact: journal.ImpactDown, Source: journal.SourceMe},
				journal.EINVALID, "service", journal.ReasonNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				o := tt.o
				assertFieldError(t, db.CreateOutage(ctx, &o), tt.code, tt.field, tt.reason)
			})
		}
	})

	t.Run("Filter", func(t *testing.T) {
		db := MustOpenDB(t)
		claude := MustCreateService(t, db, "Claude")
		gemini := MustCreateService(t, db, "Gemini")
		day := func(d int) time.Time { return time.Date(2026, 10, d, 0, 0, 0, 0, time.UTC) }
		early := MustCreateOutage(t, db, claude.ID, "Early", day(1), 2*24*time.Hour)         // Oct 1-3
		edge := MustCreateOutage(t, db, claude.ID, "Ends at window", day(3), 2*24*time.Hour) // Oct 3-5
		blip := MustCreateOutage(t, db, gemini.ID, "Blip", day(5), 0)                        // Oct 5, no length
		official := &journal.Outage{ServiceID: claude.ID, Title: "API errors", Start: day(10), Impact: journal.ImpactDegraded,
			Source: journal.SourceOfficial, Link: "https://status.example.com/incidents/1", Platforms: []string{"API"}}
		if err := db.CreateOutage(ctx, official); err != nil { // Oct 10, ongoing
			t.Fatal(err)
		}
		from, to := day(5), day(8)
		yes, no := true, false
		src := journal.SourceOfficial
		tests := []struct {
			name   string
			filter storage.OutageFilter
			want   []int64
		}{
			{"all, newest start first", storage.OutageFilter{}, []int64{official.ID, blip.ID, edge.ID, early.ID}},
			{"one service", storage.OutageFilter{ServiceID: &gemini.ID}, []int64{blip.ID}},
			{"overlapping Oct 5-8", storage.OutageFilter{From: &from, To: &to}, []int64{blip.ID}},
			{"from Oct 5: the ongoing one runs on", storage.OutageFilter{From: &from}, []int64{official.ID, blip.ID}},
			{"before Oct 5", storage.OutageFilter{To: &from}, []int64{edge.ID, early.ID}},
			{"ongoing", storage.OutageFilter{Ongoing: &yes}, []int64{official.ID}},
			{"ended", storage.OutageFilter{Ongoing: &no}, []int64{blip.ID, edge.ID, early.ID}},
			{"official", storage.OutageFilter{Source: &src}, []int64{official.ID}},
			{"linked to an incident", storage.OutageFilter{Linked: true}, []int64{official.ID}},
			{"query a platform", storage.OutageFilter{Query: "api"}, []int64{official.ID}},
			{"query a title", storage.OutageFilter{Query: "EARLY"}, []int64{early.ID}},
			{"query with a LIKE wildcard", storage.OutageFilter{Query: "%"}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				list, err := db.Outages(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for _, o := range list {
					ids = append(ids, o.ID)
				}
				if !reflect.DeepEqual(ids, tt.want) {
					t.Errorf("got %v, want %v", ids, tt.want)
				}
			})
		}
	})

	t.Run("DownNowAndBack", func(t *testing.T) {
		path := t.TempDir() + "/journal.db"
		c := &clock{t: time.Date(2026, 11, 25, 19, 15, 42, 700_000_000, time.FixedZone("JST", 9*3600))}
		db := MustOpenPath(t, path, c)
		svc := MustCreateService(t, db, "Claude")

		_, err := db.OngoingOutage(ctx, svc.ID)
		assertCode(t, err, journal.ENOTFOUND)

		o, err := db.StartOutage(ctx, svc.ID, " Login loop again ")
		if err != nil {
			t.Fatal(err)
		}
		wantStart := time.Date(2026, 11, 25, 10, 15, 42, 0, time.UTC)
		if !o.Start.Equal(wantStart) || o.Start.Location() != time.UTC || o.End != nil ||
			o.Impact != journal.ImpactDown || o.Source != journal.SourceMe || o.Title != "Login loop again" {
			t.Fatalf("Down now recorded %+v", o)
		}
		ongoing, err := db.OngoingOutage(ctx, svc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ongoing.ID != o.ID {
			t.Errorf("ongoing outage %d, want %d", ongoing.ID, o.ID)
		}
		// A second "Down now" while it is down is refused and names the ongoing one.
		again, err := db.StartOutage(ctx, svc.ID, "still down")
		assertFieldError(t, err, journal.ECONFLICT, "service", journal.ReasonAlreadyDown)
		if again == nil || again.ID != o.ID {
			t.Errorf("the refusal returned %+v, want the ongoing outage %d", again, o.ID)
		}
		// An ongoing official incident is not the user's outage to end.
		if err := db.UpsertOfficialOutage(ctx, &journal.Outage{ServiceID: svc.ID, Title: "Elevated errors", Start: wantStart.Add(time.Minute),
			Impact: journal.ImpactDegraded, Source: journal.SourceOfficial, ExternalID: "inc-1"}); err != nil {
			t.Fatal(err)
		}
		if ongoing, err := db.OngoingOutage(ctx, svc.ID); err != nil || ongoing.ID != o.ID {
			t.Errorf("ongoing outage = %+v, %v; want the lived one %d", ongoing, err, o.ID)
		}

		c.Add(3*time.Hour + 30*time.Second)
		back, err := db.EndOutage(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if back.End == nil || !back.End.Equal(wantStart.Add(3*time.Hour+30*time.Second)) {
			t.Errorf("It's back ended at %v", back.End)
		}
		_, err = db.OngoingOutage(ctx, svc.ID)
		assertCode(t, err, journal.ENOTFOUND)
		_, err = db.EndOutage(ctx, o.ID)
		assertCode(t, err, journal.ECONFLICT)
		_, err = db.StartOutage(ctx, 9999, "")
		assertFieldError(t, err, journal.EINVALID, "service", journal.ReasonNotFound)
	})

	t.Run("UpsertOfficialOutageIsIdempotent", func(t *testing.T) {
		db, c := MustOpenDBClock(t)
		claude := MustCreateService(t, db, "Claude")
		gemini := MustCreateService(t, db, "Gemini")
		incident := func(serviceID int64, title string) *journal.Outage {
			return &journal.Outage{ServiceID: serviceID, Title: title, Start: testNow.Add(-2 * time.Hour),
				Impact: journal.ImpactDegraded, Source: journal.SourceOfficial, ExternalID: "inc-42"}
		}
		first := incident(claude.ID, "Elevated errors")
		if err := db.UpsertOfficialOutage(ctx, first); err != nil {
			t.Fatal(err)
		}
		c.Add(time.Hour)
		second := incident(claude.ID, "Elevated errors on Claude.ai")
		end := testNow
		second.End = &end
		if err := db.UpsertOfficialOutage(ctx, second); err != nil {
			t.Fatal(err)
		}
		if second.ID != first.ID {
			t.Errorf("re-import created outage %d, want an update of %d", second.ID, first.ID)
		}
		other := incident(gemini.ID, "Same id, other service")
		if err := db.UpsertOfficialOutage(ctx, other); err != nil {
			t.Fatal(err)
		}
		list, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &claude.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Title != "Elevated errors on Claude.ai" || list[0].End == nil ||
			!list[0].CreatedAt.Equal(testNow) || !list[0].UpdatedAt.Equal(testNow.Add(time.Hour)) {
			t.Errorf("after two imports: %+v", list)
		}
		if other.ID == first.ID {
			t.Error("an incident of another service with the same id replaced the first")
		}
		noID := incident(claude.ID, "No id")
		noID.ExternalID = ""
		assertFieldError(t, db.UpsertOfficialOutage(ctx, noID), journal.EINVALID, "external_id", journal.ReasonRequired)
	})

	t.Run("ErrDuplicateExternalID", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Claude")
		for i, want := range []journal.Code{"", journal.ECONFLICT} {
			o := &journal.Outage{ServiceID: svc.ID, Start: testNow, Impact: journal.ImpactDown, Source: journal.SourceOfficial, ExternalID: "x"}
			err := db.CreateOutage(ctx, o)
			if got := journal.ErrorCode(err); got != want {
				t.Errorf("create #%d: %v, want code %q", i+1, err, want)
			}
		}
	})

	t.Run("PlatformSuggestions", func(t *testing.T) {
		db := MustOpenDB(t)
		svc := MustCreateService(t, db, "Claude")
		for _, ps := range [][]string{{"Edge", "Chrome desktop"}, {"Chrome desktop"}, {"Android app", "Chrome desktop", "Edge"}} {
			o := &journal.Outage{ServiceID: svc.ID, Start: testNow, Impact: journal.ImpactDown, Source: journal.SourceMe, Platforms: ps}
			if err := db.CreateOutage(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		trashed := &journal.Outage{ServiceID: svc.ID, Start: testNow, Impact: journal.ImpactDown, Source: journal.SourceMe,
			Platforms: []string{"iPad", "iPad"}}
		if err := db.CreateOutage(ctx, trashed); err != nil {
			t.Fatal(err)
		}
		if _, err := db.DeleteOutage(ctx, trashed.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.PlatformSuggestions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Chrome desktop", "Edge", "Android app"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("suggestions %q, want %q", got, want)
		}
	})
}
