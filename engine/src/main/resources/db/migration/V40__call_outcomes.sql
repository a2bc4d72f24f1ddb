-- What live calls leave behind beyond promises and plans (calls band V40..V49).

-- Work a call hands to people, each with the date it must be followed up by:
--   service          a service complaint (lift, cleaning, ...) to fix and report back on within 48 h
--   charge_statement a disputed debt: send the written statement of charges before any further collection
--   payment_check    the owner says they paid: find the payment before anyone contacts them again
CREATE TABLE service_tickets (
  id            bigserial PRIMARY KEY,
  unit_id       bigint NOT NULL REFERENCES units(id),
  party_id      bigint REFERENCES parties(id),
  attempt_id    bigint REFERENCES attempts(id),
  category      text NOT NULL CHECK (category IN ('service', 'charge_statement', 'payment_check')),
  text          text NOT NULL,                       -- the caller's own words
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  follow_up_due timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz
);
CREATE INDEX service_tickets_open ON service_tickets(status, follow_up_due);
-- One ticket of a kind per call: an outcome stored twice cannot double the work.
CREATE UNIQUE INDEX service_tickets_attempt_category ON service_tickets(attempt_id, category) WHERE attempt_id IS NOT NULL;

-- A claimed payment pauses contact until someone has matched it (or lifts the hold).
ALTER TABLE holds DROP CONSTRAINT holds_kind_check;
ALTER TABLE holds ADD CONSTRAINT holds_kind_check
  CHECK (kind IN ('dispute', 'attorney', 'bereavement', 'hardship', 'payment_check', 'other'));

-- What the owner said about the unit: a vacant unit is still owed for, and the owner is the one chased.
ALTER TABLE units ADD COLUMN occupancy text CHECK (occupancy IN ('occupied', 'vacant'));
ALTER TABLE units ADD COLUMN occupancy_source text;

-- The call's recording as the carrier reports it (Twilio's RecordingSid / RecordingUrl / RecordingDuration).
ALTER TABLE attempts ADD COLUMN recording_sid text;
ALTER TABLE attempts ADD COLUMN recording_url text;
ALTER TABLE attempts ADD COLUMN recording_seconds integer;

-- What the carrier last reported for the call when the engine had to ask it (restart reconciliation).
ALTER TABLE attempts ADD COLUMN carrier_status text;
ALTER TABLE attempts ADD COLUMN carrier_duration_s integer;
