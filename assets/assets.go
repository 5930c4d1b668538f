// Package assets embeds what Lapse ships inside its binary: the icon, the
// Japanese-capable font used by charts and PDFs, and the UI translations.
package assets

import (
	"embed"
	_ "embed"
)

// JapaneseFont is IPAex Gothic (TrueType), licensed under the IPA Font
// License v1.0 (fonts/IPA_Font_License.txt). It covers Latin and Japanese.
//
//go:embed fonts/ipaexg.ttf
var JapaneseFont []byte

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// StatusPages is statuspages.json: the public status pages of widely used
// services, with its source and date.
//
//go:embed statuspages.json
var StatusPages []byte

// Translations holds translations/en.json and translations/ja.json.
//
//go:embed translations
var Translations embed.FS
