-- What Lapse learnt while watching a service's status page: which kind of
-- page its address is and what it polls, when it may fetch again, and the
-- validators of the last answers, so an unchanged page costs a 304.
-- A row is state, not a record: it is not in backups and a changed status
-- page address starts it again.
CREATE TABLE status_watch (
	service_id INTEGER PRIMARY KEY REFERENCES services (id) ON DELETE CASCADE,
	page       TEXT    NOT NULL,             -- the service's status page address this is about
	kind       TEXT    NOT NULL DEFAULT '' CHECK (kind IN ('', 'statuspage', 'feed')), -- '': not found yet
	source     TEXT    NOT NULL DEFAULT '',  -- what is polled: the Statuspage's base address or the feed's
	synced_at  INTEGER,                      -- unix seconds of the last poll that succeeded
	next_at    INTEGER,                      -- unix seconds; no fetch before
	failures   INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0), -- failed polls in a row
	last_error TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE status_watch_cache (
	service_id    INTEGER NOT NULL REFERENCES status_watch (service_id) ON DELETE CASCADE,
	url           TEXT    NOT NULL,
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (service_id, url)
) STRICT, WITHOUT ROWID;
