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
		if w := plan.Preview().Warnings; len(w) != 1 || !strings.Contains(w[0].Text, "read as Shift_JIS") {
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
		if w := plan.Preview().Warnings; len(w) != 1 || w[0].Text != `column "Colour" is not imported` {
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

// TestCSVOtherTrackers: exports of other subscription trackers, as they write them.
func TestCSVOtherTrackers(t *testing.T) {
	ctx := context.Background()
	t.Run("SubTrackr", func(t *testing.T) {
		db := mustOpen(t)
		plan, err := importer.ParseCSV("subtrackr.csv", testdata(t, "subtrackr-export.csv"), nil)
		must(t, err)
		var chosen []importer.Warning
		for _, w := range plan.Preview().Warnings {
			if w.Code == importer.WarnColumnChosen {
				chosen = append(chosen, w)
			}
		}
		if len(chosen) != 1 || chosen[0].Values["Column"] != "Payment Method" || chosen[0].Values["Other"] != "Notes" ||
			chosen[0].Text != `columns "Payment Method" and "Notes" could both give the payment note: "Payment Method" is used, "Notes" is not imported` {
			t.Errorf("warnings %+v, want one saying Payment Method is used rather than Notes", plan.Preview().Warnings)
		}
		_, err = plan.Apply(ctx, db)
		must(t, err)
		assertSubscriptions(t, db, []wantSubscription{
			{"Netflix", "", 1549, "USD", monthly, "2024-03-02", "", "Visa 4242"},
			{"Domain", "", 3520, "JPY", yearly, "2022-05-20", "", "PayPal"},
		})
	})
	t.Run("WallosCSV", func(t *testing.T) {
		db := mustOpen(t)
		plan, err := importer.ParseCSV("wallos.csv", testdata(t, "wallos-export.csv"), nil)
		must(t, err)
		_, err = plan.Apply(ctx, db)
		must(t, err)
		assertSubscriptions(t, db, []wantSubscription{
			// Wallos's dates: an active one starts on its next payment; an
			// inactive one is its last period paid.
			{"AT&T Fiber", "", 6500, "USD", monthly, "2026-12-06", "", "Credit Card"},
			{"Netflix", "", 1599, "EUR", monthly, "2026-12-05", "", "PayPal"},
			{"Evernote", "", 6499, "EUR", yearly, "2024-09-14", "2025-08-30", "PayPal"},
		})
		att, _ := subscriptionsOf(t, db, "AT&T Fiber")
		if att.Category != "Internet & Phone" || att.Notes != "Tom's router" || att.Website != "https://www.att.com/?a=1&b=2" {
			t.Errorf("service %+v", att)
		}
	})
	t.Run("WallosCSVProblems", func(t *testing.T) {
		data := "Name,Payment Cycle,Next Payment,Price,Active\nA,Monthly,2026-12-06,kr99,Yes\nB,Sometimes,2026-12-06,$5,Yes\n"
		_, err := importer.ParseCSV("wallos.csv", []byte(data), nil)
		for _, want := range []string{`row 2, column "Price": the symbol "kr" is used by`, `row 3, column "Payment Cycle": "Sometimes" is not a billing period`} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v\nwant it to contain %q", err, want)
			}
		}
	})
	t.Run("ExcelJapanCP932", func(t *testing.T) {
		db := mustOpen(t)
		plan, err := importer.ParseCSV("サブスク.csv", testdata(t, "subscriptions-excel-cp932.csv"), nil)
		must(t, err)
		w := plan.Preview().Warnings
		if len(w) == 0 || w[0].Code != importer.WarnEncoding || w[0].Values["Encoding"] != "Shift_JIS (CP932)" ||
			w[0].Text != "the file is not UTF-8: it was read as Shift_JIS (CP932)" {
			t.Errorf("warnings %+v, want the encoding named first", w)
		}
		_, err = plan.Apply(ctx, db)
		must(t, err)
		assertSubscriptions(t, db, []wantSubscription{
			{"㈱ニコニコ動画", "プレミアム①", 1790, "JPY", monthly, "2024-04-01", "", "クレジットカード"},
			{"ｽﾎﾟﾃｨﾌｧｲ", "ﾌｧﾐﾘｰ", 1580, "JPY", monthly, "2025-01-10", "", "PayPay"},
			{"Adobe CC", "コンプリート", 86880, "JPY", yearly, "2025-06-01", "2026-05-31", "クレジットカード"},
		})
	})
}

// TestCSVEveryProblemInOneRun: a file with several problems names them all,
// each with its row and column, instead of one per try.
func TestCSVEveryProblemInOneRun(t *testing.T) {
	data := "Service,Plan,Price,Currency,Billing,Start Date\n" +
		"Parley AI,Pro,twenty,USD,monthly,2026-01-15\n" +
		"Netflix,Standard,15.49,USD,monthly,2026-01-15\n" +
		"Proton,Mail,4.99,XYZ,now and then,31/01/2026\n" +
		"Backblaze,B2,6\n"
	_, err := importer.ParseCSV("subs.csv", []byte(data), nil)
	want := `subs.csv: 5 problems:
  row 2, column "Price": not a number: "twenty"
  row 4, column "Currency": currency is not a known ISO 4217 currency code
  row 4, column "Billing": "now and then" is not a billing period: write e.g. "monthly", "yearly", "every 3 months" or "14 days"
  row 4, column "Start Date": "31/01/2026" is not a date: write it as YYYY-MM-DD, like 2026-01-31
  row 5: it has 3 cells but the header row has 6`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
	if journal.ErrorCode(err) != journal.EINVALID {
		t.Errorf("code %s", journal.ErrorCode(err))
	}
	_, err = importer.ParseCSV("subs.csv", []byte("Name,Plan\nParley AI,Pro\n"), nil)
	if want := `subs.csv row 1: no price column: name one "price" (or "amount", "cost"); no currency column`; err == nil ||
		!strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v\nwant every missing column named: %q", err, want)
	}
}
