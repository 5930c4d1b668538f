package journal

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/width"
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

// FormatMoney renders minor units for people: digits grouped, code after
// ("1,590 JPY", "9.68 USD").
func FormatMoney(minor int64, code string) string {
	return GroupDigits(FormatAmount(minor, code)) + " " + code
}

// String renders "9.68 USD".
func (m Money) String() string { return FormatAmount(m.Amount, m.Currency) + " " + m.Currency }

// ParseAmount reads a decimal string in the currency's minor units. Both
// decimal marks are understood: of "." and "," the last one is decimal
// ("1,234.50", "1.234,50"); a lone comma is decimal unless exactly three
// digits follow it ("9,99" is 9.99, "1,200" is 1200). Thousands groups must
// be whole ("1,2,3" is refused), spaces and apostrophes may group digits,
// and full-width digits are read. More decimals than the currency has is an
// error, not a rounding.
func ParseAmount(s, code string) (int64, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'', '\u3000':
			return -1
		}
		return r
	}, width.Fold.String(strings.TrimSpace(s)))
	if s == "" {
		return 0, fmt.Errorf("empty amount")
	}
	num, err := normalizeDecimal(s)
	if err != nil {
		return 0, err
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(Decimals(code))), nil))
	r.Mul(r, scale)
	if !r.IsInt() {
		return 0, fmt.Errorf("%q has more decimals than %s allows", s, code)
	}
	// The most negative int64 has no positive twin: writing it back would fail.
	if !r.Num().IsInt64() || r.Num().Int64() == math.MinInt64 {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	return r.Num().Int64(), nil
}

// normalizeDecimal turns "1.234,50" or "1,234.50" into "1234.50", checking
// that what is left is a plain decimal number.
func normalizeDecimal(s string) (string, error) {
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		sign, s = s[:1], s[1:]
	}
	dot, comma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	decimal, group := byte('.'), byte(',')
	switch {
	case dot >= 0 && comma > dot:
		decimal, group = ',', '.'
	case dot < 0 && comma >= 0 && strings.Count(s, ",") == 1 && len(s)-comma-1 != 3:
		decimal, group = ',', '.'
	}
	whole, frac, hasFrac := strings.Cut(s, string(decimal))
	if strings.ContainsRune(frac, rune(decimal)) || strings.ContainsRune(frac, rune(group)) {
		return "", fmt.Errorf("not a number: %q", sign+s)
	}
	if strings.ContainsRune(whole, rune(group)) {
		parts := strings.Split(whole, string(group))
		for i, p := range parts {
			if p == "" || len(p) > 3 || (i > 0 && len(p) != 3) {
				return "", fmt.Errorf("not a number: %q (digits are grouped by three)", sign+s)
			}
		}
		whole = strings.Join(parts, "")
	}
	digits := func(v string) bool { return v != "" && strings.Trim(v, "0123456789") == "" }
	if !digits(whole) || (hasFrac && !digits(frac)) {
		return "", fmt.Errorf("not a number: %q", sign+s)
	}
	if hasFrac {
		return sign + whole + "." + frac, nil
	}
	return sign + whole, nil
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
