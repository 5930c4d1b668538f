package journal

import (
	"math/big"
	"strings"
)

// ParseRate reads a decimal exchange rate ("151.20") exactly.
func ParseRate(s string) (*big.Rat, error) {
	s = strings.TrimSpace(s)
	r, ok := new(big.Rat).SetString(s)
	if !ok || s == "" || strings.ContainsAny(s, "eE/") {
		return nil, Invalid("rate", ReasonInvalidNumber)
	}
	if r.Sign() <= 0 {
		return nil, Invalid("rate", ReasonNotPositive)
	}
	return r, nil
}

// ValidRate checks a decimal exchange rate.
func ValidRate(s string) error {
	_, err := ParseRate(s)
	return err
}

// RebaseRates returns rates (each the value of one unit in the old home
// currency) restated in newHome: r'(X) = r(X) / r(newHome), and the old home
// gets 1 / r(newHome). Rates are kept to eight decimals. Without a rate for
// newHome there is nothing to restate through: the field error says so.
func RebaseRates(rates []Rate, oldHome, newHome string, asOf Date) ([]Rate, error) {
	if oldHome == newHome || len(rates) == 0 {
		return rates, nil
	}
	var pivot *big.Rat
	for _, r := range rates {
		if r.Currency == newHome {
			v, err := ParseRate(r.Rate)
			if err != nil {
				return nil, err
			}
			pivot = v
		}
	}
	if pivot == nil {
		return nil, &Error{Code: EINVALID, Field: "rate", Reason: ReasonNeedsHomeRate,
			Detail: "no rate for " + newHome + " in " + oldHome}
	}
	out := []Rate{{Currency: oldHome, Rate: decimalText(new(big.Rat).Inv(pivot)), AsOf: asOf}}
	for _, r := range rates {
		if r.Currency == newHome {
			continue
		}
		v, err := ParseRate(r.Rate)
		if err != nil {
			return nil, err
		}
		out = append(out, Rate{Currency: r.Currency, Rate: decimalText(v.Quo(v, pivot)), AsOf: asOf})
	}
	return out, nil
}

// decimalText writes r with at most eight decimals, without trailing zeros.
func decimalText(r *big.Rat) string {
	s := r.FloatString(8)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
