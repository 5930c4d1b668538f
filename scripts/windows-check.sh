#!/usr/bin/env bash
# windows-check.sh ZIP TESTDIR: unpacks the Windows zip of Lapse and runs it
# under Wine on this Linux machine, printing each thing it checked
# (docs/WINDOWS.md).
#   ZIP      Lapse-windows-amd64.zip from `make windows`
#   TESTDIR  Windows test binaries (*.test.exe) and the Wine 8 stand-in
#            bcryptprimitives.dll, from `make windows-check`
# Everything happens in a throwaway Wine prefix under a temporary folder,
# removed at the end (KEEP=1 keeps it and says where).
set -euo pipefail

zip=$(realpath "$1")
tests=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/lapse-windows-check.XXXXXX")
exe="$work/unpacked/Lapse/Lapse.exe"
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko download prompts: Lapse needs neither.
export WINEDLLOVERRIDES="mscoree,mshtml="
gui_pid=""

cleanup() {
	[ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null
	wineserver -k 2>/dev/null || true
	if [ "${KEEP:-}" = 1 ]; then
		echo "Kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

checked=0
say() { printf '  %-66s ' "$1"; }
ok() {
	checked=$((checked + 1))
	echo "ok${1:+  ($1)}"
}
fail() {
	echo "FAILED"
	printf '    %s\n' "$@" >&2
	exit 1
}
# lapse runs Lapse.exe; Wine passes Unix standard output through unchanged.
lapse() { wine "$exe" "$@"; }
# win converts a Unix path to its Windows form (Z:\tmp\...).
win() { winepath -w "$1" 2>/dev/null; }
unix() { winepath -u "$1" 2>/dev/null; }

echo "Windows check of $zip"
echo "  Wine $(wine --version), prefix $WINEPREFIX"
say "the zip unpacks to Lapse\\Lapse.exe and the font licence"
unzip -q "$zip" -d "$work/unpacked" || fail "cannot unpack $zip"
[ -f "$exe" ] && [ -f "$work/unpacked/Lapse/IPA_Font_License.txt" ] || fail "unpacked:" "$(cd "$work/unpacked" && find .)"
ok "$(wc -c <"$exe") bytes"
wineboot -i >/dev/null 2>&1
cp "$tests/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
appdata=$(wine cmd /c echo %APPDATA% | tr -d '\r')
out="$work/out"
mkdir -p "$out"
wout=$(win "$out")

# Only the TestWindows* tests: the others use t.TempDir, whose cleanup
# (os.RemoveAll) needs FileDispositionInformationEx, missing in Wine 8.
for t in "$tests"/*.test.exe; do
	say "Go tests for Windows: $(basename "$t" .test.exe)"
	log="$work/$(basename "$t").log"
	(cd "$out" && wine "$t" -test.v -test.run '^TestWindows' >"$log" 2>&1) || fail "$(basename "$t") failed:" "$(cat "$log")"
	ok "$(grep -c '^--- PASS' "$log") passed: $(grep '^--- PASS' "$log" | awk '{print $3}' | tr '\n' ' ')"
done

# The default location, with no --db: %AppData%\Lapse\journal.db.
journal="$appdata\\Lapse\\journal.db"
say "lapse.exe demo writes the journal to the default location"
msg=$(lapse demo) || fail "demo failed: $msg"
[ "$msg" = "Wrote a small sample journal to $journal" ] || fail "demo said: $msg" "want the journal at $journal"
[ -s "$(unix "$journal")" ] || fail "no journal at $(unix "$journal")"
ok "$journal"

say "lapse.exe check: the new journal is healthy"
msg=$(lapse check) || fail "check failed:" "$msg"
grep -q "^Quick check: *ok" <<<"$msg" || fail "check said:" "$msg"
ok "$(grep -E '^(Services|Outages):' <<<"$msg" | tr -s ' ' | paste -sd, -)"

say "lapse.exe report --json is JSON"
lapse report --json >"$out/report.json" || fail "report --json failed"
jq -e 'type == "object" or type == "array"' "$out/report.json" >/dev/null || fail "report --json is not JSON:" "$(head -c 300 "$out/report.json")"
ok "$(wc -c <"$out/report.json") bytes"

# Backslashes and a drive letter in -o and --db, a folder named in Japanese.
say "lapse.exe backup -o Z:\\...\\backup.json"
lapse backup -o "$wout\\backup.json" >/dev/null || fail "backup failed"
ok "$(wc -c <"$out/backup.json") bytes"

jp="$wout\\日本語の記録\\ジャーナル.db"
mkdir -p "$out/日本語の記録"
say "lapse.exe import --backup into --db Z:\\...\\日本語の記録\\ジャーナル.db"
msg=$(lapse import --backup "$wout\\backup.json" --db "$jp") || fail "import failed:" "$msg"
[ -s "$out/日本語の記録/ジャーナル.db" ] || fail "no journal at $out/日本語の記録/ジャーナル.db"
ok
say "  its backup is byte-identical to the first (but for exported_at)"
lapse backup --db "$jp" -o "$wout\\日本語の記録\\backup.json" >/dev/null || fail "second backup failed"
cmp <(grep -v '"exported_at"' "$out/backup.json") <(grep -v '"exported_at"' "$out/日本語の記録/backup.json") ||
	fail "the round trip changed the backup:" "$(diff "$out/backup.json" "$out/日本語の記録/backup.json" | head -20)"
ok "$(wc -l <"$out/backup.json") lines"
say "  lapse.exe import --backup --replace over that journal"
msg=$(lapse import --backup "$wout\\backup.json" --db "$jp" --replace) || fail "import --replace failed:" "$msg"
lapse check --db "$jp" | grep -q "^Quick check: *ok" || fail "check after --replace failed"
ok

service=$(jq -r '.services[0].name' "$out/backup.json")
say "lapse.exe export --format pdf --lang ja -o Z:\\...\\summary.pdf"
lapse export --service "$service" --lang ja --format pdf -o "$wout\\summary.pdf" >/dev/null || fail "export pdf failed"
[ "$(head -c 5 "$out/summary.pdf")" = "%PDF-" ] || fail "summary.pdf is not a PDF"
fonts=$(pdffonts "$out/summary.pdf")
grep -Eiq "ipaexgothic +.* yes " <<<"$fonts" || fail "the PDF does not embed IPAex Gothic:" "$fonts"
grep -Fq "解約" <(pdftotext "$out/summary.pdf" -) || fail "the PDF has no Japanese text"
ok "$(wc -c <"$out/summary.pdf") bytes, IPAex Gothic embedded, Japanese text"

say "lapse.exe export --format ics -o C:\\...\\renewals.ics"
mkdir -p "$WINEPREFIX/drive_c/users/Public/Documents"
lapse export --format ics -o 'C:\users\Public\Documents\renewals.ics' >/dev/null || fail "export ics failed"
ics="$WINEPREFIX/drive_c/users/Public/Documents/renewals.ics"
head -c 17 "$ics" | cmp -s - <(printf 'BEGIN:VCALENDAR\r\n') || fail "renewals.ics does not start with BEGIN:VCALENDAR"
[ "$(grep -c $'[^\r]$' "$ics")" = 0 ] || fail "renewals.ics has lines not ended by CRLF"
ok "$(grep -c '^BEGIN:VEVENT' "$ics") events, CRLF line ends"

# The window, in Japanese (the Wine locale follows LC_ALL; the wineserver is
# restarted so that Wine's desktop starts on the virtual screen), for a few
# seconds on Xvfb. The screenshot is for a human look at the IPAex glyphs.
say "lapse.exe opens its window (in Japanese) under Xvfb, runs for 8 s"
shot=$(realpath -m "${SHOT:-$work/window.png}")
wineserver -k 2>/dev/null || true
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
	LC_ALL=ja_JP.UTF-8 wine "$1" >"$2" 2>&1 &
	pid=$!
	sleep 8
	import -window root "$3" 2>/dev/null || true
	if kill -0 "$pid" 2>/dev/null; then echo running; else echo stopped; fi
' _ "$exe" "$work/window.log" "$shot" >"$work/window.state" 2>/dev/null
wineserver -k 2>/dev/null || true
[ "$(cat "$work/window.state")" = running ] || fail "the window stopped:" "$(tail -20 "$work/window.log")"
! grep -Eq "panic|fatal error|PlatformError" "$work/window.log" || fail "the window logged:" "$(tail -20 "$work/window.log")"
ok "screenshot: $shot"

say "lapse.exe export --format csv: BOM and CRLF, as Excel expects"
lapse export --service "$service" --format csv --table outages -o "$wout\\outages.csv" >/dev/null || fail "export csv failed"
head -c 3 "$out/outages.csv" | cmp -s - <(printf '\357\273\277') || fail "outages.csv does not start with a UTF-8 byte order mark"
[ "$(grep -c $'[^\r]$' "$out/outages.csv")" = 0 ] || fail "outages.csv has lines not ended by CRLF"
ok "$(wc -l <"$out/outages.csv") lines"

echo "Windows check passed: $checked checks."
