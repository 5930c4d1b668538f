package importer_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"lapse/app/importer"
	"lapse/app/journal"
)

// wallosSample is the testdata export, decoded to edit it into broken ones.
func wallosSample(t *testing.T) []map[string]any {
	t.Helper()
	var items []map[string]any
	must(t, json.Unmarshal(testdata(t, "wallos-subscriptions.json"), &items))
	return items
}

func encode(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	must(t, err)
	return data
}

func TestWallos(t *testing.T) {
	ctx := context.Background()
	quarterly := journal.Period{N: 3, Unit: journal.Months}
	want := []wantSubscription{
		// Active: starts on its next payment.
		{"Netflix", "", 1599, "EUR", monthly, "2026-12-05", "", "PayPal"},
		{"Parley AI", "", 2000, "USD", monthly, "2026-12-01", "", "Credit Card"},
		{"Amazon Prime", "", 5900, "JPY", yearly, "2027-02-14", "", "Credit Card"},
		{"Backblaze", "", 2100, "USD", quarterly, "2026-12-20", "", "Credit Card"},
		// Inactive: its last period paid, to its cancellation date.
		{"Evernote", "", 6499, "EUR", yearly, "2024-09-14", "2025-08-30", "PayPal"},
		// One-time: one payment on its date.
		{"Affinity Photo", "", 6999, "GBP", yearly, "2025-03-10", "2025-03-10", "Credit Card"},
	}
	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		plan, err := importer.ParseWallos("subscriptions.json", testdata(t, "wallos-subscriptions.json"), nil, importer.WallosOptions{})
		must(t, err)
		pv := plan.Preview()
		if !strings.HasPrefix(pv.Summary, "6 subscriptions of 6 services, 6 new") {
			t.Errorf("summary %q", pv.Summary)
		}
		if len(pv.Warnings) != 2 || !strings.Contains(pv.Warnings[0].Text, `prices in "$" were read as USD`) ||
			!strings.Contains(pv.Warnings[1].Text, `prices in "¥" were read as JPY; if they are in CNY`) {
			t.Errorf("warnings %q", pv.Warnings)
		}
		res, err := plan.Apply(ctx, db)
		must(t, err)
		if res.Created != 6 || len(res.NewServices) != 6 {
			t.Errorf("result %+v", res)
		}
		assertSubscriptions(t, db, want)
		svc, _ := subscriptionsOf(t, db, "Evernote")
		if svc.Category != "Productivity" || svc.Website != "https://evernote.com" || svc.Notes != "Moved notes to Obsidian" {
			t.Errorf("service %+v", svc)
		}

		// The same export again adds nothing.
		res, err = parseAndApply(ctx, db, func() (importer.Plan, error) {
			return importer.ParseWallos("subscriptions.json", testdata(t, "wallos-subscriptions.json"), services(t, db),
				importer.WallosOptions{})
		})
		must(t, err)
		if res.Created != 0 || res.Skipped != 6 {
			t.Errorf("second import %+v", res)
		}
	})
	t.Run("SymbolGiven", func(t *testing.T) {
		db := mustOpen(t)
		plan, err := importer.ParseWallos("subscriptions.json", testdata(t, "wallos-subscriptions.json"), nil,
			importer.WallosOptions{Symbols: map[string]string{"$": "CAD"}})
		must(t, err)
		if w := plan.Preview().Warnings; len(w) != 1 || !strings.Contains(w[0].Text, `"¥"`) {
			t.Errorf("warnings %q: only ¥ is still a guess", w)
		}
		_, err = plan.Apply(ctx, db)
		must(t, err)
		_, list := subscriptionsOf(t, db, "Parley AI")
		if len(list) != 1 || list[0].Currency != "CAD" || list[0].Amount != 2000 {
			t.Errorf("Parley AI %+v", list)
		}
	})
	t.Run("EndpointAnswer", func(t *testing.T) {
		db := mustOpen(t)
		doc := map[string]any{"success": true, "subscriptions": wallosSample(t)}
		_, err := parseAndApply(ctx, db, func() (importer.Plan, error) {
			return importer.ParseWallos("export.json", encode(t, doc), nil, importer.WallosOptions{})
		})
		must(t, err)
		assertSubscriptions(t, db, want)
	})
	t.Run("OlderExportWithState", func(t *testing.T) {
		db := mustOpen(t)
		items := wallosSample(t)[4:5]
		delete(items[0], "Active")
		_, err := parseAndApply(ctx, db, func() (importer.Plan, error) {
			return importer.ParseWallos("subscriptions.json", encode(t, items), nil, importer.WallosOptions{})
		})
		must(t, err)
		assertSubscriptions(t, db, want[4:5])
	})

	for _, tc := range []struct {
		name string
		edit func(items []map[string]any) any
		want string
	}{
		{"WrongType", func(items []map[string]any) any { items[3]["Price"] = 21; return items },
			`subscriptions.json [3].Price: must be a string, not a number (21)`},
		{"MissingField", func(items []map[string]any) any { delete(items[1], "Next Payment"); return items },
			`subscriptions.json [1].Next Payment: is missing`},
		{"OldExportWithoutCycle", func(items []map[string]any) any { delete(items[0], "Payment Cycle"); return items },
			`subscriptions.json [0].Payment Cycle: is missing`},
		{"NullName", func(items []map[string]any) any { items[2]["Name"] = nil; return items },
			`subscriptions.json [2].Name: must not be null`},
		{"EmptyName", func(items []map[string]any) any { items[2]["Name"] = " "; return items },
			`subscriptions.json [2].Name: name is required`},
		{"BadDate", func(items []map[string]any) any { items[0]["Next Payment"] = "2026-13-01"; return items },
			`subscriptions.json [0].Next Payment: "2026-13-01" is not a date`},
		{"BadCancellationDate", func(items []map[string]any) any { items[4]["Cancellation Date"] = "soon"; return items },
			`subscriptions.json [4].Cancellation Date: "soon" is not a date`},
		{"BadCycle", func(items []map[string]any) any { items[5]["Payment Cycle"] = "Every 2 "; return items },
			`subscriptions.json [5].Payment Cycle: "Every 2 " is not a billing period`},
		{"SharedSymbol", func(items []map[string]any) any { items[0]["Price"] = "kr99"; return items },
			`subscriptions.json [0].Price: the symbol "kr" is used by DKK, SEK, ISK, NOK: say which it is`},
		{"UnknownSymbol", func(items []map[string]any) any { items[0]["Price"] = "₿0.001"; return items },
			`subscriptions.json [0].Price: Lapse does not know the currency of the symbol "₿"`},
		{"NotAPrice", func(items []map[string]any) any { items[0]["Price"] = "€free"; return items },
			`subscriptions.json [0].Price: "€free" is not a price`},
		{"TooManyDecimals", func(items []map[string]any) any { items[2]["Price"] = "¥5900.5"; return items },
			`subscriptions.json [2].Price: "5900.5" has more decimals than JPY allows`},
		{"BadActive", func(items []map[string]any) any { items[0]["Active"] = "Maybe"; return items },
			`subscriptions.json [0].Active: must be "Yes" or "No", not "Maybe"`},
		{"NotAnObject", func(items []map[string]any) any { return []any{items[0], "Netflix"} },
			`subscriptions.json [1]: must be an object, not a string`},
		{"NotAList", func([]map[string]any) any { return "subscriptions" },
			`subscriptions.json: must be a list, not a string`},
		{"NoList", func([]map[string]any) any { return map[string]any{"success": true} },
			`subscriptions.json subscriptions: is missing`},
		{"FailedExport", func([]map[string]any) any { return map[string]any{"success": false, "message": "Session expired"} },
			`subscriptions.json: it is Wallos's answer to a failed export (Session expired)`},
		{"Empty", func([]map[string]any) any { return []any{} }, `subscriptions.json: it holds no subscriptions`},
	} {
		t.Run("Err"+tc.name, func(t *testing.T) {
			db := mustOpen(t)
			mustService(t, db, "Netflix")
			before := dump(t, db)
			data := encode(t, tc.edit(wallosSample(t)))
			_, err := parseAndApply(ctx, db, func() (importer.Plan, error) {
				return importer.ParseWallos("subscriptions.json", data, services(t, db), importer.WallosOptions{})
			})
			assertRefused(t, db, before, err, tc.want)
		})
	}
	t.Run("ErrNotJSON", func(t *testing.T) {
		db := mustOpen(t)
		before := dump(t, db)
		data := testdata(t, "wallos-subscriptions.json")
		_, err := importer.ParseWallos("subscriptions.json", data[:len(data)/2], nil, importer.WallosOptions{})
		assertRefused(t, db, before, err, `subscriptions.json: it is not valid JSON: it ends too early (line 1)`)
	})
	t.Run("ErrHuge", func(t *testing.T) {
		db := mustOpen(t)
		before := dump(t, db)
		data := []byte("[" + strings.Repeat(`{"Name":"x"},`, importer.MaxSize/13) + `{"Name":"x"}]`)
		_, err := importer.ParseWallos("subscriptions.json", data, nil, importer.WallosOptions{})
		assertRefused(t, db, before, err, `subscriptions.json: it is larger than 10 MiB`)
	})
}

// TestWallosEntities: Wallos keeps what users type HTML-escaped, and its
// export carries the escapes; the journal gets the text.
func TestWallosEntities(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	plan, err := importer.ParseWallos("subscriptions.json", testdata(t, "wallos-entities.json"), nil, importer.WallosOptions{})
	must(t, err)
	if got := plan.Preview().String(); strings.Contains(got, "&amp;") || !strings.Contains(got, "AT&T Fiber (new)") ||
		!strings.Contains(got, "Tom's VPN") || !strings.Contains(got, "Gym <Basic>") {
		t.Errorf("preview shows escapes:\n%s", got)
	}
	_, err = plan.Apply(ctx, db)
	must(t, err)
	assertSubscriptions(t, db, []wantSubscription{
		{"AT&T Fiber", "", 6500, "USD", monthly, "2026-12-06", "", `Visa "Gold"`},
		{"Tom's VPN", "", 3999, "EUR", yearly, "2027-01-10", "", "PayPal"},
		{"Gym <Basic>", "", 2900, "EUR", monthly, "2026-12-01", "", "Bank & Transfer"},
	})
	att, _ := subscriptionsOf(t, db, "AT&T Fiber")
	if att.Category != "Internet & Phone" || att.Notes != "Bundle <TV + Net> & router" ||
		att.Website != "https://www.att.com/account?plan=fiber&ref=wallos" {
		t.Errorf("service %q: category %q, notes %q, website %q", att.Name, att.Category, att.Notes, att.Website)
	}
	gym, _ := subscriptionsOf(t, db, "Gym <Basic>")
	if gym.Category != "Health & Fitness" {
		t.Errorf("category %q", gym.Category)
	}
}

// TestWallosEveryProblemInOneRun: each broken subscription of an export is
// named, in one run.
func TestWallosEveryProblemInOneRun(t *testing.T) {
	items := wallosSample(t)
	items[1]["Price"] = "kr99"
	items[3]["Payment Cycle"] = "Sometimes"
	_, err := importer.ParseWallos("subscriptions.json", encode(t, items), nil, importer.WallosOptions{})
	for _, want := range []string{"subscriptions.json: 2 problems:", `[1].Price: the symbol "kr" is used by`,
		`[3].Payment Cycle: "Sometimes" is not a billing period`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nwant it to contain %q", err, want)
		}
	}
}
