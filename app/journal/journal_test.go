package journal

import (
	"testing"
	"time"
)

func d(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestPeriodAddTo(t *testing.T) {
	monthly := Period{N: 1, Unit: Months}
	tests := []struct {
		name   string
		p      Period
		start  string
		k      int
		expect string
	}{
		{"Jan 31 + 1 month clamps to Feb 28", monthly, "2026-01-31", 1, "2026-02-28"},
		{"Jan 31 + 2 months is Mar 31 again", monthly, "2026-01-31", 2, "2026-03-31"},
		{"leap year Feb 29", monthly, "2028-01-31", 1, "2028-02-29"},
		{"Apr 30 stays", monthly, "2026-01-31", 3, "2026-04-30"},
		{"across a year", monthly, "2026-11-30", 3, "2027-02-28"},
		{"quarterly", Period{N: 3, Unit: Months}, "2026-08-31", 2, "2027-02-28"},
		{"yearly from Feb 29", Period{N: 1, Unit: Years}, "2028-02-29", 1, "2029-02-28"},
		{"yearly back to Feb 29", Period{N: 1, Unit: Years}, "2028-02-29", 4, "2032-02-29"},
		{"weekly", Period{N: 1, Unit: Weeks}, "2026-12-28", 1, "2027-01-04"},
		{"every 10 days", Period{N: 10, Unit: Days}, "2026-02-25", 1, "2026-03-07"},
		{"k = 0 is the start", monthly, "2026-01-31", 0, "2026-01-31"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.AddTo(d(tc.start), tc.k).String(); got != tc.expect {
				t.Errorf("AddTo(%s, %d) = %s, want %s", tc.start, tc.k, got, tc.expect)
			}
		})
	}
}

func TestPriceOn(t *testing.T) {
	s := Subscription{Amount: 2000, Prices: []PriceChange{{Effective: d("2026-06-15"), Amount: 2200}, {Effective: d("2026-03-01"), Amount: 2100}}}
	tests := []struct {
		on   string
		want int64
	}{
		{"2026-01-01", 2000},
		{"2026-02-28", 2000},
		{"2026-03-01", 2100}, // effective on its own date
		{"2026-06-14", 2100},
		{"2026-06-15", 2200},
		{"2027-01-01", 2200},
	}
	for _, tc := range tests {
		if got := s.PriceOn(d(tc.on)); got != tc.want {
			t.Errorf("PriceOn(%s) = %d, want %d", tc.on, got, tc.want)
		}
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		in, code string
		minor    int64
		out      string
	}{
		{"9.68", "USD", 968, "9.68"},
		{"1,200", "JPY", 1200, "1200"},
		{"0.05", "USD", 5, "0.05"},
		{"20", "EUR", 2000, "20.00"},
		{"1.234", "KWD", 1234, "1.234"},
		{"9,99", "EUR", 999, "9.99"},           // decimal comma
		{"12,5", "EUR", 1250, "12.50"},         // decimal comma, one digit
		{"1.234,50", "EUR", 123450, "1234.50"}, // dot groups, comma decimal
		{"1,234.50", "USD", 123450, "1234.50"}, // comma groups, dot decimal
		{"1 590", "JPY", 1590, "1590"},         // space groups
		{"１，５９０", "JPY", 1590, "1590"},         // full-width
		{"1,234,567", "JPY", 1234567, "1234567"},
	}
	for _, tc := range tests {
		got, err := ParseAmount(tc.in, tc.code)
		if err != nil || got != tc.minor {
			t.Errorf("ParseAmount(%q, %s) = %d, %v; want %d", tc.in, tc.code, got, err, tc.minor)
		}
		if s := FormatAmount(tc.minor, tc.code); s != tc.out {
			t.Errorf("FormatAmount(%d, %s) = %q, want %q", tc.minor, tc.code, s, tc.out)
		}
	}
	for _, bad := range []struct{ in, code string }{{"1.5", "JPY"}, {"abc", "USD"}, {"", "USD"}, {"1e3", "USD"}, {"9.999", "USD"}, {"1,2,3", "USD"}, {"1.2.3", "USD"}, {"12,34,567", "USD"}, {"1,234.5,6", "USD"}, {"--1", "USD"}, {"1.5.", "USD"}} {
		if _, err := ParseAmount(bad.in, bad.code); err == nil {
			t.Errorf("ParseAmount(%q, %s) accepted", bad.in, bad.code)
		}
	}
	if FormatAmount(-968, "USD") != "-9.68" {
		t.Errorf("negative amounts format with a sign")
	}
	if !ValidCurrency("JPY") || ValidCurrency("XYZ") || ValidCurrency("usd") || ValidCurrency("") {
		t.Errorf("ValidCurrency disagrees with ISO 4217")
	}
}

func TestValidate(t *testing.T) {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	before := start.Add(-time.Hour)
	okSub := func() *Subscription {
		return &Subscription{ServiceID: 1, Amount: 2000, Currency: "USD", Period: Period{N: 1, Unit: Months}, Start: d("2026-01-31")}
	}
	okOutage := func() *Outage {
		return &Outage{ServiceID: 1, Start: start, Impact: ImpactDown, Source: SourceMe}
	}
	ticket := &Ticket{ServiceID: 1, Channel: ChannelEmail, OpenedAt: start}
	tests := []struct {
		name   string
		err    error
		field  string
		reason Reason
	}{
		{"service name required", (&Service{Name: "  "}).Validate(), "name", ReasonRequired},
		{"service website must be http", (&Service{Name: "A", Website: "ftp://x"}).Validate(), "website", ReasonInvalidURL},
		{"service ok", (&Service{Name: "A", Website: "https://a.example"}).Validate(), "", ""},
		{"negative price", func() error { s := okSub(); s.Amount = -1; return s.Validate() }(), "price", ReasonNegative},
		{"unknown currency", func() error { s := okSub(); s.Currency = "ABC"; return s.Validate() }(), "currency", ReasonUnknownCurrency},
		{"zero period", func() error { s := okSub(); s.Period.N = 0; return s.Validate() }(), "period", ReasonNotPositive},
		{"subscription end before start", func() error { s := okSub(); s.End = d("2026-01-01"); return s.Validate() }(), "end", ReasonEndBeforeStart},
		{"price change before start", func() error {
			s := okSub()
			s.Prices = []PriceChange{{Effective: d("2025-12-01"), Amount: 1}}
			return s.Validate()
		}(), "effective", ReasonEndBeforeStart},
		{"subscription ok", okSub().Validate(), "", ""},
		{"outage end before start", func() error { o := okOutage(); o.End = &before; return o.Validate() }(), "end", ReasonEndBeforeStart},
		{"outage impact", func() error { o := okOutage(); o.Impact = "bad"; return o.Validate() }(), "impact", ReasonInvalidChoice},
		{"outage link", func() error { o := okOutage(); o.Link = "not a url"; return o.Validate() }(), "link", ReasonInvalidURL},
		{"outage step needs an action", func() error { o := okOutage(); o.Steps = []Step{{Result: "x"}}; return o.Validate() }(), "steps", ReasonRequired},
		{"ongoing outage ok", okOutage().Validate(), "", ""},
		{"message before ticket opened", (&Message{At: before, Direction: Sent, Author: AuthorMe, Summary: "hi"}).Validate(ticket), "time", ReasonBeforeOpened},
		{"sent message by a bot", (&Message{At: start, Direction: Sent, Author: AuthorBot, Summary: "hi"}).Validate(ticket), "author", ReasonInvalidChoice},
		{"received message by me", (&Message{At: start, Direction: Received, Author: AuthorMe, Summary: "hi"}).Validate(ticket), "author", ReasonInvalidChoice},
		{"message summary required", (&Message{At: start, Direction: Received, Author: AuthorBot}).Validate(ticket), "summary", ReasonRequired},
		{"ticket resolved before opened", (&Ticket{ServiceID: 1, Channel: ChannelChat, OpenedAt: start, ResolvedAt: &before, Outcome: OutcomeResolved}).Validate(), "resolved", ReasonEndBeforeStart},
		{"resolved ticket needs an outcome", func() error { t := *ticket; t.ResolvedAt = &start; return t.Validate() }(), "outcome", ReasonRequired},
		{"refund amount negative", (&Decision{ServiceID: 1, Kind: DecisionRefundReceived, Date: d("2026-03-01"), Amount: &Money{-5, "USD"}}).Validate(), "amount", ReasonNegative},
		{"settings home currency", func() error { s := DefaultSettings(); s.HomeCurrency = "XX"; return s.Validate() }(), "home_currency", ReasonUnknownCurrency},
		{"settings time zone", func() error { s := DefaultSettings(); s.TimeZone = "Mars/Olympus"; return s.Validate() }(), "time_zone", ReasonInvalidTimeZone},
		{"settings rate", func() error {
			s := DefaultSettings()
			s.Rates = []Rate{{Currency: "JPY", Rate: "-1"}}
			return s.Validate()
		}(), "rate", ReasonNotPositive},
		{"default settings ok", func() error { s := DefaultSettings(); return s.Validate() }(), "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.field == "" {
				if tc.err != nil {
					t.Fatalf("unexpected error: %v", tc.err)
				}
				return
			}
			fe := FieldError(tc.err)
			if fe == nil {
				t.Fatalf("got %v, want a field error on %q", tc.err, tc.field)
			}
			if fe.Field != tc.field || fe.Reason != tc.reason || fe.Code != EINVALID {
				t.Errorf("got %s/%s/%s, want %s/%s/invalid", fe.Field, fe.Reason, fe.Code, tc.field, tc.reason)
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	if got := Invalid("name", ReasonRequired).Error(); got != "name is required" {
		t.Errorf("message = %q", got)
	}
	for _, r := range Reasons() {
		if ReasonText(r) == "" {
			t.Errorf("reason %s has no English text", r)
		}
	}
	if ErrorCode(nil) != "" || ErrorCode(Errorf(ECONFLICT, "x")) != ECONFLICT {
		t.Errorf("ErrorCode misreads codes")
	}
}

func TestGroupDigits(t *testing.T) {
	for in, want := range map[string]string{"0": "0", "999": "999", "1000": "1,000", "1234567.89": "1,234,567.89", "-12345": "-12,345", "100000.5": "100,000.5"} {
		if got := GroupDigits(in); got != want {
			t.Errorf("GroupDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRebaseRates(t *testing.T) {
	today := d("2026-11-25")
	rates := []Rate{{Currency: "JPY", Rate: "0.0067"}, {Currency: "EUR", Rate: "1.08"}}
	got, err := RebaseRates(rates, "USD", "EUR", today)
	if err != nil {
		t.Fatal(err)
	}
	// 1 USD = 1/1.08 EUR = 0.92592592…; 1 JPY = 0.0067/1.08 EUR = 0.00620370…
	want := map[string]string{"USD": "0.92592593", "JPY": "0.0062037"}
	if len(got) != 2 {
		t.Fatalf("rates = %+v", got)
	}
	for _, r := range got {
		if want[r.Currency] != r.Rate || r.AsOf != today {
			t.Errorf("%s = %s (%v), want %s", r.Currency, r.Rate, r.AsOf, want[r.Currency])
		}
	}
	if _, err := RebaseRates(rates, "USD", "GBP", today); FieldError(err) == nil || FieldError(err).Field != "rate" {
		t.Errorf("rebasing without a rate for the new home: %v", err)
	}
	if same, _ := RebaseRates(rates, "USD", "USD", today); len(same) != 2 || same[0].Rate != "0.0067" {
		t.Errorf("an unchanged home currency changed the rates: %+v", same)
	}
}

func TestDaysUntilAndFormatMoney(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"2026-11-25", "2026-11-30", 5}, {"2026-02-28", "2026-03-01", 1}, {"2028-02-28", "2028-03-01", 2}, {"2026-12-31", "2026-01-01", -364}} {
		if got := d(tc.a).DaysUntil(d(tc.b)); got != tc.want {
			t.Errorf("%s → %s = %d days, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	if got := FormatMoney(159000, "JPY"); got != "159,000 JPY" {
		t.Errorf("FormatMoney = %q", got)
	}
}
