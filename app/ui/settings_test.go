package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"lapse/app/journal"
)

func TestSettingsValidateAndSave(t *testing.T) {
	u := newTestUI(t)
	s := u.openSettings()
	s.home.SetText("XX")
	test.Tap(s.save)
	settle(u)
	if got := s.form.errorOf("home_currency"); got != "Home currency is not a known ISO 4217 currency code" {
		t.Errorf("home currency error = %q", got)
	}
	s.home.SetText("jpy")
	s.addRate(journal.Rate{Currency: "USD", Rate: "150"})
	s.limits["watch_unusable_hours"].SetText("many")
	test.Tap(s.save)
	settle(u)
	if got := s.form.errorOf("watch_unusable_hours"); got != "Watch after unusable hours is not a valid number" {
		t.Errorf("threshold error = %q", got)
	}
	s.onResetThresholds()
	s.limits["min_availability"].SetText("99.5")
	s.limits["silence_days"].SetText("5")
	test.Tap(s.save)
	settle(u)
	got, err := u.db.Settings(u.ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := journal.DefaultThresholds()
	want.MinAvailabilityPermille, want.SilenceDays = 995, 5
	if got.HomeCurrency != "JPY" || len(got.Rates) != 1 || got.Rates[0].Rate != "150" || got.Thresholds != want {
		t.Errorf("saved settings = %+v", got)
	}
	if u.settings.HomeCurrency != "JPY" {
		t.Errorf("the window still uses home currency %s", u.settings.HomeCurrency)
	}
}

func TestParsePermille(t *testing.T) {
	for in, want := range map[string]int{"99": 990, "99.5": 995, "99.0%": 990, " 100 ": 1000} {
		if got, ok := parsePermille(in); !ok || got != want {
			t.Errorf("parsePermille(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"99.55", "abc", "-1", ""} {
		if _, ok := parsePermille(bad); ok {
			t.Errorf("parsePermille(%q) accepted", bad)
		}
	}
}

func TestSettingsSwitchLanguage(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(func() { _ = SetLanguage("en") })
	s := u.openSettings()
	s.language.SetSelectedIndex(2) // 日本語
	test.Tap(s.save)
	settle(u)
	if !IsJapanese() || u.toolbar.downBtn.Text != "今止まっている" {
		t.Errorf("after choosing 日本語 the toolbar reads %q", u.toolbar.downBtn.Text)
	}
}

func TestChangingHomeCurrencyRestatesKeptRates(t *testing.T) {
	u := newTestUI(t)
	s0, _ := u.db.Settings(u.ctx)
	s0.HomeCurrency = "USD"
	s0.Rates = []journal.Rate{{Currency: "EUR", Rate: "1.08"}, {Currency: "JPY", Rate: "0.0067"}}
	if err := u.db.SaveSettings(u.ctx, s0); err != nil {
		t.Fatal(err)
	}
	u.reload()
	settle(u)
	s := u.openSettings()
	s.home.SetText("JPY")
	test.Tap(s.save)
	settle(u)
	got, _ := u.db.Settings(u.ctx)
	rates := map[string]string{}
	for _, r := range got.Rates {
		rates[r.Currency] = r.Rate
	}
	// 1 EUR = 1.08 USD = 1.08/0.0067 JPY; 1 USD = 1/0.0067 JPY.
	if got.HomeCurrency != "JPY" || rates["EUR"] != "161.19402985" || rates["USD"] != "149.25373134" || rates["JPY"] != "" {
		t.Errorf("after the change: home %s, rates %v", got.HomeCurrency, rates)
	}
	// Without a rate for the new home, the kept rates cannot be restated: the error says so.
	s = u.openSettings()
	s.home.SetText("GBP")
	test.Tap(s.save)
	settle(u)
	if s.form.errorOf("rate") == "" {
		t.Errorf("no error under the rates when they cannot be restated")
	}
}
