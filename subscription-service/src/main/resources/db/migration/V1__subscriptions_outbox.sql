-- Subscriptions: the FHIR JSON as clients read it (never the secret) plus the columns that
-- search, publishing and outcome handling need.
CREATE TABLE subscription (
    id            uuid        PRIMARY KEY,
    version_id    bigint      NOT NULL,
    created_at    timestamptz NOT NULL,
    last_updated  timestamptz NOT NULL,
    deleted       boolean     NOT NULL DEFAULT false,
    status        text        NOT NULL,
    endpoint      text        NOT NULL,
    secret        text,
    resource      text        NOT NULL
);

CREATE INDEX subscription_status ON subscription (status) WHERE NOT deleted;
CREATE INDEX subscription_endpoint ON subscription (endpoint) WHERE NOT deleted;

-- The transactional outbox of esus.subscriptions: a row per committed change; payload NULL is
-- a tombstone (the Subscription was deleted).
CREATE TABLE outbox_event (
    seq           bigserial   PRIMARY KEY,
    event_id      uuid        NOT NULL,
    topic         text        NOT NULL,
    message_key   text        NOT NULL,
    payload       text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);

CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;
