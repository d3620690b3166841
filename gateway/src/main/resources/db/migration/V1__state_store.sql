-- Drawbridge state store: change requests, approvals, grants and live sessions.
-- Several gateways may share this schema; the constraints below are what keeps them from
-- double-approving or double-granting (the workflow also locks the request row while deciding).

CREATE TABLE change_requests (
    id                 text        PRIMARY KEY,
    kind               text        NOT NULL CHECK (kind IN ('statement', 'elevation')),
    requester          text        NOT NULL,
    requester_kind     text        NOT NULL CHECK (requester_kind IN ('human', 'agent')),
    database_name      text        NOT NULL,
    reason             text        NOT NULL,
    -- kind = statement
    statement          text,
    fingerprint        text,
    plan               jsonb,
    risk               jsonb,
    facts              jsonb,
    -- kind = elevation
    access_level       text        CHECK (access_level IN ('read', 'write', 'ddl')),
    requested_seconds  bigint      CHECK (requested_seconds > 0),
    status             text        NOT NULL
                                   CHECK (status IN ('pending', 'approved', 'denied', 'applied', 'expired', 'revoked')),
    approvals_required integer     NOT NULL CHECK (approvals_required >= 1),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    -- a pending request nobody decided on expires at this time
    pending_until      timestamptz NOT NULL,
    CONSTRAINT change_requests_statement_fields CHECK (
        kind <> 'statement' OR (statement IS NOT NULL AND fingerprint IS NOT NULL
                                AND plan IS NOT NULL AND risk IS NOT NULL AND facts IS NOT NULL)),
    CONSTRAINT change_requests_elevation_fields CHECK (
        kind <> 'elevation' OR (access_level IS NOT NULL AND requested_seconds IS NOT NULL))
);

-- at most one open statement request per requester, database and plan fingerprint
CREATE UNIQUE INDEX change_requests_one_open_statement
    ON change_requests (requester, database_name, fingerprint)
    WHERE kind = 'statement' AND status IN ('pending', 'approved');

-- at most one pending elevation request per requester, database and access level
CREATE UNIQUE INDEX change_requests_one_pending_elevation
    ON change_requests (requester, database_name, access_level)
    WHERE kind = 'elevation' AND status = 'pending';

CREATE INDEX change_requests_by_status ON change_requests (status, created_at);

CREATE TABLE approvals (
    request_id     text        NOT NULL REFERENCES change_requests (id),
    approver       text        NOT NULL,
    decision       text        NOT NULL CHECK (decision IN ('approve', 'deny')),
    comment        text        NOT NULL,
    window_seconds bigint      CHECK (window_seconds > 0),
    decided_at     timestamptz NOT NULL,
    PRIMARY KEY (request_id, approver)
);

CREATE TABLE grants (
    id            text        PRIMARY KEY,
    subject       text        NOT NULL,
    database_name text        NOT NULL,
    -- scope: either one plan fingerprint or one access level
    fingerprint   text,
    access_level  text        CHECK (access_level IN ('read', 'write', 'ddl')),
    not_before    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoked_by    text,
    expired_at    timestamptz,
    used_at       timestamptz,
    use_count     integer     NOT NULL DEFAULT 0 CHECK (use_count >= 0),
    -- one grant per approved request, whichever gateway recorded it
    request_id    text        NOT NULL UNIQUE REFERENCES change_requests (id),
    created_at    timestamptz NOT NULL,
    CONSTRAINT grants_one_scope CHECK ((fingerprint IS NULL) <> (access_level IS NULL)),
    CONSTRAINT grants_window CHECK (expires_at > not_before),
    CONSTRAINT grants_revoked_by CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

CREATE INDEX grants_by_subject ON grants (subject, database_name, expires_at);

CREATE TABLE sessions (
    id             text        PRIMARY KEY,
    gateway_id     text        NOT NULL,
    user_name      text        NOT NULL,
    database_name  text        NOT NULL,
    client_address text,
    application    text,
    started_at     timestamptz NOT NULL,
    ended_at       timestamptz
);

CREATE INDEX sessions_live ON sessions (gateway_id) WHERE ended_at IS NULL;
