package journal

import (
	"fmt"
	"math/big"
	"strings"

	"golang.org/x/text/currency"
)

// Money is an amount in integer minor units of an ISO 4217 currency
// (JPY has 0 decimals, USD 2). Lapse never stores money as a float.
type Money struct {
	Amount   int64  // minor units
	Currency string // ISO 4217, upper case
}

// ValidCurrency reports whether code is a known ISO 4217 code.
func ValidCurrency(code string) bool {
	if len(code) != 3 || strings.ToUpper(code) != code {
		return false
	}
	_, err := currency.ParseISO(code)
	return err == nil
}

// Decimals returns the number of minor-unit digits of a currency (JPY 0, USD 2, KWD 3).
func Decimals(code string) int {
	u, err := currency.ParseISO(code)
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// FormatAmount renders minor units as a plain decimal ("9.68", "1200"), without a symbol.
func FormatAmount(amount int64, code string) string {
	d := Decimals(code)
	neg := amount < 0
	if neg {
		amount = -amount
	}
	s := fmt.Sprintf("%d", amount)
	if d > 0 {
		for len(s) <= d {
			s = "0" + s
		}
		s = s[:len(s)-d] + "." + s[len(s)-d:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// String renders "9.68 USD".
func (m Money) String() string { return FormatAmount(m.Amount, m.Currency) + " " + m.Currency }

// ParseAmount reads a decimal string ("9.68", "1,200", "1200") in the currency's
// minor units. More decimals than the currency has is an error, not a rounding.
func ParseAmount(s, code string) (int64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	if s == "" {
		return 0, fmt.Errorf("empty amount")
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "eE/") {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(Decimals(code))), nil))
	r.Mul(r, scale)
	if !r.IsInt() {
		return 0, fmt.Errorf("%q has more decimals than %s allows", s, code)
	}
	if !r.Num().IsInt64() {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	return r.Num().Int64(), nil
}

// GroupDigits puts thousands separators into a plain decimal: "1234567.89" → "1,234,567.89".
func GroupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}
