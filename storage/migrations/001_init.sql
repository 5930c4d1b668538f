-- Schema version 1: every entity of the journal.
-- Times are INTEGER unix seconds (UTC); dates are TEXT YYYY-MM-DD; money is
-- INTEGER minor units beside a TEXT ISO 4217 code.
-- A row with a trash_id is in the trash: every read skips it, restoring clears
-- it, emptying the trash deletes the trash rows and cascades to the records.

CREATE TABLE trash (
	id         INTEGER PRIMARY KEY,
	kind       TEXT    NOT NULL,
	record_id  INTEGER NOT NULL,
	label      TEXT    NOT NULL,
	deleted_at INTEGER NOT NULL
);

CREATE TABLE services (
	id          INTEGER PRIMARY KEY,
	name        TEXT    NOT NULL CHECK (name <> ''),
	name_key    TEXT    NOT NULL, -- the case-folded name, for uniqueness and order
	category    TEXT    NOT NULL DEFAULT '',
	website     TEXT    NOT NULL DEFAULT '',
	status_page TEXT    NOT NULL DEFAULT '',
	notes       TEXT    NOT NULL DEFAULT '',
	archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	trash_id    INTEGER REFERENCES trash (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX services_name_key ON services (name_key) WHERE trash_id IS NULL;
CREATE INDEX services_trash ON services (trash_id) WHERE trash_id IS NOT NULL;

CREATE TABLE service_alternatives (
	service_id     INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
	alternative_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	PRIMARY KEY (service_id, alternative_id),
	CHECK (service_id <> alternative_id)
) WITHOUT ROWID;
CREATE INDEX service_alternatives_alternative ON service_alternatives (alternative_id);

CREATE TABLE subscriptions (
	id            INTEGER PRIMARY KEY,
	service_id    INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
	plan          TEXT    NOT NULL DEFAULT '',
	amount        INTEGER NOT NULL CHECK (amount >= 0),
	currency      TEXT    NOT NULL,
	period_n      INTEGER NOT NULL CHECK (period_n > 0),
	period_unit   TEXT    NOT NULL CHECK (period_unit IN ('day', 'week', 'month', 'year')),
	start_date    TEXT    NOT NULL,
	end_date      TEXT,
	trial_end     TEXT,
	payment_note  TEXT    NOT NULL DEFAULT '',
	reminder_days INTEGER NOT NULL DEFAULT 0 CHECK (reminder_days >= 0),
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL,
	trash_id      INTEGER REFERENCES trash (id) ON DELETE CASCADE
);
CREATE INDEX subscriptions_service_start ON subscriptions (service_id, start_date);
CREATE INDEX subscriptions_trash ON subscriptions (trash_id) WHERE trash_id IS NOT NULL;

CREATE TABLE price_changes (
	id              INTEGER PRIMARY KEY,
	subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
	effective       TEXT    NOT NULL,
	amount          INTEGER NOT NULL CHECK (amount >= 0)
);
CREATE INDEX price_changes_subscription ON price_changes (subscription_id, effective);

CREATE TABLE outages (
	id           INTEGER PRIMARY KEY,
	service_id   INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
	title        TEXT    NOT NULL DEFAULT '',
	start_at     INTEGER NOT NULL,
	end_at       INTEGER CHECK (end_at IS NULL OR end_at >= start_at),
	impact       TEXT    NOT NULL CHECK (impact IN ('down', 'degraded', 'partial')),
	still_worked TEXT    NOT NULL DEFAULT '',
	symptoms     TEXT    NOT NULL DEFAULT '',
	resolution   TEXT    NOT NULL DEFAULT '',
	source       TEXT    NOT NULL CHECK (source IN ('me', 'official')),
	link         TEXT    NOT NULL DEFAULT '',
	external_id  TEXT    NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	trash_id     INTEGER REFERENCES trash (id) ON DELETE CASCADE
);
CREATE INDEX outages_service_start ON outages (service_id, start_at);
CREATE INDEX outages_start ON outages (start_at);
CREATE UNIQUE INDEX outages_external ON outages (service_id, external_id)
	WHERE external_id <> '' AND trash_id IS NULL;
CREATE INDEX outages_trash ON outages (trash_id) WHERE trash_id IS NOT NULL;

CREATE TABLE outage_platforms (
	outage_id INTEGER NOT NULL REFERENCES outages (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	platform  TEXT    NOT NULL,
	PRIMARY KEY (outage_id, position)
) WITHOUT ROWID;

CREATE TABLE outage_steps (
	outage_id INTEGER NOT NULL REFERENCES outages (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	action    TEXT    NOT NULL,
	result    TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (outage_id, position)
) WITHOUT ROWID;

CREATE TABLE tickets (
	id          INTEGER PRIMARY KEY,
	service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
	outage_id   INTEGER REFERENCES outages (id) ON DELETE SET NULL,
	subject     TEXT    NOT NULL DEFAULT '',
	channel     TEXT    NOT NULL CHECK (channel IN ('email', 'chat', 'form', 'phone', 'social')),
	reference   TEXT    NOT NULL DEFAULT '',
	opened_at   INTEGER NOT NULL,
	resolved_at INTEGER CHECK (resolved_at IS NULL OR resolved_at >= opened_at),
	outcome     TEXT    NOT NULL DEFAULT ''
		CHECK (outcome IN ('', 'resolved', 'unresolved', 'refund', 'credit', 'cancelled')),
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	trash_id    INTEGER REFERENCES trash (id) ON DELETE CASCADE
);
CREATE INDEX tickets_service_opened ON tickets (service_id, opened_at);
CREATE INDEX tickets_opened ON tickets (opened_at);
CREATE INDEX tickets_outage ON tickets (outage_id) WHERE outage_id IS NOT NULL;
CREATE INDEX tickets_trash ON tickets (trash_id) WHERE trash_id IS NOT NULL;

CREATE TABLE messages (
	id         INTEGER PRIMARY KEY,
	ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
	at         INTEGER NOT NULL,
	direction  TEXT    NOT NULL CHECK (direction IN ('sent', 'received')),
	author     TEXT    NOT NULL CHECK (author IN ('me', 'human', 'bot', 'auto')),
	sender     TEXT    NOT NULL DEFAULT '',
	summary    TEXT    NOT NULL,
	body       TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	trash_id   INTEGER REFERENCES trash (id) ON DELETE CASCADE
);
CREATE INDEX messages_ticket_at ON messages (ticket_id, at);
CREATE INDEX messages_trash ON messages (trash_id) WHERE trash_id IS NOT NULL;

CREATE TABLE decisions (
	id          INTEGER PRIMARY KEY,
	service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
	kind        TEXT    NOT NULL
		CHECK (kind IN ('cancelled', 'downgraded', 'switched', 'refund_requested', 'refund_received')),
	date        TEXT    NOT NULL,
	amount      INTEGER CHECK (amount IS NULL OR amount >= 0),
	currency    TEXT,
	switched_to INTEGER REFERENCES services (id) ON DELETE SET NULL,
	note        TEXT    NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	trash_id    INTEGER REFERENCES trash (id) ON DELETE CASCADE,
	CHECK ((amount IS NULL) = (currency IS NULL))
);
CREATE INDEX decisions_service_date ON decisions (service_id, date);
CREATE INDEX decisions_switched_to ON decisions (switched_to) WHERE switched_to IS NOT NULL;
CREATE INDEX decisions_trash ON decisions (trash_id) WHERE trash_id IS NOT NULL;

-- Settings are JSON values by key; a key that is absent takes its default.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE rates (
	currency TEXT PRIMARY KEY,
	rate     TEXT NOT NULL,
	as_of    TEXT
) WITHOUT ROWID;
