-- Appointments of booking-service. The claims themselves live in the Kafka Streams store;
-- this table is the durable record of what was asked and how it ended.
CREATE TABLE appointment (
    id             uuid PRIMARY KEY,
    -- "system|value" of the first identifier (or of If-None-Exist): the idempotency key
    identifier_key text UNIQUE,
    -- CLAIMING (decisions awaited), BOOKED, ABANDONING (reconciler releasing a stale claim),
    -- CANCELLING (release sent, not yet confirmed), CANCELLED
    state          text        NOT NULL,
    status         text        NOT NULL,
    deleted        boolean     NOT NULL DEFAULT false,
    version_id     bigint      NOT NULL,
    created_at     timestamptz NOT NULL,
    last_updated   timestamptz NOT NULL,
    start_at       timestamptz,
    end_at         timestamptz,
    slot_ids       text[]      NOT NULL,
    -- participant.actor references, normalized to Type/id
    actors         text[]      NOT NULL,
    resource       text        NOT NULL
);

CREATE INDEX appointment_slots ON appointment USING gin (slot_ids);
CREATE INDEX appointment_actors ON appointment USING gin (actors);
CREATE INDEX appointment_start ON appointment (start_at, id);
CREATE INDEX appointment_unfinished ON appointment (state, last_updated) WHERE state IN ('CLAIMING', 'ABANDONING', 'CANCELLING');
