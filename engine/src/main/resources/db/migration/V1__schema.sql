-- Duesline schema, version 1: everything ARCHITECTURE.md lists under Data.
-- Number bands: store V1..V19, campaign V20..V29, conversation V30+.
-- Money is numeric(14,2); instants are timestamptz (UTC); local dates (due, paid, promised) are date.

-- An account is a unit's ledger: the unit carries the account.
CREATE TABLE units (
  id          bigserial PRIMARY KEY,
  unit_code   text NOT NULL UNIQUE,                  -- natural key from the ledger, e.g. "B03-1204"
  commercial  boolean NOT NULL DEFAULT false,
  area_m2     numeric(10,2) CHECK (area_m2 IS NULL OR area_m2 > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Owners and tenants; each belongs to one unit (an owner of two units appears twice, with two ids).
CREATE TABLE parties (
  id          bigserial PRIMARY KEY,
  party_ref   text NOT NULL UNIQUE,                  -- natural key from the ledger
  unit_id     bigint NOT NULL REFERENCES units(id),
  full_name   text NOT NULL,
  role        text NOT NULL CHECK (role IN ('owner', 'tenant')),
  language    text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
  primary_contact boolean NOT NULL DEFAULT false,    -- the party the campaign contacts first
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parties_unit ON parties(unit_id);

CREATE TABLE phones (
  id          bigserial PRIMARY KEY,
  party_id    bigint NOT NULL REFERENCES parties(id),
  e164        text NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  timezone    text NOT NULL,                         -- IANA zone, e.g. Asia/Shanghai
  language    text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
  status      text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'wrong_number', 'invalid')),
  status_changed_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (party_id, e164)
);
CREATE INDEX phones_e164 ON phones(e164);

CREATE TABLE charges (
  id          bigserial PRIMARY KEY,
  charge_ref  text NOT NULL UNIQUE,                  -- natural key from the ledger
  unit_id     bigint NOT NULL REFERENCES units(id),
  period      text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  kind        text NOT NULL DEFAULT 'service',       -- service, late_fee, parking, utility ...
  amount      numeric(14,2) NOT NULL CHECK (amount >= 0),
  due_date    date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX charges_unit_due ON charges(unit_id, due_date);

CREATE TABLE payments (
  id          bigserial PRIMARY KEY,
  payment_ref text NOT NULL UNIQUE,                  -- natural key from the ledger
  unit_id     bigint NOT NULL REFERENCES units(id),
  amount      numeric(14,2) NOT NULL CHECK (amount > 0),
  paid_on     date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_unit_paid ON payments(unit_id, paid_on);

-- A due contact the scheduler created; nodes claim them with FOR UPDATE SKIP LOCKED.
CREATE TABLE contact_tasks (
  id            bigserial PRIMARY KEY,
  unit_id       bigint NOT NULL REFERENCES units(id),
  party_id      bigint REFERENCES parties(id),
  phone_id      bigint REFERENCES phones(id),
  campaign_ref  text,                                -- the campaign that made it (campaign tables come in V20+)
  channel       text NOT NULL CHECK (channel IN ('voice', 'sms')),
  ladder_step   text NOT NULL,
  segment_class text CHECK (segment_class IN ('A', 'B', 'C', 'D')),
  segment_grade text CHECK (segment_grade IN ('S', 'A', 'B', 'C')),
  talk_track    text,
  variant       text,
  due_at        timestamptz NOT NULL,
  status        text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'claimed', 'in_progress', 'done', 'refused', 'cancelled', 'failed')),
  refusal_reason text,                               -- the policy's reason code when refused
  claimed_by    text,
  claimed_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_tasks_due ON contact_tasks(status, due_at);
CREATE INDEX contact_tasks_unit ON contact_tasks(unit_id);

-- One try at a task: a call or a message.
CREATE TABLE attempts (
  id                bigserial PRIMARY KEY,
  task_id           bigint REFERENCES contact_tasks(id),
  unit_id           bigint NOT NULL REFERENCES units(id),
  phone_id          bigint REFERENCES phones(id),
  channel           text NOT NULL CHECK (channel IN ('voice', 'sms')),
  started_at        timestamptz NOT NULL DEFAULT now(),
  answered_at       timestamptz,
  ended_at          timestamptz,
  carrier           text,                            -- local | twilio
  carrier_call_id   text,
  carrier_message_id text,
  amd_result        text,                            -- human, machine_start, machine_end_beep, fax, unknown
  script_id         text,
  script_version    text,
  variant           text,
  disposition       text,                            -- promise, paid, refused, no_answer, voicemail, wrong_number, handoff, ...
  error             text
);
CREATE INDEX attempts_task ON attempts(task_id);
CREATE INDEX attempts_unit ON attempts(unit_id, started_at);
CREATE UNIQUE INDEX attempts_carrier_call ON attempts(carrier, carrier_call_id) WHERE carrier_call_id IS NOT NULL;

-- What was said in a call, turn by turn.
CREATE TABLE turns (
  id            bigserial PRIMARY KEY,
  attempt_id    bigint NOT NULL REFERENCES attempts(id),
  seq           integer NOT NULL,
  speaker       text NOT NULL CHECK (speaker IN ('bot', 'caller', 'agent')),
  at            timestamptz NOT NULL DEFAULT now(),
  state         text,                              -- talk-track state when the turn happened
  transcript    text NOT NULL DEFAULT '',
  intent        text,
  intent_score  double precision,
  scores        jsonb,                             -- every candidate intent with its score
  entities      jsonb,                             -- amounts, dates ...
  asr_ms        integer,
  nlu_ms        integer,
  tts_ms        integer,
  total_ms      integer,
  UNIQUE (attempt_id, seq)
);

CREATE TABLE promises (
  id            bigserial PRIMARY KEY,
  unit_id       bigint NOT NULL REFERENCES units(id),
  party_id      bigint REFERENCES parties(id),
  attempt_id    bigint REFERENCES attempts(id),
  amount        numeric(14,2) NOT NULL CHECK (amount > 0),
  promised_for  date NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'broken', 'cancelled')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  resolved_at   timestamptz
);
CREATE INDEX promises_unit ON promises(unit_id, status);

CREATE TABLE plans (
  id            bigserial PRIMARY KEY,
  unit_id       bigint NOT NULL REFERENCES units(id),
  party_id      bigint REFERENCES parties(id),
  attempt_id    bigint REFERENCES attempts(id),
  total         numeric(14,2) NOT NULL CHECK (total > 0),
  instalment_count integer NOT NULL CHECK (instalment_count BETWEEN 1 AND 36),
  late_fee_waiver_pct numeric(5,2) NOT NULL DEFAULT 0 CHECK (late_fee_waiver_pct BETWEEN 0 AND 100),
  status        text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'completed', 'broken', 'cancelled')),
  agreement_ref text,                              -- the written agreement's reference
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_unit ON plans(unit_id, status);

CREATE TABLE plan_instalments (
  plan_id       bigint NOT NULL REFERENCES plans(id),
  seq           integer NOT NULL CHECK (seq >= 1),
  due_date      date NOT NULL,
  amount        numeric(14,2) NOT NULL CHECK (amount > 0),
  paid_amount   numeric(14,2) NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
  status        text NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'paid', 'late', 'missed')),
  PRIMARY KEY (plan_id, seq)
);

-- Consent and opt-out per party and channel, each with its evidence (who said what, when, where).
CREATE TABLE consents (
  id            bigserial PRIMARY KEY,
  party_id      bigint NOT NULL REFERENCES parties(id),
  phone_id      bigint REFERENCES phones(id),        -- null: every phone of the party
  channel       text NOT NULL CHECK (channel IN ('voice', 'sms', 'all')),
  kind          text NOT NULL CHECK (kind IN ('consent', 'opt_out')),
  evidence      text NOT NULL CHECK (length(evidence) > 0),   -- e.g. "said 'stop calling me' in attempt 42, turn 3"
  source        text NOT NULL,                       -- call, sms_reply, web, import, agent
  attempt_id    bigint REFERENCES attempts(id),
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);
CREATE INDEX consents_party ON consents(party_id, channel);

-- Reasons not to contact: a dispute, an attorney, a bereavement, a hardship arrangement.
CREATE TABLE holds (
  id            bigserial PRIMARY KEY,
  unit_id       bigint NOT NULL REFERENCES units(id),
  party_id      bigint REFERENCES parties(id),
  kind          text NOT NULL CHECK (kind IN ('dispute', 'attorney', 'bereavement', 'hardship', 'other')),
  reason        text NOT NULL,
  starts_at     timestamptz NOT NULL DEFAULT now(),
  ends_at       timestamptz,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX holds_unit ON holds(unit_id);

CREATE TABLE handoffs (
  id            bigserial PRIMARY KEY,
  attempt_id    bigint REFERENCES attempts(id),
  unit_id       bigint NOT NULL REFERENCES units(id),
  reason        text NOT NULL,
  summary       text,
  transcript    text,
  status        text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'assigned', 'closed', 'abandoned')),
  agent         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  assigned_at   timestamptz,
  closed_at     timestamptz
);
CREATE INDEX handoffs_status ON handoffs(status, created_at);

-- Evidence of every step. Append-only: the database itself refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL,                       -- system component or user
  action        text NOT NULL,                       -- e.g. ledger.import, call.placed, policy.refused
  entity        text,                                -- e.g. unit, attempt
  entity_id     text,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
