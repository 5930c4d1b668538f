// Package verdict turns a service's figures into a verdict — keep, watch,
// consider switching, or cancel before its next charge — with the reasons
// that fired, and lists the reminders due as of an instant (charges coming,
// tickets waiting for a human, outages left open).
//
// The rules, over the look-back window of Thresholds.WindowDays calendar
// days (in the user's zone) ending at as-of; each rule alone raises the
// verdict to the level given, and the verdict is the highest one raised
// (keep < watch < consider switching < cancel before):
//
//   - unusable time ≥ WatchUnusableHours: watch; ≥ SwitchUnusableHours:
//     consider switching; ≥ CancelUnusableHours: cancel before the next charge.
//   - availability below MinAvailabilityPermille in each of the last
//     BadMonthsToSwitch completed calendar months: consider switching; in at
//     least one of them: watch.
//   - paid while unusable ≥ PaidUnusablePercent % of the accrued cost: watch.
//   - a ticket open at some time in the window whose longest silence (no
//     human reply) lasted ≥ SilenceDays: watch.
//   - an open ticket still waiting ≥ SilenceDays for a human reply:
//     consider switching. A silence still running is reported here, not twice.
//
// Cancel before needs something to cancel: the earliest next charge of the
// service's subscriptions. With none, the level stops at consider switching
// and a "nothing to cancel" note says why. When the verdict is consider
// switching or cancel before, the best alternative with less unusable time
// (and no lower availability) over the same window is named.
//
// The package is pure: no Fyne, no SQL, no clock of its own.
package verdict
