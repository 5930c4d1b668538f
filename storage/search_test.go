package storage_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func TestSearch(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	claude := &journal.Service{Name: "Claude", Notes: "Paid since 2025; 100% AI chat"}
	if err := db.CreateService(ctx, claude); err != nil {
		t.Fatal(err)
	}
	outage := &journal.Outage{ServiceID: claude.ID, Title: "Login loop", Start: testNow.Add(-48 * time.Hour),
		Impact: journal.ImpactDown, Source: journal.SourceMe, Platforms: []string{"Chrome desktop"},
		Symptoms: "ブラウザでログインできない", Resolution: "Bug fixed by support"}
	if err := db.CreateOutage(ctx, outage); err != nil {
		t.Fatal(err)
	}
	tk := MustCreateTicket(t, db, claude.ID, "Cannot log in", testNow.Add(-47*time.Hour))
	tk.Reference = "REF-7781"
	if err := db.UpdateTicket(ctx, tk); err != nil {
		t.Fatal(err)
	}
	apology := MustAddMessage(t, db, tk.ID, "Apology and confirmation of the bug", testNow.Add(-time.Hour))
	japanese := &journal.Message{TicketID: tk.ID, At: testNow.Add(-2 * time.Hour), Direction: journal.Received,
		Author: journal.AuthorHuman, Summary: "不具合の修正について", Body: "ご不便をおかけして申し訳ございません。修正をリリースしました。"}
	if err := db.AddMessage(ctx, japanese); err != nil {
		t.Fatal(err)
	}
	trashed := MustAddMessage(t, db, tk.ID, "Confirmation deleted later", testNow)
	if _, err := db.DeleteMessage(ctx, trashed.ID); err != nil {
		t.Fatal(err)
	}

	type hit struct {
		Kind string
		ID   int64
	}
	tests := []struct {
		name  string
		query string
		limit int
		want  []hit
	}{
		{"a word of a message summary", "apology", 0, []hit{{"message", apology.ID}}},
		{"any case", "CONFIRMATION", 0, []hit{{"message", apology.ID}}},
		{"Japanese in a summary", "修正", 0, []hit{{"message", japanese.ID}}},
		{"Japanese in symptoms", "ログイン", 0, []hit{{"outage", outage.ID}}},
		{"a platform", "chrome", 0, []hit{{"outage", outage.ID}}},
		{"a ticket reference", "ref-7781", 0, []hit{{"ticket", tk.ID}}},
		{"a service note, % taken literally", "100%", 0, []hit{{"service", claude.ID}}},
		{"_ taken literally", "_", 0, nil},
		{"newest first across kinds", "bug", 0, []hit{{"message", apology.ID}, {"outage", outage.ID}}},
		{"limit", "bug", 1, []hit{{"message", apology.ID}}},
		{"nothing", "   ", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := db.Search(ctx, tt.query, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []hit
			for _, h := range hits {
				got = append(got, hit{h.Kind, h.ID})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Search(%q) = %+v, want %+v", tt.query, got, tt.want)
			}
		})
	}

	t.Run("HitFields", func(t *testing.T) {
		hits, err := db.Search(ctx, "申し訳", 10)
		if err != nil {
			t.Fatal(err)
		}
		want := []storage.SearchHit{{Kind: "message", ID: japanese.ID, ServiceID: claude.ID, TicketID: tk.ID,
			Title: "不具合の修正について", Snippet: "ご不便をおかけして申し訳ございません。修正をリリースしました。", At: testNow.Add(-2 * time.Hour)}}
		if !reflect.DeepEqual(hits, want) {
			t.Errorf("got %+v, want %+v", hits, want)
		}
		hits, err = db.Search(ctx, "Chrome", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Snippet != "Chrome desktop" || hits[0].Title != "Login loop" || hits[0].ServiceID != claude.ID {
			t.Errorf("outage hit %+v", hits)
		}
	})
}
