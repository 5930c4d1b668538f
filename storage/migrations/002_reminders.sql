-- What the user was told, and what they dismissed or snoozed, per reminder
-- key (e.g. "renewal:12:2026-08-03"), so a desktop notification is sent at
-- most once per reminder per day and a dismissed one stays quiet.
CREATE TABLE reminder_state (
	key           TEXT PRIMARY KEY,
	notified_on   TEXT,               -- local day of the last notification, YYYY-MM-DD
	dismissed     INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),
	snoozed_until INTEGER             -- unix seconds; quiet until then
) STRICT;
