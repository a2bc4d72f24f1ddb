-- A cluster of engine nodes on one PostgreSQL: nodes with leases, fencing epochs on claims,
-- sign-in sessions any node can read (cluster band V80..V89).

-- Every fencing epoch comes from here: a node takes a new one each time it (re)acquires its lease,
-- so a claim made under an older epoch can never be written again.
CREATE SEQUENCE fencing_epoch;

CREATE TABLE nodes (
  id            text PRIMARY KEY,                    -- the node id (logs, metrics, claims)
  epoch         bigint NOT NULL,                     -- current fencing epoch of this node's lease
  address       text,                                -- its HTTP base URL (the carrier's webhooks for its calls)
  started_at    timestamptz NOT NULL DEFAULT now(),
  heartbeat_at  timestamptz NOT NULL DEFAULT now(),
  lease_until   timestamptz NOT NULL
);

-- The epoch a claim was made under; every later write of the claim must present it.
ALTER TABLE contact_tasks ADD COLUMN lease_epoch bigint;
-- Which node and epoch began the attempt: its writes are fenced against the task's claim.
ALTER TABLE attempts ADD COLUMN node_id text, ADD COLUMN lease_epoch bigint;

-- Sign-in sessions: any node (or a restarted one) knows who is signed in.
CREATE TABLE web_sessions (
  id            text PRIMARY KEY,                    -- the SHA-256 of the session id, never the id itself
  data          bytea NOT NULL,
  expires_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX web_sessions_expiry ON web_sessions(expires_at);
