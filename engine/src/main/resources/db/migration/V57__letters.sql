-- Letters and notices (letters band V57): where a letter goes, who consented to receive letters by
-- e-mail, who represents an owner, and every letter written, kept as evidence.

-- Where letters reach a party. Without a mailing address the unit itself (at letters.association.property-address) is used.
ALTER TABLE parties ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$');
ALTER TABLE parties ADD COLUMN mailing_address text;

-- E-delivery needs the owner's consent (E-SIGN): a consent row on channel 'email' with its evidence.
ALTER TABLE consents DROP CONSTRAINT consents_channel_check;
ALTER TABLE consents ADD CONSTRAINT consents_channel_check CHECK (channel IN ('voice', 'sms', 'all', 'email'));

-- An attorney on record for an owner: written notices go to them instead of the owner.
CREATE TABLE attorneys (
  id              bigserial PRIMARY KEY,
  unit_id         bigint NOT NULL REFERENCES units(id),
  name            text NOT NULL CHECK (length(name) > 0),
  firm            text,
  mailing_address text NOT NULL CHECK (length(mailing_address) > 0),
  email           text CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  source          text NOT NULL,                    -- who recorded it: call, agent, cli, import
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  ended_at        timestamptz
);
CREATE INDEX attorneys_unit ON attorneys(unit_id) WHERE ended_at IS NULL;

-- Every letter written for a contact: to whom, how, its SHA-256 and the PDF itself.
CREATE TABLE letters (
  id               bigserial PRIMARY KEY,
  unit_id          bigint NOT NULL REFERENCES units(id),
  party_id         bigint REFERENCES parties(id),
  task_id          bigint REFERENCES contact_tasks(id),
  attempt_id       bigint REFERENCES attempts(id),
  campaign_ref     text,
  template         text NOT NULL,
  lang             text NOT NULL CHECK (lang ~ '^[a-z]{2}$'),
  recipient_kind   text NOT NULL CHECK (recipient_kind IN ('owner', 'attorney')),
  recipient_name   text NOT NULL,
  delivery         text NOT NULL CHECK (delivery IN ('email', 'print')),
  address          text NOT NULL,                   -- the e-mail address, or the postal address
  balance          numeric(14,2) NOT NULL,
  dispute_deadline date,
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  pdf              bytea NOT NULL,
  status           text NOT NULL CHECK (status IN ('sent', 'queued_for_print', 'printed')),
  message_id       text,                            -- the e-mail's Message-ID
  batch_ref        text,                            -- the print batch it went out in
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz
);
-- One letter per contact attempt: a retried or replayed outcome cannot write it twice.
CREATE UNIQUE INDEX letters_attempt ON letters(attempt_id) WHERE attempt_id IS NOT NULL;
CREATE INDEX letters_unit ON letters(unit_id, created_at);
CREATE INDEX letters_print_queue ON letters(status, created_at) WHERE status = 'queued_for_print';

-- What was sent is evidence: the document and its hash never change once written.
CREATE FUNCTION letters_document_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.pdf IS DISTINCT FROM OLD.pdf OR NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.address IS DISTINCT FROM OLD.address THEN
    RAISE EXCEPTION 'a letter''s document, hash and address cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER letters_document_fixed BEFORE UPDATE ON letters FOR EACH ROW EXECUTE FUNCTION letters_document_is_fixed();
CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
