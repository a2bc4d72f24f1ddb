-- Hardening (issue 18): the ledger's change notes name the units a statement touched, so the
-- arrears cache recomputes only those accounts (a payment during a campaign used to recompute all
-- 100,000). unit_id NULL means "possibly every unit" (TRUNCATE, a statement touching many units,
-- notes written before this migration, a bulk import).
ALTER TABLE ledger_changes ADD COLUMN unit_id bigint;

-- Notes the distinct units in ids; more than 1,000 is noted as the whole ledger (recomputing it all
-- costs about the same, and the note stays one row).
CREATE FUNCTION note_ledger_units(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) > 1000 THEN
    INSERT INTO ledger_changes(unit_id) VALUES (NULL);
  ELSIF cardinality(ids) > 0 THEN
    INSERT INTO ledger_changes(unit_id) SELECT DISTINCT u FROM unnest(ids) AS u;
  END IF;
END $$;

-- Statement-level triggers with transition tables: one call per statement, however many rows.
-- Each branch names only the transition tables its event has (plpgsql plans a statement when it
-- first runs it). TG_ARGV[0] says where the unit id is: the row's unit_id, the unit's own id, or
-- (phones) the party's unit.
CREATE FUNCTION note_ledger_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_ARGV[0] = 'unit_id' THEN
    IF TG_OP = 'INSERT' THEN ids := ARRAY(SELECT DISTINCT unit_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN ids := ARRAY(SELECT DISTINCT unit_id FROM old_rows);
    ELSE ids := ARRAY(SELECT unit_id FROM new_rows UNION SELECT unit_id FROM old_rows);
    END IF;
  ELSIF TG_ARGV[0] = 'id' THEN
    IF TG_OP = 'INSERT' THEN ids := ARRAY(SELECT id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN ids := ARRAY(SELECT id FROM old_rows);
    ELSE ids := ARRAY(SELECT id FROM new_rows UNION SELECT id FROM old_rows);
    END IF;
  ELSE -- party_id; a phone whose party is already gone gives a NULL: the whole ledger rather than a missed unit.
    IF TG_OP = 'INSERT' THEN ids := ARRAY(SELECT DISTINCT p.unit_id FROM new_rows r LEFT JOIN parties p ON p.id = r.party_id);
    ELSIF TG_OP = 'DELETE' THEN ids := ARRAY(SELECT DISTINCT p.unit_id FROM old_rows r LEFT JOIN parties p ON p.id = r.party_id);
    ELSE ids := ARRAY(SELECT p.unit_id FROM new_rows r LEFT JOIN parties p ON p.id = r.party_id
                      UNION SELECT p.unit_id FROM old_rows r LEFT JOIN parties p ON p.id = r.party_id);
    END IF;
  END IF;
  IF array_position(ids, NULL) IS NOT NULL THEN
    INSERT INTO ledger_changes(unit_id) VALUES (NULL);
  ELSE
    PERFORM note_ledger_units(ids);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION note_ledger_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_changes(unit_id) VALUES (NULL);
  RETURN NULL;
END $$;

DROP TRIGGER units_changed ON units;
DROP TRIGGER parties_changed ON parties;
DROP TRIGGER phones_changed ON phones;
DROP TRIGGER charges_changed ON charges;
DROP TRIGGER payments_changed ON payments;
DROP TRIGGER holds_changed ON holds;
DROP FUNCTION note_ledger_change();

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('units', 'id'), ('parties', 'unit_id'), ('phones', 'party_id'), ('charges', 'unit_id'),
                                 ('payments', 'unit_id'), ('holds', 'unit_id')) AS v(name, key) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_rows(%L)', t.name || '_noted_insert', t.name, t.key);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_rows(%L)', t.name || '_noted_update', t.name, t.key);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_rows(%L)', t.name || '_noted_delete', t.name, t.key);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_truncate()',
                   t.name || '_noted_truncate', t.name);
  END LOOP;
END $$;
