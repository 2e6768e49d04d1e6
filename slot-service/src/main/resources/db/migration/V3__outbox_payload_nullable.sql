-- One outbox table shape for every service (common's org.esus.common.outbox): payload NULL is a
-- tombstone, as in subscription-service's outbox_event. slot-service writes none; the column only
-- stops refusing them.
ALTER TABLE outbox_event ALTER COLUMN payload DROP NOT NULL;
