-- Drawbridge state store: rollouts of approved staged plans, with every step's and batch's checkpoint.
-- Several gateways may share this schema: exactly one of them runs a rollout, the holder of its lease
-- (holder, lease_until). Every write a runner makes names the holder, so a runner whose lease was
-- taken over can no longer record anything.

CREATE TABLE rollouts (
    id             text        PRIMARY KEY,
    request_id     text        NOT NULL UNIQUE REFERENCES change_requests (id),
    grant_id       text        REFERENCES grants (id),
    database_name  text        NOT NULL,
    requester      text        NOT NULL,
    fingerprint    text        NOT NULL,
    status         text        NOT NULL
                               CHECK (status IN ('queued', 'running', 'paused', 'waiting', 'completed',
                                                 'failed', 'cancelled', 'rolling-back', 'rolled-back')),
    -- what an operator asked for; the runner acts on it at the next step or batch boundary
    requested      text        NOT NULL DEFAULT 'none'
                               CHECK (requested IN ('none', 'pause', 'cancel', 'rollback')),
    holder         text,
    lease_until    timestamptz,
    message        text        NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    CONSTRAINT rollouts_lease CHECK ((holder IS NULL) = (lease_until IS NULL))
);

CREATE INDEX rollouts_runnable ON rollouts (status, lease_until)
    WHERE status IN ('queued', 'running', 'rolling-back');

CREATE TABLE rollout_steps (
    rollout_id     text        NOT NULL REFERENCES rollouts (id),
    number         integer     NOT NULL CHECK (number >= 1),
    kind           text        NOT NULL,
    description    text        NOT NULL,
    statements     jsonb       NOT NULL,
    rollback       jsonb       NOT NULL,
    transactional  boolean     NOT NULL,
    -- kind = backfill: {"table", "key", "column", "value", "batchSize"}
    backfill       jsonb,
    -- kind = concurrent: indexes to check for indisvalid after a failure
    indexes        jsonb       NOT NULL DEFAULT '[]',
    status         text        NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'running', 'done', 'failed', 'rolled-back')),
    attempts       integer     NOT NULL DEFAULT 0,
    -- backfill checkpoint: the last key (or heap page) whose batch committed
    checkpoint     text,
    batch_size     integer,
    rows_done      bigint      NOT NULL DEFAULT 0,
    rows_total     bigint,
    batches        integer     NOT NULL DEFAULT 0,
    -- the upstream transaction id of a transactional step, recorded just before its COMMIT: after
    -- a crash, txid_status() tells whether the step committed (then it is not run again)
    xid            text,
    started_at     timestamptz,
    finished_at    timestamptz,
    message        text        NOT NULL DEFAULT '',
    PRIMARY KEY (rollout_id, number)
);
