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
