package figures_test

import (
	"errors"
	"math/big"
	"testing"

	"lapse/app/figures"
	"lapse/app/journal"
)

func converter(t *testing.T, home string, rates ...string) figures.Converter {
	t.Helper()
	s := journal.Settings{HomeCurrency: home}
	for i := 0; i+1 < len(rates); i += 2 {
		s.Rates = append(s.Rates, journal.Rate{Currency: rates[i], Rate: rates[i+1]})
	}
	c, err := figures.NewConverter(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name    string
		conv    figures.Converter
		amounts map[string]string
		want    int64
	}{
		{
			// 3000 JPY × 0.0062 = 18.60 EUR; 20.00 USD × 0.92 = 18.40 EUR: 37.00 EUR.
			name: "JPY and USD into EUR",
			conv: converter(t, "EUR", "JPY", "0.0062", "USD", "0.92"), amounts: map[string]string{"JPY": "3000", "USD": "2000"},
			want: 3700,
		},
		{
			// 20.00 USD × 151.20 = 3024 JPY (0 decimals at home).
			name: "USD into JPY",
			conv: converter(t, "JPY", "USD", "151.20"), amounts: map[string]string{"USD": "2000"},
			want: 3024,
		},
		{
			// 1000 JPY × 0.00205 = 2.050 KWD = 2050 fils (3 decimals).
			name: "JPY into KWD",
			conv: converter(t, "KWD", "JPY", "0.00205"), amounts: map[string]string{"JPY": "1000"},
			want: 2050,
		},
		{
			// 1 JPY × 0.005 = 0.5 cent and 0.01 USD × 0.5 = 0.5 cent: 1 cent in
			// total, where rounding each first would give 0 + 0.
			name: "rounds once, after summing",
			conv: converter(t, "EUR", "JPY", "0.005", "USD", "0.5"), amounts: map[string]string{"JPY": "1", "USD": "1"},
			want: 1,
		},
		{
			// 2000/3 cents × 1 = 666.67 → 667.
			name: "home currency needs no rate",
			conv: converter(t, "USD"), amounts: map[string]string{"USD": "2000/3"},
			want: 667,
		},
		{
			name: "zero amount needs no rate",
			conv: converter(t, "USD"), amounts: map[string]string{"GBP": "0", "USD": "5"},
			want: 5,
		},
		{
			// 0.05 USD × 0.9 = 4.5 cents → 4; 0.15 USD × 0.9 = 13.5 → 14.
			name: "half to even after conversion, down",
			conv: converter(t, "EUR", "USD", "0.9"), amounts: map[string]string{"USD": "5"},
			want: 4,
		},
		{
			name: "half to even after conversion, up",
			conv: converter(t, "EUR", "USD", "0.9"), amounts: map[string]string{"USD": "15"},
			want: 14,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := figures.Amounts{}
			for code, v := range tc.amounts {
				a[code] = rat(t, v)
			}
			got, err := tc.conv.Convert(a)
			if err != nil || got != tc.want {
				t.Errorf("Convert = %d, %v; want %d", got, err, tc.want)
			}
		})
	}
}

func TestConvertMissingRate(t *testing.T) {
	conv := converter(t, "EUR", "USD", "0.92")
	_, err := conv.Convert(figures.Amounts{"USD": big.NewRat(100, 1), "GBP": big.NewRat(500, 1)})
	var missing *figures.MissingRateError
	if !errors.As(err, &missing) || missing.Currency != "GBP" || missing.Home != "EUR" {
		t.Fatalf("err = %v, want a missing GBP rate", err)
	}
	if code := journal.ErrorCode(err); code != journal.EINVALID {
		t.Errorf("code = %s, want %s", code, journal.EINVALID)
	}
	if fe := journal.FieldError(err); fe == nil || fe.Field != "rate" || fe.Detail != "GBP" {
		t.Errorf("field error = %+v, want rate GBP", fe)
	}
}

func TestNewConverterRejectsBadRate(t *testing.T) {
	_, err := figures.NewConverter(journal.Settings{HomeCurrency: "EUR", Rates: []journal.Rate{{Currency: "USD", Rate: "-1"}}})
	if fe := journal.FieldError(err); fe == nil || fe.Field != "rate" || fe.Reason != journal.ReasonNotPositive {
		t.Errorf("err = %v, want rate must be greater than zero", err)
	}
}

func TestRoundHalfEven(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"5/2", 2}, {"7/2", 4}, {"-5/2", -2}, {"-7/2", -4},
		{"2.4", 2}, {"2.6", 3}, {"-2.4", -2}, {"-2.6", -3}, {"0", 0}, {"1/3", 0}, {"-1/3", 0},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got, err := figures.RoundHalfEven(rat(t, tc.in)); err != nil || got != tc.want {
				t.Errorf("RoundHalfEven(%s) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
	if _, err := figures.RoundHalfEven(rat(t, "1e30")); err == nil {
		t.Error("RoundHalfEven(1e30) succeeded, want out of range")
	}
}
