-- Hardening (issue 18): retention of recordings and transcripts, and erasure of a person on request.

-- When the retention sweep removed an attempt's recording and its transcripts (the rows stay: the
-- contact happened, its time, outcome and latency are evidence; the words and audio go).
ALTER TABLE attempts ADD COLUMN recording_removed_at timestamptz;
ALTER TABLE attempts ADD COLUMN transcripts_removed_at timestamptz;

-- A party erased on request (PIPL art. 47 / GDPR art. 17): its personal data are overwritten, the
-- ledger's re-import does not bring them back, and nobody contacts it again.
ALTER TABLE parties ADD COLUMN erased_at timestamptz;
CREATE INDEX attempts_retention ON attempts(started_at) WHERE recording_removed_at IS NULL OR transcripts_removed_at IS NULL;
