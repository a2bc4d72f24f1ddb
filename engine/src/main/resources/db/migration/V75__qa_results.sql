-- Automatic QA: one verdict per checked call (bot calls from their stored transcript, people's calls
-- from the recording's transcription). Checking a call again replaces its verdict; the audit log keeps each.
CREATE TABLE qa_results (
  attempt_id    bigint PRIMARY KEY REFERENCES attempts(id),
  checked_at    timestamptz NOT NULL DEFAULT now(),
  source        text NOT NULL CHECK (source IN ('transcript', 'recording')),
  lang          text NOT NULL,
  jurisdiction  text,
  score         integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  passed        boolean NOT NULL,
  critical      integer NOT NULL,
  major         integer NOT NULL,
  minor         integer NOT NULL,
  findings      jsonb NOT NULL
);
CREATE INDEX qa_results_checked ON qa_results(checked_at);
