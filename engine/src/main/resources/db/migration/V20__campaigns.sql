-- Campaigns, the dialer's claims and leases, per-rung attempts and the do-not-call list (campaign band V20..V29).

CREATE TABLE campaigns (
  id          text PRIMARY KEY,                      -- the definition's id, e.g. "standard"
  definition  text NOT NULL,                         -- where it was loaded from (bundled id or file)
  status      text NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'running', 'paused', 'stopped')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Letters are exported, not dialed, but they are contacts of the ladder too.
ALTER TABLE contact_tasks DROP CONSTRAINT contact_tasks_channel_check;
ALTER TABLE contact_tasks ADD CONSTRAINT contact_tasks_channel_check CHECK (channel IN ('voice', 'sms', 'letter'));
ALTER TABLE attempts DROP CONSTRAINT attempts_channel_check;
ALTER TABLE attempts ADD CONSTRAINT attempts_channel_check CHECK (channel IN ('voice', 'sms', 'letter'));

ALTER TABLE contact_tasks
  ADD COLUMN handler      text NOT NULL DEFAULT 'bot' CHECK (handler IN ('bot', 'human')),
  ADD COLUMN lease_until  timestamptz,               -- a claim not renewed by then is released
  ADD COLUMN e164         text;                      -- the number dialed, so one phone is never dialed twice at once

ALTER TABLE attempts
  ADD COLUMN campaign_ref text,
  ADD COLUMN ladder_step  text;

-- At most one open task per account and campaign: planning twice never doubles a contact.
CREATE UNIQUE INDEX contact_tasks_one_open ON contact_tasks(campaign_ref, unit_id)
  WHERE status IN ('pending', 'claimed', 'in_progress');
-- Never the same phone twice at once, across campaigns and nodes.
CREATE UNIQUE INDEX contact_tasks_phone_busy ON contact_tasks(e164)
  WHERE status IN ('claimed', 'in_progress');
CREATE INDEX contact_tasks_lease ON contact_tasks(status, lease_until);

CREATE TABLE do_not_call (
  e164        text PRIMARY KEY CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  source      text NOT NULL,                         -- the imported list's name
  added_at    timestamptz NOT NULL DEFAULT now()
);
