-- Hardening (issue 18), numbered high to stay clear of the other capabilities' bands.

-- One row per statement that changed the ledger's inputs. The dashboard's arrears cache compares
-- (count, max id) read in the same snapshot as the ledger: an insert conflicts with nobody (a
-- single version row would serialise every writer and could deadlock), and the count catches a
-- transaction that took an earlier id but committed later. Old rows are pruned; a prune only costs
-- one recomputation.
CREATE TABLE ledger_changes (
  id  bigserial PRIMARY KEY,
  at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION note_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_changes DEFAULT VALUES;
  RETURN NULL;
END $$;

CREATE TRIGGER units_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_change();
CREATE TRIGGER parties_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON parties
  FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_change();
CREATE TRIGGER phones_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON phones
  FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_change();
CREATE TRIGGER charges_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON charges
  FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_change();
CREATE TRIGGER payments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON payments
  FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_change();
CREATE TRIGGER holds_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holds
  FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_change();
