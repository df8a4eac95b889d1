-- A published audit referential is frozen. The referential module refuses every change with a
-- French message; these triggers are the second line, for any other writer (a script, a console):
-- no insert, update or delete of the items or determinants of a published referential, and no
-- change to a published referential itself (its version, or un-publishing it). Deleting a whole
-- referential (an edition deleted, cascading) stays possible: its items then find no parent row.
CREATE OR REPLACE FUNCTION referential_refuse_published_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  refs uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    refs := ARRAY[NEW.referential_id];
  ELSIF TG_OP = 'DELETE' THEN
    refs := ARRAY[OLD.referential_id];
  ELSE
    refs := ARRAY[OLD.referential_id, NEW.referential_id];
  END IF;
  IF EXISTS (SELECT 1 FROM referentials WHERE id = ANY (refs) AND published_at IS NOT NULL) THEN
    RAISE EXCEPTION 'Référentiel publié : % refusé sur la table %.', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'P0001', HINT = 'Un référentiel publié est figé ; l''édition suivante en reçoit une copie modifiable.';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER referential_items_frozen BEFORE INSERT OR UPDATE OR DELETE ON referential_items
  FOR EACH ROW EXECUTE FUNCTION referential_refuse_published_change();
--> statement-breakpoint
CREATE TRIGGER determinants_frozen BEFORE INSERT OR UPDATE OR DELETE ON determinants
  FOR EACH ROW EXECUTE FUNCTION referential_refuse_published_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION referential_refuse_unfreeze() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF OLD.published_at IS NOT NULL AND NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'Référentiel publié : il ne peut plus être modifié ni dépublié.'
      USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER referentials_frozen BEFORE UPDATE ON referentials
  FOR EACH ROW EXECUTE FUNCTION referential_refuse_unfreeze();
