-- The core's stores: conversations and their turns, coaches, availability slots and
-- bookings, workshops and registrations, escalated cases. The rules the core relies on are
-- constraints here, so that they hold across replicas: a slot booked at most once, no two
-- overlapping slots of a coach, workshop capacity, one confirmed registration per person.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE conversations (
	channel    text NOT NULL,
	chat_id    text NOT NULL,
	user_id    text NOT NULL DEFAULT '',
	state      jsonb NOT NULL DEFAULT '{}',
	updated_at timestamptz NOT NULL,
	PRIMARY KEY (channel, chat_id)
);
CREATE INDEX conversations_user ON conversations (channel, user_id);
CREATE INDEX conversations_updated ON conversations (updated_at);

-- Turns belong to a conversation by key but have no foreign key: the core may record turns of
-- a conversation before (or without) saving its state.
CREATE TABLE turns (
	id         bigserial PRIMARY KEY,
	channel    text NOT NULL,
	chat_id    text NOT NULL,
	user_id    text NOT NULL DEFAULT '',
	at         timestamptz NOT NULL,
	role       text NOT NULL,
	text       text NOT NULL,
	outcome    text NOT NULL DEFAULT '',
	topic      text NOT NULL DEFAULT '',
	guides     text[] NOT NULL DEFAULT '{}',
	confidence double precision NOT NULL DEFAULT 0,
	reason     text NOT NULL DEFAULT ''
);
CREATE INDEX turns_conversation ON turns (channel, chat_id, id);
CREATE INDEX turns_user ON turns (channel, user_id);
CREATE INDEX turns_at ON turns (at);

CREATE TABLE coaches (
	id      bigserial PRIMARY KEY,
	name    text NOT NULL,
	channel text NOT NULL,
	user_id text NOT NULL,
	chat_id text NOT NULL,
	regions text[] NOT NULL DEFAULT '{}',
	address text NOT NULL DEFAULT '',
	active  boolean NOT NULL DEFAULT true,
	demo    boolean NOT NULL DEFAULT false,
	CONSTRAINT coaches_identity UNIQUE (channel, user_id)
);

-- tstzrange is [start, end): adjacent slots do not overlap.
CREATE TABLE slots (
	id       bigserial PRIMARY KEY,
	coach_id bigint NOT NULL REFERENCES coaches (id),
	start_at timestamptz NOT NULL,
	end_at   timestamptz NOT NULL,
	mode     text NOT NULL,
	address  text NOT NULL DEFAULT '',
	CONSTRAINT slots_end_after_start CHECK (end_at > start_at),
	CONSTRAINT slots_no_overlap EXCLUDE USING gist (coach_id WITH =, tstzrange(start_at, end_at) WITH &&)
);
CREATE INDEX slots_start ON slots (start_at);

-- case_id is 0 when the booking came with no case; it has no foreign key since a case and its
-- booking refer to each other and either may be recorded first.
CREATE TABLE bookings (
	id          bigserial PRIMARY KEY,
	ref         text NOT NULL,
	slot_id     bigint NOT NULL REFERENCES slots (id),
	coach_id    bigint NOT NULL REFERENCES coaches (id),
	channel     text NOT NULL,
	chat_id     text NOT NULL,
	user_id     text NOT NULL,
	activity    text NOT NULL DEFAULT '',
	postal_code text NOT NULL DEFAULT '',
	region      text NOT NULL DEFAULT '',
	case_id     bigint NOT NULL DEFAULT 0,
	status      text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
	created_at  timestamptz NOT NULL,
	CONSTRAINT bookings_ref UNIQUE (ref)
);
-- A slot is booked at most once: a cancelled booking frees it.
CREATE UNIQUE INDEX bookings_slot_confirmed ON bookings (slot_id) WHERE status = 'confirmed';
CREATE INDEX bookings_user ON bookings (channel, user_id);

-- taken counts confirmed registrations; Register increments it only while a seat is left.
CREATE TABLE workshops (
	id       bigserial PRIMARY KEY,
	title    text NOT NULL,
	topic    text NOT NULL DEFAULT '',
	start_at timestamptz NOT NULL,
	end_at   timestamptz NOT NULL,
	mode     text NOT NULL DEFAULT '',
	place    text NOT NULL DEFAULT '',
	region   text NOT NULL DEFAULT '',
	capacity int NOT NULL CONSTRAINT workshops_capacity CHECK (capacity > 0),
	taken    int NOT NULL DEFAULT 0 CONSTRAINT workshops_taken CHECK (taken >= 0 AND taken <= capacity),
	demo     boolean NOT NULL DEFAULT false
);
CREATE INDEX workshops_start ON workshops (start_at);

CREATE TABLE registrations (
	id          bigserial PRIMARY KEY,
	workshop_id bigint NOT NULL REFERENCES workshops (id),
	channel     text NOT NULL,
	chat_id     text NOT NULL,
	user_id     text NOT NULL,
	status      text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
	created_at  timestamptz NOT NULL
);
-- One confirmed seat per person and workshop.
CREATE UNIQUE INDEX registrations_person_confirmed ON registrations (workshop_id, channel, user_id)
	WHERE status = 'confirmed';
CREATE INDEX registrations_user ON registrations (channel, user_id);

-- booking_id and coach_id are 0 when there is none. Neither has a foreign key: a case and its
-- booking refer to each other, and the coach is whoever the core says claimed the case.
CREATE TABLE cases (
	id          bigserial PRIMARY KEY,
	status      text NOT NULL CHECK (status IN ('open', 'claimed', 'closed')),
	channel     text NOT NULL,
	chat_id     text NOT NULL,
	user_id     text NOT NULL,
	owner_name  text NOT NULL DEFAULT '',
	activity    text NOT NULL DEFAULT '',
	postal_code text NOT NULL DEFAULT '',
	region      text NOT NULL DEFAULT '',
	reason      text NOT NULL DEFAULT '',
	questions   text[] NOT NULL DEFAULT '{}',
	guides      text[] NOT NULL DEFAULT '{}',
	booking_id  bigint NOT NULL DEFAULT 0,
	coach_id    bigint NOT NULL DEFAULT 0,
	close_note  text NOT NULL DEFAULT '',
	created_at  timestamptz NOT NULL,
	updated_at  timestamptz NOT NULL
);
CREATE INDEX cases_status ON cases (status, created_at DESC, id DESC);
CREATE INDEX cases_user ON cases (channel, user_id);
