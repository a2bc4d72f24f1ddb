-- Agent presence and the hand-off desk across the nodes of a cluster (cluster band V80..V89).

-- Agents signed in to the desk, whichever node serves their console. A node renews the leases of the
-- agents it last heard from; an agent whose node died drops out of the desk when the lease runs out
-- and comes back as soon as their console reaches another node.
CREATE TABLE desk_agents (
  name          text PRIMARY KEY,
  address       text NOT NULL,                         -- where their calls are transferred (E.164 or sip:)
  state         text NOT NULL CHECK (state IN ('free', 'on_call', 'wrap_up', 'away')),
  since         timestamptz NOT NULL DEFAULT now(),
  node_id       text NOT NULL,                         -- the node that renews this presence
  lease_until   timestamptz NOT NULL,
  handoff_id    bigint REFERENCES handoffs(id) ON DELETE SET NULL  -- the hand-off taken (on_call)
);

-- Which node owns a waiting hand-off (the node whose call it is: it transfers the call) and its
-- priority, so every node's desk can offer it to its agents.
ALTER TABLE handoffs
  ADD COLUMN node_id  text,
  ADD COLUMN priority int NOT NULL DEFAULT 0;
