-- Scheduled jobs (the retention purge): when each last ran, so that several replicas run a
-- job once per period (see DB.RunOnce).
CREATE TABLE jobs (
	name     text PRIMARY KEY,
	last_run timestamptz NOT NULL
);
