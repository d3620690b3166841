-- Drawbridge audit trail: one hash chain per gateway instance.
--
-- Each gateway appends to its own chain (gateway_id) with gap-free sequence numbers starting at 1;
-- each row carries the SHA-256 of the previous row of the same chain (prev_hash, 64 zeros for the
-- first) and its own hash over a canonical encoding of every column but hash itself. Several
-- gateways sharing the store never contend for a lock: a chain has one writer, and the primary key
-- makes two gateways configured with the same id fail loudly instead of forking a chain.
-- Nobody updates or deletes: the gateway only INSERTs and SELECTs (grant it no more in production).

CREATE TABLE audit_events (
    gateway_id    text        NOT NULL,
    seq           bigint      NOT NULL CHECK (seq >= 1),
    occurred_at   timestamptz NOT NULL,
    event_type    text        NOT NULL,
    actor         text        NOT NULL,
    session_id    text,
    database_name text,
    decision      text,
    rule          text,
    tables        text[]      NOT NULL DEFAULT '{}',
    details       text        NOT NULL,
    prev_hash     text        NOT NULL,
    hash          text        NOT NULL,
    PRIMARY KEY (gateway_id, seq)
);

CREATE INDEX audit_events_by_time ON audit_events (occurred_at);
CREATE INDEX audit_events_by_actor ON audit_events (actor, occurred_at);
CREATE INDEX audit_events_by_session ON audit_events (gateway_id, session_id, seq);
CREATE INDEX audit_events_by_tables ON audit_events USING gin (tables);
