-- People who sign in to the browser pages (access band V30..V39). Passwords are bcrypt hashes only.
CREATE TABLE users (
  name           text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  role           text NOT NULL CHECK (role IN ('supervisor', 'agent', 'script_writer')),
  password_hash  text NOT NULL CHECK (password_hash LIKE '$2%'),
  address        text,                               -- agents: where taken calls are transferred (E.164 or sip:)
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- What an agent wrote when closing a hand-off they took.
ALTER TABLE handoffs
  ADD COLUMN disposition text,
  ADD COLUMN notes       text;
