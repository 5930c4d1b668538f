package importer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"lapse/app/importer"
	"lapse/app/journal"
)

func TestCSV(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		mustService(t, db, "netflix")
		plan, err := importer.ParseCSV("subscriptions.csv", testdata(t, "subscriptions.csv"), services(t, db))
		must(t, err)
		pv := plan.Preview()
		if want := "4 subscriptions of 4 services, 3 new"; !strings.HasPrefix(pv.Summary, want) {
			t.Errorf("summary %q, want it to start with %q", pv.Summary, want)
		}
		if len(pv.Rows) != 4 || pv.Rows[0][0] != "Parley AI (new)" || pv.Rows[1][0] != "Netflix" || pv.Rows[1][2] != "1590 JPY" {
			t.Errorf("preview rows %q", pv.Rows)
		}
		if len(pv.Warnings) != 0 {
			t.Errorf("warnings %q", pv.Warnings)
		}
		res, err := plan.Apply(ctx, db)
		must(t, err)
		if res.Created != 4 || res.Skipped != 0 || strings.Join(res.NewServices, ",") != "Parley AI,Backblaze,Proton" {
			t.Errorf("result %+v", res)
		}
		if got, want := res.String(), "4 subscriptions added; new services: Parley AI, Backblaze, Proton"; got != want {
			t.Errorf("result text %q, want %q", got, want)
		}
		assertSubscriptions(t, db, []wantSubscription{
			{"Parley AI", "Pro", 2000, "USD", monthly, "2026-01-15", "", "Visa ending 4242"},
			{"netflix", "Standard", 1590, "JPY", monthly, "2025-06-01", "2026-10-31", ""},
			{"Backblaze", "B2", 2100, "USD", journal.Period{N: 3, Unit: journal.Months}, "2026-03-20", "", ""},
			{"Proton", "Mail Plus", 4788, "EUR", yearly, "2025-11-02", "", "PayPal, personal"},
		})

		// The same file again adds nothing.
		before := dump(t, db)
		plan, err = importer.ParseCSV("subscriptions.csv", testdata(t, "subscriptions.csv"), services(t, db))
		must(t, err)
		if pv := plan.Preview(); !strings.HasPrefix(pv.Summary, "4 subscriptions of 4 services (any") {
			t.Errorf("second preview %q: no service is new any more", pv.Summary)
		}
		res, err = plan.Apply(ctx, db)
		must(t, err)
		if res.Created != 0 || res.Skipped != 4 || res.NewServices != nil {
			t.Errorf("second import %+v", res)
		}
		if len(dump(t, db).Subscriptions) != len(before.Subscriptions) {
			t.Errorf("a second import duplicated subscriptions")
		}
	})

	wantJapanese := []wantSubscription{
		{"パーレイAI", "プロ", 3000, "JPY", monthly, "2026-01-15", "", ""},
		{"ニコニコ", "プレミアム", 5940, "JPY", yearly, "2025-04-01", "", ""},
		{"Spotify", "Premium Duo", 1499, "EUR", monthly, "2025-02-01", "2026-08-31", ""},
	}
	t.Run("SemicolonBOMJapanese", func(t *testing.T) {
		db := mustOpen(t)
		_, err := parseAndApply(ctx, db, func() (importer.Plan, error) {
			return importer.ParseCSV("subscriptions-ja.csv", testdata(t, "subscriptions-ja.csv"), nil)
		})
		must(t, err)
		assertSubscriptions(t, db, wantJapanese)
	})
	t.Run("ShiftJIS", func(t *testing.T) {
		db := mustOpen(t)
		utf8 := bytes.TrimPrefix(testdata(t, "subscriptions-ja.csv"), []byte("\uFEFF"))
		sjis, err := japanese.ShiftJIS.NewEncoder().Bytes(utf8)
		must(t, err)
		plan, err := importer.ParseCSV("subscriptions-sjis.csv", sjis, nil)
		must(t, err)
		if w := plan.Preview().Warnings; len(w) != 1 || !strings.Contains(w[0], "read as Shift_JIS") {
			t.Errorf("warnings %q", w)
		}
		_, err = plan.Apply(ctx, db)
		must(t, err)
		assertSubscriptions(t, db, wantJapanese)
	})
	t.Run("ExtraColumnsWarn", func(t *testing.T) {
		in := "Name,Amount,Currency,Cycle,Start,Colour\nParley AI,20,USD,monthly,2026-01-15,blue\n"
		plan, err := importer.ParseCSV("subs.csv", []byte(in), nil)
		must(t, err)
		if w := plan.Preview().Warnings; len(w) != 1 || w[0] != `column "Colour" is not imported` {
			t.Errorf("warnings %q", w)
		}
	})

	const header = "Service,Plan,Price,Currency,Billing,Start Date,End Date\n"
	const good = "Parley AI,Pro,20.00,USD,monthly,2026-01-15,\n"
	for _, tc := range []struct {
		name, in, want string
	}{
		{"WrongType", header + good + "Netflix,Standard,twenty,USD,monthly,2026-01-15,\n",
			`subs.csv row 3, column "Price": not a number: "twenty"`},
		{"TooManyDecimals", header + "Parley AI,Pro,20.005,USD,monthly,2026-01-15,\n",
			`subs.csv row 2, column "Price": "20.005" has more decimals than USD allows`},
		{"Negative", header + "Parley AI,Pro,-20,USD,monthly,2026-01-15,\n",
			`subs.csv row 2, column "Price": price must not be negative`},
		{"MissingValue", header + good + good + ",Pro,20.00,USD,monthly,2026-01-15,\n",
			`subs.csv row 4, column "Service": name is required`},
		{"MissingPrice", header + "Parley AI,Pro,,USD,monthly,2026-01-15,\n",
			`subs.csv row 2, column "Price": price is required`},
		{"MissingColumn", "Service,Price,Billing,Start\nParley AI,20,monthly,2026-01-15\n",
			`subs.csv row 1: no currency column: name one "currency"`},
		{"DuplicateColumn", "Service,Price,Amount,Currency,Billing,Start\n",
			`subs.csv row 1: columns "Price" and "Amount" both give the price`},
		{"BadDate", header + "Parley AI,Pro,20.00,USD,monthly,2026-02-30,\n",
			`subs.csv row 2, column "Start Date": "2026-02-30" is not a date: write it as YYYY-MM-DD`},
		{"AmbiguousDate", header + "Parley AI,Pro,20.00,USD,monthly,01/02/2026,\n",
			`subs.csv row 2, column "Start Date": "01/02/2026" is not a date`},
		{"EndBeforeStart", header + "Parley AI,Pro,20.00,USD,monthly,2026-01-15,2025-12-31\n",
			`subs.csv row 2, column "End Date": end must not be before the start`},
		{"UnknownCurrency", header + "Parley AI,Pro,20.00,XYZ,monthly,2026-01-15,\n",
			`subs.csv row 2, column "Currency": currency is not a known ISO 4217 currency code`},
		{"BadPeriod", header + "Parley AI,Pro,20.00,USD,now and then,2026-01-15,\n",
			`subs.csv row 2, column "Billing": "now and then" is not a billing period`},
		{"CellCount", header + good + "Parley AI,Pro,20.00\n",
			`subs.csv row 3: it has 3 cells but the header row has 7`},
		{"BrokenQuote", header + good + "\"Parley AI,Pro,20.00,USD,monthly,2026-01-15,\n",
			`subs.csv row 3: extraneous or missing " in quoted-field`},
		{"Empty", "", `subs.csv: it is empty`},
		{"HeaderOnly", header, `subs.csv: it has a header row but no subscriptions`},
		{"NotText", "\xff\xfeS\x00e\x00r\x00v\x00i\x00c\x00e\x00", `subs.csv: it is not UTF-8 text (nor Shift_JIS)`},
		{"Huge", header + strings.Repeat(good, importer.MaxSize/len(good)+1), `subs.csv: it is larger than 10 MiB`},
	} {
		t.Run("Err"+tc.name, func(t *testing.T) {
			db := mustOpen(t)
			mustService(t, db, "Parley AI")
			before := dump(t, db)
			_, err := parseAndApply(ctx, db, func() (importer.Plan, error) {
				return importer.ParseCSV("subs.csv", []byte(tc.in), services(t, db))
			})
			assertRefused(t, db, before, err, tc.want)
		})
	}
}
