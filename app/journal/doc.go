// Package journal holds Lapse's entities, their validation and the typed
// errors every layer shares. It is pure Go: no Fyne, no SQL.
package journal
