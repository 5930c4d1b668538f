-- The app lists the ongoing outages at every start and after every change:
-- an index of only those (a handful) spares it a scan of every outage.
-- Version 4 journals read the same without it, so reading commands still
-- open them (readableVersion).
CREATE INDEX outages_ongoing ON outages (start_at) WHERE end_at IS NULL;
