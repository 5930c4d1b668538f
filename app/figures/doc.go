// Package figures computes the numbers PRODUCT.md defines — unusable and
// impaired time, availability, charges, cash and accrued cost, paid while
// unusable, home-currency conversion and ticket metrics — from journal types.
//
// Every figure is taken as of an instant (asOf): nothing recorded after it
// counts, and an ongoing outage or an open ticket runs up to it. Intervals
// are half-open [Start, End). Money stays exact (math/big.Rat of minor units,
// per currency) until one half-to-even rounding into the home currency.
// The package is pure: no Fyne, no SQL, no clock of its own.
package figures
