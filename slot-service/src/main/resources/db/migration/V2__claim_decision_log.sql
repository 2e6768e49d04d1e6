-- Claim decisions already applied (the consumer's message log): a re-delivered decision is
-- skipped inside the same transaction that would have applied it again.
CREATE TABLE claim_decision_log (
    decision_id  uuid        PRIMARY KEY,
    applied_at   timestamptz NOT NULL DEFAULT now()
);
