package storage_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func TestService(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db, c := MustOpenDBClock(t)
		gemini := MustCreateService(t, db, "Gemini")
		chatgpt := MustCreateService(t, db, "ChatGPT")
		s := &journal.Service{
			Name:         "  Claude ",
			Category:     "AI chat",
			Website:      "https://claude.ai",
			StatusPage:   "https://status.anthropic.com",
			Notes:        "Paid plan since 2025. ログインの問題あり",
			Archived:     true,
			Alternatives: []int64{gemini.ID, chatgpt.ID, gemini.ID},
		}
		if err := db.CreateService(ctx, s); err != nil {
			t.Fatal(err)
		}
		want := journal.Service{
			ID: s.ID, Name: "Claude", Category: "AI chat", Website: "https://claude.ai",
			StatusPage: "https://status.anthropic.com", Notes: "Paid plan since 2025. ログインの問題あり", Archived: true,
			Alternatives: []int64{gemini.ID, chatgpt.ID}, CreatedAt: testNow, UpdatedAt: testNow,
		}
		if s.ID == 0 || !reflect.DeepEqual(*s, want) {
			t.Fatalf("created %+v, want %+v", *s, want)
		}
		got, err := db.Service(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("read back %+v, want %+v", *got, want)
		}

		c.Add(time.Hour)
		got.Name, got.Archived, got.Alternatives = "Claude Pro", false, []int64{chatgpt.ID}
		if err := db.UpdateService(ctx, got); err != nil {
			t.Fatal(err)
		}
		again, err := db.Service(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again.Name != "Claude Pro" || again.Archived || !reflect.DeepEqual(again.Alternatives, []int64{chatgpt.ID}) {
			t.Errorf("after update: %+v", again)
		}
		if !again.CreatedAt.Equal(testNow) || !again.UpdatedAt.Equal(testNow.Add(time.Hour)) {
			t.Errorf("created %v updated %v, want %v and an hour later", again.CreatedAt, again.UpdatedAt, testNow)
		}
	})

	t.Run("ByNameIgnoresCase", func(t *testing.T) {
		db := MustOpenDB(t)
		s := MustCreateService(t, db, "Claude")
		got, err := db.ServiceByName(ctx, " CLAUDE ")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != s.ID {
			t.Errorf("found %d, want %d", got.ID, s.ID)
		}
		_, err = db.ServiceByName(ctx, "Gemini")
		assertCode(t, err, journal.ENOTFOUND)
	})

	t.Run("ListIsByNameIgnoringCase", func(t *testing.T) {
		db := MustOpenDB(t)
		for _, n := range []string{"gemini", "ChatGPT", "claude", "Ärger"} {
			MustCreateService(t, db, n)
		}
		old := &journal.Service{Name: "Bard", Archived: true}
		if err := db.CreateService(ctx, old); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			filter storage.ServiceFilter
			want   []string
		}{
			{"live, not archived", storage.ServiceFilter{}, []string{"ChatGPT", "claude", "gemini", "Ärger"}},
			{"with archived", storage.ServiceFilter{IncludeArchived: true}, []string{"Bard", "ChatGPT", "claude", "gemini", "Ärger"}},
			{"query any case", storage.ServiceFilter{Query: "CLA"}, []string{"claude"}},
			{"query matches an archived one only if asked", storage.ServiceFilter{Query: "bar"}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				list, err := db.Services(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, s := range list {
					names = append(names, s.Name)
				}
				if !reflect.DeepEqual(names, tt.want) {
					t.Errorf("got %q, want %q", names, tt.want)
				}
			})
		}
	})

	t.Run("ErrNameRequired", func(t *testing.T) {
		db := MustOpenDB(t)
		err := db.CreateService(ctx, &journal.Service{Name: "  "})
		assertFieldError(t, err, journal.EINVALID, "name", journal.ReasonRequired)
	})

	t.Run("ErrNameDuplicateIgnoringCase", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateService(t, db, "Claude")
		err := db.CreateService(ctx, &journal.Service{Name: "claude"})
		assertFieldError(t, err, journal.ECONFLICT, "name", journal.ReasonDuplicate)
		if !strings.Contains(err.Error(), `"Claude"`) {
			t.Errorf("message %q does not name the service that has the name", err)
		}
		MustCreateService(t, db, "ÄRGER")
		err = db.CreateService(ctx, &journal.Service{Name: "ärger"}) // case beyond ASCII
		assertFieldError(t, err, journal.ECONFLICT, "name", journal.ReasonDuplicate)
	})

	t.Run("ErrRenameToATakenName", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateService(t, db, "Claude")
		s := MustCreateService(t, db, "Gemini")
		s.Name = "CLAUDE"
		assertFieldError(t, db.UpdateService(ctx, s), journal.ECONFLICT, "name", journal.ReasonDuplicate)
		s.Name = "gemini" // its own name in another case is fine
		if err := db.UpdateService(ctx, s); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrInvalidURL", func(t *testing.T) {
		db := MustOpenDB(t)
		err := db.CreateService(ctx, &journal.Service{Name: "Claude", Website: "claude.ai"})
		assertFieldError(t, err, journal.EINVALID, "website", journal.ReasonInvalidURL)
	})

	t.Run("ErrAlternatives", func(t *testing.T) {
		db := MustOpenDB(t)
		s := MustCreateService(t, db, "Claude")
		s.Alternatives = []int64{s.ID}
		assertFieldError(t, db.UpdateService(ctx, s), journal.EINVALID, "alternatives", journal.ReasonSelfReference)
		s.Alternatives = []int64{9999}
		assertFieldError(t, db.UpdateService(ctx, s), journal.EINVALID, "alternatives", journal.ReasonNotFound)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := MustOpenDB(t)
		_, err := db.Service(ctx, 42)
		assertCode(t, err, journal.ENOTFOUND)
		assertCode(t, db.UpdateService(ctx, &journal.Service{ID: 42, Name: "Claude"}), journal.ENOTFOUND)
		_, err = db.DeleteService(ctx, 42)
		assertCode(t, err, journal.ENOTFOUND)
	})
}
