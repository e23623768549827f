-- Received platform updates, kept until handled: nothing said by a user is lost, nothing is
-- answered twice, and updates of one chat are handed out in order (see bot.Inbox).
CREATE TABLE inbox (
	channel       text NOT NULL,
	id            text NOT NULL,
	seq           bigserial NOT NULL,
	chat_id       text NOT NULL,
	payload       bytea NOT NULL,
	received_at   timestamptz NOT NULL,
	claimed_by    text,
	claimed_until timestamptz,
	handled_at    timestamptz,
	PRIMARY KEY (channel, id)
);
CREATE INDEX inbox_pending ON inbox (channel, chat_id, seq) WHERE handled_at IS NULL;
CREATE INDEX inbox_handled ON inbox (received_at) WHERE handled_at IS NOT NULL;
