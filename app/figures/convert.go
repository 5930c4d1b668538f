package figures

import (
	"fmt"
	"math/big"
	"slices"

	"lapse/app/journal"
)

// Converter turns exact per-currency amounts into the home currency.
type Converter struct {
	Home  string              // ISO 4217 home currency; its own rate is always 1
	Rates map[string]*big.Rat // value of 1 major unit of a currency in home major units
}

// NewConverter reads the home currency and exchange rates from settings.
func NewConverter(s journal.Settings) (Converter, error) {
	c := Converter{Home: s.HomeCurrency, Rates: make(map[string]*big.Rat, len(s.Rates))}
	for _, r := range s.Rates {
		rate, err := journal.ParseRate(r.Rate)
		if err != nil {
			return Converter{}, fmt.Errorf("read rate for %s: %w", r.Currency, err)
		}
		c.Rates[r.Currency] = rate
	}
	return c, nil
}

// MissingRateError says a currency has an amount but no rate to the home currency.
type MissingRateError struct {
	Currency, Home string
}

func (e *MissingRateError) Error() string {
	return fmt.Sprintf("no exchange rate from %s to %s", e.Currency, e.Home)
}

// Unwrap gives the field error the UI shows: rate is required for the currency.
func (e *MissingRateError) Unwrap() error {
	return &journal.Error{Code: journal.EINVALID, Field: "rate", Reason: journal.ReasonRequired, Detail: e.Currency}
}

// Exact converts amounts into home minor units without rounding. A zero
// amount needs no rate; any other amount without one is a *MissingRateError.
func (c Converter) Exact(a Amounts) (*big.Rat, error) {
	sum := new(big.Rat)
	// Sorted so that the currency named by an error does not depend on map order.
	codes := make([]string, 0, len(a))
	for code := range a {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		v := a[code]
		if v == nil || v.Sign() == 0 {
			continue
		}
		rate := big.NewRat(1, 1)
		if code != c.Home {
			rate = c.Rates[code]
			if rate == nil {
				return nil, &MissingRateError{Currency: code, Home: c.Home}
			}
		}
		x := new(big.Rat).Mul(v, rate)
		x.Mul(x, pow10(journal.Decimals(c.Home)))
		x.Quo(x, pow10(journal.Decimals(code)))
		sum.Add(sum, x)
	}
	return sum, nil
}

// Convert converts amounts into home minor units: every currency exactly,
// summed, then rounded half-to-even once.
func (c Converter) Convert(a Amounts) (int64, error) {
	r, err := c.Exact(a)
	if err != nil {
		return 0, err
	}
	return RoundHalfEven(r)
}

// RoundHalfEven rounds r to the nearest integer, ties to even.
func RoundHalfEven(r *big.Rat) (int64, error) {
	// DivMod is Euclidean: 0 ≤ rem < den (den is always positive in a Rat).
	q, rem := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
	switch rem.Lsh(rem, 1).Cmp(r.Denom()) {
	case 1:
		q.Add(q, big.NewInt(1))
	case 0:
		if q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
	}
	if !q.IsInt64() {
		return 0, fmt.Errorf("round %s: amount out of range", r.FloatString(2))
	}
	return q.Int64(), nil
}

func pow10(n int) *big.Rat {
	return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil))
}
