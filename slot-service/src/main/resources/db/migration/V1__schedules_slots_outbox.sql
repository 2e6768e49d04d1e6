-- Schedules and Slots keep their current FHIR JSON in `resource` and the search columns
-- beside it. Deletes are soft (deleted = true) so a read answers 410, not 404.

CREATE TABLE schedule (
    id            uuid        PRIMARY KEY,
    version_id    bigint      NOT NULL,
    last_updated  timestamptz NOT NULL,
    deleted       boolean     NOT NULL DEFAULT false,
    actors        text[]      NOT NULL DEFAULT '{}',   -- 'Practitioner/x', normalized
    identifiers   text[]      NOT NULL DEFAULT '{}',   -- 'system value' (TokenColumns)
    resource      text        NOT NULL
);

-- schedule.actor (chained) resolves actors to schedules through this index.
CREATE INDEX schedule_actors ON schedule USING gin (actors) WHERE NOT deleted;

CREATE TABLE slot (
    id                uuid        PRIMARY KEY,
    schedule_id       uuid        NOT NULL REFERENCES schedule (id),
    version_id        bigint      NOT NULL,
    last_updated      timestamptz NOT NULL,
    deleted           boolean     NOT NULL DEFAULT false,
    status            text        NOT NULL,
    start_at          timestamptz NOT NULL,
    end_at            timestamptz NOT NULL,
    overbooked        boolean     NOT NULL DEFAULT false,
    identifiers       text[]      NOT NULL DEFAULT '{}',  -- 'system value' (TokenColumns)
    service_types     text[]      NOT NULL DEFAULT '{}',  -- 'system code' (TokenColumns; '' system when absent)
    specialties       text[]      NOT NULL DEFAULT '{}',
    appointment_types text[]      NOT NULL DEFAULT '{}',
    resource          text        NOT NULL
);

-- The seed queries: free slots of a practitioner's schedules in start order ("next 10",
-- "nearest after a date"). Equality on schedule and status, then the keyset (start, id)
-- the paging cursor continues from, so LIMIT stops after a few index entries.
CREATE INDEX slot_schedule_status_start ON slot (schedule_id, status, start_at, id) WHERE NOT deleted;
-- Searches without a schedule: by time, and by _lastUpdated.
CREATE INDEX slot_start ON slot (start_at, id) WHERE NOT deleted;
CREATE INDEX slot_last_updated ON slot (last_updated, id) WHERE NOT deleted;
CREATE INDEX slot_identifiers ON slot USING gin (identifiers) WHERE NOT deleted;

-- Transactional outbox: written in the same transaction as the change it describes, published
-- to Kafka by OutboxRelay in seq order, then marked published.
CREATE TABLE outbox_event (
    seq           bigserial   PRIMARY KEY,
    event_id      uuid        NOT NULL,
    topic         text        NOT NULL,
    message_key   text        NOT NULL,
    payload       text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);

CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;
