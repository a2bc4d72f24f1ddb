-- Carrier webhooks in a cluster (cluster band V80..V89): a status, AMD, recording or SMS callback may
-- reach any node (a load balancer in front of the carrier's webhooks). Each is stored once, under a key
-- that a carrier's retry or the same event reaching two nodes shares, and handled once by the node that
-- owns the call (the node of the attempt with that call id).
CREATE TABLE carrier_events (
  id           bigserial PRIMARY KEY,
  event_key    text NOT NULL UNIQUE,                   -- e.g. status:CA123:busy, recording:RE456, sms:SM789
  kind         text NOT NULL CHECK (kind IN ('call_status', 'amd', 'recording', 'sms', 'sms_status')),
  call_sid     text,
  owner_node   text,                                   -- null while the owner's attempt has not stored the call id yet
  payload      jsonb NOT NULL,
  received_by  text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  handled_by   text,
  handled_at   timestamptz
);
CREATE INDEX carrier_events_unhandled ON carrier_events(received_at) WHERE handled_at IS NULL;
-- Finding a call's owner by its id alone (the unique index leads with the carrier's name).
CREATE INDEX attempts_call_sid ON attempts(carrier_call_id) WHERE carrier_call_id IS NOT NULL;
