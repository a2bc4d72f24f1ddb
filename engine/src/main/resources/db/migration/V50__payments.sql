-- Money (payments band V50..V59): pay links, provider events, and the life of promises and instalments.

-- A signed, single-use, expiring link to pay one amount on one account. The id is random and is the
-- provider's reference (Stripe's client_reference_id); the URL carries it with the expiry and an HMAC.
CREATE TABLE pay_links (
  id            text PRIMARY KEY,
  unit_id       bigint NOT NULL REFERENCES units(id),
  amount        numeric(14,2) NOT NULL CHECK (amount > 0),
  purpose       text NOT NULL,                       -- balance, promise, instalment, or what the caller asked for
  expires_at    timestamptz NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
  provider      text,                                -- who took the money (local, stripe)
  payment_id    bigint REFERENCES payments(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  paid_at       timestamptz
);
CREATE INDEX pay_links_unit ON pay_links(unit_id, status);

-- Every provider event applied, by its id: a replayed webhook finds its row and changes nothing.
CREATE TABLE provider_events (
  provider      text NOT NULL,
  event_id      text NOT NULL,
  type          text NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);

-- Which provider and link a payment came through (null for ledger imports and manual postings).
ALTER TABLE payments ADD COLUMN provider text;
ALTER TABLE payments ADD COLUMN pay_link_id text REFERENCES pay_links(id);

-- Promises: partly kept is a state of its own; a reminder is sent once.
ALTER TABLE promises DROP CONSTRAINT promises_status_check;
ALTER TABLE promises ADD CONSTRAINT promises_status_check CHECK (status IN ('open', 'kept', 'partly_kept', 'broken', 'cancelled'));
ALTER TABLE promises ADD COLUMN reminded_at timestamptz;

-- Instalments: due (pending) -> paid (kept) / partly_paid / missed (broken); a reminder is sent once.
ALTER TABLE plan_instalments DROP CONSTRAINT plan_instalments_status_check;
ALTER TABLE plan_instalments ADD CONSTRAINT plan_instalments_status_check CHECK (status IN ('due', 'paid', 'partly_paid', 'late', 'missed'));
ALTER TABLE plan_instalments ADD COLUMN reminded_at timestamptz;
ALTER TABLE plan_instalments ADD COLUMN resolved_at timestamptz;
